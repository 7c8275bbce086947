"""Filtering a forest: a new forest with fewer alternatives, never by enumerating trees.

Nodes are visited children first (strongly connected components, `forest/count.py`). A
family survives if all its children survived; then each filter sees the node's surviving
alternatives and says which to keep. A node left with none is dead, and so is every family
that uses it. Nodes whose families all survive unchanged are shared with the old forest.

Inside a cycle the children are not settled before their parents, so filters there see
provisional children; after filtering, a node of a cycle lives only if it still has a finite
derivation (a least fixpoint).

The filters the grammar declares live here too, since `Forest.disambiguate()` applies them by
itself: `%reject` (SDF's reject productions: a node that one of its alternatives derives with
a `%reject` rule is removed, whatever its other alternatives), `%dprec N` (Bison's dynamic
precedence: of the alternatives of one node, those whose rule has the highest %dprec stay),
and `%prefer` / `%avoid` (SDF's prefer and avoid: if some alternative's rule is preferred the
others go; else alternatives with an avoided rule go when others remain).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, cast, overload

from glrkit.errors import GlrkitError
from glrkit.forest._families import kids, rule_of
from glrkit.forest.count import components
from glrkit.forest.enumerate import Layout
from glrkit.forest.sppf import Family, Node, TerminalNode
from glrkit.grammar.model import Grammar, Rule, rule_text


class DisambiguationError(GlrkitError):
    """Filtering removed every derivation of the input."""


class Child:
    """A child of an alternative: its symbol, character span and text, and its forest node.
    Children of an ε-node have no position: start and end are -1."""

    __slots__ = ("_source", "end", "node", "start", "symbol")

    def __init__(self, symbol: str, start: int, end: int, source: str, node: Node) -> None:
        self.symbol = symbol
        self.start = start
        self.end = end
        self._source = source
        self.node = node

    @property
    def text(self) -> str:
        return self._source[self.start : self.end] if self.start >= 0 else ""

    def __repr__(self) -> str:
        return f"Child({self.symbol}, {self.start}, {self.end})"


class Alternative:
    """One way a node derives its span: a rule applied to children."""

    __slots__ = ("_children", "_owner", "family", "index")

    def __init__(self, owner: Alternatives, index: int, family: Family) -> None:
        self._owner = owner
        self.index = index
        self.family = family
        self._children: tuple[Child, ...] | None = None

    @property
    def rule(self) -> Rule:
        return self._owner.grammar.rules[rule_of(self.family)]

    @property
    def label(self) -> str | None:
        return self.rule.label

    @property
    def nodes(self) -> tuple[Node, ...]:
        """The children as forest nodes (cheaper than `children` when spans are not needed)."""
        return kids(self.family)

    @property
    def children(self) -> tuple[Child, ...]:
        if self._children is None:
            self._children = self._owner._children_of(self.family)
        return self._children

    def __repr__(self) -> str:
        return f"<Alternative {self.index}: {rule_text(self._owner.grammar, self.rule)}>"


class Alternatives(Sequence[Alternative]):
    """What a filter sees at a node: its symbol, span and text, and its alternatives."""

    def __init__(
        self, grammar: Grammar, layout: Layout, node: Node, families: Sequence[Family]
    ) -> None:
        self.grammar = grammar
        self.node = node
        self._layout = layout
        self._items = [Alternative(self, i, fam) for i, fam in enumerate(families)]
        self.start, self.end = self._chars(node.start, node.end)

    @property
    def symbol(self) -> str:
        return self.grammar.name(self.node.symbol)

    @property
    def text(self) -> str:
        return self._layout.source[self.start : self.end] if self.start >= 0 else ""

    @overload
    def __getitem__(self, index: int) -> Alternative: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Alternative]: ...
    def __getitem__(self, index: int | slice) -> Alternative | Sequence[Alternative]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Alternative]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"<Alternatives of {self.symbol} {self.text!r}: {len(self)}>"

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        if start < 0:
            return -1, -1
        layout = self._layout
        return layout.offset(start, start == end), layout.offset(end, True)

    def _children_of(self, family: Family) -> tuple[Child, ...]:
        out: list[Child] = []
        position = self.node.start
        source = self._layout.source
        for child in kids(family):
            if child.start >= 0:
                start, end = self._chars(child.start, child.end)
                position = child.end
            else:
                start, end = self._chars(position, position)
            out.append(Child(self.grammar.name(child.symbol), start, end, source, child))
        return tuple(out)


class Filter(Protocol):
    """Sees the alternatives of a node and returns those to keep (as indices or objects).

    Called only where a node has two or more alternatives, unless it has an attribute
    `every_node = True`. A `begin()` method, if present, is called before each forest.
    """

    def __call__(self, alternatives: Alternatives, /) -> Iterable[int | Alternative]: ...


def filter_forest(
    root: Node, grammar: Grammar, layout: Layout, filters: Sequence[Filter]
) -> Node | None:
    """The filtered forest's root, or None when no derivation of root survives."""
    for f in filters:
        begin = getattr(f, "begin", None)
        if begin is not None:
            begin()
    every = [bool(getattr(f, "every_node", False)) for f in filters]
    new: dict[Node, Node | None] = {}

    def choose(node: Node, families: list[Family]) -> list[Family]:
        for f, all_nodes in zip(filters, every, strict=True):
            if not families or (len(families) < 2 and not all_nodes):
                continue
            view = Alternatives(grammar, layout, node, families)
            keep = {k if isinstance(k, int) else k.index for k in f(view)}
            families = [fam for i, fam in enumerate(families) if i in keep]
        return families

    for component in components(root):
        node = component[0]
        if len(component) == 1 and not any(c is node for f in node.families for c in kids(f)):
            if isinstance(node, TerminalNode):
                new[node] = node
                continue
            live = [
                (fam[0], *(new[c] for c in kids(fam)))
                for fam in node.families
                if all(new[c] is not None for c in kids(fam))
            ]
            kept = choose(node, cast(list[Family], live))
            if not kept:
                new[node] = None
            elif kept == node.families:
                new[node] = node
            else:
                copy = Node(node.symbol, node.start, node.end)
                copy.families = kept
                new[node] = copy
            continue
        _filter_cycle(component, new, choose)
    return new[root]


def _filter_cycle(
    component: list[Node],
    new: dict[Node, Node | None],
    choose: Callable[[Node, list[Family]], list[Family]],
) -> None:
    copies = {node: Node(node.symbol, node.start, node.end) for node in component}

    def mapped(child: Node) -> Node | None:
        return copies[child] if child in copies else new[child]

    kept: dict[Node, list[Family]] = {}
    for node in component:
        live = [
            (fam[0], *(mapped(c) for c in kids(fam)))
            for fam in node.families
            if all(mapped(c) is not None for c in kids(fam))
        ]
        kept[node] = choose(node, cast(list[Family], live))
    inner = set(copies.values())
    alive: set[Node] = set()
    changed = True
    while changed:
        changed = False
        for node in component:
            if copies[node] in alive:
                continue
            for fam in kept[node]:
                if all(c not in inner or c in alive for c in kids(fam)):
                    alive.add(copies[node])
                    changed = True
                    break
    unchanged = len(alive) == len(component)
    for node in component:
        families = [f for f in kept[node] if all(c not in inner or c in alive for c in kids(f))]
        copies[node].families = families
        unchanged = unchanged and len(families) == len(node.families)
        unchanged = unchanged and all(
            new.get(c) is c for f in node.families for c in kids(f) if c not in copies
        )
    for node in component:
        if unchanged:
            new[node] = node
        else:
            new[node] = copies[node] if copies[node] in alive else None


# -- what the grammar declares ------------------------------------------------------------------


class RejectMarked:
    """`%reject`: a node one of whose alternatives uses a reject rule is removed."""

    every_node = True

    def __call__(self, alternatives: Alternatives) -> list[int]:
        rules = alternatives.grammar.rules
        for fam in alternatives.node.families:
            if rules[rule_of(fam)].mark == "reject":
                return []
        return list(range(len(alternatives)))


class ByDprec:
    """`%dprec N`: keep the alternatives whose rule has the highest %dprec (0 when unmarked)."""

    def __call__(self, alternatives: Alternatives) -> list[int]:
        top = max(alt.rule.dprec for alt in alternatives)
        return [alt.index for alt in alternatives if alt.rule.dprec == top]


class PreferAvoid:
    """`%prefer` and `%avoid`, as SDF's prefer and avoid filters."""

    def __call__(self, alternatives: Alternatives) -> list[int]:
        marks = [alt.rule.mark for alt in alternatives]
        if "prefer" in marks:
            return [i for i, m in enumerate(marks) if m == "prefer"]
        plain = [i for i, m in enumerate(marks) if m != "avoid"]
        return plain or list(range(len(marks)))


def declared_filters(grammar: Grammar) -> list[Filter]:
    """The filters a grammar's `%reject`, `%dprec`, `%prefer` and `%avoid` ask for."""
    marks = {r.mark for r in grammar.rules}
    out: list[Filter] = []
    if "reject" in marks:
        out.append(RejectMarked())
    if any(r.dprec for r in grammar.rules):
        out.append(ByDprec())
    if marks & {"prefer", "avoid"}:
        out.append(PreferAvoid())
    return out
