"""The stdin protocol of training/README.md: the config line, the sequence lines, stdout events and exit codes.
Nothing here needs torch, so bad input and a missing PyTorch are reported before it is imported."""

import base64
import binascii
import hashlib
import json
import math
import os
import sys

from .vocabulary import VOCAB_SIZE

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_CORRUPT_CHECKPOINT = 3
EXIT_NO_TORCH = 4
EXIT_INTERRUPTED = 130

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
    "device": (str, False, "auto"), "precision": (str, False, "auto"),
}
# Fields that change only what is reported or how often it is saved, never the weights: a resume may change them.
RESUMABLE_CHANGES = {"checkpoint_every", "eval_every", "log_every"}
DEVICES = ("auto", "cpu", "cuda")
PRECISIONS = ("auto", "fp32", "bf16")
SEQUENCE_FIELDS = ("ids", "answer_mask", "ids_base64", "answer_mask_base64", "heldout")


class Failure(Exception):
    """An error reported as one line on stderr with its exit code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def bad_input(message):
    return Failure(EXIT_BAD_INPUT, f"bad input: {message}")


class Events:
    """JSON lines on stdout, one per event, flushed at once (the C# side reads them as they come)."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, event, **fields):
        self.stream.write(json.dumps({"event": event, **fields}, separators=(",", ":")) + "\n")
        self.stream.flush()


def write_json(path, value, indent=2):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(value, f, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
        f.write("\n")


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


def one_of(path, value, allowed):
    if value not in allowed:
        raise bad_input(f"{path}: expected {' or '.join(json.dumps(a) for a in allowed)}, got {json.dumps(value)}")


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
    one_of("config.training.schedule", training["schedule"], ("cosine", "constant"))
    one_of("config.training.loss", training["loss"], ("all", "answers"))
    one_of("config.training.device", training["device"], DEVICES)
    one_of("config.training.precision", training["precision"], PRECISIONS)
    if not 0 <= training["seed"] < 2 ** 63:
        raise bad_input(f"config.training.seed: must be in 0..2^63-1, got {training['seed']}")
    check_memory(model, training)
    return {"model": model, "training": training, "meta": raw.get("meta")}


def parameter_counts(model):
    """(non-embedding, total) of a config's model section (the formula of gpt.model.GPTConfig, without torch)."""
    w, n_layer = model["width"], model["layers"]
    non_embedding = n_layer * (12 * w * w + 13 * w) + 2 * w
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


def decode_base64(number, name, text):
    if not isinstance(text, str):
        raise bad_input(f"line {number}: {name}: expected a base64 string, got {json.dumps(text)[:80]}")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as e:
        raise bad_input(f"line {number}: {name}: not valid base64 ({e})")


def sequence_of(number, item, context, answers, numpy):
    """(ids as int16, mask as uint8, heldout) of one line, in either form; every error names the line and field."""
    if not isinstance(item, dict):
        raise bad_input(f"line {number}: expected an object with \"ids\" or \"ids_base64\"")
    unknown = sorted(set(item) - set(SEQUENCE_FIELDS))
    if unknown:
        raise bad_input(f"line {number}: {unknown[0]}: unknown field (known: {', '.join(SEQUENCE_FIELDS)})")
    if "ids_base64" in item:
        if "ids" in item or "answer_mask" in item:
            raise bad_input(f"line {number}: ids_base64: give the compact form (ids_base64, answer_mask_base64) or the list form (ids, answer_mask), not both")
        ids = numpy.frombuffer(decode_base64(number, "ids_base64", item["ids_base64"]), dtype=numpy.uint8).astype(numpy.int16)
        if len(ids) < 2:
            raise bad_input(f"line {number}: ids_base64: expected at least 2 token ids, got {len(ids)}")
        if "answer_mask_base64" in item:
            mask = numpy.frombuffer(decode_base64(number, "answer_mask_base64", item["answer_mask_base64"]), dtype=numpy.uint8)
        else:
            mask = None
        mask_name = "answer_mask_base64"
    else:
        raw = item.get("ids")
        if not isinstance(raw, list) or len(raw) < 2:
            raise bad_input(f"line {number}: ids: expected a list of at least 2 token ids, got {json.dumps(raw)[:80]}")
        for i, t in enumerate(raw):
            if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t < VOCAB_SIZE:
                raise bad_input(f"line {number}: ids[{i}]: expected a token id 0..{VOCAB_SIZE - 1}, got {json.dumps(t)}")
        ids = numpy.array(raw, dtype=numpy.int16)
        raw_mask = item.get("answer_mask")
        mask = None
        if raw_mask is not None:
            if not isinstance(raw_mask, list) or len(raw_mask) != len(ids):
                raise bad_input(f"line {number}: answer_mask: expected a list of {len(ids)} zeros and ones (one per id)")
            for i, m in enumerate(raw_mask):
                if isinstance(m, bool) or m not in (0, 1):
                    raise bad_input(f"line {number}: answer_mask[{i}]: expected 0 or 1, got {json.dumps(m)}")
            mask = numpy.array(raw_mask, dtype=numpy.uint8)
        mask_name = "answer_mask"
    if len(ids) > context:
        raise bad_input(f"line {number}: ids: {len(ids)} tokens exceed config.model.context {context}")
    if mask is None:
        if answers:
            raise bad_input(f"line {number}: {mask_name}: missing (config.training.loss is \"answers\")")
        mask = numpy.zeros(len(ids), dtype=numpy.uint8)
    if len(mask) != len(ids):
        raise bad_input(f"line {number}: {mask_name}: expected {len(ids)} zeros and ones (one per id), got {len(mask)}")
    wrong = numpy.flatnonzero(mask > 1)
    if len(wrong):
        raise bad_input(f"line {number}: {mask_name}[{wrong[0]}]: expected 0 or 1, got {int(mask[wrong[0]])}")
    if mask[0] == 1:
        raise bad_input(f"line {number}: {mask_name}[0]: the first token has nothing before it to be predicted from")
    heldout = item.get("heldout", False)
    if not isinstance(heldout, bool):
        raise bad_input(f"line {number}: heldout: expected true or false, got {json.dumps(heldout)}")
    return ids, mask, heldout


def read_stream(stream):
    """The config and the sequences, each (ids int16, mask uint8) in numpy; every line is checked, an error names
    its line and field. The digest identifies the data a checkpoint was trained on (whichever form carried it)."""
    import numpy

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
        ids, mask, is_heldout = sequence_of(number, item, context, answers, numpy)
        (heldout if is_heldout else train).append((ids, mask))
        digest.update(len(ids).to_bytes(4, "little") + ids.astype("<i2").tobytes() + mask.tobytes() + bytes([is_heldout]))
    if not train:
        raise bad_input("no training sequences after the config line")
    if answers and not any(m[1:].any() for _, m in train):
        raise bad_input("answer_mask: config.training.loss is \"answers\" but no training sequence marks an answer token")
    return config, train, heldout, digest.hexdigest()


def python_version():
    return sys.version.split()[0]
