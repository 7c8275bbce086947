"""The grammar text format: canonical printing, desugaring, errors and warnings."""

from __future__ import annotations

from textwrap import dedent

import pytest

from glrkit import Grammar, GrammarError


def test_grammar_prints_as_canonical_text() -> None:
    text = r"""
    %ignore /\s+/
    expr : expr "+" term | term ;
    term : NUMBER | "(" expr ")" | call ;
    call : NAME "(" args? ")" ;
    args : expr ("," expr)* ;
    NUMBER : /[0-9]+/ ;
    NAME : /[a-z]\w*/ ;
    """
    assert str(Grammar.from_string(text)) == dedent(
        r"""
        %ignore /\s+/

        expr : expr "+" term
             | term ;
        term : NUMBER
             | "(" expr ")"
             | call ;
        call : NAME "(" args? ")" ;
        args : expr ("," expr)* ;

        NUMBER : /[0-9]+/ ;
        NAME : /[a-z]\w*/ ;
        """
    ).lstrip("\n")


def test_canonical_text_reads_back_to_the_same_grammar() -> None:
    g = Grammar.from_string('s : a+ "x"? | (a | "y")* ; a : "a" | %empty ; %start s')
    again = Grammar.from_string(str(g))
    assert str(again) == str(g)
    assert again.fingerprint() == g.fingerprint()


def test_ebnf_helpers_are_hidden_nonterminals() -> None:
    g = Grammar.from_string('list : "[" item ("," item)* "]" ; item : "x" ;')
    hidden = [n.name for n in g.nonterminals if n.hidden]
    assert hidden == ['("," item)', '("," item)*']


def test_same_ebnf_expression_is_desugared_once() -> None:
    g = Grammar.from_string('s : "a"* "b" | "c" "a"* ;')
    assert sum(1 for n in g.nonterminals if n.hidden) == 1


def test_named_literal_terminal_is_shared_with_inline_literal() -> None:
    g = Grammar.from_string('s : s PLUS "x" | "x" "+" "x" ; PLUS : "+" ;')
    names = [t.name for t in g.terminals]
    assert names.count("PLUS") == 1 and '"+"' not in names


def test_start_directive_and_default_start() -> None:
    assert (
        Grammar.from_string('a : "x" ; b : a ;').name(
            Grammar.from_string('a : "x" ; b : a ;').start
        )
        == "a"
    )
    g = Grammar.from_string('%start b\na : "x" ; b : a ;')
    assert g.name(g.start) == "b"


def _errors(text: str) -> list[str]:
    with pytest.raises(GrammarError) as info:
        Grammar.from_string(text)
    return [f"{i.line}:{i.column}: {i.message}" for i in info.value.issues]


def test_all_mistakes_reported_in_one_go_in_source_order() -> None:
    text = 's : a "x" | UNDEF ;\nt : /a(/ ;\nu : "unterminated ;\n'
    assert _errors(text) == [
        "1:5: undefined nonterminal 'a'",
        "1:13: undefined terminal 'UNDEF'",
        "2:5: bad regular expression for /a(/: missing ), unterminated subpattern at position 1",
        "3:5: unterminated string",
    ]


def test_error_message_has_caret_excerpt() -> None:
    with pytest.raises(GrammarError) as info:
        Grammar.from_string('s : "a" b ;\n', source_name="g.glr")
    assert str(info.value) == dedent(
        """\
        1 error in grammar:
        g.glr:1:9: undefined nonterminal 'b'
          s : "a" b ;
                  ^"""
    )


def test_missing_semicolon_points_at_rule_end() -> None:
    assert _errors('a : "x"\nb : "y" ;') == ["1:5: missing ';' at the end of the rule 'a'"]


def test_unproductive_start_is_an_error() -> None:
    assert _errors('s : s "x" ;') == [
        "1:1: the start symbol 's' derives no string "
        "(every alternative needs itself or another unproductive rule)"
    ]


def test_regex_matching_empty_string_is_an_error() -> None:
    assert _errors("s : A ; A : /x*/ ;") == ["1:13: terminal A matches the empty string"]


def test_duplicate_rule_is_an_error() -> None:
    assert _errors('s : "a" ;\ns : "b" ;') == ["2:1: rule 's' is defined twice (first at line 1)"]


def test_unreachable_and_unproductive_are_warnings() -> None:
    g = Grammar.from_string('s : "a" | u ; u : u "b" ; v : "c" ;')
    messages = sorted(w.message for w in g.warnings)
    assert messages == [
        "nonterminal 'u' derives no string (unproductive)",
        "nonterminal 'v' is unreachable from the start symbol",
    ]


def test_cycles_are_warned_about() -> None:
    g = Grammar.from_string('s : s | "a" ;')
    assert any("cycle" in w.message for w in g.warnings)


def test_empty_grammar_is_an_error() -> None:
    assert _errors("# nothing\n") == [
        '1:1: the grammar has no rules (a rule looks like `start : "x" ;`)'
    ]


def test_builder_makes_the_same_grammar_as_text() -> None:
    from glrkit import GrammarBuilder

    b = GrammarBuilder()
    b.rule("expr", "expr", '"+"', "term").rule("expr", "term")
    b.rule("term", "NUMBER").rule("term", '"("', "expr", '")"')
    b.terminal("NUMBER", regex="[0-9]+").ignore(r"\s+")
    text = r"""
    %ignore /\s+/
    expr : expr "+" term | term ;
    term : NUMBER | "(" expr ")" ;
    NUMBER : /[0-9]+/ ;
    """
    assert b.build().fingerprint() == Grammar.from_string(text).fingerprint()


def test_builder_reports_mistakes_as_grammar_errors() -> None:
    from glrkit import GrammarBuilder

    with pytest.raises(GrammarError, match="undefined nonterminal 'x'"):
        GrammarBuilder().rule("s", "x").build()


def test_builder_takes_every_alternative_annotation() -> None:
    from glrkit import GrammarBuilder

    b = GrammarBuilder()
    b.rule("s", "a", prob=0.25, dprec=2, label="first").rule("s", "a", mark="avoid")
    b.rule("a", '"x"')
    g = b.build()
    first, second = (g.rules[r] for r in g.rules_for(g.symbol("s")))
    assert (first.label, first.dprec, round(first.weight or 0, 6)) == ("first", 2, -1.386294)
    assert second.mark == "avoid"
    with pytest.raises(ValueError):
        GrammarBuilder().rule("s", "a", weight=1.0, prob=0.5)


def test_unproductive_cycle_is_not_called_a_source_of_infinite_parses() -> None:
    g = Grammar.from_string('s : "a" | loop ; loop : loop ;')
    assert not any("cycle" in w.message for w in g.warnings)
