"""JSON-like documents of a given size: a top-level array of nested records."""

from __future__ import annotations

import random

from inputs import Doc

_WORDS = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma",
    "omega", "red", "green", "blue", "cyan", "magenta", "yellow", "black", "white", "north",
    "south", "east", "west",
]
_KEYS = [
    "id", "name", "kind", "tags", "score", "ratio", "enabled", "owner", "children", "meta",
    "parent", "note",
]


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.tokens = 0
        self.size = 0

    def emit(self, text: str, tokens: int = 1) -> None:
        self.parts.append(text)
        self.tokens += tokens
        self.size += len(text)

    def string(self) -> None:
        r = self.rng
        words = " ".join(r.choice(_WORDS) for _ in range(r.randint(1, 4)))
        if r.random() < 0.1:
            words += ' \\"quoted\\" \\\\ \\n'
        self.emit(f'"{words}"')

    def number(self) -> None:
        r = self.rng
        roll = r.random()
        if roll < 0.5:
            self.emit(str(r.randint(-1000, 100000)))
        elif roll < 0.9:
            self.emit(f"{r.uniform(-1000, 1000):.4f}")
        else:
            self.emit(f"{r.uniform(1, 9):.3f}e{r.randint(-20, 20)}")

    def value(self, depth: int) -> None:
        r = self.rng
        roll = r.random()
        if depth > 0 and roll < 0.15:
            self.obj(depth - 1)
        elif depth > 0 and roll < 0.25:
            self.array(depth - 1)
        elif roll < 0.55:
            self.string()
        elif roll < 0.9:
            self.number()
        else:
            self.emit(r.choice(("true", "false", "null")))

    def obj(self, depth: int) -> None:
        keys = self.rng.sample(_KEYS, self.rng.randint(0, 6))
        self.emit("{")
        for i, key in enumerate(keys):
            if i:
                self.emit(", ")
            self.emit(f'"{key}": ', 2)
            self.value(depth)
        self.emit("}")

    def array(self, depth: int) -> None:
        self.emit("[")
        for i in range(self.rng.randint(0, 6)):
            if i:
                self.emit(", ")
            self.value(depth)
        self.emit("]")


def generate(target_bytes: int, seed: int = 1) -> Doc:
    """A document of at least `target_bytes` characters (ASCII, so bytes too)."""
    w = _Writer(random.Random(seed))
    w.emit("[\n")
    first = True
    while w.size < target_bytes:
        if not first:
            w.emit(",\n")
        first = False
        w.obj(depth=4)
    w.emit("\n]\n")
    return Doc("".join(w.parts), w.tokens)
