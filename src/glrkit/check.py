"""`glrkit.check(grammar)`: what a grammar author wants to know before parsing anything."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from glrkit.grammar.model import Grammar
from glrkit.tables.build import build_table
from glrkit.tables.explain import (
    ConflictReport,
    ResolutionReport,
    explain_conflicts,
    explain_resolutions,
)


@dataclass(frozen=True)
class CheckReport:
    terminals: int
    nonterminals: int
    rules: int
    states: int
    conflicts: tuple[ConflictReport, ...]
    resolutions: tuple[ResolutionReport, ...]
    warnings: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.warnings

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    def to_text(self) -> str:
        lines = [
            f"{self.terminals} terminals, {self.nonterminals} nonterminals, "
            f"{self.rules} rules, {self.states} LR states",
        ]
        for w in self.warnings:
            lines.append(f"warning: {w}")
        if self.resolutions:
            lines.append(f"{len(self.resolutions)} conflicts resolved by precedence:")
            for r in self.resolutions:
                lines.append(
                    f"  state {r.state}, on {r.lookahead}: {r.chosen} "
                    f"(rule {r.rule}) because {r.reason}"
                )
        if not self.conflicts:
            lines.append(
                "no conflicts: the grammar is LALR(1) (glrkit parses it deterministically)"
            )
        else:
            lines.append(
                f"{len(self.conflicts)} conflicts remain (the GLR engine explores every action):"
            )
            for c in self.conflicts:
                lines.append(f"  state {c.state}, {c.kind} conflict on {c.lookahead}:")
                for item in c.items:
                    lines.append(f"      {item}")
                lines.append("    actions: " + "; ".join(c.actions))
        return "\n".join(lines)


def check(grammar: Grammar) -> CheckReport:
    table = build_table(grammar)
    return CheckReport(
        terminals=len(grammar.terminals) - 1,
        nonterminals=sum(1 for n in grammar.nonterminals[1:] if not n.hidden),
        rules=sum(1 for r in grammar.rules[1:] if not grammar.is_hidden(r.lhs)),
        states=table.n_states,
        conflicts=tuple(explain_conflicts(grammar, table)),
        resolutions=tuple(explain_resolutions(grammar, table)),
        warnings=tuple(
            w.render(None) if not w.line else f"{w.line}:{w.column}: {w.message}"
            for w in grammar.warnings
        ),
    )
