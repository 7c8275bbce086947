"""Lazy, deterministic enumeration of the trees of a forest.

A tree is fixed by the family chosen at each ambiguous node *occurrence* (a shared node can
occur several times in one tree and choose differently each time). We walk the decision tree
of those choices depth-first like an odometer: build the tree for a choice vector (taking the
first family past its end), then advance the last choice that has an alternative left. Each
build is iterative and linear in the tree's size, so deep trees are fine and the first tree of
an exponential forest comes at once.

Cyclic forests have infinitely many trees; `Forest.trees()` lists those smallest first with
the lazy k-best search instead (the decision tree here would be infinite). `_build` keeps a
repetition budget for callers that bound a walk through a cycle.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from glrkit.forest.sppf import Node, RecoveredLeaf, TerminalNode
from glrkit.forest.tree import Tree
from glrkit.grammar.model import Grammar


@dataclass
class Layout:
    """What a build needs besides the forest: names, and token offsets in the source."""

    grammar: Grammar
    spans: list[tuple[int, int]]
    source: str
    trailing: tuple[tuple[int, int], ...] = ()  # text deleted by recovery at the very end
    _tables: tuple[list[str], list[bool], list[tuple[str | None, ...] | None]] | None = None

    def tables(
        self,
    ) -> tuple[list[str], list[bool], list[tuple[str | None, ...] | None]]:
        """Per-symbol names and hidden flags, per-rule child names (None: no names)."""
        cached = self._tables
        if cached is None:
            g = self.grammar
            cached = self._tables = (
                [g.name(s) for s in range(g.n_symbols)],
                [g.is_hidden(s) for s in range(g.n_symbols)],
                [r.names if any(r.names) else None for r in g.rules],
            )
        return cached

    def offset(self, position: int, at_end: bool) -> int:
        spans = self.spans
        if at_end:
            return spans[position - 1][1] if position > 0 else (spans[0][0] if spans else 0)
        if position < len(spans):
            return spans[position][0]
        return spans[-1][1] if spans else 0


class _DeadEnd(Exception):
    """No family fits the repetition budget here: this choice vector yields no tree."""


def iterate_trees(root: Node, layout: Layout) -> Iterator[Tree]:
    """Every tree of an acyclic forest, in depth-first order of the family choices."""
    choices: list[int] = []
    while True:
        points: list[int] = []
        yield _build(root, layout, choices, points, 0)[0]
        nxt = _advance(choices, points)
        if nxt is None:
            return
        choices = nxt


def _advance(choices: list[int], points: list[int]) -> list[int] | None:
    """The next choice vector in depth-first order, or None when all are done."""
    taken = choices + [0] * (len(points) - len(choices))
    for k in range(len(points) - 1, -1, -1):
        if taken[k] + 1 < points[k]:
            return [*taken[:k], taken[k] + 1]
    return None


class _Frame:
    __slots__ = ("collected", "family", "names", "next", "node", "position", "rule_names", "start")

    def __init__(
        self,
        node: Node,
        family: tuple[object, ...],
        start: int,
        rule_names: tuple[str | None, ...] | None,
    ) -> None:
        self.node = node
        self.family = family
        self.next = 1  # family[0] is the rule
        self.start = start
        self.position = start  # token position where the next child starts
        self.collected: list[Tree] = []
        self.rule_names = rule_names  # None when the rule names no child (the usual case)
        self.names: list[str | None] = []


def _build(
    root: Node, layout: Layout, choices: list[int], points: list[int], budget: int
) -> tuple[Tree, int]:
    """`_build_tree` with the cyclic garbage collector paused: a big tree is millions of new
    objects and no garbage, and the collector would rescan them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_tree(root, layout, choices, points, budget)
    finally:
        if enabled:
            gc.enable()


def _build_tree(
    root: Node, layout: Layout, choices: list[int], points: list[int], budget: int
) -> tuple[Tree, int]:
    """Build the tree for `choices`; record the number of alternatives at each choice point.

    Returns the tree and the highest repetition of a node on a root path (for cyclic forests).
    The loop is the hot path of tree extraction: per-grammar facts are looked up in lists
    prepared once per layout, and child names are tracked only for rules that have them.
    """
    symbol_names, hidden, rule_names = layout.tables()
    labels = [r.label for r in layout.grammar.rules]
    spans, source = layout.spans, layout.source
    on_path: dict[Node, int] = {}
    reached = 1
    top = _Frame(root, (0, root), 0, None)  # a sentinel parent that collects the root's tree
    frames: list[_Frame] = [top]
    frame = top

    def deliver(parent: _Frame, trees: list[Tree], end: int, is_hidden: bool) -> None:
        parent.collected.extend(trees)
        parent.position = end
        if parent.rule_names is not None:
            k = parent.next - 2
            names = parent.rule_names
            name = names[k] if k < len(names) and not is_hidden and len(trees) == 1 else None
            parent.names.extend([name] * len(trees))

    while True:
        if frame.next < len(frame.family):
            child = frame.family[frame.next]
            frame.next += 1
            if type(child) is TerminalNode:  # the common leaf, inline
                frame.collected.append(
                    Tree(
                        symbol_names[child.symbol],
                        (),
                        spans[child.start][0],
                        spans[child.start][1],
                        source,
                    )
                )
                frame.position = child.end
                if frame.rule_names is not None:
                    k = frame.next - 2
                    frame.names.append(frame.rule_names[k] if k < len(frame.rule_names) else None)
                continue
            assert isinstance(child, Node)
            if isinstance(child, TerminalNode):
                deliver(frame, _leaves(child, layout), child.end, False)
                continue
            families = child.families
            if budget:
                depth = on_path.get(child, 0) + 1
                if depth > budget:
                    raise _DeadEnd
                reached = max(reached, depth)
                on_path[child] = depth
            index = 0
            if len(families) > 1:
                k = len(points)
                points.append(len(families))
                index = choices[k] if k < len(choices) else 0
            family = families[index]
            start = child.start if child.start >= 0 else frame.position
            frame = _Frame(child, family, start, rule_names[cast(int, family[0])])
            frames.append(frame)
            continue
        if frame is top:
            tree = top.collected[0]
            if layout.trailing:
                tree.children = (*tree.children, _error_tree(layout.trailing, layout))
            return tree, reached
        frames.pop()
        done, frame = frame, frames[-1]
        node = done.node
        if budget:
            on_path[node] -= 1
        end = node.end if node.end >= 0 else done.position
        if hidden[node.symbol]:
            deliver(frame, done.collected, end, True)
            continue
        rule_index = cast(int, done.family[0])
        start_token = done.start
        if end > start_token:  # the usual case, inline: offsets of the first and last tokens
            start_offset, end_offset = spans[start_token][0], spans[end - 1][1]
        else:
            start_offset = end_offset = layout.offset(end, True)
        tree = Tree(
            symbol_names[node.symbol],
            tuple(done.collected),
            start_offset,
            end_offset,
            source,
            rule_index,
            labels[rule_index],
            tuple(done.names) if done.rule_names is not None else (),
        )
        frame.collected.append(tree)
        frame.position = end
        if frame.rule_names is not None:
            k = frame.next - 2
            frame.names.append(frame.rule_names[k] if k < len(frame.rule_names) else None)


def _leaves(leaf: TerminalNode, layout: Layout) -> list[Tree]:
    """A token's tree, preceded by an ERROR tree for text recovery deleted before it."""
    out: list[Tree] = []
    name = layout.grammar.name(leaf.symbol)
    if isinstance(leaf, RecoveredLeaf):
        if leaf.skipped:
            out.append(_error_tree(leaf.skipped, layout))
        if leaf.missing:
            at = layout.spans[leaf.start][0]
            out.append(Tree(name, (), at, at, layout.source, missing=True))
            return out
    start, end = layout.offset(leaf.start, False), layout.offset(leaf.end, True)
    out.append(Tree(name, (), start, end, layout.source))
    return out


def _error_tree(spans: tuple[tuple[int, int], ...], layout: Layout) -> Tree:
    return Tree("ERROR", (), spans[0][0], spans[-1][1], layout.source, error=True)
