"""The RNGLR engine: results with and without the deterministic fast path are identical."""

from __future__ import annotations

import math

import pytest

from glrkit import Grammar, ParseError, Parser, Token, TokenError

GRAMMARS: list[tuple[str, list[str]]] = [
    ('s : s s | "a" ;', ["a", "aa", "aaaaa"]),
    ('s : a s "b" | "x" ; a : %empty ;', ["x", "xb", "xbbb"]),  # hidden left recursion
    ('s : "a" s b b | "a" ; b : %empty ;', ["a", "aaaa"]),  # right-nullable
    ('s : s | "a" ;', ["a"]),  # cycle
    ('s : l ; l : l "," "a" | "a" ;', ["a", "a,a,a,a,a"]),
    ('s : "a" s | %empty ;', ["", "aaa"]),
    ('s : a b "c" ; a : %empty | "a" ; b : %empty | "b" ;', ["c", "ac", "bc", "abc"]),
    ('s : x | y ; x : "a" "b" ; y : "a" "b" ;', ["ab"]),
    ('e : e "+" e | e "*" e | "(" e ")" | "n" ;', ["n+n*n+n", "(n+n)*n"]),
    ('s : "[" v* "]" ; v : "v" | "[" v* "]" ;', ["[]", "[v[v v][]]"]),
    # a cycle through the accept state: the end of input has two reductions, not "accept"
    ('s : "b" "a" "c" | s | s ;', ["bac"]),
]


def _run(grammar: str, text: str, fast: bool) -> tuple[object, list[str]]:
    parser = Parser(Grammar.from_string(grammar), cache=False)
    parser._engine.fast = fast
    try:
        forest = parser.parse(text)
    except ParseError:
        return "reject", []
    count = forest.count()
    trees = [t.sexpr() for t in forest.first(50)] if count != math.inf else []
    return count, trees


@pytest.mark.parametrize(("grammar", "inputs"), GRAMMARS)
def test_fast_path_changes_nothing(grammar: str, inputs: list[str]) -> None:
    for text in inputs:
        assert _run(grammar, text, fast=True) == _run(grammar, text, fast=False), text


def test_fast_path_and_glr_agree_on_rejections() -> None:
    g = 's : "(" s ")" s | %empty ;'
    for text in ["(", "())", ")(", "(()"]:
        assert _run(g, text, True) == _run(g, text, False) == ("reject", [])


def test_deep_left_and_right_recursion() -> None:
    left = Parser(Grammar.from_string('s : s "a" | "a" ;'), cache=False)
    right = Parser(Grammar.from_string('s : "a" s | "a" ;'), cache=False)
    for parser in (left, right):
        forest = parser.parse("a" * 5000)
        assert forest.count() == 1
        assert len(forest.tree().leaves()) == 5000


def test_lexical_ambiguity_is_explored() -> None:
    g = Grammar.from_string(
        r"""
        %ignore /\s+/
        s : noun_phrase | verb_phrase ;
        noun_phrase : WORD ;
        verb_phrase : VERB ;
        WORD : /[a-z]+/ ;
        VERB : /[a-z]+/ ;
        """
    )
    forest = Parser(g, cache=False).parse("run")
    assert forest.count() == 2


def test_terminal_priority_settles_lexical_ambiguity() -> None:
    g = Grammar.from_string(
        "s : a | b ; a : WORD ; b : VERB ;\nWORD : /[a-z]+/ ; VERB : /[a-z]+/ ;\n%priority VERB 2\n"
    )
    forest = Parser(g, cache=False).parse("run")
    assert forest.count() == 1
    assert forest.tree().children[0].symbol == "b"


def test_parse_tokens_with_several_candidate_kinds() -> None:
    g = Grammar.from_string(
        "s : np vp ; np : N | D N | np pp ; vp : V np | vp pp ; pp : P np ;\n"
        "N : /n/ ; D : /d/ ; V : /v/ ; P : /p/ ;"
    )
    parser = Parser(g, cache=False)
    # "saw" can be a noun or a verb; only the verb reading parses.
    tokens = [
        Token("N", "I"),
        Token(("N", "V"), "saw"),
        Token("D", "a"),
        Token("N", "man"),
        Token("P", "with"),
        Token("D", "a"),
        Token("N", "telescope"),
    ]
    forest = parser.parse_tokens(tokens)
    assert forest.count() == 2  # the PP attaches to the verb phrase or the noun phrase
    assert {t.text for t in forest.tree().leaves()} >= {"saw", "telescope"}


def test_parse_tokens_accepts_literal_text_and_names() -> None:
    parser = Parser(Grammar.from_string('e : e "+" N | N ; N : /[0-9]+/ ;'), cache=False)
    assert parser.parse_tokens(["N", "+", "N", '"+"', "N"]).count() == 1
    with pytest.raises(TokenError, match="unknown terminal 'X'"):
        parser.parse_tokens(["N", "X"])


def test_parse_error_position_and_expected() -> None:
    parser = Parser(
        Grammar.from_string('%ignore /\\s+/\ne : e "+" N | N ; N : /[0-9]+/ ;'), cache=False
    )
    with pytest.raises(ParseError) as info:
        parser.parse("1 +\n 2 3")
    error = info.value
    assert (error.line, error.column, error.offset) == (2, 4, 7)
    assert error.found == "3"
    assert error.expected == ('"+"', "end of input")


def test_error_at_end_of_input_points_after_last_token() -> None:
    parser = Parser(Grammar.from_string('%ignore /\\s+/\ne : e "+" N | N ; N : /[0-9]+/ ;'))
    with pytest.raises(ParseError) as info:
        parser.parse("1 +   \n\n")
    assert (info.value.line, info.value.column) == (1, 4)
    assert str(info.value).startswith("<input>:1:4: unexpected end of input; expected N")


def test_declared_marks_apply_unless_asked_not_to() -> None:
    text = 's : c %dprec 1 | d %dprec 2 ; c : "x" ; d : "x" ;'
    assert Parser(Grammar.from_string(text), cache=False).parse("x").count() == 1
    full = Parser(Grammar.from_string(text), cache=False, disambiguate=False).parse("x")
    assert full.count() == 2


def test_input_whose_every_parse_is_rejected_is_a_parse_error() -> None:
    g = Grammar.from_string("s : n ; n : ID | k %reject ; k : KW ; ID : /[a-z]+/ ; KW : /if/ ;")
    parser = Parser(g, cache=False)
    assert parser.parse("x").count() == 1
    with pytest.raises(ParseError, match="%reject"):
        parser.parse("if")
