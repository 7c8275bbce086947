"""Shared packed parse forest nodes (Rekers 1992; Scott & Johnstone 2006).

A `Node` is a symbol node `(symbol, start, end)` over token positions, or a terminal leaf.
Its `families` are the packed nodes: each a flat tuple `(rule, child, child, ...)`, one per
distinct way the node derives its span. Nodes of the ε-forest (`start == -1`) derive the empty
string and carry no position: they are shared by every place that needs them, and a walk
gives them the position of their context.
"""

from __future__ import annotations

from glrkit.grammar.model import Grammar

Family = tuple["int | Node", ...]  # (rule, *children)


class Node:
    __slots__ = ("_seen", "end", "families", "start", "symbol")

    def __init__(self, symbol: int, start: int, end: int) -> None:
        self.symbol = symbol
        self.start = start
        self.end = end
        self.families: list[Family] = []
        self._seen: set[Family] | None = None

    @property
    def is_terminal(self) -> bool:
        return False

    def add_family(self, family: Family) -> bool:
        """Add a packed node unless an equal one is there (RNGLR's ADD-CHILDREN); say whether
        it was added."""
        families = self.families
        seen = self._seen
        if seen is not None:
            if family in seen:
                return False
            seen.add(family)
        elif len(families) < 8:
            if family in families:
                return False
        else:
            seen = self._seen = set(families)
            if family in seen:
                return False
            seen.add(family)
        families.append(family)
        return True

    def __repr__(self) -> str:
        return f"Node({self.symbol}, {self.start}, {self.end}, {len(self.families)} families)"


class TerminalNode(Node):
    """A leaf: one token, read as terminal `symbol`; `token` indexes the token list."""

    __slots__ = ()

    @property
    def is_terminal(self) -> bool:
        return True


class RecoveredLeaf(TerminalNode):
    """A leaf made by error recovery: an inserted (`missing`) token, and/or the spans of
    tokens deleted just before it (`skipped`, character offsets)."""

    __slots__ = ("missing", "skipped")

    def __init__(
        self, symbol: int, start: int, end: int, missing: bool, skipped: tuple[tuple[int, int], ...]
    ) -> None:
        super().__init__(symbol, start, end)
        self.missing = missing
        self.skipped = skipped


def epsilon_forest(grammar: Grammar, nullable: frozenset[int]) -> dict[int, Node]:
    """One shared node per nullable nonterminal, holding all of its ε-derivations
    (cyclic when the grammar has ε-cycles: then the count is infinite)."""
    nodes = {a: Node(a, -1, -1) for a in sorted(nullable)}
    for rule in grammar.rules:
        if rule.lhs in nodes and all(s in nodes for s in rule.rhs):
            nodes[rule.lhs].add_family((rule.index, *(nodes[s] for s in rule.rhs)))
    return nodes
