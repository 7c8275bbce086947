"""The deterministic fast path must be invisible: on random grammars (ε-rules, cycles,
duplicates, recursion) and random inputs, the plain LR loop plus RNGLR gives exactly what
RNGLR alone gives: the same accept/reject, count, trees, error position, and the same
forest node for node (the fast path's tuples realized are the nodes RNGLR makes)."""

from __future__ import annotations

import itertools
import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from glrkit import Forest, Grammar, GrammarError, ParseError, Parser
from glrkit.forest.sppf import Node

NONTERMINALS = ["s", "x", "y", "z"]
TERMINALS = ['"a"', '"b"', '"c"']


def _grammar(rng: random.Random) -> str:
    used = NONTERMINALS[: rng.randint(1, 4)]
    lines = ["%ignore /\\s+/"]
    for name in used:
        alts = []
        for _ in range(rng.randint(1, 3)):
            body = [rng.choice(used + TERMINALS) for _ in range(rng.randint(0, 3))]
            alts.append(" ".join(body) or "%empty")
        alts.append(rng.choice(TERMINALS))  # keep every nonterminal productive
        lines.append(f"{name} : {' | '.join(alts)} ;")
    return "\n".join(lines)


def _outcome(parser: Parser, text: str) -> tuple[object, ...]:
    try:
        forest = parser.parse(text)
    except ParseError as error:
        return ("reject", error.offset, error.expected)
    # Trees first: on a forest the fast path read to the end they come from its tuples,
    # before anything has made nodes of them.
    first = [t.sexpr() for t in itertools.islice(forest.trees(), 5)]
    count = forest.count()
    trees = [t.sexpr() for t in itertools.islice(forest.trees(), 20)]
    return ("accept", count, first, trees if count != math.inf else trees[:5], _shape(forest))


def _shape(forest: Forest) -> tuple[int, dict[tuple[int, int, int], frozenset[object]]]:
    """The forest node for node: how many nodes, and each one's families by the children's
    (symbol, start, end), keyed by its own (symbol, start, end)."""

    def key(node: Node) -> tuple[int, int, int]:
        return (node.symbol, node.start, node.end)

    nodes = list(forest.nodes())
    shape = {
        key(node): frozenset(
            (family[0], *(key(c) for c in family[1:] if isinstance(c, Node)))
            for family in node.families
        )
        for node in nodes
    }
    return len(nodes), shape


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_fast_path_is_invisible(seed: int) -> None:
    rng = random.Random(seed)
    text = _grammar(rng)
    try:
        grammar = Grammar.from_string(text)
    except GrammarError:
        return
    fast, slow = Parser(grammar, cache=False), Parser(grammar, cache=False)
    slow._engine.fast = False
    for _ in range(6):
        sentence = " ".join(rng.choice("abc") for _ in range(rng.randint(0, 6)))
        assert _outcome(fast, sentence) == _outcome(slow, sentence), (text, sentence)
