"""Graph-structured stack nodes (Tomita 1986). They know states and levels, not grammars."""

from __future__ import annotations

from glrkit.forest.sppf import Node


class GssNode:
    """A stack node: an LR state at an input level, with edges down labelled by forest nodes.

    `goto_level` and `link_level` are the reducer's per-level marks, kept on the node so that
    its hottest membership tests are one dict lookup with no key to build:
    `goto_level[A] == level` says that the edge from this level's head `goto(state, A)` down
    to this node is already there (there is at most one such edge per level: one stack node
    per state per level), and `link_level[A] == level` that the last step of reductions to A
    through this node has been linked at `level` (see `_Run.link` in rnglr.py).
    """

    __slots__ = ("_labels", "edges", "goto_level", "level", "link_level", "state")

    def __init__(self, state: int, level: int) -> None:
        self.state = state
        self.level = level
        self.edges: dict[GssNode, Node] = {}
        self._labels: tuple[tuple[Node, int], ...] | None = None
        self.goto_level: dict[int, int] = {}
        self.link_level: dict[int, int] = {}

    def labels(
        self, interned: dict[tuple[tuple[Node, int], ...], tuple[tuple[Node, int], ...]]
    ) -> tuple[tuple[Node, int], ...]:
        """The distinct edge labels with the level of the nodes they lead to.

        Many edges can carry one label (every state that has a goto on a symbol gets its own
        node above it), and many nodes of a level have the same labels: the tuple is
        interned, so the reducer can tell equal label sets apart by identity. Only for nodes
        of finished levels, whose edges no longer change."""
        found = self._labels
        if found is None:
            seen: dict[Node, int] = {}
            for below, label in self.edges.items():
                seen.setdefault(label, below.level)
            computed = tuple(seen.items())
            found = self._labels = interned.setdefault(computed, computed)
        return found
