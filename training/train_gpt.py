#!/usr/bin/env python3
"""Trains a GPT-2-architecture language model with a byte-level vocabulary: the gradient-descent half of
`superposition train`. The C# command writes the training sequences on stdin; this script trains, checkpoints, and
exports the model as an ONNX folder (the suite's provider loads it as is) and a Hugging Face folder.

  /usr/bin/python3 training/train_gpt.py --out DIR [--resume] [--stop-after N] < sequences.jsonl
  /usr/bin/python3 training/train_gpt.py --check       (prints one "ready" line when torch is usable)

The protocol (stdin lines, stdout events, exit codes, output files) is defined in training/README.md.
Only the standard library and PyTorch (>= 1.13; Debian: apt-get install -y python3-torch) are used.
"""

import argparse
import copy
import hashlib
import io
import json
import math
import os
import shutil
import signal
import struct
import sys
import time
import warnings

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_CORRUPT_CHECKPOINT = 3
EXIT_NO_TORCH = 4
EXIT_INTERRUPTED = 130

VOCAB_SIZE = 257
END_OF_TEXT = 256
END_OF_TEXT_TOKEN = "<|endoftext|>"
LAYER_NORM_EPS = 1e-5
EXPORT_TOLERANCE = 1e-5
# ONNX Runtime computes the graph in float32 in its own summation order; against the float64 reference its logits
# differed by 2.4e-6 to 7.6e-6 on trained models here, so probe.json allows 5e-5: a wrong weight, layout or formula
# moves logits by far more.
PROBE_TOLERANCE = 5e-5
CHECKPOINT_FILE = "checkpoint.pt"
CHECKPOINT_MAGIC = b"SUPERPOSITION-CHECKPOINT 1\n"
TORCH_INSTALL = "apt-get install -y python3-torch"

# The config's fields: (type, required, default). Anything else in the config is rejected by name.
MODEL_FIELDS = {"layers": (int, True, None), "width": (int, True, None), "heads": (int, True, None),
                "context": (int, True, None)}
TRAINING_FIELDS = {
    "steps": (int, True, None), "batch": (int, True, None), "lr": (float, True, None),
    "warmup_steps": (int, True, None), "schedule": (str, True, None), "weight_decay": (float, True, None),
    "seed": (int, True, None), "threads": (int, True, None), "checkpoint_every": (int, True, None),
    "loss": (str, True, None), "eval_every": (int, True, None),
    "log_every": (int, False, 10), "grad_clip": (float, False, 1.0), "min_lr_ratio": (float, False, 0.1),
}
# Fields that change only what is reported or how often it is saved, never the weights: a resume may change them.
RESUMABLE_CHANGES = {"checkpoint_every", "eval_every", "log_every"}


class Failure(Exception):
    """An error reported as one line on stderr with its exit code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def bad_input(message):
    return Failure(EXIT_BAD_INPUT, f"bad input: {message}")


# ----------------------------------------------------------------------------------------------------------------
# Input: the config line, then one line per sequence.
# ----------------------------------------------------------------------------------------------------------------

def read_fields(section, value, fields):
    if not isinstance(value, dict):
        raise bad_input(f"config.{section}: expected an object, got {json.dumps(value)}")
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise bad_input(f"config.{section}.{unknown[0]}: unknown field (known: {', '.join(fields)})")
    out = {}
    for name, (kind, required, default) in fields.items():
        path = f"config.{section}.{name}"
        if name not in value:
            if required:
                raise bad_input(f"{path}: missing")
            out[name] = default
            continue
        v = value[name]
        if kind is int and (isinstance(v, bool) or not isinstance(v, int)):
            raise bad_input(f"{path}: expected an integer, got {json.dumps(v)}")
        if kind is float and (isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v)):
            raise bad_input(f"{path}: expected a number, got {json.dumps(v)}")
        if kind is str and not isinstance(v, str):
            raise bad_input(f"{path}: expected a string, got {json.dumps(v)}")
        out[name] = float(v) if kind is float else v
    return out


def check_config(raw):
    if not isinstance(raw, dict):
        raise bad_input(f"config: expected an object, got {json.dumps(raw)}")
    unknown = sorted(set(raw) - {"model", "training", "meta"})
    if unknown:
        raise bad_input(f"config.{unknown[0]}: unknown field (known: model, training, meta)")
    for section in ("model", "training"):
        if section not in raw:
            raise bad_input(f"config.{section}: missing")
    model = read_fields("model", raw["model"], MODEL_FIELDS)
    training = read_fields("training", raw["training"], TRAINING_FIELDS)

    def positive(section, name, value):
        if value <= 0:
            raise bad_input(f"config.{section}.{name}: must be positive, got {value}")

    def non_negative(section, name, value):
        if value < 0:
            raise bad_input(f"config.{section}.{name}: must be zero or more, got {value}")

    for name in MODEL_FIELDS:
        positive("model", name, model[name])
    if model["width"] % model["heads"] != 0:
        raise bad_input(f"config.model.heads: {model['heads']} does not divide config.model.width {model['width']}")
    if model["context"] < 2:
        raise bad_input(f"config.model.context: must be at least 2 (one token and its successor), got {model['context']}")
    for name in ("steps", "batch", "lr", "threads", "log_every"):
        positive("training", name, training[name])
    for name in ("warmup_steps", "weight_decay", "checkpoint_every", "eval_every", "grad_clip", "min_lr_ratio"):
        non_negative("training", name, training[name])
    if training["warmup_steps"] > training["steps"]:
        raise bad_input(f"config.training.warmup_steps: {training['warmup_steps']} exceeds config.training.steps {training['steps']}")
    if training["min_lr_ratio"] > 1:
        raise bad_input(f"config.training.min_lr_ratio: must be at most 1, got {training['min_lr_ratio']}")
    if training["schedule"] not in ("cosine", "constant"):
        raise bad_input(f"config.training.schedule: expected \"cosine\" or \"constant\", got {json.dumps(training['schedule'])}")
    if training["loss"] not in ("all", "answers"):
        raise bad_input(f"config.training.loss: expected \"all\" or \"answers\", got {json.dumps(training['loss'])}")
    if not 0 <= training["seed"] < 2 ** 63:
        raise bad_input(f"config.training.seed: must be in 0..2^63-1, got {training['seed']}")
    check_memory(model, training)
    return {"model": model, "training": training, "meta": raw.get("meta")}


def parameter_counts(model):
    w, n_layer = model["width"], model["layers"]
    per_layer = 12 * w * w + 13 * w  # c_attn 3w²+3w, attn c_proj w²+w, c_fc 4w²+4w, mlp c_proj 4w²+w, two LayerNorms 4w
    non_embedding = n_layer * per_layer + 2 * w  # + ln_f
    return non_embedding, non_embedding + VOCAB_SIZE * w + model["context"] * w


def check_memory(model, training):
    """Rejects a size that cannot fit in this machine's memory (a rough upper estimate, float32)."""
    _, total = parameter_counts(model)
    b, t, w, h, n = training["batch"], model["context"], model["width"], model["heads"], model["layers"]
    # weights, gradients, two Adam moments; activations kept for backward: ~16 width-sized and ~3 attention maps per layer.
    need = 4 * (4 * total + b * t * n * (16 * w + 3 * h * t) + 2 * b * t * VOCAB_SIZE)
    try:
        have = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return
    if need > 0.8 * have:
        raise bad_input(f"config.model: this size with config.training.batch {b} needs about {need / 2 ** 30:.1f} GiB, "
                        f"more than 80% of this machine's {have / 2 ** 30:.1f} GiB")


def read_stream(stream):
    """The config and the sequences; every line is checked, an error names its line and field."""
    first = stream.readline()
    if not first.strip():
        raise bad_input("line 1: expected {\"config\": {...}}, got end of input")
    try:
        head = json.loads(first)
    except json.JSONDecodeError as e:
        raise bad_input(f"line 1: not valid JSON ({e.msg})")
    if not isinstance(head, dict) or set(head) != {"config"}:
        raise bad_input("line 1: expected an object with the single field \"config\"")
    config = check_config(head["config"])
    context, answers = config["model"]["context"], config["training"]["loss"] == "answers"
    train, heldout = [], []
    digest = hashlib.sha256()
    for number, line in enumerate(stream, start=2):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise bad_input(f"line {number}: not valid JSON ({e.msg})")
        if not isinstance(item, dict):
            raise bad_input(f"line {number}: expected an object with \"ids\"")
        unknown = sorted(set(item) - {"ids", "answer_mask", "heldout"})
        if unknown:
            raise bad_input(f"line {number}: {unknown[0]}: unknown field (known: ids, answer_mask, heldout)")
        ids = item.get("ids")
        if not isinstance(ids, list) or len(ids) < 2:
            raise bad_input(f"line {number}: ids: expected a list of at least 2 token ids, got {json.dumps(ids)[:80]}")
        for i, t in enumerate(ids):
            if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t < VOCAB_SIZE:
                raise bad_input(f"line {number}: ids[{i}]: expected a token id 0..{VOCAB_SIZE - 1}, got {json.dumps(t)}")
        if len(ids) > context:
            raise bad_input(f"line {number}: ids: {len(ids)} tokens exceed config.model.context {context}")
        mask = item.get("answer_mask")
        if mask is None:
            if answers:
                raise bad_input(f"line {number}: answer_mask: missing (config.training.loss is \"answers\")")
            mask = [0] * len(ids)
        if not isinstance(mask, list) or len(mask) != len(ids):
            raise bad_input(f"line {number}: answer_mask: expected a list of {len(ids)} zeros and ones (one per id)")
        for i, m in enumerate(mask):
            if isinstance(m, bool) or m not in (0, 1):
                raise bad_input(f"line {number}: answer_mask[{i}]: expected 0 or 1, got {json.dumps(m)}")
        if mask[0] == 1:
            raise bad_input(f"line {number}: answer_mask[0]: the first token has nothing before it to be predicted from")
        is_heldout = item.get("heldout", False)
        if not isinstance(is_heldout, bool):
            raise bad_input(f"line {number}: heldout: expected true or false, got {json.dumps(is_heldout)}")
        (heldout if is_heldout else train).append((ids, mask))
        digest.update(json.dumps([ids, mask, is_heldout], separators=(",", ":")).encode("ascii"))
        digest.update(b"\n")
    if not train:
        raise bad_input("no training sequences after the config line")
    if answers and not any(any(m[1:]) for _, m in train):
        raise bad_input("answer_mask: config.training.loss is \"answers\" but no training sequence marks an answer token")
    return config, train, heldout, digest.hexdigest()


# ----------------------------------------------------------------------------------------------------------------
# Byte-level vocabulary files.
# ----------------------------------------------------------------------------------------------------------------

def bytes_to_unicode():
    """GPT-2's table from each byte to a printable character (the byte-level vocabulary's alphabet)."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + n)
            n += 1
    return dict(zip(printable, (chr(c) for c in chars)))


def vocabulary():
    """Id b is byte b (so a text's ids are its UTF-8 bytes); 256 is <|endoftext|>."""
    table = bytes_to_unicode()
    vocab = {table[b]: b for b in range(256)}
    vocab[END_OF_TEXT_TOKEN] = END_OF_TEXT
    return vocab


def write_json(path, value, indent=2):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(value, f, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
        f.write("\n")


def write_tokenizer(folder):
    vocab = vocabulary()
    write_json(os.path.join(folder, "vocab.json"), vocab, indent=None)
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("#version: 0.2\n")
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    write_json(os.path.join(folder, "tokenizer.json"), {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": END_OF_TEXT, "content": END_OF_TEXT_TOKEN, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": True, "special": True}],
        "normalizer": None,
        "pre_tokenizer": byte_level,
        "post_processor": byte_level,
        "decoder": byte_level,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "vocab": vocab, "merges": []},
    })
    write_json(os.path.join(folder, "tokenizer_config.json"), {
        "tokenizer_class": "GPT2Tokenizer", "model_max_length": None, "add_prefix_space": False,
        "bos_token": END_OF_TEXT_TOKEN, "eos_token": END_OF_TEXT_TOKEN, "unk_token": END_OF_TEXT_TOKEN,
    })


def hf_config(model):
    return {
        "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": VOCAB_SIZE,
        "n_positions": model["context"], "n_ctx": model["context"], "n_embd": model["width"],
        "n_layer": model["layers"], "n_head": model["heads"], "n_inner": None,
        "activation_function": "gelu_new", "layer_norm_epsilon": LAYER_NORM_EPS, "initializer_range": 0.02,
        "resid_pdrop": 0.0, "embd_pdrop": 0.0, "attn_pdrop": 0.0, "scale_attn_weights": True,
        "scale_attn_by_inverse_layer_idx": False, "reorder_and_upcast_attn": False,
        "bos_token_id": END_OF_TEXT, "eos_token_id": END_OF_TEXT, "tie_word_embeddings": True,
        "use_cache": True, "torch_dtype": "float32",
    }


# ----------------------------------------------------------------------------------------------------------------
# Everything below needs torch; it is imported after the input has been checked.
# ----------------------------------------------------------------------------------------------------------------

torch = None


def import_torch():
    global torch
    try:
        import torch as t
    except ImportError as e:
        raise Failure(EXIT_NO_TORCH, f"PyTorch is not installed for {sys.executable} ({e}); install it with: {TORCH_INSTALL}")
    major, minor = (int(p) for p in t.__version__.split(".")[:2])
    if (major, minor) < (1, 13):
        raise Failure(EXIT_NO_TORCH, f"PyTorch {t.__version__} is too old (1.13 or later is needed); install it with: {TORCH_INSTALL}")
    torch = t
    return t


def build_model(model_config):
    nn = torch.nn
    width, heads = model_config["width"], model_config["heads"]
    head_size = width // heads

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.c_attn = nn.Linear(width, 3 * width)
            self.c_proj = nn.Linear(width, width)

    class Mlp(nn.Module):
        def __init__(self):
            super().__init__()
            self.c_fc = nn.Linear(width, 4 * width)
            self.c_proj = nn.Linear(4 * width, width)

    class Block(nn.Module):
        """GPT-2's block: pre-LayerNorm causal self-attention and MLP with the tanh-approximated GELU."""

        def __init__(self):
            super().__init__()
            self.ln_1 = nn.LayerNorm(width, eps=LAYER_NORM_EPS)
            self.attn = Attention()
            self.ln_2 = nn.LayerNorm(width, eps=LAYER_NORM_EPS)
            self.mlp = Mlp()

        def forward(self, x, allowed, past_key, past_value):
            batch, length, _ = x.shape
            q, k, v = self.attn.c_attn(self.ln_1(x)).split(width, dim=2)
            q, k, v = (t.view(batch, length, heads, head_size).transpose(1, 2) for t in (q, k, v))
            if past_key is not None:
                k = torch.cat([past_key, k], dim=2)
                v = torch.cat([past_value, v], dim=2)
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(head_size)
            # A large finite value, not -inf: a padding row (every key masked) stays finite.
            scores = torch.where(allowed, scores, torch.full_like(scores, -1e9))
            attended = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(batch, length, width)
            x = x + self.attn.c_proj(attended)
            h = self.mlp.c_fc(self.ln_2(x))
            h = 0.5 * h * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (h + 0.044715 * torch.pow(h, 3.0))))
            return x + self.mlp.c_proj(h), k, v

    class Gpt2(nn.Module):
        def __init__(self):
            super().__init__()
            self.wte = nn.Embedding(VOCAB_SIZE, width)
            self.wpe = nn.Embedding(model_config["context"], width)
            self.h = nn.ModuleList(Block() for _ in range(model_config["layers"]))
            self.ln_f = nn.LayerNorm(width, eps=LAYER_NORM_EPS)

        def run(self, input_ids, attention_mask=None, position_ids=None, past=None):
            """Logits and the key/value cache; the same code trains and is exported to ONNX."""
            length = input_ids.shape[1]
            past_length = 0 if past is None else past[0][0].shape[2]
            if position_ids is None:
                position_ids = torch.arange(length).unsqueeze(0)
            x = self.wte(input_ids) + self.wpe(position_ids)
            query = torch.arange(length).unsqueeze(1) + past_length
            key = torch.arange(past_length + length).unsqueeze(0)
            allowed = (key <= query).unsqueeze(0).unsqueeze(0)
            if attention_mask is not None:
                allowed = allowed & attention_mask.bool().unsqueeze(1).unsqueeze(2)
            present = []
            for i, block in enumerate(self.h):
                x, k, v = block(x, allowed, *(past[i] if past is not None else (None, None)))
                present += [k, v]
            # The output embedding is tied to wte, as in GPT-2.
            return torch.matmul(self.ln_f(x), self.wte.weight.t()), present

        def forward(self, input_ids):
            return self.run(input_ids)[0]

    model = Gpt2()
    # GPT-2's initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2 * layers), zero biases.
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("bias"):
                p.zero_()
            elif name.startswith("ln") or ".ln_" in name:
                p.fill_(1.0)
            elif name.endswith("c_proj.weight"):
                p.normal_(0.0, 0.02 / math.sqrt(2 * model_config["layers"]))
            else:
                p.normal_(0.0, 0.02)
    return model


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


class Batches:
    """Batch k holds the stream positions k·batch … k·batch + batch - 1, where the stream walks the training sequences
    epoch after epoch, each epoch in a permutation drawn from (seed, epoch): the batches are a function of the step
    alone, so a resumed run draws exactly the batches an uninterrupted one does."""

    def __init__(self, sequences, batch, seed, answers):
        self.sequences, self.batch, self.seed, self.answers = sequences, batch, seed, answers
        self.permutations = {}

    def order(self, epoch):
        if epoch not in self.permutations:
            generator = torch.Generator().manual_seed((self.seed * 1_000_003 + epoch) % 2 ** 63)
            # A batch may straddle two epochs: keep the previous one.
            self.permutations = {e: p for e, p in self.permutations.items() if e == epoch - 1}
            self.permutations[epoch] = torch.randperm(len(self.sequences), generator=generator).tolist()
        return self.permutations[epoch]

    def at(self, step):
        n = len(self.sequences)
        chosen = [self.sequences[self.order(p // n)[p % n]] for p in range(step * self.batch, (step + 1) * self.batch)]
        return collate(chosen, self.answers)


def collate(chosen, answers):
    """Inputs padded on the right (causal attention never looks right) and targets with -100 where nothing is scored."""
    length = max(len(ids) for ids, _ in chosen)
    inputs = torch.full((len(chosen), length - 1), END_OF_TEXT, dtype=torch.long)
    targets = torch.full((len(chosen), length - 1), -100, dtype=torch.long)
    for row, (ids, mask) in enumerate(chosen):
        n = len(ids) - 1
        inputs[row, :n] = torch.tensor(ids[:-1])
        scored = torch.tensor(ids[1:])
        if answers:
            scored = torch.where(torch.tensor(mask[1:]) == 1, scored, torch.full_like(scored, -100))
        targets[row, :n] = scored
    tokens = sum(len(ids) - 1 for ids, _ in chosen)
    return inputs, targets, tokens


def loss_of(model, inputs, targets):
    logits = model(inputs)
    return torch.nn.functional.cross_entropy(logits.reshape(-1, VOCAB_SIZE), targets.reshape(-1), ignore_index=-100,
                                             reduction="sum"), int((targets != -100).sum())


def heldout_loss(model, heldout, training):
    """Mean loss per scored token over every held-out sequence (the configured tokens: all or answers)."""
    if not heldout:
        return None
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(heldout), training["batch"]):
            inputs, targets, _ = collate(heldout[start:start + training["batch"]], training["loss"] == "answers")
            loss, n = loss_of(model, inputs, targets)
            total, count = total + float(loss), count + n
    model.train()
    return total / count if count else None


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


def load_checkpoint(path):
    def corrupted(why):
        return Failure(EXIT_CORRUPT_CHECKPOINT,
                       f"checkpoint {path} is corrupted ({why}); not restarting from step 0: restore it, or delete it to train from the start")

    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(CHECKPOINT_MAGIC):
        raise corrupted("it does not start with the checkpoint header")
    rest = data[len(CHECKPOINT_MAGIC):]
    recorded, payload = rest[:64], rest[65:]
    if rest[64:65] != b"\n" or hashlib.sha256(payload).hexdigest().encode("ascii") != recorded:
        raise corrupted("its SHA-256 does not match its content")
    try:
        return torch.load(io.BytesIO(payload))
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


# ----------------------------------------------------------------------------------------------------------------
# Exports: safetensors written and re-read by hand, an independent forward in Hugging Face's layout, and ONNX.
# ----------------------------------------------------------------------------------------------------------------

def hf_tensors(model, n_layer):
    """GPT-2's tensor names; nn.Linear's [out, in] weights transposed into Conv1D's [in, out]."""
    s = model.state_dict()
    out = {"transformer.wte.weight": s["wte.weight"], "transformer.wpe.weight": s["wpe.weight"],
           "transformer.ln_f.weight": s["ln_f.weight"], "transformer.ln_f.bias": s["ln_f.bias"]}
    for i in range(n_layer):
        for part in ("ln_1", "ln_2"):
            for kind in ("weight", "bias"):
                out[f"transformer.h.{i}.{part}.{kind}"] = s[f"h.{i}.{part}.{kind}"]
        for part in ("attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"):
            out[f"transformer.h.{i}.{part}.weight"] = s[f"h.{i}.{part}.weight"].t()
            out[f"transformer.h.{i}.{part}.bias"] = s[f"h.{i}.{part}.bias"]
    return {name: t.detach().to(torch.float32).contiguous() for name, t in out.items()}


def write_safetensors(path, tensors):
    import numpy
    header, chunks, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        raw = tensors[name].numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)  # the data starts 8-byte aligned, as the safetensors library writes it
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for chunk in chunks:
            f.write(chunk)


def read_safetensors(path):
    """The file's tensors, parsed from the format's definition (not from what write_safetensors knows)."""
    import numpy
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + size].decode("utf-8"))
    body = data[8 + size:]
    tensors, end = {}, 0
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{name}: dtype {entry['dtype']}")
        start, stop = entry["data_offsets"]
        count = math.prod(entry["shape"])
        if stop - start != 4 * count or stop > len(body):
            raise ValueError(f"{name}: data_offsets {entry['data_offsets']} do not fit shape {entry['shape']}")
        array = numpy.frombuffer(body, dtype="<f4", count=count, offset=start).astype(numpy.float32)
        tensors[name] = torch.from_numpy(array.copy()).reshape(entry["shape"])
        end = max(end, stop)
    if end != len(body):
        raise ValueError(f"{len(body) - end} bytes after the last tensor")
    return tensors


def hf_forward(tensors, config, ids):
    """GPT2LMHeadModel's forward written from its definition over the safetensors' tensors (Conv1D: x @ W + b)."""
    n_head, eps = config["n_head"], config["layer_norm_epsilon"]

    def layer_norm(x, prefix):
        mean = x.mean(-1, keepdim=True)
        var = ((x - mean) ** 2).mean(-1, keepdim=True)
        return (x - mean) / torch.sqrt(var + eps) * tensors[prefix + ".weight"] + tensors[prefix + ".bias"]

    def conv1d(x, prefix):
        return x @ tensors[prefix + ".weight"] + tensors[prefix + ".bias"]

    def gelu_new(x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))

    n = len(ids)
    wte = tensors["transformer.wte.weight"]
    x = wte[torch.tensor(ids)] + tensors["transformer.wpe.weight"][:n]
    d = x.shape[-1] // n_head
    causal = torch.tril(torch.ones(n, n, dtype=torch.bool))
    for i in range(config["n_layer"]):
        p = f"transformer.h.{i}"
        q, k, v = conv1d(layer_norm(x, p + ".ln_1"), p + ".attn.c_attn").split(x.shape[-1], dim=-1)
        q, k, v = (t.reshape(n, n_head, d).transpose(0, 1) for t in (q, k, v))
        w = (q @ k.transpose(-1, -2)) / math.sqrt(d)
        w = w.masked_fill(~causal, float("-inf")).softmax(-1)
        x = x + conv1d((w @ v).transpose(0, 1).reshape(n, -1), p + ".attn.c_proj")
        x = x + conv1d(gelu_new(conv1d(layer_norm(x, p + ".ln_2"), p + ".mlp.c_fc")), p + ".mlp.c_proj")
    return layer_norm(x, "transformer.ln_f") @ wte.t()


def probe_sequences(train, heldout, context):
    """A few id sequences for export checks: held-out ones first, a short one scored at every position."""
    pool = [ids for ids, _ in heldout[:2]] + [ids for ids, _ in train[:2]]
    short = (pool[0][:8] if pool else [END_OF_TEXT, 65])
    return [("all", short)] + [("last", ids[:context]) for ids in pool[:3]]


def max_difference(a, b):
    return float((a - b).abs().max())


def export_hf(folder, model, reference, config, probes):
    os.makedirs(folder)
    cfg = hf_config(config["model"])
    write_json(os.path.join(folder, "config.json"), cfg)
    write_json(os.path.join(folder, "generation_config.json"),
               {"bos_token_id": END_OF_TEXT, "eos_token_id": END_OF_TEXT})
    write_tokenizer(folder)
    path = os.path.join(folder, "model.safetensors")
    write_safetensors(path, hf_tensors(model, config["model"]["layers"]))
    # Both sides in float64 from the same float32 weights: the check then sees a wrong name, layout or formula, not
    # the float32 rounding of two different summation orders (about 1e-5 on these logits with OpenBLAS).
    tensors = {name: t.double() for name, t in read_safetensors(path).items()}
    worst = 0.0
    with torch.no_grad():
        for _, ids in probes:
            expected = reference(torch.tensor([ids]))[0]
            worst = max(worst, max_difference(hf_forward(tensors, cfg, ids), expected))
    if not worst <= EXPORT_TOLERANCE:
        raise Failure(EXIT_INTERNAL, f"the Hugging Face export's logits differ from the training model's by {worst:.3g} (> {EXPORT_TOLERANCE})")
    return worst


def export_onnx(folder, model, reference, config, probes):
    nn = torch.nn
    n_layer, heads = config["model"]["layers"], config["model"]["heads"]
    head_size = config["model"]["width"] // heads

    class WithCache(nn.Module):
        """Optimum's decoder layout: input_ids, attention_mask, position_ids, past_key_values.<i>.key/value."""

        def __init__(self, inner):
            super().__init__()
            self.model = inner

        def forward(self, input_ids, attention_mask, position_ids, *flat_past):
            past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(n_layer)]
            logits, present = self.model.run(input_ids, attention_mask, position_ids, past)
            return (logits, *present)

    wrapper = WithCache(model).eval()

    # The graph is the wrapper traced; check in torch that the wrapper, fed its own cache, gives the training logits
    # (the float64 copy of both, so that only the wrapper's logic is compared, not float32 summation orders).
    checked = WithCache(reference).eval()
    worst = 0.0
    with torch.no_grad():
        for _, ids in probes:
            expected = reference(torch.tensor([ids]))[0]
            split = max(1, len(ids) // 2)
            empty = [torch.zeros(1, heads, 0, head_size, dtype=torch.float64) for _ in range(2 * n_layer)]
            first = checked(torch.tensor([ids[:split]]), torch.ones(1, split, dtype=torch.long),
                            torch.arange(split).unsqueeze(0), *empty)
            rest = checked(torch.tensor([ids[split:]]), torch.ones(1, len(ids), dtype=torch.long),
                           torch.arange(split, len(ids)).unsqueeze(0), *first[1:])
            worst = max(worst, max_difference(torch.cat([first[0][0], rest[0][0]]), expected))
    if not worst <= EXPORT_TOLERANCE:
        raise Failure(EXIT_INTERNAL, f"the ONNX wrapper's logits differ from the training model's by {worst:.3g} (> {EXPORT_TOLERANCE})")

    os.makedirs(folder)
    batch, length, past_length = 2, 3, 2
    names, present_names, past = [], [], []
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "past_sequence_length + sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"}}
    for i in range(n_layer):
        for kind in ("key", "value"):
            past.append(torch.zeros(batch, heads, past_length, head_size))
            names.append(f"past_key_values.{i}.{kind}")
            present_names.append(f"present.{i}.{kind}")
            axes[names[-1]] = {0: "batch_size", 2: "past_sequence_length"}
            axes[present_names[-1]] = {0: "batch_size", 2: "past_sequence_length + sequence_length"}
    ids = torch.tensor([[1, 2, 3], [4, 5, 6]])
    positions = torch.arange(past_length, past_length + length).unsqueeze(0).expand(batch, length)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(wrapper, (ids, torch.ones(batch, past_length + length, dtype=torch.long), positions, *past),
                          os.path.join(folder, "model.onnx"), input_names=["input_ids", "attention_mask", "position_ids", *names],
                          output_names=["logits", *present_names], dynamic_axes=axes, opset_version=14,
                          do_constant_folding=True)
    write_json(os.path.join(folder, "config.json"), hf_config(config["model"]))
    write_tokenizer(folder)
    cases = []
    with torch.no_grad():
        for which, ids in probes:
            logits = reference(torch.tensor([ids]))[0]
            positions = list(range(len(ids))) if which == "all" else [len(ids) - 1]
            cases.append({"input_ids": ids, "positions": positions,
                          "logits": [[float(v) for v in logits[p].tolist()] for p in positions]})
    write_json(os.path.join(folder, "probe.json"), {
        "about": "Logits of the training model (PyTorch, computed in float64 from the exported float32 weights) for these "
                 "inputs: attention_mask all ones, position_ids 0..n-1, "
                 "an empty past. The ONNX graph must give them within tolerance (absolute); the script cannot run "
                 "ONNX Runtime, so the suite checks this file.",
        "tolerance": PROBE_TOLERANCE, "cases": cases})
    return worst


def replace_folder(staged, final):
    if os.path.exists(final):
        trash = f"{final}.old-{os.getpid()}"
        os.replace(final, trash)
        shutil.rmtree(trash)
    os.replace(staged, final)


# ----------------------------------------------------------------------------------------------------------------
# The run.
# ----------------------------------------------------------------------------------------------------------------

class Events:
    """JSON lines on stdout, one per event, flushed at once (the C# side reads them as they come)."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, event, **fields):
        self.stream.write(json.dumps({"event": event, **fields}, separators=(",", ":")) + "\n")
        self.stream.flush()


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Trains a byte-level GPT-2 from JSON lines on stdin (see training/README.md).")
    parser.add_argument("--out", help="output folder: checkpoint, training.json, onnx/, hf/")
    parser.add_argument("--resume", action="store_true", help="continue from <out>/checkpoint.pt when it exists")
    parser.add_argument("--stop-after", type=int, metavar="N", help="stop after step N as Ctrl+C does (checkpoint, exit 130)")
    parser.add_argument("--check", action="store_true", help="print one ready line if PyTorch is usable, then exit")
    args = parser.parse_args(argv)
    if not args.check and not args.out:
        raise bad_input("--out: missing (the output folder)")
    if args.stop_after is not None and args.stop_after < 1:
        raise bad_input(f"--stop-after: must be at least 1, got {args.stop_after}")
    return args


def train(args, events):
    config, train_set, heldout, data_sha256 = read_stream(sys.stdin)
    model_config, training = config["model"], config["training"]
    out = os.path.abspath(args.out)
    checkpoint = os.path.join(out, CHECKPOINT_FILE)
    if os.path.exists(checkpoint) and not args.resume:
        raise bad_input(f"--resume: {out} already has a checkpoint; pass --resume to continue it, or use another --out")

    import_torch()
    torch.set_num_threads(training["threads"])
    torch.use_deterministic_algorithms(True)
    os.makedirs(out, exist_ok=True)

    torch.manual_seed(training["seed"])
    model = build_model(model_config)
    optimizer = make_optimizer(model, training)
    state = {"step": 0, "tokens_seen": 0, "scored_tokens_seen": 0, "wall_s": 0.0, "losses": [],
             "train_curve": [], "heldout_curve": []}
    resumed_from = None
    if args.resume and os.path.exists(checkpoint):
        saved = load_checkpoint(checkpoint)
        check_resumable(checkpoint, saved, config, data_sha256)
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        torch.set_rng_state(saved["rng"])
        state = saved["progress"]
        resumed_from = state["step"]
    non_embedding, total = parameter_counts(model_config)
    assert total == sum(p.numel() for p in model.parameters())
    events("start", steps=training["steps"], resumed_from=resumed_from, parameters=total,
           non_embedding_parameters=non_embedding, sequences=len(train_set), heldout_sequences=len(heldout),
           torch=torch.__version__)

    def save():
        save_checkpoint(checkpoint, {"format": 1, "config": config, "data_sha256": data_sha256,
                                     "model": model.state_dict(), "optimizer": optimizer.state_dict(),
                                     "rng": torch.get_rng_state(), "progress": state})
        events("checkpoint", step=state["step"], path=checkpoint)

    interrupted = []

    def on_signal(signum, _frame):
        interrupted.append(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    batches = Batches(train_set, training["batch"], training["seed"], training["loss"] == "answers")
    model.train()
    session_start = time.perf_counter()
    session_first_step, wall_before = state["step"], state["wall_s"]
    interval_start, interval_tokens, interval_losses = session_start, 0, []
    try:
        while state["step"] < training["steps"]:
            step = state["step"]
            inputs, targets, tokens = batches.at(step)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(training, step)
            loss_sum, scored = loss_of(model, inputs, targets)
            loss = loss_sum / max(scored, 1)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            if training["grad_clip"] > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), training["grad_clip"])
            optimizer.step()
            state["step"] = step + 1
            state["tokens_seen"] += tokens
            state["scored_tokens_seen"] += scored
            state["losses"].append(float(loss))
            interval_tokens += tokens
            interval_losses.append(float(loss))
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
            if heldout and ((training["eval_every"] and state["step"] % training["eval_every"] == 0) or done):
                value = heldout_loss(model, heldout, training)
                state["heldout_curve"].append([state["step"], value])
                events("eval", step=state["step"], heldout_loss=value)
            state["wall_s"] = wall_before + (time.perf_counter() - session_start)
            stop = interrupted or (args.stop_after is not None and state["step"] >= args.stop_after and not done)
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

    return export(out, model, config, state, train_set, heldout, events)


def export(out, model, config, state, train_set, heldout, events):
    model.eval()
    started = time.perf_counter()
    probes = probe_sequences(train_set, heldout, config["model"]["context"])
    staging = os.path.join(out, f".staging-{os.getpid()}")
    if os.path.exists(staging):
        shutil.rmtree(staging)
    try:
        reference = copy.deepcopy(model).double().eval()
        hf_difference = export_hf(os.path.join(staging, "hf"), model, reference, config, probes)
        onnx_difference = export_onnx(os.path.join(staging, "onnx"), model, reference, config, probes)
        for name in ("hf", "onnx"):
            replace_folder(os.path.join(staging, name), os.path.join(out, name))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    non_embedding, total = parameter_counts(config["model"])
    losses = state["losses"]
    last = losses[-config["training"]["log_every"]:]
    metrics = {
        "config": config,
        "parameters": total,
        "non_embedding_parameters": non_embedding,
        "steps": state["step"],
        "tokens_seen": state["tokens_seen"],
        "scored_tokens_seen": state["scored_tokens_seen"],
        "training_wall_s": round(state["wall_s"], 3),
        "export_wall_s": round(time.perf_counter() - started, 3),
        "final_train_loss": sum(last) / len(last),
        "train_loss_curve": state["train_curve"],
        "heldout_loss": state["heldout_curve"][-1][1] if state["heldout_curve"] else None,
        "heldout_loss_curve": state["heldout_curve"],
        "export_max_logit_difference": {"hf": hf_difference, "onnx_wrapper": onnx_difference},
        "torch": torch.__version__,
        "python": sys.version.split()[0],
    }
    write_json(os.path.join(out, "training.json"), metrics)
    files = sorted(os.path.relpath(os.path.join(d, f), out) for folder in ("onnx", "hf")
                   for d, _, fs in os.walk(os.path.join(out, folder)) for f in fs) + ["training.json", CHECKPOINT_FILE]
    events("done", step=state["step"], final_train_loss=metrics["final_train_loss"], heldout_loss=metrics["heldout_loss"],
           parameters=total, non_embedding_parameters=non_embedding, tokens_seen=state["tokens_seen"],
           training_wall_s=metrics["training_wall_s"], out=out, files=files)
    return EXIT_OK


def main(argv=None):
    events = Events(sys.stdout)
    try:
        args = parse_arguments(sys.argv[1:] if argv is None else argv)
        if args.check:
            import_torch()
            events("ready", torch=torch.__version__, python=sys.version.split()[0])
            return EXIT_OK
        return train(args, events)
    except Failure as failure:
        print(f"train_gpt: {failure}", file=sys.stderr, flush=True)
        return failure.code
    except KeyboardInterrupt:
        # Outside the training loop (reading input, exporting): what the last checkpoint event saved is all there is.
        print("train_gpt: interrupted outside a training step; the last checkpoint (if any) holds the progress: "
              "run again with --resume", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    except SystemExit as e:  # argparse's own usage errors
        return EXIT_BAD_INPUT if e.code else EXIT_OK
    except Exception as e:  # one line for the C# side; the traceback goes with it only when asked for
        if os.environ.get("TRAIN_GPT_TRACEBACK"):
            import traceback
            traceback.print_exc()
        print(f"train_gpt: internal error: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
