"""Conflict verdicts on the classic grammars, and every claim re-checked from outside:
ambiguous sentences are re-parsed with `Parser.parse_tokens` and their trees counted, examples
must parse, derivations must use the grammar's rules, and "needs more lookahead" is checked
against every sentence up to a length, enumerated by brute force."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from glrkit import Grammar, ParseError, Parser, check
from glrkit.diagnose import (
    AMBIGUOUS,
    MORE_LOOKAHEAD,
    ConflictVerdict,
    PairVerdict,
    diagnose_conflicts,
)
from glrkit.grammar.model import END
from glrkit.tables.build import build_table
from glrkit.tables.explain import DerivationReport
from glrkit.tables.yields import DOT, Derivation

GRAMMARS = Path(__file__).parent / "grammars"


def load(name: str) -> Grammar:
    return Grammar.from_file(str(GRAMMARS / f"{name}.glr"))


def count(grammar: Grammar, tokens: tuple[int, ...] | tuple[str, ...]) -> float:
    names = [t if isinstance(t, str) else grammar.name(t) for t in tokens]
    try:
        return Parser(grammar, cache=False).parse_tokens(names).count()
    except ParseError:
        return 0


def pairs(verdicts: list[ConflictVerdict]) -> list[PairVerdict]:
    return [p for v in verdicts for p in v.pairs]


def assert_valid_derivation(grammar: Grammar, d: Derivation) -> None:
    """Each expanded node uses a rule of its symbol, children in the rule's order."""
    stack = [d]
    while stack:
        node = stack.pop()
        if node.rule < 0:
            continue
        rule = grammar.rules[node.rule]
        assert rule.lhs == node.symbol
        kids = [c for c in node.children if c.symbol != DOT]
        assert tuple(c.symbol for c in kids) == rule.rhs
        stack.extend(kids)


def dots(d: Derivation) -> int:
    return sum(1 for s in d.frontier() if s == DOT)


def test_dangling_else_is_ambiguous_and_its_sentence_has_two_parses() -> None:
    g = load("dangling_else")
    (verdict,) = diagnose_conflicts(g)
    assert g.name(verdict.conflict.terminal) == '"else"' and verdict.verdict == AMBIGUOUS
    (pair,) = verdict.pairs
    assert pair.witness is not None
    names = [g.name(t) for t in pair.witness.sentence]
    assert names == ['"if"', "ID", '"then"', '"if"', "ID", '"then"', '"go"', '"else"', '"go"']
    assert count(g, pair.witness.sentence) == 2 == pair.witness.parses
    shift, reduce = pair.witness.derivations
    assert shift.frontier() == [*reduce.frontier()]  # the same sentential form, • included
    assert shift != reduce


def test_every_ambiguous_claim_is_a_sentence_with_two_parses_that_part_ways_there() -> None:
    for name in ("dangling_else", "c_decl_expr", "ambiguous_expr"):
        g = load(name)
        verdicts = diagnose_conflicts(g)
        assert verdicts and all(v.verdict == AMBIGUOUS for v in verdicts), name
        for v in verdicts:
            for p in v.pairs:
                assert p.witness is not None
                assert count(g, p.witness.sentence) == p.witness.parses >= 2
                assert (p.witness.state, p.witness.terminal) == (
                    v.conflict.state,
                    v.conflict.terminal,
                )
                assert p.witness.actions == p.actions
                first, second = p.witness.derivations
                assert [s for s in first.frontier() if s != DOT] == [
                    s for s in second.frontier() if s != DOT
                ]
                assert dots(first) == dots(second) == 1


def test_c_declaration_or_multiplication() -> None:
    g = load("c_decl_expr")
    verdicts = {
        g.name(v.conflict.terminal) + str(v.conflict.shift >= 0): v for v in diagnose_conflicts(g)
    }
    rr = verdicts['"*"False']
    (pair,) = rr.pairs
    assert pair.witness is not None
    assert [g.name(t) for t in pair.witness.sentence] == ["ID", '"*"', "ID", '";"']
    as_declaration, as_expression = pair.witness.derivations
    assert as_declaration.children[0].symbol == g.symbol("decl")
    assert as_expression.children[0].symbol == g.symbol("expr")


def test_lr1_grammar_that_is_not_lalr_needs_more_lookahead_not_ambiguity() -> None:
    g = load("lr1_not_lalr")
    verdicts = diagnose_conflicts(g)
    assert len(verdicts) == 2
    for p in pairs(verdicts):
        assert p.verdict == MORE_LOOKAHEAD and (p.basis, p.lookahead) == ("lr", 1)
        assert p.witness is None and p.examples.common is False
        first, second = p.examples.examples
        assert first.sentence[: first.position] != second.sentence[: second.position]
        for e in p.examples.examples:
            assert count(g, e.sentence) == 1
    assert_unambiguous_up_to(g, 4)


def test_lr2_grammar_needs_two_tokens() -> None:
    g = load("lr2_not_lr1")
    (p,) = pairs(diagnose_conflicts(g))
    assert p.verdict == MORE_LOOKAHEAD and (p.basis, p.lookahead) == ("lr", 2)
    first, second = p.examples.examples
    assert p.examples.common is True
    assert first.sentence[: first.position + 1] == second.sentence[: second.position + 1]
    assert first.sentence[first.position + 1] != second.sentence[second.position + 1]
    assert count(g, first.sentence) == count(g, second.sentence) == 1
    assert_unambiguous_up_to(g, 5)


def test_palindromes_are_not_lr_k_and_not_ambiguous_up_to_the_bound() -> None:
    g = load("palindromes")
    (p,) = pairs(diagnose_conflicts(g, max_length=9))
    assert p.verdict == MORE_LOOKAHEAD and p.basis == "search" and p.searched == 9
    assert all(count(g, ("a",) * n) <= 1 for n in range(12))
    report = check(g, max_length=6)
    assert "no sentence of up to 6" in report.to_text()


def assert_unambiguous_up_to(g: Grammar, n: int) -> None:
    """Brute force over every terminal string: at most one parse each."""
    terminals = [g.name(t) for t in range(1, g.n_terminals)]
    for length in range(n + 1):
        for tokens in itertools.product(terminals, repeat=length):
            assert count(g, tokens) <= 1, tokens


@pytest.mark.parametrize("name", sorted(p.stem for p in GRAMMARS.glob("*.glr")))
def test_examples_are_sentences_with_the_dot_at_the_conflict(name: str) -> None:
    g = load(name)
    table = build_table(g)
    for v in diagnose_conflicts(g, table):
        for p in v.pairs:
            assert len(p.examples.examples) == (0 if p.verdict == "unreachable" else 2)
            for action, e in zip(p.actions, p.examples.examples, strict=False):
                assert e.action == action
                assert_valid_derivation(g, e.derivation)
                assert dots(e.derivation) == 1
                assert count(g, e.sentence) >= 1
                after = e.sentence[e.position] if e.position < len(e.sentence) else END
                assert after == v.conflict.terminal
            if p.witness is not None:
                for d in p.witness.derivations:
                    assert_valid_derivation(g, d)


def test_three_way_conflicts_get_a_verdict_per_pair() -> None:
    g = Grammar.from_string('s : a "y" | b "y" | "x" "y" ; a : "x" ; b : "x" ;')
    (v,) = diagnose_conflicts(g)
    assert len(v.pairs) == 3 and all(p.verdict == AMBIGUOUS for p in v.pairs)
    for p in v.pairs:
        assert p.witness is not None and count(g, p.witness.sentence) == 3
    text = check(g).to_text()
    assert text.count("  between ") == 3


def test_conflicts_no_sentence_reaches_are_unreachable() -> None:
    g = load("warnings")
    report = check(g)
    assert {c.verdict for c in report.conflicts} == {"unreachable"}


def test_report_derivations_match_the_verdicts() -> None:
    report = check(load("c_decl_expr"))
    rr = next(c for c in report.conflicts if c.kind == "reduce/reduce")
    (ce,) = rr.counterexamples
    assert ce.verdict == "ambiguous" and ce.parses == 2 and ce.same_prefix
    assert ce.sentence == ("ID", '"*"', "ID", '";"')
    forms = {e.form for e in ce.examples}
    assert forms == {("ID", "•", '"*"', "ID", '";"')}

    def symbols(d: DerivationReport) -> set[str]:
        return {d.symbol} | {s for c in d.children for s in symbols(c)}

    assert "decl" in symbols(ce.examples[0].derivation)
    assert "decl" not in symbols(ce.examples[1].derivation)


def test_without_counterexamples_check_only_lists_the_conflicts() -> None:
    report = check(load("dangling_else"), counterexamples=False)
    (c,) = report.conflicts
    assert c.verdict == "" and c.counterexamples == ()
    assert 'state 7: shift/reduce conflict on "else"' in report.to_text()


def test_a_tiny_budget_leaves_conflicts_unclassified_rather_than_guessing() -> None:
    g = load("palindromes")
    (v,) = diagnose_conflicts(g, max_length=0)
    assert v.verdict == "unclassified"
    assert "unclassified" in check(g, max_length=0).to_text()
