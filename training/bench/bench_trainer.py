#!/usr/bin/env python3
"""Trainer benchmark: an earlier train_gpt.py against this one, on the same machine, data and config.

  /usr/bin/python3 training/bench/bench_trainer.py --old OLD_TRAIN_GPT.py [--steps 60] [--repeats 3]

For each committed size (l1-w16 … l3-w56, two heads; and l2-w40 and l3-w56 with the four heads they had before) and two data shapes (1-60 examples a sequence, the committed presets'
range before; 60 examples every sequence, the new recipe), both trainers run the same stream (list form, which
both read) for --steps steps on one thread, alternating, --repeats times. Reported: the median tokens/s of the
steps after the first five (from the `step` events, non-padding tokens), the ratio new/old, and the largest
difference between the two trainers' per-step losses (equal steps on one seed must give equal losses, to float
tolerance: only the summation order of fused operations differs)."""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NEW = os.path.join(HERE, "..", "train_gpt.py")
# The committed sizes (two heads each), then the two that had four heads before this trainer.
SIZES = [("l1-w16", 1, 16, 2), ("l2-w24", 2, 24, 2), ("l2-w40", 2, 40, 2), ("l3-w56", 3, 56, 2),
         ("l2-w40, 4 heads", 2, 40, 4), ("l3-w56, 4 heads", 3, 56, 4)]
# The six number tasks on the questions 3..9, as the suite writes a line: "question->answer\n".
TASKS = [lambda x: x, lambda x: -x, lambda x: x + 1, lambda x: x - 1, lambda x: 2 * x, lambda x: x * x]


def sequence(rng, examples):
    p = [rng.gammavariate(1.0, 1.0) for _ in TASKS]
    ids, mask = [], []
    for _ in range(examples + 1):
        task = rng.choices(range(len(TASKS)), weights=p)[0]
        x = rng.randint(3, 9)
        question, answer = f"{x}->".encode(), f"{TASKS[task](x)}\n".encode()
        ids += list(question) + list(answer)
        mask += [0] * len(question) + [1] * len(answer)
    return {"ids": ids, "answer_mask": mask}


def stream(size, steps, fixed, seed=7):
    rng = random.Random(seed)
    _, layers, width, heads = size
    config = {"model": {"layers": layers, "width": width, "heads": heads, "context": 384},
              "training": {"steps": steps + 1, "batch": 16, "lr": 0.003, "warmup_steps": 5, "schedule": "cosine",
                           "weight_decay": 0.1, "seed": 2026, "threads": 1, "checkpoint_every": 0, "loss": "answers",
                           "eval_every": 0, "log_every": 1}}
    lines = [{"config": config}] + [sequence(rng, 60 if fixed else rng.randint(1, 60)) for _ in range(steps * 16)]
    return "".join(json.dumps(line) + "\n" for line in lines)


def run(script, text, steps):
    # --stop-after ends the run as Ctrl+C does (exit 130) before the exports, which are not what is timed.
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run([sys.executable, script, "--out", os.path.join(out, "m"), "--stop-after", str(steps)],
                                input=text, capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS="1"))
    if result.returncode != 130:
        raise SystemExit(f"{script}: exit {result.returncode}: {result.stderr.strip()}")
    steps = [json.loads(line) for line in result.stdout.splitlines() if '"event":"step"' in line]
    return [s["loss"] for s in steps], [s["tokens_per_s"] for s in steps[5:]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", required=True)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print("| size | sequences | old tokens/s | new tokens/s | new / old | max abs loss difference |")
    print("|---|---|---|---|---|---|")
    for size in SIZES:
        for fixed in (False, True):
            text = stream(size, args.steps, fixed)
            rates = {"old": [], "new": []}
            losses = {}
            for _ in range(args.repeats):
                for name, script in (("old", args.old), ("new", NEW)):
                    loss, rate = run(script, text, args.steps)
                    losses[name] = loss
                    rates[name].append(statistics.median(rate))
            old, new = statistics.median(rates["old"]), statistics.median(rates["new"])
            difference = max(abs(a - b) for a, b in zip(losses["old"], losses["new"]))
            print(f"| {size[0]} | {'60 examples' if fixed else '1-60 examples'} | {old:,.0f} | {new:,.0f} | "
                  f"{new / old:.2f}x | {difference:.2e} |", flush=True)


if __name__ == "__main__":
    main()
