"""Shared packed parse forest nodes (Rekers 1992; Scott & Johnstone 2006).

A `Node` is a symbol node `(symbol, start, end)` over token positions, or a terminal leaf.
Its `families` are the packed nodes: each a flat tuple `(rule, child, child, ...)`, one per
distinct way the node derives its span. Nodes of the ε-forest (`start == -1`) derive the empty
string and carry no position: they are shared by every place that needs them, and a walk
gives them the position of their context.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glrkit.grammar.model import Grammar

Family = tuple["int | Node", ...]  # (rule, *children)

# Deterministic stretches of a parse make no nodes (see engine/_linear.py): a reduction there
# is the tuple (rule, *children), each child a token index (int), another such tuple, or a
# Node (an ε-node, or a node the general algorithm made). Nodes never hold derivations.
TupleTree = tuple["int | Node | TupleTree", ...]
RuleShape = tuple[int, tuple[int, ...]]  # a rule's (lhs, rhs), what `realize` needs of it


class Node:
    """A symbol node. Its families are distinct by construction: the engine packs them per
    level (a node gets all of them in the level where it ends; see engine/_reduce.py)."""

    __slots__ = ("end", "families", "start", "symbol")

    def __init__(self, symbol: int, start: int, end: int) -> None:
        self.symbol = symbol
        self.start = start
        self.end = end
        self.families: list[Family] = []

    @property
    def is_terminal(self) -> bool:
        return False

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


def realize(label: Node | TupleTree, start: int, rules: Sequence[RuleShape]) -> Node:
    """The forest nodes RNGLR makes for a derivation whose first token is at level `start`:
    one symbol node and family per tuple, one leaf per token index (its terminal read from
    the rule), the Nodes inside kept as they are. Iterative: derivations of long lists are
    deep."""
    if not isinstance(label, tuple):
        return label
    position = start
    # Per open tuple: its rule, its children still to see, where it starts, its family.
    work: list[tuple[int, Iterator[int | Node | TupleTree], int, list[int | Node]]] = []
    work.append(_opened(label, start))
    while True:
        rule, children, first, family = work[-1]
        for child in children:
            if isinstance(child, int):
                kind = rules[rule][1][len(family) - 1]
                family.append(TerminalNode(kind, child, child + 1))
                position = child + 1
            elif isinstance(child, tuple):
                work.append(_opened(child, position))
                break
            else:
                family.append(child)
                if child.end >= 0:
                    position = child.end
        else:
            work.pop()
            node = Node(rules[rule][0], first, position)
            node.families.append(tuple(family))
            if not work:
                return node
            work[-1][3].append(node)


def _opened(
    derivation: TupleTree, start: int
) -> tuple[int, Iterator[int | Node | TupleTree], int, list[int | Node]]:
    rule = derivation[0]
    assert isinstance(rule, int)
    return rule, iter(derivation[1:]), start, [rule]


def epsilon_forest(grammar: Grammar, nullable: frozenset[int]) -> dict[int, Node]:
    """One shared node per nullable nonterminal, holding all of its ε-derivations
    (cyclic when the grammar has ε-cycles: then the count is infinite)."""
    nodes = {a: Node(a, -1, -1) for a in sorted(nullable)}
    for rule in grammar.rules:
        if rule.lhs in nodes and all(s in nodes for s in rule.rhs):
            nodes[rule.lhs].families.append((rule.index, *(nodes[s] for s in rule.rhs)))
    return nodes
