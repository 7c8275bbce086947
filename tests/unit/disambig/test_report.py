"""precedence_decisions: which declaration settled which conflict."""

from __future__ import annotations

from glrkit import Grammar, Parser
from glrkit.disambig import precedence_decisions

GRAMMAR = Grammar.from_string(
    r"""
    %ignore /\s+/
    %left "+" "-"
    %left "*"
    %right NEG
    %right "**"
    %nonassoc "=="
    e : e "+" e | e "-" e | e "*" e | e "**" e | "-" e %prec NEG | e "==" e | N ;
    N : /[0-9]+/ ;
    """
)


def decisions() -> dict[tuple[str, str], str]:
    table = Parser(GRAMMAR, cache=False).table
    return {(d.rule, d.lookahead): str(d) for d in precedence_decisions(GRAMMAR, table)}


def test_each_kind_of_decision_names_its_declarations() -> None:
    found = decisions()
    assert found['e : e "+" e', '"*"'].endswith(
        'shift over e : e "+" e, because %left "*" binds tighter than the rule\'s %left "+" "-"'
    )
    assert found['e : e "+" e', '"-"'].endswith('because both are %left "+" "-", left-associative')
    assert found['e : e "**" e', '"**"'].endswith("right-associative")
    assert found['e : "-" e', '"**"'].endswith(
        'because %right "**" binds tighter than the rule\'s %right NEG'
    )
    assert found['e : "-" e', '"*"'].endswith(
        'reduce e : "-" e, because the rule\'s %right NEG binds tighter than %left "*"'
    )
    assert found['e : e "==" e', '"=="'].endswith(
        'error between e : e "==" e, because both are %nonassoc "==", non-associative'
    )


def test_one_decision_per_settled_conflict() -> None:
    table = Parser(GRAMMAR, cache=False).table
    assert len(precedence_decisions(GRAMMAR, table)) == len(table.resolutions) > 0
    assert table.conflicts() == []
