"""Which precedence declaration settled which conflict, in the grammar's own words.

The tables record each settled shift/reduce conflict (`ParseTable.resolutions`); this names
the declarations that decided it, the way they were written:

    state 12, on "*": shift over expr : expr "+" expr, because %left "*" binds tighter
    than %left "+" "-"
"""

from __future__ import annotations

from dataclasses import dataclass

from glrkit.grammar.model import Grammar, rule_text
from glrkit.tables.table import ParseTable


@dataclass(frozen=True)
class PrecedenceDecision:
    state: int
    lookahead: str
    rule: str
    chosen: str  # "shift" | "reduce" | "error"
    rule_declaration: str  # the declaration that gives the rule its precedence
    lookahead_declaration: str
    why: str

    def __str__(self) -> str:
        what = {"shift": "shift over", "reduce": "reduce", "error": "error between"}[self.chosen]
        return f"state {self.state}, on {self.lookahead}: {what} {self.rule}, because {self.why}"


def declaration(grammar: Grammar, level: int) -> str:
    """The precedence line of a level, as written: `%left "+" "-"`."""
    names = [grammar.name(t) for t, p in enumerate(grammar.terminal_prec) if p and p.level == level]
    assoc = next(p.assoc for p in grammar.terminal_prec if p and p.level == level)
    return f"%{assoc} " + " ".join(names)


def precedence_decisions(grammar: Grammar, table: ParseTable) -> list[PrecedenceDecision]:
    """One entry per conflict that precedence settled, in table order."""
    out: list[PrecedenceDecision] = []
    for resolution in table.resolutions:
        rule = grammar.rules[table.reductions[resolution.reduction][2]]
        term = grammar.terminal_prec[resolution.terminal]
        assert term is not None and rule.prec > 0  # only such conflicts are settled
        mine, theirs = declaration(grammar, rule.prec), declaration(grammar, term.level)
        if rule.prec > term.level:
            why = f"the rule's {mine} binds tighter than {theirs}"
        elif rule.prec < term.level:
            why = f"{theirs} binds tighter than the rule's {mine}"
        else:
            kind = {"left": "left-associative", "right": "right-associative"}
            why = f"both are {mine}, " + kind.get(term.assoc, "non-associative")
        out.append(
            PrecedenceDecision(
                resolution.state,
                grammar.name(resolution.terminal),
                rule_text(grammar, rule),
                resolution.chosen,
                mine,
                theirs,
                why,
            )
        )
    return out
