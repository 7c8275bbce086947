"""Inputs for the highly ambiguous workloads, with their token kinds for the reference DP."""

from __future__ import annotations

import random

from inputs import Doc

_NAMES = ("alice", "bob", "carol", "dave")
_VERBS = ("saw", "met", "watched", "followed")
_DETS = ("the", "a", "every", "some")
_NOUNS = ("man", "dog", "telescope", "park", "hill", "bench", "river", "tower")
_PREPS = ("with", "in", "on", "near", "under", "by")


def catalan_input(n: int) -> Doc:
    """n copies of "a" for `s : s s | "a"`."""
    return Doc(" ".join(["a"] * n), n)


def catalan_kinds(n: int) -> list[str]:
    return ['"a"'] * n


def pp_input(k: int, seed: int = 3) -> Doc:
    """NAME V DET N followed by k prepositional phrases P DET N."""
    rng = random.Random(seed * 1000 + k)
    words = [rng.choice(_NAMES), rng.choice(_VERBS), rng.choice(_DETS), rng.choice(_NOUNS)]
    for _ in range(k):
        words += [rng.choice(_PREPS), rng.choice(_DETS), rng.choice(_NOUNS)]
    return Doc(" ".join(words), len(words))


def pp_kinds(k: int) -> list[str]:
    return ["NAME", "V", "DET", "N"] + ["P", "DET", "N"] * k
