"""Tests of the trainer's modules (training/gpt/) and of what the speed-ups and the GPU path must not change:

  nice -n 19 /usr/bin/python3 -m unittest training/test_gpt_modules.py

The training forward (fused attention or the hand-written causal attention, the fused GELU, logits only at scored
positions) must compute the reference forward's loss and gradients; the compact stream must train the same weights
as the list form; bf16 autocast (the CUDA default) runs and exports on the CPU too; a CUDA request without a GPU is
bad input naming the field."""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

from gpt import loop  # noqa: E402
from gpt.data import Batches, SequenceSet  # noqa: E402
from gpt.model import GPT, GPTConfig, CausalAttention  # noqa: E402
from test_train_gpt import CONTEXT, HELDOUT, SCRIPT, SEQUENCES, micro_config, stream  # noqa: E402


def compact(line):
    out = {"ids_base64": base64.b64encode(bytes(line["ids"])).decode("ascii"),
           "answer_mask_base64": base64.b64encode(bytes(line["answer_mask"])).decode("ascii")}
    if "heldout" in line:
        out["heldout"] = line["heldout"]
    return out


# The compact form carries bytes: these sequences without their leading <|endoftext|> (256).
BYTE_SEQUENCES = [{"ids": s["ids"][1:], "answer_mask": s["answer_mask"][1:]} for s in SEQUENCES]
BYTE_HELDOUT = [{"ids": s["ids"][1:], "answer_mask": s["answer_mask"][1:]} for s in HELDOUT]


def run(out, text, *args):
    result = subprocess.run([sys.executable, SCRIPT, *(["--out", out] if out else []), *args], input=text,
                            capture_output=True, text=True, timeout=300)
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines()], result.stderr


def as_arrays(lines):
    import numpy
    return [(numpy.array(line["ids"], dtype=numpy.int16), numpy.array(line["answer_mask"], dtype=numpy.uint8)) for line in lines]


class TrainingForwardTests(unittest.TestCase):
    def setUp(self):
        torch.set_num_threads(1)
        torch.manual_seed(5)
        self.model = GPT(GPTConfig(vocab_size=257, context=CONTEXT, width=16, layers=2, heads=2)).init_gpt2_()
        # Larger weights than the initialisation's, so that the attention is far from uniform.
        with torch.no_grad():
            for p in self.model.parameters():
                p.add_(0.3 * torch.randn_like(p))

    def reference_loss(self, inputs, targets):
        logits = self.model(inputs)
        return torch.nn.functional.cross_entropy(logits.reshape(-1, 257), targets.reshape(-1), ignore_index=-100, reduction="sum")

    def test_the_training_forward_gives_the_reference_forwards_loss_and_gradients_on_a_padded_batch(self):
        sequences = SequenceSet(as_arrays(SEQUENCES[:6]), torch.device("cpu"))
        inputs, targets, tokens = sequences.collate(list(range(6)), answers=True)
        self.assertEqual(tokens, sum(len(s["ids"]) - 1 for s in SEQUENCES[:6]))
        self.assertGreater(int((targets == -100).sum()), int((targets != -100).sum()) // 4)  # padding and unscored tokens

        expected = self.reference_loss(inputs, targets)
        expected_grads = torch.autograd.grad(expected, list(self.model.parameters()))
        got, scored = self.model.loss(inputs, targets)
        got_grads = torch.autograd.grad(got, list(self.model.parameters()))

        self.assertEqual(scored, int((targets != -100).sum()))
        self.assertAlmostEqual(float(got), float(expected), delta=1e-5 * float(expected))
        for a, b in zip(got_grads, expected_grads):
            self.assertLessEqual(float((a - b).abs().max()), 1e-4 * max(1.0, float(b.abs().max())))

    def test_the_hand_written_causal_attention_has_autograds_gradients(self):
        q, k, v = (torch.randn(3, 7, 4, dtype=torch.float64, requires_grad=True) for _ in range(3))
        bias = torch.full((7, 7), float("-inf"), dtype=torch.float64).triu_(1).unsqueeze(0)
        self.assertTrue(torch.autograd.gradcheck(lambda a, b, c: CausalAttention.apply(a, b, c, bias, 0.5), (q, k, v)))
        expected = torch.softmax(q @ k.transpose(1, 2) * 0.5 + bias, -1) @ v
        self.assertLessEqual(float((CausalAttention.apply(q, k, v, bias, 0.5) - expected).abs().max()), 1e-12)

    def test_batches_depend_on_the_step_alone_and_walk_every_sequence_once_an_epoch(self):
        sequences = SequenceSet(as_arrays(SEQUENCES), torch.device("cpu"))
        batches = Batches(sequences, 4, seed=3, answers=True)
        first_epoch = sorted(r for step in range(6) for r in batches.rows(step))
        self.assertEqual(first_epoch, list(range(24)))
        again = Batches(sequences, 4, seed=3, answers=True)
        self.assertEqual(again.rows(4), batches.rows(4))
        self.assertNotEqual(Batches(sequences, 4, seed=4, answers=True).rows(0), batches.rows(0))


class StreamAndDeviceTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="gpt_modules_test_")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_compact_stream_trains_the_same_weights_as_the_list_form(self):
        config = micro_config(steps=8, eval_every=4)
        lists = stream(config, BYTE_SEQUENCES, BYTE_HELDOUT)
        lines = [json.loads(line) for line in lists.splitlines()]
        packed = "".join(json.dumps(line if "config" in line else compact(line)) + "\n" for line in lines)
        self.assertLess(len(packed), 0.6 * len(lists))
        for name, text in (("list", lists), ("compact", packed)):
            rc, _, stderr = run(os.path.join(self.tmp, name), text)
            self.assertEqual(rc, 0, stderr)
        with open(os.path.join(self.tmp, "list", "hf", "model.safetensors"), "rb") as a, \
                open(os.path.join(self.tmp, "compact", "hf", "model.safetensors"), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_bad_compact_lines_exit_2_naming_the_line_and_field(self):
        good = compact(BYTE_SEQUENCES[0])
        cases = [
            (dict(good, ids_base64="***"), "line 2: ids_base64: not valid base64"),
            (dict(good, answer_mask_base64=base64.b64encode(bytes([0, 2] + [0] * (len(BYTE_SEQUENCES[0]["ids"]) - 2))).decode()),
             "line 2: answer_mask_base64[1]"),
            (dict(good, answer_mask_base64=base64.b64encode(bytes([0, 1])).decode()), "line 2: answer_mask_base64: expected"),
            (dict(good, ids=[1, 2]), "line 2: ids_base64: give the compact form"),
            ({"ids_base64": good["ids_base64"]}, "line 2: answer_mask_base64: missing"),
        ]
        for line, message in cases:
            with self.subTest(message=message):
                rc, events, stderr = run(os.path.join(self.tmp, "bad"), json.dumps({"config": micro_config()}) + "\n" + json.dumps(line) + "\n")
                self.assertEqual(rc, 2, stderr)
                self.assertIn(message, stderr)
                self.assertEqual(events, [])
                self.assertFalse(os.path.exists(os.path.join(self.tmp, "bad")))

    def test_measure_reports_steps_per_second_and_writes_nothing(self):
        before = set(os.listdir(self.tmp))
        rc, events, stderr = run(None, stream(micro_config(), SEQUENCES), "--measure", "--measure-seconds", "0.2")
        self.assertEqual(rc, 0, stderr)
        self.assertEqual([e["event"] for e in events], ["measured"])
        measured = events[0]
        self.assertGreaterEqual(measured["timed_steps"], 5)
        self.assertGreater(measured["steps_per_s"], 0)
        self.assertGreater(measured["tokens_per_s"], measured["steps_per_s"])
        self.assertEqual((measured["device"], measured["precision"]), ("cuda", "bf16") if torch.cuda.is_available() else ("cpu", "fp32"))
        self.assertEqual(set(os.listdir(self.tmp)), before)

    def test_cuda_without_a_gpu_is_bad_input_and_auto_falls_back_to_the_cpu(self):
        device, autocast = loop.resolve_device({"device": "auto", "precision": "auto"})
        if torch.cuda.is_available():
            self.assertEqual((device.type, autocast), ("cuda", torch.bfloat16))
            return
        self.assertEqual((device.type, autocast), ("cpu", None))
        rc, events, stderr = run(os.path.join(self.tmp, "cuda"), stream(micro_config(device="cuda"), SEQUENCES))
        self.assertEqual(rc, 2, stderr)
        self.assertIn("config.training.device", stderr)
        self.assertEqual(events, [])

    def test_bf16_autocast_trains_lowers_the_loss_and_exports_checked_float32_weights(self):
        out = os.path.join(self.tmp, "bf16")
        rc, events, stderr = run(out, stream(micro_config(precision="bf16", device="cpu"), SEQUENCES, HELDOUT))
        self.assertEqual(rc, 0, stderr)
        start = next(e for e in events if e["event"] == "start")
        self.assertEqual(start["precision"], "bf16")
        steps = [e["loss"] for e in events if e["event"] == "step"]
        self.assertLess(sum(steps[-5:]) / 5, 0.8 * sum(steps[:5]) / 5)
        with open(os.path.join(out, "training.json")) as f:
            metrics = json.load(f)
        self.assertEqual((metrics["precision"], metrics["device"]), ("bf16", "cpu"))
        self.assertLessEqual(metrics["export_max_logit_difference"]["hf"], 1e-5)
        self.assertLessEqual(metrics["export_max_logit_difference"]["onnx_wrapper"], 1e-5)


if __name__ == "__main__":
    unittest.main()
