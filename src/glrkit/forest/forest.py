"""The Forest users get back from a parse: count, trees, ambiguities, drawing."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from glrkit.forest.count import Count, components, count_trees
from glrkit.forest.enumerate import Layout, iterate_trees
from glrkit.forest.sppf import Node, TerminalNode
from glrkit.forest.tree import Tree
from glrkit.grammar.model import Grammar


@dataclass(frozen=True)
class Ambiguity:
    """A place where the forest branches: `alternatives` ways to derive `symbol` over the
    characters start..end."""

    symbol: str
    start: int
    end: int
    alternatives: int


class Forest:
    """A shared packed parse forest holding every derivation of the input, and no other."""

    def __init__(self, grammar: Grammar, root: Node, spans: list[tuple[int, int]], source: str):
        self.grammar = grammar
        self.root = root
        self._layout = Layout(grammar, spans, source)
        self._count: Count | None = None

    @property
    def source(self) -> str:
        return self._layout.source

    def count(self) -> Count:
        """The exact number of derivation trees: an int, or math.inf for cyclic derivations."""
        if self._count is None:
            self._count = count_trees(self.root)
        return self._count

    def trees(self) -> Iterator[Tree]:
        """Every tree, lazily, in a deterministic order (infinitely many when count is inf)."""
        return iterate_trees(self.root, self._layout, cyclic=self.count() == math.inf)

    def tree(self) -> Tree:
        """The first tree (the only one when the parse is unambiguous)."""
        return next(self.trees())

    def first(self, n: int) -> list[Tree]:
        return list(itertools.islice(self.trees(), n))

    @property
    def is_ambiguous(self) -> bool:
        return any(len(node.families) > 1 for node in self.nodes())

    def nodes(self) -> Iterator[Node]:
        """Every node reachable from the root, once each (children before parents)."""
        for component in components(self.root):
            yield from component

    def ambiguities(self) -> list[Ambiguity]:
        """Ambiguous nodes, by position then symbol; ε-nodes are placed where they first occur."""
        positions = self._empty_positions()
        out: list[Ambiguity] = []
        layout = self._layout
        for node in self.nodes():
            if len(node.families) < 2:
                continue
            if node.start >= 0:
                start, end = (
                    layout.offset(node.start, node.end == node.start),
                    layout.offset(node.end, True),
                )
            else:
                start = end = layout.offset(positions.get(node, 0), True)
            out.append(Ambiguity(self.grammar.name(node.symbol), start, end, len(node.families)))
        out.sort(key=lambda a: (a.start, -a.end, a.symbol))
        return out

    def _empty_positions(self) -> dict[Node, int]:
        """A token position for each ε-node: where a parent first places it."""
        where: dict[Node, int] = {}
        for node in reversed(list(self.nodes())):  # parents before children
            if node.start < 0 and node not in where:
                continue
            for family in node.families:
                position = node.start if node.start >= 0 else where.get(node, 0)
                for child in family[1:]:
                    assert isinstance(child, Node)
                    if child.start < 0:
                        where.setdefault(child, position)
                    else:
                        position = child.end
        return where

    def size(self) -> tuple[int, int]:
        """(symbol nodes, packed nodes) reachable from the root."""
        nodes = list(self.nodes())
        return len(nodes), sum(len(n.families) for n in nodes)

    def to_dot(self) -> str:
        """Graphviz text: symbol nodes as boxes, packed nodes as dots, tokens as ellipses."""
        from glrkit.forest.dot import forest_to_dot

        return forest_to_dot(self.grammar, self.root, self._layout)

    def __repr__(self) -> str:
        return f"<Forest count={self.count()} root={self.grammar.name(self.root.symbol)}>"


__all__ = ["Ambiguity", "Forest", "Node", "TerminalNode", "Tree"]
