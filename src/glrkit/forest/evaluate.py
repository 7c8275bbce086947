"""Computing a value over a forest: one action call per (node, alternative), a merge where a
node has several alternatives (what Bison's `%merge` does), and no tree ever enumerated.

Values are computed once per shared node. ε-nodes carry no position, so theirs is computed
once per position where they occur (an action may look at where it is). Hidden helper nodes
(from `?`, `*`, `+` and groups) are spliced into their parent as in trees: their value is the
tuple of values they put into the parent's children, and where such a node is ambiguous the
merge function gets those tuples. The walk is iterative, so deep forests are fine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, SupportsIndex, overload

from glrkit.errors import GlrkitError
from glrkit.forest._families import kids, rule_of
from glrkit.forest.count import count_trees
from glrkit.forest.enumerate import Layout, _leaves
from glrkit.forest.sppf import Node, TerminalNode
from glrkit.forest.tree import Tree


class AmbiguousValue(GlrkitError):
    """Alternatives of a node gave different values and no merge function was given;
    `site` says where, `values` what they were."""

    def __init__(self, site: MergeSite, values: list[Any]) -> None:
        self.site = site
        self.values = values
        super().__init__(str(self))

    def __str__(self) -> str:
        site = self.site
        return (
            f"{site.symbol} over {site.text!r} (characters {site.start}..{site.end}) has "
            f"{len(self.values)} alternatives with different values; pass merge=, or "
            "disambiguate the forest first"
        )


class CyclicForest(GlrkitError):
    """A forest with infinitely many trees has no value; disambiguate it or take a tree."""


class Children(list[Any]):
    """The values of a node's children, as an action receives them.

    A list (by position) that also answers by child name (`c["left"]` for `left=expr`), and
    says where it is: `symbol`, `label` and `rule` of the alternative, `start`, `end` and
    `text` in the input.
    """

    __slots__ = ("_where", "end", "label", "names", "rule", "start", "symbol")

    def __init__(
        self,
        values: Iterable[Any],
        names: tuple[str | None, ...],
        symbol: str,
        label: str | None,
        rule: int,
        start: int,
        end: int,
        where: str | Tree,
    ) -> None:
        super().__init__(values)
        self.names = names
        self.symbol = symbol
        self.label = label
        self.rule = rule
        self.start = start
        self.end = end
        self._where = where  # the whole source text, or the tree node these children are of

    @property
    def text(self) -> str:
        where = self._where
        return where[self.start : self.end] if isinstance(where, str) else where.text

    @overload
    def __getitem__(self, key: SupportsIndex) -> Any: ...
    @overload
    def __getitem__(self, key: slice) -> list[Any]: ...
    @overload
    def __getitem__(self, key: str) -> Any: ...
    def __getitem__(self, key: SupportsIndex | slice | str) -> Any:
        if isinstance(key, str):
            for name, value in zip(self.names, self, strict=False):
                if name == key:
                    return value
            raise KeyError(f"{self.symbol} has no child named {key!r}")
        return super().__getitem__(key)

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def __repr__(self) -> str:
        return f"Children({self.symbol}, {list(self)!r})"


@dataclass(frozen=True)
class MergeSite:
    """Where a merge happens: the node's symbol and span, the rule of each alternative (in
    the order of the values), and whether the node is a hidden helper (values are tuples)."""

    symbol: str
    start: int
    end: int
    text: str
    rules: tuple[int, ...]
    labels: tuple[str | None, ...]
    hidden: bool


Action = Callable[[Children], Any]
TokenAction = Callable[[Tree], Any]
Merge = Callable[[list[Any], MergeSite], Any]


def evaluate_forest(
    root: Node, layout: Layout, action: Action, token: TokenAction, merge: Merge | None
) -> Any:
    """The value of root: `action` for each alternative, `token` for each token, `merge`
    where alternatives meet (default: their common value, or AmbiguousValue)."""
    if count_trees(root) == float("inf"):
        raise CyclicForest(
            "the forest is cyclic (infinitely many trees): disambiguate it, or evaluate a tree"
        )
    memo: dict[object, Any] = {}
    origin = max(root.start, 0)
    stack: list[tuple[Node, int, bool]] = [(root, origin, False)]
    while stack:
        node, position, expanded = stack.pop()
        key: object = node if node.start >= 0 else (node, position)
        if key in memo:
            continue
        if isinstance(node, TerminalNode):
            memo[key] = token(_leaves(node, layout)[-1])  # without recovery's ERROR leaves
            continue
        if not expanded:
            stack.append((node, position, True))
            for fam in node.families:
                at = node.start if node.start >= 0 else position
                for child in kids(fam):
                    if child.start >= 0:
                        at = child.end
                    ckey: object = child if child.start >= 0 else (child, at)
                    if ckey not in memo:
                        stack.append((child, at, False))
            continue
        memo[key] = _value(node, position, layout, memo, action, merge)
    return memo[root if root.start >= 0 else (root, origin)]


def _value(
    node: Node,
    position: int,
    layout: Layout,
    memo: dict[object, Any],
    action: Action,
    merge: Merge | None,
) -> Any:
    grammar = layout.grammar
    hidden = grammar.is_hidden(node.symbol)
    start_pos = node.start if node.start >= 0 else position
    end_pos = node.end if node.start >= 0 else position
    start = layout.offset(start_pos, start_pos == end_pos)
    end = layout.offset(end_pos, True)
    values: list[Any] = []
    for fam in node.families:
        rule = grammar.rules[rule_of(fam)]
        collected: list[Any] = []
        names: list[str | None] = []
        at = start_pos
        for k, child in enumerate(kids(fam)):
            if child.start >= 0:
                at = child.end
            value = memo[child if child.start >= 0 else (child, at)]
            name = rule.names[k] if k < len(rule.names) else None
            if grammar.is_hidden(child.symbol):
                collected.extend(value)
                names.extend([name] * len(value) if len(value) == 1 else [None] * len(value))
            else:
                collected.append(value)
                names.append(name)
        if hidden:
            values.append(tuple(collected))
        else:
            symbol = grammar.name(node.symbol)
            children = Children(
                collected, tuple(names), symbol, rule.label, rule.index, start, end, layout.source
            )
            values.append(action(children))
    if len(values) == 1:
        return values[0]
    site = MergeSite(
        grammar.name(node.symbol),
        start,
        end,
        layout.source[start:end],
        tuple(rule_of(f) for f in node.families),
        tuple(grammar.rules[rule_of(f)].label for f in node.families),
        hidden,
    )
    if merge is not None:
        return merge(values, site)
    first = values[0]
    if all(v == first for v in values[1:]):
        return first
    raise AmbiguousValue(site, values)
