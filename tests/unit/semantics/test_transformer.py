"""Transformer and Visitor on trees: dispatch by label and rule name, named children,
tokens, defaults, walk order, and depth far beyond the recursion limit."""

from __future__ import annotations

import sys
from typing import Any

from glrkit import Grammar, Parser, Tree
from glrkit.semantics import Children, Transformer, Visitor

CALC = Parser(
    Grammar.from_string(
        r"""
        %ignore /\s+/
        %left "+"
        %left "*"
        expr : left=expr "+" right=expr @add
             | left=expr "*" right=expr @mul
             | "(" expr ")"
             | atom ;
        atom : NUMBER | NAME ;
        NUMBER : /[0-9]+/ ;
        NAME : /[a-z]+/ ;
        """
    ),
    cache=False,
)


class Calc(Transformer):
    def __init__(self, env: dict[str, int]) -> None:
        self.env = env

    def add(self, c: Children) -> Any:
        return c["left"] + c["right"]

    def mul(self, c: Children) -> Any:
        return c["left"] * c["right"]

    def expr(self, c: Children) -> Any:  # the unlabelled alternatives of expr
        return c[1] if len(c) == 3 else c[0]

    def atom(self, c: Children) -> Any:
        return c[0]

    def NUMBER(self, token: Tree) -> int:
        return int(token.text)

    def NAME(self, token: Tree) -> int:
        return self.env[token.text]


def test_label_then_rule_name_then_token_methods() -> None:
    tree = CALC.parse("2 * (x + 3) + y").tree()
    assert Calc({"x": 4, "y": 10}).transform(tree) == 2 * (4 + 3) + 10


def test_children_know_where_they_are() -> None:
    seen: list[tuple[str, str | None, str, int, int]] = []

    class Spy(Transformer):
        def __default__(self, c: Children) -> Any:
            seen.append((c.symbol, c.label, c.text, c.start, c.end))
            return c

    Spy().transform(CALC.parse("1 + 22").tree())
    assert ("expr", "add", "1 + 22", 0, 6) in seen
    assert ("atom", None, "22", 4, 6) in seen


def test_default_returns_children_and_tokens_their_text() -> None:
    value = Transformer().transform(CALC.parse("1+2").tree())
    assert isinstance(value, Children)
    assert value.symbol == "expr" and value.label == "add"
    assert value[1] == "+"
    assert value["left"][0][0] == "1"  # expr -> atom -> NUMBER text
    assert value.get("middle", "none") == "none"


def test_base_class_names_are_never_rule_handlers() -> None:
    grammar = Grammar.from_string('transform : evaluate ; evaluate : "x" ;')

    class T(Transformer):
        pass

    result = T().transform(Parser(grammar, cache=False).parse("x").tree())
    assert isinstance(result, Children) and result.symbol == "transform"


def deep_tree(n: int) -> Tree:
    parser = Parser(Grammar.from_string('%ignore /\\s+/\nl : "a" l | "a" ;'), cache=False)
    return parser.parse(" ".join(["a"] * n)).tree()


def test_transform_and_visit_do_not_recurse() -> None:
    n = 3 * sys.getrecursionlimit()
    tree = deep_tree(n)

    class Depth(Transformer):
        def l(self, c: Children) -> int:  # noqa: E743 - the rule is called l
            return 1 + (c[1] if len(c) == 2 else 0)

    assert Depth().transform(tree) == n

    class Count(Visitor):
        def __init__(self) -> None:
            self.nodes = 0

        def l(self, node: Tree) -> None:  # noqa: E743
            self.nodes += 1

    counter = Count()
    counter.visit(tree)
    counter.visit_topdown(tree)
    assert counter.nodes == 2 * n


def test_visitor_orders() -> None:
    tree = CALC.parse("1 + 2 * 3").tree()
    order: list[str] = []

    class Record(Visitor):
        def __default__(self, node: Tree) -> None:
            order.append(node.label or node.symbol + ":" + node.text)

    Record().visit(tree)
    assert order[-1] == "add" and order.index("mul") < order.index("add")
    assert order[0] == "atom:1"
    order.clear()
    Record().visit_topdown(tree)
    assert order[:3] == ["add", "expr:1", "atom:1"]
