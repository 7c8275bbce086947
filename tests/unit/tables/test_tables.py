"""Table construction on small grammars whose automata and lookaheads are checked by hand."""

from __future__ import annotations

from glrkit import Grammar
from glrkit.tables import build_table
from glrkit.tables.lr0 import build_lr0


def test_lr0_automaton_of_right_recursion() -> None:
    # s : "a" s | "b": states 0 (start), 1 (accept), 2 (after a), 3 (after b), 4 (a s).
    g = Grammar.from_string('s : "a" s | "b" ;')
    a, b, s = g.symbol('"a"'), g.symbol('"b"'), g.symbol("s")
    auto = build_lr0(g)
    assert len(auto.kernels) == 5
    assert auto.goto[0] == {a: 2, b: 3, s: 1} or set(auto.goto[0]) == {a, b, s}
    after_a = auto.goto[0][a]
    assert auto.goto[after_a][a] == after_a
    assert auto.goto[after_a][b] == auto.goto[0][b]


def test_lalr_grammar_that_is_not_slr_has_no_conflicts() -> None:
    # Aho, Sethi & Ullman, grammar 4.20: SLR(1) has a shift/reduce conflict on "=", LALR not.
    g = Grammar.from_string('s : l "=" r | r ; l : "*" r | ID ; r : l ; ID : /[a-z]+/ ;')
    assert build_table(g).conflicts() == []


def test_lr1_grammar_that_is_not_lalr_keeps_reduce_reduce_conflicts() -> None:
    # Merging the two states after "e" makes E and F reducible on both c and d.
    g = Grammar.from_string(
        's : "a" e "c" | "a" f "d" | "b" f "c" | "b" e "d" ; e : "x" ; f : "x" ;'
    )
    conflicts = build_table(g).conflicts()
    assert sorted(g.name(c.terminal) for c in conflicts) == ['"c"', '"d"']
    assert all(c.shift < 0 and len(c.reductions) == 2 for c in conflicts)


def test_right_nulled_reduction_after_first_symbol() -> None:
    g = Grammar.from_string('s : "a" b c ; b : %empty ; c : %empty ;')
    table = build_table(g)
    auto = build_lr0(g)
    after_a = auto.goto[0][g.symbol('"a"')]
    _shift, rids = table.actions[after_a][0]  # on $end
    reduced = {(table.reductions[r][0], table.reductions[r][1]) for r in rids}
    assert (g.symbol("s"), 1) in reduced  # s : "a" • b c, with b c =>* ε


def test_precedence_resolves_every_expression_conflict() -> None:
    g = Grammar.from_string('%left "+"\n%left "*"\ne : e "+" e | e "*" e | N ; N : /[0-9]+/ ;')
    table = build_table(g)
    assert table.conflicts() == []
    chosen = {(g.name(r.terminal), r.chosen) for r in table.resolutions}
    assert chosen == {('"+"', "reduce"), ('"*"', "reduce"), ('"*"', "shift")}


def test_nonassoc_makes_chained_operator_an_error_action() -> None:
    g = Grammar.from_string('%nonassoc "<"\ne : e "<" e | N ; N : /[0-9]+/ ;')
    table = build_table(g)
    assert table.conflicts() == []
    assert [r.chosen for r in table.resolutions] == ["error"]


def test_without_precedence_conflicts_stay_for_glr() -> None:
    g = Grammar.from_string('e : e "+" e | N ; N : /[0-9]+/ ;')
    conflicts = build_table(g).conflicts()
    assert len(conflicts) == 1 and conflicts[0].shift >= 0


def test_left_recursive_list_tail_is_deterministic() -> None:
    # The right-nulled reduction of args and the ε-reduction of the list tail both fire on
    # ")", but the second can never lead anywhere: it is pruned, so no conflict is left.
    g = Grammar.from_string('c : "f" "(" args? ")" ; args : "x" ("," "x")* ;')
    assert build_table(g).conflicts() == []


def test_table_round_trips_through_json() -> None:
    g = Grammar.from_string('e : e "+" e | e "*" e | "n" ;')
    table = build_table(g)
    again = type(table).from_json(table.to_json())
    assert again.actions == table.actions
    assert again.goto == table.goto
    assert again.reductions == table.reductions
    assert again.accept_state == table.accept_state
