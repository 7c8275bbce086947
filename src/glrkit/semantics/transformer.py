"""Visitors and transformers, as Python users know them from lark: a method per rule name or
per alternative label, called bottom-up. Both walk with an explicit stack, so a tree or
forest thousands of levels deep does not hit the recursion limit.

    class Calc(Transformer):
        def add(self, c):      return c["left"] + c["right"]   # sum : left=expr "+" right=expr @add
        def NUMBER(self, tok): return int(tok.text)

    Calc().transform(forest.best())          # one tree
    Calc().evaluate(forest, merge=pick)      # the whole forest, merging where it branches
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from glrkit.forest.evaluate import Children, Merge
from glrkit.forest.forest import Forest
from glrkit.forest.tree import Tree


class Transformer:
    """Turns a tree (or a forest) into a value, bottom-up.

    For each node the method named after the alternative's `@label` is called, else the one
    named after the rule, with the node's `Children` (the children's values, by position or
    by name); `__default__` handles the rest (it returns the `Children` list itself). Tokens
    go to the method named after the terminal (`NUMBER`), else to `__token__` (their text).
    """

    def transform(self, tree: Tree) -> Any:
        """The value of a tree."""
        action = self._action
        token = self._token
        out: list[Any] = []
        stack: list[tuple[Tree, bool]] = [(tree, False)]
        while stack:
            node, done = stack.pop()
            if node.is_terminal:
                out.append(token(node))
            elif not done:
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.children))
            else:
                n = len(node.children)
                values = out[len(out) - n :]
                del out[len(out) - n :]
                rule = node.rule if node.rule is not None else -1
                names = node.names or (None,) * n
                children = Children(
                    values, names, node.symbol, node.label, rule, node.start, node.end, node
                )
                out.append(action(children))
        return out[0]

    def evaluate(self, forest: Forest, merge: Merge | None = None) -> Any:
        """The value of a whole forest, computed once per shared node (never per tree).

        Where a node has several alternatives, `merge(values, site)` combines their values
        (Bison's %merge); without it they must all be equal, else `AmbiguousValue`.
        """
        return forest.evaluate(self._action, token=self._token, merge=merge)

    def __default__(self, children: Children) -> Any:
        return children

    def __token__(self, token: Tree) -> Any:
        return token.text

    # -- dispatch -------------------------------------------------------------------------------
    def _action(self, children: Children) -> Any:
        method = _handler(self, children.label, children.symbol)
        if method is None:
            return self.__default__(children)
        return method(children)

    def _token(self, token: Tree) -> Any:
        method = _handler(self, None, token.symbol)
        if method is None:
            return self.__token__(token)
        return method(token)


class Visitor:
    """Calls a method per node for its side effects: the one named after the alternative's
    `@label`, else after the rule, else `__default__`. Tokens are not visited."""

    def visit(self, tree: Tree) -> Tree:
        """Children before their parents (bottom-up); returns the tree."""
        order: list[Tree] = []
        stack = [tree]
        while stack:
            node = stack.pop()
            if not node.is_terminal:
                order.append(node)
                stack.extend(node.children)
        for node in reversed(order):
            self._call(node)
        return tree

    def visit_topdown(self, tree: Tree) -> Tree:
        """Parents before their children, left to right; returns the tree."""
        stack = [tree]
        while stack:
            node = stack.pop()
            if not node.is_terminal:
                self._call(node)
                stack.extend(reversed(node.children))
        return tree

    def __default__(self, tree: Tree) -> None:
        return None

    def _call(self, node: Tree) -> None:
        method = _handler(self, node.label, node.symbol)
        if method is None:
            self.__default__(node)
        else:
            method(node)


_BASE_NAMES = frozenset(dir(Transformer)) | frozenset(dir(Visitor))


def _handler(owner: object, label: str | None, symbol: str) -> Callable[[Any], Any] | None:
    """The user's method for a label or symbol; names of the base classes never match."""
    for name in (label, symbol):
        if name and name.isidentifier() and not name.startswith("_") and name not in _BASE_NAMES:
            method = getattr(owner, name, None)
            if callable(method):
                return method  # type: ignore[no-any-return]
    return None
