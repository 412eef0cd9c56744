"""The exports: a Hugging Face folder (safetensors written and re-read by hand, checked by an independent forward in
GPT-2's Conv1D layout) and an ONNX folder in Optimum's decoder layout with a key/value cache, checked in torch and
with probe.json for the suite to check with ONNX Runtime. Both are staged and moved into place only when they pass."""

import copy
import json
import math
import os
import shutil
import struct
import time
import warnings

import torch

from .model import LAYER_NORM_EPS
from .protocol import EXIT_INTERNAL, Failure, parameter_counts, python_version, write_json
from .vocabulary import END_OF_TEXT, END_OF_TEXT_TOKEN, VOCAB_SIZE, vocabulary

EXPORT_TOLERANCE = 1e-5
# ONNX Runtime computes the graph in float32 in its own summation order; against the float64 reference its logits
# differed by 2.4e-6 to 7.6e-6 on trained models here, so probe.json allows 5e-5: a wrong weight, layout or formula
# moves logits by far more.
PROBE_TOLERANCE = 5e-5
CHECKPOINT_FILE = "checkpoint.pt"


class WithCache(torch.nn.Module):
    """Optimum's decoder layout: input_ids, attention_mask, position_ids, past_key_values.<i>.key/value ->
    logits, present.<i>.key/value."""

    def __init__(self, inner):
        super().__init__()
        self.model = inner

    def forward(self, input_ids, attention_mask, position_ids, *flat_past):
        past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(len(flat_past) // 2)]
        logits, present = self.model.run(input_ids, attention_mask, position_ids, past)
        return (logits, *present)


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
    pool = [[int(i) for i in ids] for ids, _ in list(heldout[:2]) + list(train[:2])]
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
    n_layer, heads = config["model"]["layers"], config["model"]["heads"]
    head_size = config["model"]["width"] // heads
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


def export(out, model, config, state, train_set, heldout, events, run_info):
    """Exports from a float32 CPU copy of the model (whatever device trained it), writes training.json, then `done`."""
    model = copy.deepcopy(model).cpu().float().eval()
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
        "python": python_version(),
        **run_info,
    }
    write_json(os.path.join(out, "training.json"), metrics)
    files = sorted(os.path.relpath(os.path.join(d, f), out) for folder in ("onnx", "hf")
                   for d, _, fs in os.walk(os.path.join(out, folder)) for f in fs) + ["training.json", CHECKPOINT_FILE]
    events("done", step=state["step"], final_train_loss=metrics["final_train_loss"], heldout_loss=metrics["heldout_loss"],
           parameters=total, non_embedding_parameters=non_embedding, tokens_seen=state["tokens_seen"],
           training_wall_s=metrics["training_wall_s"], out=out, files=files)
