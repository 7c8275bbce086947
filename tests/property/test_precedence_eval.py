"""Precedence declarations make the expression grammar unambiguous, and its one tree
evaluates as Python evaluates the same text.

Python's rules, as yacc declarations: `+ -` bind loosest and associate left, then `*`, then
unary minus, then `**`, which associates right and binds tighter than a unary minus on its
left (`-2 ** 2 == -4`) but takes one as its right operand (`2 ** -1 == 0.5`). Random
expressions use ints, `+ - * **`, unary minus and parentheses; exponents stay small.
"""

from __future__ import annotations

import math
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from glrkit import Grammar, Parser
from glrkit.semantics import Children, Transformer

GRAMMAR = r"""
%ignore /\s+/
%left "+" "-"
%left "*"
%right UMINUS
%right "**"
expr : left=expr "+" right=expr @add
     | left=expr "-" right=expr @sub
     | left=expr "*" right=expr @mul
     | left=expr "**" right=expr @pow
     | "-" operand=expr %prec UMINUS @neg
     | "(" inner=expr ")" @group
     | NUMBER @number ;
NUMBER : /[0-9]+/ ;
"""

PARSER = Parser(Grammar.from_string(GRAMMAR), cache=False)


class Calc(Transformer):
    def add(self, c: Children) -> Any:
        return c["left"] + c["right"]

    def sub(self, c: Children) -> Any:
        return c["left"] - c["right"]

    def mul(self, c: Children) -> Any:
        return c["left"] * c["right"]

    def pow(self, c: Children) -> Any:
        return c["left"] ** c["right"]

    def neg(self, c: Children) -> Any:
        return -c["operand"]

    def group(self, c: Children) -> Any:
        return c["inner"]

    def number(self, c: Children) -> Any:
        return int(c[0])


def outcome(compute: Any) -> tuple[str, Any]:
    """A value, or the kind of error computing it raised (0 ** -1, float overflow)."""
    try:
        value = compute()
    except (ZeroDivisionError, OverflowError) as exc:
        return "error", type(exc).__name__
    if isinstance(value, float) and math.isnan(value):
        return "nan", None
    return "value", value


def random_expression(rng: random.Random, depth: int = 0) -> str:
    """Operands joined by random operators; what follows `**` is kept small, and at most two
    `**` follow each other, so values stay printable."""
    parts = [operand(rng, depth)]
    powers = 0
    for _ in range(rng.randint(0, 4 if depth == 0 else 2)):
        op = rng.choice(["+", "-", "*", "**"])
        if op == "**" and powers < 2:
            powers += 1
            parts += [op, small(rng)]
        else:
            powers = 0
            parts += [op if op != "**" else "*", operand(rng, depth)]
    return rng.choice([" ", ""]).join(parts)


def operand(rng: random.Random, depth: int) -> str:
    roll = rng.random()
    if roll < 0.2:
        return "-" + rng.choice(["", " "]) + operand(rng, depth)
    if roll < 0.35 and depth < 3:
        return "(" + random_expression(rng, depth + 1) + ")"
    return str(rng.randint(0, 12))


def small(rng: random.Random) -> str:
    return rng.choice(["0", "1", "2", "3", "-1", "-2", "(1 + 1)", "- 3", "(2)"])


def check(text: str) -> None:
    forest = PARSER.parse(text)
    assert forest.count() == 1, text
    ours = outcome(lambda: Calc().transform(forest.tree()))
    theirs = outcome(lambda: eval(text))  # the oracle: Python's own parser and arithmetic
    assert ours == theirs, text


def test_thousands_of_random_expressions_evaluate_as_in_python() -> None:
    rng = random.Random(20260429)
    for _ in range(3000):
        check(random_expression(rng))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_random_expressions_hypothesis(seed: int) -> None:
    check(random_expression(random.Random(seed)))


def test_the_cases_people_get_wrong() -> None:
    for text in [
        "-2 ** 2",
        "2 ** -1",
        "2 ** 3 ** 2",
        "-2 ** -2 ** 2",
        "2 * -3 ** 2",
        "2 - 3 - 4",
        "2 - -3",
        "--3",
        "1 + 2 * 3 ** 2 - 4",
        "(1 + 2) * -(3 - 4) ** 3",
        "2 ** -3 * 4",
        "0 ** -1",
    ]:
        check(text)


def test_no_conflict_is_left_for_the_glr_engine() -> None:
    assert PARSER.table.conflicts() == []
    assert len(PARSER.table.resolutions) > 0
