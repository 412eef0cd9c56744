"""The trainer as modules, the way nanoGPT splits it: `model` (GPT-2, importable on its own), `data` (the sequences as
tensors and the batches), `loop` (optimizer, schedule, device, checkpoints, the training loop), `export` (ONNX and
Hugging Face folders), `protocol` (the stdin lines, stdout events and exit codes of training/README.md) and
`vocabulary` (the byte-level alphabet). training/train_gpt.py is the command line over them."""
