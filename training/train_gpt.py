#!/usr/bin/env python3
"""Trains a GPT-2-architecture language model with a byte-level vocabulary: the gradient-descent half of
`superposition train`. The C# command writes the training sequences on stdin; this script trains, checkpoints, and
exports the model as an ONNX folder (the suite's provider loads it as is) and a Hugging Face folder.

  /usr/bin/python3 training/train_gpt.py --out DIR [--resume] [--stop-after N] < sequences.jsonl
  /usr/bin/python3 training/train_gpt.py --measure [--measure-seconds S] < sequences.jsonl   (steps/s, nothing written)
  /usr/bin/python3 training/train_gpt.py --check       (prints one "ready" line when torch is usable)

The protocol (stdin lines, stdout events, exit codes, output files) is defined in training/README.md; the work is
done by the modules of training/gpt/ (model, data, loop, export, protocol). Only the standard library, NumPy and
PyTorch (>= 1.13; Debian: apt-get install -y python3-torch) are used.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gpt.protocol import (EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_NO_TORCH, EXIT_OK,  # noqa: E402
                          TORCH_INSTALL, Events, Failure, bad_input, python_version, read_stream)

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


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Trains a byte-level GPT-2 from JSON lines on stdin (see training/README.md).")
    parser.add_argument("--out", help="output folder: checkpoint, training.json, onnx/, hf/")
    parser.add_argument("--resume", action="store_true", help="continue from <out>/checkpoint.pt when it exists")
    parser.add_argument("--stop-after", type=int, metavar="N", help="stop after step N as Ctrl+C does (checkpoint, exit 130)")
    parser.add_argument("--check", action="store_true", help="print one ready line if PyTorch is usable, then exit")
    parser.add_argument("--measure", action="store_true", help="time training steps on the input and print steps/s; write nothing")
    parser.add_argument("--measure-seconds", type=float, default=15.0, metavar="S", help="how long --measure times steps (default 15)")
    args = parser.parse_args(argv)
    if not args.check and not args.measure and not args.out:
        raise bad_input("--out: missing (the output folder)")
    if args.stop_after is not None and args.stop_after < 1:
        raise bad_input(f"--stop-after: must be at least 1, got {args.stop_after}")
    if not args.measure_seconds > 0:
        raise bad_input(f"--measure-seconds: must be positive, got {args.measure_seconds}")
    return args


def train(args, events):
    config, train_set, heldout, data_sha256 = read_stream(sys.stdin)
    import_torch()
    from gpt import export, loop

    if args.measure:
        loop.measure(config, train_set, args.measure_seconds, events)
        return EXIT_OK
    out = os.path.abspath(args.out)
    checkpoint = os.path.join(out, export.CHECKPOINT_FILE)
    if os.path.exists(checkpoint) and not args.resume:
        raise bad_input(f"--resume: {out} already has a checkpoint; pass --resume to continue it, or use another --out")
    model, state, info = loop.train(config, train_set, heldout, data_sha256, out, args.resume, args.stop_after, events)
    export.export(out, model, config, state, train_set, heldout, events, info)
    return EXIT_OK


def main(argv=None):
    events = Events(sys.stdout)
    try:
        args = parse_arguments(sys.argv[1:] if argv is None else argv)
        if args.check:
            import_torch()
            events("ready", torch=torch.__version__, python=python_version())
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
