"""Arithmetic programs: statements `expr ;` with random operators, names, parentheses."""

from __future__ import annotations

import random

from inputs import Doc

_OPS = ("+", "-", "*", "/", "%", "^")
_OP_WEIGHTS = (30, 20, 25, 10, 5, 3)


def _expr(rng: random.Random, budget: int, depth: int, out: list[str]) -> int:
    """Append an expression of about `budget` tokens; return the tokens written."""
    written = 0
    operands = max(1, budget // 2)
    for i in range(operands):
        if i:
            out.append(rng.choices(_OPS, _OP_WEIGHTS)[0])
            written += 1
        if depth < 6 and operands > 2 and rng.random() < 0.15:
            out.append("(")
            written += 2 + _expr(rng, rng.randint(3, 12), depth + 1, out)
            out.append(")")
        elif rng.random() < 0.7:
            out.append(str(rng.randint(0, 9999)))
            written += 1
        else:
            out.append(rng.choice("xyzuvw") + str(rng.randint(0, 99)))
            written += 1
    return written


def generate(target_tokens: int, seed: int = 2) -> Doc:
    """Statements of 10..200 tokens each, at least `target_tokens` tokens in all."""
    rng = random.Random(seed)
    lines: list[str] = []
    tokens = 0
    while tokens < target_tokens:
        out: list[str] = []
        tokens += _expr(rng, rng.randint(10, 200), 0, out) + 1
        lines.append(" ".join(out) + " ;")
    return Doc("\n".join(lines) + "\n", tokens)
