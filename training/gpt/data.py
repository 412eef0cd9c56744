"""The sequences as tensors on the training device, and the batches of each step.

Sequences are kept as one right-padded int16 matrix and one mask matrix, so a batch is an index into them: no Python
work per sequence per step, and the whole set can live on a GPU (a few hundred MB for 10^5-10^6 sequences)."""

import torch

from .vocabulary import END_OF_TEXT

IGNORED = -100


class SequenceSet:
    def __init__(self, sequences, device):
        """sequences: (ids int16 array, mask uint8 array) pairs, as protocol.read_stream returns them."""
        import numpy

        self.count = len(sequences)
        width = max((len(ids) for ids, _ in sequences), default=0)
        ids = numpy.full((self.count, width), END_OF_TEXT, dtype=numpy.int16)
        mask = numpy.zeros((self.count, width), dtype=numpy.bool_)
        lengths = numpy.zeros(self.count, dtype=numpy.int64)
        for row, (i, m) in enumerate(sequences):
            ids[row, :len(i)] = i
            mask[row, :len(m)] = m != 0
            lengths[row] = len(i)
        self.ids = torch.from_numpy(ids).to(device)
        self.mask = torch.from_numpy(mask).to(device)
        self.lengths = torch.from_numpy(lengths).to(device)
        self.host_lengths = lengths
        self.device = device

    def __len__(self):
        return self.count

    def collate(self, rows, answers):
        """Inputs padded on the right to the longest chosen sequence (causal attention never looks right) and targets
        with -100 where nothing is scored; and the number of real (non-padding) input tokens."""
        host = self.host_lengths[rows]
        length = int(host.max())
        rows = torch.as_tensor(rows, device=self.device)
        lengths = self.lengths[rows]
        ids = self.ids[rows, :length].long()
        inputs = ids[:, :-1]
        positions = torch.arange(1, length, device=self.device).unsqueeze(0)
        scored = positions < lengths.unsqueeze(1)
        if answers:
            scored = scored & self.mask[rows, 1:length]
        targets = torch.where(scored, ids[:, 1:], torch.full_like(inputs, IGNORED))
        return inputs, targets, int(host.sum()) - len(host)

    def chunks(self, size, answers):
        """The set in order, `size` sequences at a time (the held-out loss)."""
        for start in range(0, self.count, size):
            yield self.collate(list(range(start, min(start + size, self.count))), answers)


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
            self.permutations[epoch] = torch.randperm(len(self.sequences), generator=generator)
        return self.permutations[epoch]

    def rows(self, step):
        n = len(self.sequences)
        return [int(self.order(p // n)[p % n]) for p in range(step * self.batch, (step + 1) * self.batch)]

    def at(self, step):
        return self.sequences.collate(self.rows(step), self.answers)
