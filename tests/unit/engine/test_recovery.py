"""Error recovery: injected errors come back as reports at the right places, and the rest
of the tree is the tree of the intended input."""

from __future__ import annotations

import random
import re

import pytest

from glrkit import Grammar, ParseError, Parser

GRAMMAR = r"""
%ignore /\s+/
prog : stmt* ;
stmt : NAME "=" expr ";" | "print" expr ";" ;
expr : expr "+" term | expr "-" term | term ;
term : term "*" atom | atom ;
atom : NUMBER | NAME | "(" expr ")" | NAME "(" args? ")" ;
args : expr ("," expr)* ;
NUMBER : /[0-9]+/ ;
NAME : /[a-z]\w*/ ;
"""


def _expr(rng: random.Random, depth: int = 0) -> list[str]:
    roll = rng.random()
    if depth > 2 or roll < 0.4:
        return [rng.choice(["1", "23", "x", "y"])]
    if roll < 0.6:
        return ["(", *_expr(rng, depth + 1), ")"]
    if roll < 0.75:
        return ["f", "(", *_expr(rng, depth + 1), ",", *_expr(rng, depth + 1), ")"]
    return [*_expr(rng, depth + 1), rng.choice(["+", "-", "*"]), *_expr(rng, depth + 1)]


def _program(rng: random.Random, statements: int) -> list[list[str]]:
    out = []
    for _ in range(statements):
        if rng.random() < 0.3:
            out.append(["print", *_expr(rng), ";"])
        else:
            out.append([rng.choice(["a", "b", "c"]), "=", *_expr(rng), ";"])
    return out


def _plain(sexpr: str) -> str:
    """The intended tree: drop ERROR leaves, make MISSING tokens ordinary."""
    sexpr = re.sub(r' \(ERROR "[^"]*"\)', "", sexpr)
    return re.sub(r'\(MISSING ("[^"]*")\)', r"\1", sexpr)


@pytest.fixture(scope="module")
def parsers() -> tuple[Parser, Parser]:
    grammar = Grammar.from_string(GRAMMAR)
    return Parser(grammar, cache=False), Parser(grammar, cache=False, recover=True)


@pytest.mark.parametrize("seed", range(12))
def test_injected_errors_are_reported_and_repaired(
    seed: int, parsers: tuple[Parser, Parser]
) -> None:
    plain, recovering = parsers
    rng = random.Random(seed)
    statements = _program(rng, 40)
    intended = plain.parse(" ".join(t for s in statements for t in s)).tree().sexpr()
    n_errors = rng.randint(1, 6)
    broken = rng.sample(range(1, 40, 2), n_errors)  # never two neighbouring statements
    tokens: list[str] = []
    error_tokens: list[int] = []  # index of the token each error is reported at
    for k, statement in enumerate(statements):
        statement = list(statement)
        if k in broken and rng.random() < 0.5:
            statement.pop()  # a missing ";": reported at the next statement's first token
            error_tokens.append(len(tokens) + len(statement))
        elif k in broken:
            at = rng.randrange(1, len(statement))
            statement.insert(at, "$")  # a stray character: reported where it stands
            error_tokens.append(len(tokens) + at)
        tokens.extend(statement)
    text = " ".join(tokens)
    # An error at the end of input is reported just after the last token.
    expected_offsets = [
        min(sum(len(t) + 1 for t in tokens[:index]), len(text)) for index in error_tokens
    ]
    with pytest.raises(ParseError) as info:
        plain.parse(text)
    assert info.value.offset == expected_offsets[0]
    forest = recovering.parse(text)
    assert [e.offset for e in forest.errors] == expected_offsets
    assert all(e.repair for e in forest.errors)
    assert _plain(forest.tree().sexpr()) == intended


def test_without_recovery_behaviour_is_unchanged(parsers: tuple[Parser, Parser]) -> None:
    plain, recovering = parsers
    text = "a = 1 + 2; b = (3;"
    with pytest.raises(ParseError) as info:
        plain.parse(text)
    assert (info.value.column, info.value.repair) == (18, None)
    assert recovering.parse("a = 1;").errors == []


def test_missing_closers_at_the_end_are_inserted(parsers: tuple[Parser, Parser]) -> None:
    _, recovering = parsers
    forest = recovering.parse("a = f((1, 2")
    assert [e.repair for e in forest.errors] == ['inserted ")"', 'inserted ")"', 'inserted ";"']
    assert forest.tree().sexpr().count("MISSING") == 3


def test_unrecoverable_input_raises_the_first_error() -> None:
    parser = Parser(Grammar.from_string('s : "a" "b" ;'), cache=False, recover=True)
    forest = parser.parse("axb")
    assert [e.repair for e in forest.errors] == ["deleted 'x'"]
    assert [e.repair for e in parser.parse("").errors] == ['inserted "a"', 'inserted "b"']
    many = Parser(Grammar.from_string('s : ' + '"a" ' * 25 + ";"), cache=False, recover=True)
    with pytest.raises(ParseError, match="unexpected end of input"):
        many.parse("")
