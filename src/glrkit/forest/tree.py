"""Derivation trees as users see them: names, character offsets, hidden helpers spliced away."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

try:
    from mypy_extensions import mypyc_attr as mypyc_attr  # re-exported for engine/rnglr.py
except ImportError:  # only the compiled core (setup.py, GLRKIT_COMPILE=1) reads the decorator

    def mypyc_attr(*_: object, **__: object) -> Any:  # type: ignore[misc]
        return lambda cls: cls


# Compiled by mypyc, Tree stays what it is in Python: a class users may subclass, and pickle.
@mypyc_attr(allow_interpreted_subclasses=True, serializable=True)
class Tree:
    """One derivation tree node.

    `symbol` is the rule name (or the terminal as written: `NUMBER`, `"+"`), `children` the
    subtrees, `start`/`end` character offsets into the input, `text` the input they cover.
    `rule` is the index of the grammar rule used (None for a leaf); `names` the child names.
    """

    __slots__ = (
        "_source",
        "children",
        "end",
        "error",
        "label",
        "missing",
        "names",
        "rule",
        "start",
        "symbol",
    )

    def __init__(
        self,
        symbol: str,
        children: tuple[Tree, ...],
        start: int,
        end: int,
        source: str,
        rule: int | None = None,
        label: str | None = None,
        names: tuple[str | None, ...] = (),
        *,
        missing: bool = False,
        error: bool = False,
    ) -> None:
        self.symbol = symbol
        self.missing = missing  # a token error recovery inserted
        self.error = error  # an ERROR leaf: text error recovery deleted
        self.children = children
        self.start = start
        self.end = end
        self._source = source
        self.rule = rule
        self.label = label
        self.names = names

    @property
    def is_terminal(self) -> bool:
        return self.rule is None

    @property
    def text(self) -> str:
        return self._source[self.start : self.end]

    def __getitem__(self, key: int | str) -> Tree:
        """A child by position, or by the name it has in the rule (`sum : left=expr ...`)."""
        if isinstance(key, int):
            return self.children[key]
        for name, child in zip(self.names, self.children, strict=False):
            if name == key:
                return child
        raise KeyError(f"{self.symbol} has no child named {key!r}")

    def __iter__(self) -> Iterator[Tree]:
        return iter(self.children)

    def __len__(self) -> int:
        return len(self.children)

    def __eq__(self, other: object) -> bool:
        """Same shape, symbols, spans and rules (trees of duplicate alternatives differ)."""
        if not isinstance(other, Tree):
            return NotImplemented
        return self._signature() == other._signature()

    def __hash__(self) -> int:
        return hash(self._signature())

    def _signature(self) -> tuple[object, ...]:
        out: list[object] = []
        stack: list[Tree] = [self]
        while stack:
            node = stack.pop()
            out.append((node.symbol, node.start, node.end, node.rule, len(node.children)))
            stack.extend(reversed(node.children))
        return tuple(out)

    def __repr__(self) -> str:
        return f"Tree({self.sexpr()[:60]!r})"

    def leaves(self) -> list[Tree]:
        out: list[Tree] = []
        stack = [self]
        while stack:
            node = stack.pop()
            if node.is_terminal:
                out.append(node)
            else:
                stack.extend(reversed(node.children))
        return out

    def sexpr(self) -> str:
        """`(expr (NUMBER "1") "+" (NUMBER "2"))`; iterative, so deep trees are fine."""
        parts: list[str] = []
        stack: list[Tree | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
                continue
            if item.is_terminal:
                parts.append(_leaf(item))
                continue
            parts.append("(" + item.symbol)
            stack.append(")")
            for child in reversed(item.children):
                stack.append(child)
                stack.append(" ")
        return "".join(parts)

    def pretty(self, indent: str = "  ") -> str:
        """One node a line, children indented under their parent."""
        lines: list[str] = []
        stack: list[tuple[Tree, int]] = [(self, 0)]
        while stack:
            node, depth = stack.pop()
            text = node.symbol
            if node.is_terminal and not node.symbol.startswith('"'):
                text += " " + json.dumps(node.text)
            lines.append(indent * depth + text)
            for child in reversed(node.children):
                stack.append((child, depth + 1))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready nested dicts: symbol, start, end, and text or children."""
        root: dict[str, Any] = {}
        stack: list[tuple[Tree, dict[str, Any]]] = [(self, root)]
        while stack:
            node, out = stack.pop()
            out["symbol"] = node.symbol
            out["start"] = node.start
            out["end"] = node.end
            if node.is_terminal:
                out["text"] = node.text
            else:
                kids: list[dict[str, Any]] = [{} for _ in node.children]
                out["children"] = kids
                stack.extend(zip(node.children, kids, strict=True))
        return root

    def to_json(self) -> str:
        return json.dumps(self.to_dict())


def _leaf(tree: Tree) -> str:
    if tree.missing:
        return f"(MISSING {tree.symbol})"
    if tree.symbol.startswith('"'):
        return tree.symbol
    return f"({tree.symbol} {json.dumps(tree.text)})"
