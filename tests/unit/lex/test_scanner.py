"""The one-regex scanner (lex.lexer.Scanner): which grammars get one, and that parsing with
it finds exactly what contextual lexing finds, token for token and error for error."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glrkit import Grammar, ParseError, Parser
from glrkit.lex.lexer import ContextualLexer

JSONISH = r"""
%ignore /\s+/
%ignore /#[^\n]*/
value : object | array | STRING | NUMBER | "true" | "false" | "null" ;
object : "{" (pair ("," pair)*)? "}" ;
pair : STRING ":" value ;
array : "[" (value ("," value)*)? "]" ;
STRING : /"(?:[^"\\]|\\.)*"/ ;
NUMBER : /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?/ ;
"""


def _scanner(text: str) -> object:
    return ContextualLexer(Grammar.from_string(text)).scanner


def test_grammars_whose_terminals_never_compete_get_a_scanner() -> None:
    assert _scanner(JSONISH) is not None
    assert _scanner("s : A ; A : /(?:x)y/ ;") is not None
    # literals sharing a first character are fine: longest first is longest match
    assert _scanner('s : "=" | "==" | "=>" N ; N : /[0-9]+/ ;') is not None
    assert _scanner("s : W N ; W : /[a-z]+/i ; N : /[0-9]+/ ;") is not None  # a scoped flag


@pytest.mark.parametrize(
    "text",
    [
        's : "if" ID | ID ; ID : /[a-z]+/ ;',  # a keyword and an identifier start alike
        "s : A | B ; A : /[a-z]+/ ; B : /[a-c]/ ;",  # two regexes start alike
        "s : A ; A : /(x)y/ ;",  # a group of its own would shift the numbering
        "s : A ; A : /[^a]+/ ; B : /b/ ;",  # B starts like A
    ],
)
def test_grammars_with_competing_terminals_get_none(text: str) -> None:
    assert _scanner(text) is None


def _outcome(parser: Parser, text: str) -> tuple[object, ...]:
    try:
        forest = parser.parse(text)
    except ParseError as error:
        return ("reject", error.offset, error.line, error.column, str(error))
    trees = [(t.sexpr(), [(leaf.start, leaf.end) for leaf in t.leaves()]) for t in forest.first(3)]
    return ("accept", trees, forest.count())


PIECES = ['"a b"', '"q\\"x"', "12", "-3.5", "0", "true", "null", "false", "{", "}", "[", "]"]
PIECES += [",", ":", " ", "\n", "# note\n", "01", "tru", "@", '"open', "-", "1.", "x"]


OPERATORS = r"""
%ignore / +/
s : item* ;
item : "<" N | "<=" N | "<<" "=" | "<" "<" "<" | "=" | N ;
N : /[0-9]+/ ;
"""


def _same(grammar_text: str, texts: list[str]) -> None:
    grammar = Grammar.from_string(grammar_text)
    scanned, contextual = Parser(grammar, cache=False), Parser(grammar, cache=False)
    assert scanned._lexer.scanner is not None
    contextual._lexer.scanner = None
    for text in texts:
        assert _outcome(scanned, text) == _outcome(contextual, text), text


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_scanning_finds_what_contextual_lexing_finds(seed: int) -> None:
    rng = random.Random(seed)
    _same(
        JSONISH,
        [
            "".join(rng.choice(PIECES[:18]) for _ in range(rng.randint(0, 12))),  # tokens
            "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))),  # and broken ones
            '{"k": [1, 2, {"z": null}], "m": "v"}',
        ],
    )
    # literals that are prefixes of each other: longest match, or a shorter acceptable one
    _same(OPERATORS, ["".join(rng.choice(["<", "=", " ", "1", "23"]) for _ in range(8))])


def test_a_token_the_parser_cannot_take_falls_back_to_contextual_lexing() -> None:
    # The scanner reads "<=" (the longest match of all); at the start only "<" and "a" are
    # acceptable, so contextual lexing reads "<" there and the parse goes on.
    grammar = Grammar.from_string('s : "<" "=" | "a" "<=" ;')
    parser = Parser(grammar, cache=False)
    assert parser._lexer.scanner is not None
    assert parser.parse("<=").count() == 1
    assert parser.parse("a<=").count() == 1
