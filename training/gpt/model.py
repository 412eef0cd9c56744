"""GPT-2 exactly (learned positions, pre-LayerNorm blocks, tanh GELU, tied output embedding, no dropout), importable
without the rest of the trainer: `from gpt.model import GPT, GPTConfig`.

Two forwards share the weights. `run` is the reference: an explicit boolean mask (causal and an optional attention
mask), a key/value cache, logits at every position; it is what the exports trace and check. `loss` is the training
path: a causal additive mask (or PyTorch 2's fused attention), the fused tanh GELU, and the output projection only at
the positions the loss scores. Both compute the same function (tested to float tolerance)."""

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

LAYER_NORM_EPS = 1e-5
# PyTorch 2 fuses causal attention (flash / memory-efficient kernels on CUDA); 1.13 computes it from the scores.
FUSED_ATTENTION = hasattr(F, "scaled_dot_product_attention")


@dataclass(frozen=True)
class GPTConfig:
    vocab_size: int
    context: int
    width: int
    layers: int
    heads: int

    @property
    def head_size(self):
        return self.width // self.heads

    def parameter_counts(self):
        """(non-embedding, total): Kaplan et al.'s count excludes the token and position embeddings."""
        w = self.width
        per_layer = 12 * w * w + 13 * w  # c_attn 3w²+3w, attn c_proj w²+w, c_fc 4w²+4w, mlp c_proj 4w²+w, two LayerNorms 4w
        non_embedding = self.layers * per_layer + 2 * w  # + ln_f
        return non_embedding, non_embedding + self.vocab_size * w + self.context * w


class CausalAttention(torch.autograd.Function):
    """softmax(q·kᵀ·scale + causal bias)·v with a hand-written backward, for PyTorch without fused attention (1.13).
    Its CPU softmax and softmax backward cost several times the matrix products around them at these lengths; here
    the softmax is exp in place, and the backward uses rowsum(dP∘P) = rowsum(dO∘O), so it touches the T×T matrix
    twice instead of through softmax's backward (2.2× the speed of autograd's attention, same values to 1e-6)."""

    @staticmethod
    def forward(ctx, q, k, v, bias, scale):
        p = torch.baddbmm(bias.expand(q.shape[0], -1, -1), q, k.transpose(1, 2), alpha=scale)
        p.sub_(p.amax(-1, keepdim=True)).exp_()
        p.div_(p.sum(-1, keepdim=True))
        out = torch.bmm(p, v)
        ctx.save_for_backward(q, k, v, p, out)
        ctx.scale = scale
        return out

    @staticmethod
    def backward(ctx, grad_out):
        q, k, v, p, out = ctx.saved_tensors
        grad_v = torch.bmm(p.transpose(1, 2), grad_out)
        grad_scores = torch.bmm(grad_out, v.transpose(1, 2))
        grad_scores.sub_((grad_out * out).sum(-1, keepdim=True)).mul_(p)
        grad_q = torch.bmm(grad_scores, k).mul_(ctx.scale)
        grad_k = torch.bmm(grad_scores.transpose(1, 2), q).mul_(ctx.scale)
        return grad_q, grad_k, grad_v, None, None


class Attention(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.c_attn = nn.Linear(width, 3 * width)
        self.c_proj = nn.Linear(width, width)


class Mlp(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.c_fc = nn.Linear(width, 4 * width)
        self.c_proj = nn.Linear(4 * width, width)


def gelu_new(h):
    """GPT-2's tanh-approximated GELU written out (what the exports trace: opset 14 has no Gelu)."""
    return 0.5 * h * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (h + 0.044715 * torch.pow(h, 3.0))))


class Block(nn.Module):
    """GPT-2's block: pre-LayerNorm causal self-attention and MLP."""

    def __init__(self, config):
        super().__init__()
        self.width, self.heads, self.head_size = config.width, config.heads, config.head_size
        self.ln_1 = nn.LayerNorm(config.width, eps=LAYER_NORM_EPS)
        self.attn = Attention(config.width)
        self.ln_2 = nn.LayerNorm(config.width, eps=LAYER_NORM_EPS)
        self.mlp = Mlp(config.width)

    def heads_of(self, x):
        batch, length, _ = x.shape
        q, k, v = self.attn.c_attn(self.ln_1(x)).split(self.width, dim=2)
        return (t.view(batch, length, self.heads, self.head_size).transpose(1, 2) for t in (q, k, v))

    def merge(self, x, attended):
        batch, length, _ = x.shape
        return x + self.attn.c_proj(attended.transpose(1, 2).reshape(batch, length, self.width))

    def forward(self, x, allowed, past_key, past_value):
        """The reference: an explicit mask and a key/value cache (the exported computation)."""
        q, k, v = self.heads_of(x)
        if past_key is not None:
            k = torch.cat([past_key, k], dim=2)
            v = torch.cat([past_value, v], dim=2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size)
        # A large finite value, not -inf: a padding row (every key masked) stays finite.
        scores = torch.where(allowed, scores, torch.full_like(scores, -1e9))
        x = self.merge(x, torch.matmul(torch.softmax(scores, dim=-1), v))
        return x + self.mlp.c_proj(gelu_new(self.mlp.c_fc(self.ln_2(x)))), k, v

    def train_forward(self, x, causal_bias):
        """Causal only (right padding never reaches a real position), fused where PyTorch offers it."""
        q, k, v = self.heads_of(x)
        if FUSED_ATTENTION:
            attended = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            flat = [t.reshape(-1, t.shape[2], self.head_size) for t in (q, k, v)]
            attended = CausalAttention.apply(*flat, causal_bias, 1.0 / math.sqrt(self.head_size)).view_as(q)
        x = self.merge(x, attended)
        return x + self.mlp.c_proj(F.gelu(self.mlp.c_fc(self.ln_2(x)), approximate="tanh"))


class GPT(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.wte = nn.Embedding(config.vocab_size, config.width)
        self.wpe = nn.Embedding(config.context, config.width)
        self.h = nn.ModuleList(Block(config) for _ in range(config.layers))
        self.ln_f = nn.LayerNorm(config.width, eps=LAYER_NORM_EPS)

    def init_gpt2_(self):
        """GPT-2's initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2 * layers), zero biases,
        LayerNorm gains 1; drawn from torch's global generator in parameter order."""
        with torch.no_grad():
            for name, p in self.named_parameters():
                if name.endswith("bias"):
                    p.zero_()
                elif name.startswith("ln") or ".ln_" in name:
                    p.fill_(1.0)
                elif name.endswith("c_proj.weight"):
                    p.normal_(0.0, 0.02 / math.sqrt(2 * self.config.layers))
                else:
                    p.normal_(0.0, 0.02)
        return self

    def run(self, input_ids, attention_mask=None, position_ids=None, past=None):
        """Logits at every position and the key/value cache; the computation the exports trace."""
        length = input_ids.shape[1]
        past_length = 0 if past is None else past[0][0].shape[2]
        if position_ids is None:
            position_ids = torch.arange(length, device=input_ids.device).unsqueeze(0)
        x = self.wte(input_ids) + self.wpe(position_ids)
        query = torch.arange(length, device=input_ids.device).unsqueeze(1) + past_length
        key = torch.arange(past_length + length, device=input_ids.device).unsqueeze(0)
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

    def loss(self, inputs, targets):
        """(sum of cross-entropies over the scored positions, their count); targets are -100 where nothing is scored.
        Only the scored positions go through ln_f and the output projection: with answers-only loss that is under
        half of them, and the projection onto the vocabulary is the widest matrix product of a small model."""
        length = inputs.shape[1]
        positions = torch.arange(length, device=inputs.device)
        x = self.wte(inputs) + self.wpe(positions).unsqueeze(0)
        causal_bias = None
        if not FUSED_ATTENTION:
            causal_bias = torch.full((length, length), float("-inf"), device=inputs.device).triu_(1).unsqueeze(0)
        for block in self.h:
            x = block.train_forward(x, causal_bias)
        scored = targets != -100
        logits = torch.matmul(self.ln_f(x[scored]), self.wte.weight.t())
        return F.cross_entropy(logits.float(), targets[scored], reduction="sum"), int(scored.sum())
