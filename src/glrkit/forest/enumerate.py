"""Lazy, deterministic enumeration of the trees of a forest.

A tree is fixed by the family chosen at each ambiguous node *occurrence* (a shared node can
occur several times in one tree and choose differently each time). We walk the decision tree
of those choices depth-first like an odometer: build the tree for a choice vector (taking the
first family past its end), then advance the last choice that has an alternative left. Each
build is iterative and linear in the tree's size, so deep trees are fine and the first tree of
an exponential forest comes at once.

Cyclic forests have infinitely many trees; `Forest.trees()` lists those smallest first with
the lazy k-best search instead (the decision tree here would be infinite).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass

from glrkit.forest.sppf import Node, RecoveredLeaf, TerminalNode, TupleTree
from glrkit.forest.tree import Tree
from glrkit.grammar.model import Grammar

# Per rule, what a build needs: the lhs's name, whether the lhs is hidden (its children are
# spliced into the parent's), the rule's label, the names of its rhs symbols (a token read
# by the fast path is only its index: its terminal is the rule's), and its child names (None
# when it names none, the usual case).
RuleFacts = tuple[str, bool, "str | None", tuple[str, ...], "tuple[str | None, ...] | None"]


@dataclass
class Layout:
    """What a build needs besides the forest: names, and token offsets in the source."""

    grammar: Grammar
    offsets: list[int]  # token i spans offsets[2 * i]..offsets[2 * i + 1] of the source
    source: str
    trailing: tuple[tuple[int, int], ...] = ()  # text deleted by recovery at the very end
    _rules: list[RuleFacts] | None = None
    _names: list[str] | None = None

    def rule_facts(self) -> list[RuleFacts]:
        facts = self._rules
        if facts is None:
            g = self.grammar
            facts = self._rules = [
                (
                    g.name(r.lhs),
                    g.is_hidden(r.lhs),
                    r.label,
                    tuple(g.name(s) for s in r.rhs),
                    r.names if any(r.names) else None,
                )
                for r in g.rules
            ]
        return facts

    def symbol_names(self) -> list[str]:
        names = self._names
        if names is None:
            names = self._names = [self.grammar.name(s) for s in range(self.grammar.n_symbols)]
        return names

    def offset(self, position: int, at_end: bool) -> int:
        """Where token level `position` is in the source: the end of the token before it
        (`at_end`), else the start of the token after it."""
        offsets = self.offsets
        if at_end:
            return offsets[2 * position - 1] if position > 0 else (offsets[0] if offsets else 0)
        if 2 * position < len(offsets):
            return offsets[2 * position]
        return offsets[-1] if offsets else 0


def iterate_trees(root: Node | TupleTree, layout: Layout) -> Iterator[Tree]:
    """Every tree of an acyclic forest, in depth-first order of the family choices."""
    choices: list[int] = []
    while True:
        points: list[int] = []
        yield _build(root, layout, choices, points)
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


def _build(root: Node | TupleTree, layout: Layout, choices: list[int], points: list[int]) -> Tree:
    """`_build_tree` with the cyclic garbage collector paused: a big tree is millions of new
    objects and no garbage, and the collector would rescan them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_tree(root, layout, choices, points)
    finally:
        if enabled:
            gc.enable()


# An open node of a build: its children still to see (each with the name of its rhs symbol),
# the trees collected so far, its rule, its first token, its node (None for a derivation
# tuple), and for a rule with child names, per child seen: (trees before it, hidden?).
_Open = tuple[
    Iterator[tuple[str, "int | Node | TupleTree"]],
    list[Tree],
    int,
    int,
    "Node | None",
    "list[tuple[int, bool]] | None",
]


def _build_tree(
    root: Node | TupleTree, layout: Layout, choices: list[int], points: list[int]
) -> Tree:
    """Build the tree for `choices`; record the number of alternatives at each choice point.

    The forest may hold derivation tuples and token indices (what the fast path makes) as
    well as nodes; only nodes can be ambiguous. This loop is the hot path of tree
    extraction: one Python iterator per open node, resumed where it stopped (`for ... else`),
    per-rule facts from lists made once per layout, child names tracked only for rules that
    have them.
    """
    facts = layout.rule_facts()
    names = layout.symbol_names()
    offsets, source = layout.offsets, layout.source
    position = 0  # the token level where the next child starts
    collected: list[Tree] = []
    children: Iterator[tuple[str, int | Node | TupleTree]] = iter((("", root),))
    rule, start, node = -1, 0, None
    marks: list[tuple[int, bool]] | None = None
    stack: list[_Open] = []
    while True:
        for leaf_name, child in children:
            if marks is not None:
                marks.append((len(collected), _is_hidden(child, facts, layout)))
            if isinstance(child, int):  # a token the fast path read
                at = 2 * child
                collected.append(Tree(leaf_name, (), offsets[at], offsets[at + 1], source))
                position = child + 1
                continue
            if isinstance(child, tuple):
                family: tuple[int | Node | TupleTree, ...] = child
                opened, child_start = None, position
            elif type(child) is TerminalNode:  # the common leaf node
                at = 2 * child.start
                first, last = offsets[at], offsets[at + 1]
                collected.append(Tree(names[child.symbol], (), first, last, source))
                position = child.end
                continue
            elif isinstance(child, TerminalNode):
                collected.extend(_leaves(child, layout))
                position = child.end
                continue
            else:
                families = child.families
                index = 0
                if len(families) > 1:
                    k = len(points)
                    points.append(len(families))
                    index = choices[k] if k < len(choices) else 0
                family = families[index]
                opened, child_start = child, (child.start if child.start >= 0 else position)
            stack.append((children, collected, rule, start, node, marks))
            rule = family[0]  # type: ignore[assignment]
            rule_facts = facts[rule]
            children = zip(rule_facts[3], family[1:], strict=True)
            start, node = child_start, opened
            if rule_facts[1]:  # hidden: its trees go straight into the parent's list
                marks = None
            else:
                collected = []
                marks = [] if rule_facts[4] is not None else None
            break
        else:
            if not stack:
                tree = collected[0]
                if layout.trailing:
                    tree.children = (*tree.children, _error_tree(layout.trailing, layout))
                return tree
            end = node.end if node is not None and node.end >= 0 else position
            done = collected
            lhs_name, is_hidden, label, _, child_names = facts[rule]
            children, collected, parent_rule, parent_start, node, parent_marks = stack.pop()
            position = end
            if not is_hidden:  # (a hidden node's trees are in the parent's list already)
                if end > start:  # the usual case: offsets of the first and last tokens
                    first, last = offsets[2 * start], offsets[2 * end - 1]
                else:
                    first = last = layout.offset(end, True)
                given = _child_names(child_names, marks, len(done)) if marks is not None else ()
                collected.append(
                    Tree(lhs_name, tuple(done), first, last, source, rule, label, given)
                )
            rule, start, marks = parent_rule, parent_start, parent_marks


def _is_hidden(child: int | Node | TupleTree, facts: list[RuleFacts], layout: Layout) -> bool:
    """Is this child a hidden symbol's (whose trees are spliced, so get no name)?"""
    if isinstance(child, int):
        return False
    if isinstance(child, tuple):
        rule = child[0]
        assert isinstance(rule, int)
        return facts[rule][1]
    return not child.is_terminal and layout.grammar.is_hidden(child.symbol)


def _child_names(
    rule_names: tuple[str | None, ...] | None, marks: list[tuple[int, bool]], total: int
) -> tuple[str | None, ...]:
    """The name of each tree collected for a rule that names children: a child's name goes
    to its tree when it gave exactly one and is not a spliced hidden symbol."""
    assert rule_names is not None
    out: list[str | None] = []
    for k, (begin, is_hidden) in enumerate(marks):
        count = (marks[k + 1][0] if k + 1 < len(marks) else total) - begin
        named = not is_hidden and count == 1 and k < len(rule_names)
        out.extend([rule_names[k] if named else None] * count)
    return tuple(out)


def _leaves(leaf: TerminalNode, layout: Layout) -> list[Tree]:
    """A token's tree, preceded by an ERROR tree for text recovery deleted before it."""
    out: list[Tree] = []
    name = layout.grammar.name(leaf.symbol)
    if isinstance(leaf, RecoveredLeaf):
        if leaf.skipped:
            out.append(_error_tree(leaf.skipped, layout))
        if leaf.missing:
            at = layout.offsets[2 * leaf.start]
            out.append(Tree(name, (), at, at, layout.source, missing=True))
            return out
    start, end = layout.offset(leaf.start, False), layout.offset(leaf.end, True)
    out.append(Tree(name, (), start, end, layout.source))
    return out


def _error_tree(spans: tuple[tuple[int, int], ...], layout: Layout) -> Tree:
    return Tree("ERROR", (), spans[0][0], spans[-1][1], layout.source, error=True)
