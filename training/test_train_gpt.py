"""Tests of training/train_gpt.py (the command and its protocol) on a micro configuration (standard library + torch, one thread).

  nice -n 19 /usr/bin/python3 -m unittest training/test_train_gpt.py

Each run is a real subprocess fed the stdin protocol, as the C# command will feed it. CPU PyTorch with one thread
and deterministic algorithms is bit-reproducible for this model here, so weights are compared for exact equality.
"""

import importlib.util
import io
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "train_gpt.py")
CONTEXT = 40


def load_script():
    if "train_gpt" in sys.modules:
        return sys.modules["train_gpt"]
    spec = importlib.util.spec_from_file_location("train_gpt", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.import_torch()
    sys.modules["train_gpt"] = module
    return module


def micro_config(**training):
    config = {"model": {"layers": 1, "width": 16, "heads": 2, "context": CONTEXT},
              "training": {"steps": 40, "batch": 4, "lr": 0.02, "warmup_steps": 4, "schedule": "cosine",
                           "weight_decay": 0.01, "seed": 11, "threads": 1, "checkpoint_every": 10, "loss": "answers",
                           "eval_every": 20, "log_every": 1}}
    config["training"].update(training)
    return config


def squares(count, seed=3):
    """Sequences of "x>x²\\n" examples after <|endoftext|>, answers marked: a task a micro model learns in 40 steps."""
    rng, lines = random.Random(seed), []
    for _ in range(count):
        ids, mask = [256], [0]
        while True:
            x = rng.randrange(10)
            query, answer = f"{x}>".encode(), f"{x * x}\n".encode()
            if len(ids) + len(query) + len(answer) > CONTEXT:
                break
            ids += list(query) + list(answer)
            mask += [0] * len(query) + [1] * len(answer)
        lines.append({"ids": ids, "answer_mask": mask})
    return lines


def stream(config, sequences, heldout=()):
    lines = [{"config": config}] + list(sequences) + [dict(h, heldout=True) for h in heldout]
    return "".join(json.dumps(line) + "\n" for line in lines)


SEQUENCES = squares(24)
HELDOUT = squares(4, seed=9)
INPUT = stream(micro_config(), SEQUENCES, HELDOUT)


def run(out, text=INPUT, *args, env=None):
    result = subprocess.run([sys.executable, SCRIPT, "--out", out, *args], input=text, capture_output=True, text=True,
                            timeout=120, env=env)
    events = [json.loads(line) for line in result.stdout.splitlines()]
    return result.returncode, events, result.stderr


def run_in_process(module, args, text=""):
    """main() in this process (torch is already imported here, which saves a subprocess's start-up)."""
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(text), io.StringIO(), io.StringIO()
    try:
        rc = module.main(args)
        return rc, [json.loads(line) for line in sys.stdout.getvalue().splitlines()], sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def weights(out):
    with open(os.path.join(out, "hf", "model.safetensors"), "rb") as f:
        return f.read()


def parse_safetensors(path):
    """The header and raw bytes of each tensor, read here from the format's definition."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + size])
    body = data[8 + size:]
    return header, {name: body[e["data_offsets"][0]:e["data_offsets"][1]] for name, e in header.items() if name != "__metadata__"}


class TrainGptTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="train_gpt_test_")
        cls.baseline = os.path.join(cls.tmp, "baseline")
        cls.baseline_rc, cls.baseline_events, cls.baseline_stderr = run(cls.baseline)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def out(self, name):
        return os.path.join(self.tmp, name)

    def test_a_micro_run_lowers_the_loss_and_reports_every_event(self):
        self.assertEqual(self.baseline_rc, 0, self.baseline_stderr)
        steps = [e for e in self.baseline_events if e["event"] == "step"]
        self.assertEqual([e["step"] for e in steps], list(range(1, 41)))
        first, last = sum(e["loss"] for e in steps[:3]) / 3, sum(e["loss"] for e in steps[-3:]) / 3
        self.assertLess(last, first - 1.5, f"loss went from {first} to {last}")
        self.assertTrue(all(e["tokens_per_s"] > 0 and e["eta_s"] >= 0 for e in steps))
        evals = [e for e in self.baseline_events if e["event"] == "eval"]
        self.assertEqual([e["step"] for e in evals], [20, 40])
        self.assertEqual([e["step"] for e in self.baseline_events if e["event"] == "checkpoint"], [10, 20, 30, 40])
        done = self.baseline_events[-1]
        self.assertEqual(done["event"], "done")
        for name in ("onnx/model.onnx", "onnx/config.json", "onnx/vocab.json", "onnx/merges.txt", "onnx/tokenizer.json",
                     "onnx/probe.json", "hf/config.json", "hf/model.safetensors", "hf/vocab.json", "hf/merges.txt",
                     "hf/tokenizer.json", "training.json", "checkpoint.pt"):
            self.assertIn(name, done["files"])
            self.assertTrue(os.path.isfile(os.path.join(self.baseline, name)), name)
        with open(os.path.join(self.baseline, "training.json")) as f:
            metrics = json.load(f)
        self.assertEqual(metrics["parameters"], 257 * 16 + CONTEXT * 16 + 12 * 16 * 16 + 13 * 16 + 2 * 16)
        self.assertEqual(metrics["non_embedding_parameters"], 12 * 16 * 16 + 13 * 16 + 2 * 16)
        self.assertEqual(metrics["steps"], 40)
        self.assertEqual([p[0] for p in metrics["heldout_loss_curve"]], [20, 40])
        self.assertEqual(metrics["heldout_loss"], evals[-1]["heldout_loss"])
        self.assertAlmostEqual(metrics["final_train_loss"], steps[-1]["loss"])

    def test_the_exports_give_the_training_models_logits(self):
        module = load_script()
        from gpt import export, loop
        torch = module.torch
        torch.set_num_threads(1)
        saved = loop.load_checkpoint(os.path.join(self.baseline, "checkpoint.pt"), "cpu")
        model = loop.build(saved["config"]["model"], 0)
        model.load_state_dict(saved["model"])
        model.eval()
        header, raw = parse_safetensors(os.path.join(self.baseline, "hf", "model.safetensors"))
        expected_names = {"transformer.wte.weight", "transformer.wpe.weight", "transformer.ln_f.weight", "transformer.ln_f.bias"}
        for part in ("ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight",
                     "attn.c_proj.bias", "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias",
                     "mlp.c_proj.weight", "mlp.c_proj.bias"):
            expected_names.add(f"transformer.h.0.{part}")
        self.assertEqual(set(raw), expected_names)
        self.assertEqual(header["transformer.h.0.attn.c_attn.weight"]["shape"], [16, 48])  # Conv1D: [in, out]
        self.assertEqual(header["transformer.h.0.mlp.c_proj.weight"]["shape"], [64, 16])
        tensors = {name: torch.tensor(struct.unpack(f"<{len(b) // 4}f", b)).reshape(header[name]["shape"])
                   for name, b in raw.items()}
        with open(os.path.join(self.baseline, "hf", "config.json")) as f:
            config = json.load(f)
        self.assertEqual((config["architectures"], config["activation_function"], config["tie_word_embeddings"]),
                         (["GPT2LMHeadModel"], "gelu_new", True))
        # In float64 from the float32 weights, as the script checks: a wrong name or layout shows, summation order does not.
        model, tensors = model.double(), {name: t.double() for name, t in tensors.items()}
        with torch.no_grad():
            for sequence in HELDOUT:
                ids = sequence["ids"]
                expected = model(torch.tensor([ids]))[0]
                got = export.hf_forward(tensors, config, ids)
                self.assertLessEqual(float((got - expected).abs().max()), 1e-9)
            # The probe the C# side checks the ONNX graph with holds the model's own logits, computed in float64.
            with open(os.path.join(self.baseline, "onnx", "probe.json")) as f:
                probe = json.load(f)
            self.assertEqual(probe["cases"][0]["positions"], list(range(len(probe["cases"][0]["input_ids"]))))
            for case in probe["cases"]:
                logits = model(torch.tensor([case["input_ids"]]))[0]
                for position, row in zip(case["positions"], case["logits"]):
                    self.assertLessEqual(float((logits[position] - torch.tensor(row, dtype=torch.float64)).abs().max()), 1e-9)

    def test_the_vocabulary_is_the_256_bytes_in_byte_order_and_end_of_text(self):
        with open(os.path.join(self.baseline, "onnx", "vocab.json"), encoding="utf-8") as f:
            vocab = json.load(f)
        with open(os.path.join(self.baseline, "onnx", "merges.txt"), encoding="utf-8") as f:
            self.assertEqual(f.read(), "#version: 0.2\n")
        self.assertEqual(len(vocab), 257)
        self.assertEqual(vocab["<|endoftext|>"], 256)
        self.assertEqual((vocab["A"], vocab["Ġ"], vocab["Ċ"]), (65, 32, 10))  # GPT-2's characters for 'A', ' ', '\n'
        with open(os.path.join(self.baseline, "onnx", "tokenizer.json"), encoding="utf-8") as f:
            tokenizer = json.load(f)
        self.assertEqual((tokenizer["model"]["merges"], tokenizer["model"]["vocab"]), ([], vocab))

    def test_two_runs_with_one_seed_give_identical_weights(self):
        rc, _, stderr = run(self.out("again"))
        self.assertEqual(rc, 0, stderr)
        self.assertEqual(weights(self.out("again")), weights(self.baseline))

    def test_another_seed_gives_other_weights(self):
        rc, _, stderr = run_in_process(load_script(), ["--out", self.out("seed")],
                                       stream(micro_config(seed=12, steps=2, warmup_steps=0), SEQUENCES))
        self.assertEqual(rc, 0, stderr)
        self.assertNotEqual(weights(self.out("seed")), weights(self.baseline))

    def test_stopping_and_resuming_gives_the_uninterrupted_weights(self):
        out = self.out("stopped")
        rc, events, stderr = run(out, INPUT, "--stop-after", "13")
        self.assertEqual(rc, 130, stderr)
        self.assertEqual(events[-1], {"event": "interrupted", "step": 13, "reason": "stop-after",
                                      "checkpoint": os.path.join(out, "checkpoint.pt")})
        self.assertFalse(os.path.exists(os.path.join(out, "hf")))
        rc, events, stderr = run(out, INPUT, "--resume")
        self.assertEqual(rc, 0, stderr)
        self.assertEqual(events[0]["resumed_from"], 13)
        self.assertEqual(events[1]["step"], 14)
        self.assertEqual(weights(out), weights(self.baseline))

    def test_ctrl_c_writes_a_checkpoint_and_resuming_gives_the_uninterrupted_weights(self):
        out = self.out("sigint")
        process = subprocess.Popen([sys.executable, SCRIPT, "--out", out], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        process.stdin.write(INPUT)
        process.stdin.close()
        lines = []
        for line in process.stdout:
            lines.append(json.loads(line))
            if lines[-1]["event"] == "step":
                process.send_signal(signal.SIGINT)
                break
        lines += [json.loads(line) for line in process.stdout]
        stderr = process.stderr.read()
        process.stdout.close()
        process.stderr.close()
        self.assertEqual(process.wait(timeout=60), 130, stderr)
        stopped = lines[-1]
        self.assertEqual((stopped["event"], stopped["reason"]), ("interrupted", "signal"))
        self.assertLess(stopped["step"], 40)
        self.assertEqual(lines[-2], {"event": "checkpoint", "step": stopped["step"], "path": os.path.join(out, "checkpoint.pt")})
        self.assertIn("--resume", stderr)
        rc, events, stderr = run_in_process(load_script(), ["--out", out, "--resume"], INPUT)
        self.assertEqual(rc, 0, stderr)
        self.assertEqual(events[0]["resumed_from"], stopped["step"])
        self.assertEqual(weights(out), weights(self.baseline))

    def test_a_corrupted_checkpoint_exits_3_and_is_not_restarted_from_zero(self):
        out = self.out("corrupted")
        os.makedirs(out)
        path = os.path.join(out, "checkpoint.pt")
        with open(os.path.join(self.baseline, "checkpoint.pt"), "rb") as f:
            data = bytearray(f.read())
        data[len(data) // 2] ^= 0x01
        with open(path, "wb") as f:
            f.write(data)
        rc, events, stderr = run(out, INPUT, "--resume")
        self.assertEqual(rc, 3)
        self.assertEqual(len(stderr.strip().splitlines()), 1, stderr)
        self.assertIn("corrupted", stderr)
        self.assertIn(path, stderr)
        self.assertEqual(events, [])
        with open(path, "rb") as f:
            self.assertEqual(f.read(), bytes(data))
        self.assertFalse(os.path.exists(os.path.join(out, "hf")))

    def test_a_checkpoint_of_another_config_is_refused_naming_the_field(self):
        out = self.out("other-config")
        shutil.copytree(self.baseline, out)
        rc, _, stderr = run_in_process(load_script(), ["--out", out, "--resume"], stream(micro_config(lr=0.03), SEQUENCES, HELDOUT))
        self.assertEqual(rc, 2)
        self.assertIn("config.training.lr", stderr)

    def test_an_existing_checkpoint_without_resume_is_refused(self):
        out = self.out("no-resume")
        shutil.copytree(self.baseline, out)
        rc, _, stderr = run(out)
        self.assertEqual(rc, 2)
        self.assertIn("--resume", stderr)

    def test_bad_input_exits_2_naming_the_field(self):
        def with_model(**fields):
            config = micro_config()
            config["model"].update(fields)
            return config

        missing_lr = micro_config()
        del missing_lr["training"]["lr"]
        long = {"ids": [256] + [65] * CONTEXT, "answer_mask": [0] * (CONTEXT + 1)}
        cases = [
            (stream(with_model(heads=3), SEQUENCES), "config.model.heads"),
            (stream(with_model(layers=0), SEQUENCES), "config.model.layers"),
            (stream(micro_config(schedule="linear"), SEQUENCES), "config.training.schedule"),
            (stream(micro_config(loss="some"), SEQUENCES), "config.training.loss"),
            (stream(micro_config(steps=2.5), SEQUENCES), "config.training.steps"),
            (stream(micro_config(warmup_steps=41), SEQUENCES), "config.training.warmup_steps"),
            (stream(micro_config(dropout=0.1), SEQUENCES), "config.training.dropout"),
            (stream(missing_lr, SEQUENCES), "config.training.lr"),
            (stream(with_model(width=1 << 16, layers=64), SEQUENCES), "config.model"),
            (stream(micro_config(), [long]), "line 2: ids: 41 tokens exceed config.model.context 40"),
            (stream(micro_config(), [{"ids": [1, 300], "answer_mask": [0, 1]}]), "line 2: ids[1]"),
            (stream(micro_config(), [{"ids": [1, 2]}]), "line 2: answer_mask: missing"),
            (stream(micro_config(), [{"ids": [1, 2], "answer_mask": [0, 2]}]), "line 2: answer_mask[1]"),
            ("not json\n", "line 1"),
        ]
        for text, field in cases:
            with self.subTest(field=field):
                rc, events, stderr = run(self.out("bad"), text)
                self.assertEqual(rc, 2, stderr)
                self.assertIn(field, stderr)
                self.assertEqual(len(stderr.strip().splitlines()), 1, stderr)
                self.assertEqual(events, [])
                self.assertFalse(os.path.exists(self.out("bad")))

    def test_without_torch_one_line_names_the_install_command(self):
        fake = os.path.join(self.tmp, "no-torch")
        os.makedirs(os.path.join(fake, "torch"), exist_ok=True)
        with open(os.path.join(fake, "torch", "__init__.py"), "w") as f:
            f.write("raise ImportError('No module named torch')\n")
        env = dict(os.environ, PYTHONPATH=fake)
        result = subprocess.run([sys.executable, SCRIPT, "--check"], capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(result.returncode, 4)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn("apt-get install -y python3-torch", result.stderr)
        rc, events, _ = run_in_process(load_script(), ["--check"])
        self.assertEqual((rc, events[0]["event"]), (0, "ready"))


if __name__ == "__main__":
    unittest.main()
