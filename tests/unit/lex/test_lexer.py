"""Contextual lexing: longest match, reserved keywords, ignored text."""

from __future__ import annotations

import pytest

from glrkit import Grammar, ParseError, Parser

KEYWORDS = r"""
%ignore /\s+/
%ignore /#[^\n]*/
stmt : "if" NAME "then" NAME | NAME "=" NAME ;
NAME : /[a-z]+/ ;
"""


def test_keywords_are_reserved() -> None:
    parser = Parser(Grammar.from_string(KEYWORDS), cache=False)
    assert parser.parse("if x then y").count() == 1
    with pytest.raises(ParseError):
        parser.parse("if = y")  # "if" is never a NAME


def test_longest_match_beats_keyword_prefix() -> None:
    parser = Parser(Grammar.from_string(KEYWORDS), cache=False)
    tree = parser.parse("iffy = thenx").tree()
    assert [c.symbol for c in tree.children] == ["NAME", '"="', "NAME"]


def test_several_ignore_patterns_and_comments() -> None:
    parser = Parser(Grammar.from_string(KEYWORDS), cache=False)
    assert parser.parse("# comment\n x = y # trailing\n").count() == 1


def test_contextual_lexing_only_tries_acceptable_terminals() -> None:
    # "ab" lexes as one AB where AB is expected, and as "a" then "b" elsewhere.
    g = Grammar.from_string('s : "x" AB | "y" "a" "b" ; AB : /ab/ ;')
    parser = Parser(g, cache=False)
    assert parser.parse("xab").count() == 1
    assert parser.parse("yab").count() == 1


def test_literal_beats_regex_on_the_same_text() -> None:
    g = Grammar.from_string('s : "let" | NAME "!" ; NAME : /[a-z]+/ ;')
    parser = Parser(g, cache=False)
    assert parser.parse("let").tree().children[0].symbol == '"let"'
    with pytest.raises(ParseError):
        parser.parse("let!")
