"""Graph-structured stack nodes (Tomita 1986). They know states and levels, not grammars."""

from __future__ import annotations

from glrkit.forest.sppf import Node


class GssNode:
    """A stack node: an LR state at an input level, with edges down labelled by forest nodes."""

    __slots__ = ("_labels", "edges", "level", "state")

    def __init__(self, state: int, level: int) -> None:
        self.state = state
        self.level = level
        self.edges: dict[GssNode, Node] = {}
        self._labels: list[tuple[Node, int]] | None = None

    def labels(self) -> list[tuple[Node, int]]:
        """The distinct edge labels with the level of the nodes they lead to.

        Many edges can carry one label (every state that has a goto on a symbol gets its own
        node above it). Only for nodes of finished levels, whose edges no longer change."""
        found = self._labels
        if found is None:
            seen: dict[Node, int] = {}
            for below, label in self.edges.items():
                seen.setdefault(label, below.level)
            found = self._labels = list(seen.items())
        return found

    def __repr__(self) -> str:
        return f"GssNode(state={self.state}, level={self.level}, edges={len(self.edges)})"
