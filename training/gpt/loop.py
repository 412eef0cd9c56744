"""The training run: device and precision, the optimizer and its schedule, checkpoints, the loop, and the short
timed measurement that a time budget is planned from."""

import hashlib
import io
import json
import math
import os
import signal
import time

import torch

from .data import Batches, SequenceSet
from .model import GPT, GPTConfig
from .protocol import (EXIT_CORRUPT_CHECKPOINT, EXIT_INTERRUPTED, RESUMABLE_CHANGES, Failure, bad_input,
                       parameter_counts)
from .vocabulary import VOCAB_SIZE

CHECKPOINT_MAGIC = b"SUPERPOSITION-CHECKPOINT 2\n"


def gpt_config(model_config):
    return GPTConfig(vocab_size=VOCAB_SIZE, context=model_config["context"], width=model_config["width"],
                     layers=model_config["layers"], heads=model_config["heads"])


def resolve_device(training):
    """(torch.device, autocast dtype or None) from config.training.device and .precision."""
    wanted = training["device"]
    if wanted == "cuda" and not torch.cuda.is_available():
        raise bad_input(f"config.training.device: \"cuda\" but torch {torch.__version__} sees no CUDA device "
                        f"(built with CUDA {torch.version.cuda}); use \"auto\" or \"cpu\"")
    device = torch.device("cuda" if wanted == "cuda" or (wanted == "auto" and torch.cuda.is_available()) else "cpu")
    precision = training["precision"]
    if precision == "auto":
        precision = "bf16" if device.type == "cuda" else "fp32"
    if precision == "bf16" and device.type == "cuda" and not torch.cuda.is_bf16_supported():
        raise bad_input("config.training.precision: \"bf16\" but this GPU has no bfloat16; use \"fp32\"")
    return device, (torch.bfloat16 if precision == "bf16" else None)


def prepare(training):
    """Threads, determinism and TF32 before anything touches the device."""
    torch.set_num_threads(training["threads"])
    device, autocast = resolve_device(training)
    if device.type == "cuda":
        # cuBLAS is deterministic only with a fixed workspace; it must be set before the first CUDA call.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        # Some CUDA kernels (embedding backward) have no deterministic form: warn rather than fail there.
        torch.use_deterministic_algorithms(True, warn_only=True)
    else:
        torch.use_deterministic_algorithms(True)
    return device, autocast


def precision_name(autocast):
    return "bf16" if autocast is torch.bfloat16 else "fp32"


def autocast_context(device, autocast):
    if autocast is None:
        return torch.autocast(device_type=device.type, enabled=False)
    return torch.autocast(device_type=device.type, dtype=autocast)


def build(model_config, seed):
    """The model with GPT-2's initialisation, drawn on the CPU from the seed (so every device starts alike)."""
    torch.manual_seed(seed)
    return GPT(gpt_config(model_config)).init_gpt2_()


def learning_rate(training, step):
    """The rate for step (0-based): linear warmup, then constant or a cosine to min_lr_ratio × lr at the last step."""
    lr, warmup, steps = training["lr"], training["warmup_steps"], training["steps"]
    if step < warmup:
        return lr * (step + 1) / warmup
    if training["schedule"] == "constant" or steps - warmup <= 1:
        return lr
    progress = (step - warmup) / (steps - warmup - 1)
    floor = training["min_lr_ratio"]
    return lr * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress)))


def make_optimizer(model, training):
    # Decay matrices and embeddings, not biases or LayerNorm gains (nanoGPT's split); betas as GPT-3.
    decay = [p for _, p in model.named_parameters() if p.dim() >= 2]
    keep = [p for _, p in model.named_parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": training["weight_decay"]},
                              {"params": keep, "weight_decay": 0.0}], lr=training["lr"], betas=(0.9, 0.95), eps=1e-8)


class Trainer:
    """One optimisation step at a time on the training device; the loop and the measurement both drive it."""

    def __init__(self, model, training, sequences, device, autocast):
        self.model, self.training, self.device, self.autocast = model.to(device), training, device, autocast
        self.optimizer = make_optimizer(self.model, training)
        self.answers = training["loss"] == "answers"
        self.batches = Batches(sequences, training["batch"], training["seed"], self.answers)

    def step(self, step):
        """Trains on batch `step`; (mean loss, real tokens, scored tokens)."""
        inputs, targets, tokens = self.batches.at(step)
        for group in self.optimizer.param_groups:
            group["lr"] = learning_rate(self.training, step)
        with autocast_context(self.device, self.autocast):
            loss_sum, scored = self.model.loss(inputs, targets)
        loss = loss_sum / max(scored, 1)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if self.training["grad_clip"] > 0:
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.training["grad_clip"])
        self.optimizer.step()
        return float(loss), tokens, scored

    def heldout_loss(self, heldout):
        """Mean loss per scored token over every held-out sequence (the configured tokens: all or answers)."""
        if heldout is None or len(heldout) == 0:
            return None
        self.model.eval()
        total, count = 0.0, 0
        with torch.no_grad(), autocast_context(self.device, self.autocast):
            for inputs, targets, _ in heldout.chunks(self.training["batch"], self.answers):
                loss, n = self.model.loss(inputs, targets)
                total, count = total + float(loss), count + n
        self.model.train()
        return total / count if count else None


def measure(config, train_set, seconds, events):
    """Times training steps (2 untimed, then at least 5 and at least `seconds`) and reports steps/s: what a time
    budget's step count is planned from. Nothing is written."""
    training = config["training"]
    device, autocast = prepare(training)
    trainer = Trainer(build(config["model"], training["seed"]), training, SequenceSet(train_set, device), device, autocast)
    trainer.model.train()
    for step in range(2):
        trainer.step(step)
    synchronize(device)
    started, steps, tokens = time.perf_counter(), 0, 0
    while steps < 5 or time.perf_counter() - started < seconds:
        tokens += trainer.step(2 + steps)[1]
        steps += 1
        if steps % 5 == 0:
            synchronize(device)
    synchronize(device)
    elapsed = time.perf_counter() - started
    events("measured", steps_per_s=steps / elapsed, tokens_per_s=tokens / elapsed, timed_steps=steps,
           device=device.type, precision=precision_name(autocast), torch=torch.__version__)


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


# ----------------------------------------------------------------------------------------------------------------
# Checkpoints: one file, a SHA-256 of the payload in its first line, written to a temporary file and renamed.
# ----------------------------------------------------------------------------------------------------------------

def save_checkpoint(path, state):
    buffer = io.BytesIO()
    torch.save(state, buffer)
    payload = buffer.getvalue()
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(CHECKPOINT_MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load_checkpoint(path, device):
    def corrupted(why):
        return Failure(EXIT_CORRUPT_CHECKPOINT,
                       f"checkpoint {path} is corrupted ({why}); not restarting from step 0: restore it, or delete it to train from the start")

    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"SUPERPOSITION-CHECKPOINT "):
        version = data[len(b"SUPERPOSITION-CHECKPOINT "):data.find(b"\n")].decode("ascii", "replace")
        if data[:len(CHECKPOINT_MAGIC)] != CHECKPOINT_MAGIC:
            # Format 1 hashed the data differently (list-form JSON): its run cannot be continued by this trainer.
            raise Failure(EXIT_CORRUPT_CHECKPOINT, f"checkpoint {path} is format {version}, written by an earlier trainer; "
                                                   "this one continues format 2 only: delete it to train from the start")
    else:
        raise corrupted("it does not start with the checkpoint header")
    rest = data[len(CHECKPOINT_MAGIC):]
    recorded, payload = rest[:64], rest[65:]
    if rest[64:65] != b"\n" or hashlib.sha256(payload).hexdigest().encode("ascii") != recorded:
        raise corrupted("its SHA-256 does not match its content")
    try:
        return torch.load(io.BytesIO(payload), map_location=device)
    except Exception as e:  # the hash matched, so this is a checkpoint this torch cannot read
        raise corrupted(f"torch cannot read it: {e}")


def check_resumable(path, saved, config, data_sha256):
    for section in ("model", "training"):
        for name, value in config[section].items():
            if section == "training" and name in RESUMABLE_CHANGES:
                continue
            before = saved["config"][section].get(name)
            if before != value:
                raise bad_input(f"config.{section}.{name}: is {json.dumps(value)} but checkpoint {path} was made with "
                                f"{json.dumps(before)}; use another --out or delete the checkpoint")
    if saved["data_sha256"] != data_sha256:
        raise bad_input(f"the input sequences differ from those checkpoint {path} was trained on; "
                        "use another --out or delete the checkpoint")


def train(config, train_set, heldout_set, data_sha256, out, resume, stop_after, events):
    """Trains to config.training.steps (or until a signal / stop_after), checkpointing; returns (model, state, info)."""
    from .export import CHECKPOINT_FILE

    model_config, training = config["model"], config["training"]
    checkpoint = os.path.join(out, CHECKPOINT_FILE)
    device, autocast = prepare(training)
    os.makedirs(out, exist_ok=True)
    trainer = Trainer(build(model_config, training["seed"]), training, SequenceSet(train_set, device), device, autocast)
    heldout = SequenceSet(heldout_set, device) if heldout_set else None
    model, optimizer = trainer.model, trainer.optimizer
    state = {"step": 0, "tokens_seen": 0, "scored_tokens_seen": 0, "wall_s": 0.0, "losses": [],
             "train_curve": [], "heldout_curve": []}
    resumed_from = None
    if resume and os.path.exists(checkpoint):
        saved = load_checkpoint(checkpoint, device)
        check_resumable(checkpoint, saved, config, data_sha256)
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        torch.set_rng_state(saved["rng"].cpu())
        state = saved["progress"]
        resumed_from = state["step"]
    non_embedding, total = parameter_counts(model_config)
    assert total == sum(p.numel() for p in model.parameters())
    events("start", steps=training["steps"], resumed_from=resumed_from, parameters=total,
           non_embedding_parameters=non_embedding, sequences=len(train_set), heldout_sequences=len(heldout_set),
           torch=torch.__version__, device=device.type, precision=precision_name(autocast))

    def save():
        save_checkpoint(checkpoint, {"format": 2, "config": config, "data_sha256": data_sha256,
                                     "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                                     "rng": torch.get_rng_state(), "progress": state})
        events("checkpoint", step=state["step"], path=checkpoint)

    interrupted = []

    def on_signal(signum, _frame):
        interrupted.append(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    model.train()
    session_start = time.perf_counter()
    session_first_step, wall_before = state["step"], state["wall_s"]
    interval_start, interval_tokens, interval_losses = session_start, 0, []
    try:
        while state["step"] < training["steps"]:
            step = state["step"]
            loss, tokens, scored = trainer.step(step)
            state["step"] = step + 1
            state["tokens_seen"] += tokens
            state["scored_tokens_seen"] += scored
            state["losses"].append(loss)
            interval_tokens += tokens
            interval_losses.append(loss)
            done = state["step"] == training["steps"]
            now = time.perf_counter()
            if state["step"] % training["log_every"] == 0 or done:
                mean = sum(interval_losses) / len(interval_losses)
                per_step = (now - session_start) / (state["step"] - session_first_step)
                state["train_curve"].append([state["step"], mean])
                events("step", step=state["step"], steps=training["steps"], loss=mean,
                       lr=learning_rate(training, step), tokens_per_s=interval_tokens / max(now - interval_start, 1e-9),
                       eta_s=per_step * (training["steps"] - state["step"]))
                interval_start, interval_tokens, interval_losses = now, 0, []
            if heldout is not None and ((training["eval_every"] and state["step"] % training["eval_every"] == 0) or done):
                value = trainer.heldout_loss(heldout)
                state["heldout_curve"].append([state["step"], value])
                events("eval", step=state["step"], heldout_loss=value)
            state["wall_s"] = wall_before + (time.perf_counter() - session_start)
            stop = interrupted or (stop_after is not None and state["step"] >= stop_after and not done)
            if done or stop or (training["checkpoint_every"] and state["step"] % training["checkpoint_every"] == 0):
                save()
            if stop and not done:
                why = "signal" if interrupted else "stop-after"
                events("interrupted", step=state["step"], reason=why, checkpoint=checkpoint)
                raise Failure(EXIT_INTERRUPTED, f"interrupted at step {state['step']} ({why}); the checkpoint {checkpoint} "
                                                "holds it: run again with --resume to continue")
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    wall = state["wall_s"]
    info = {"device": device.type, "precision": precision_name(autocast),
            "tokens_per_s": round(state["tokens_seen"] / wall, 1) if wall > 0 else None}
    return model, state, info
