"""Graph-structured stack nodes (Tomita 1986). They know states and levels, not grammars."""

from __future__ import annotations

from glrkit.forest.sppf import Node


class GssNode:
    """A stack node: an LR state at an input level, with edges down labelled by forest nodes."""

    __slots__ = ("edges", "level", "state")

    def __init__(self, state: int, level: int) -> None:
        self.state = state
        self.level = level
        self.edges: dict[GssNode, Node] = {}

    def __repr__(self) -> str:
        return f"GssNode(state={self.state}, level={self.level}, edges={len(self.edges)})"
