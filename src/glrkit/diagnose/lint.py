"""Warnings about a grammar that parses nothing, or more than its author meant: the reader's
own (unreachable, unproductive, cyclic symbols, empty alternatives), and terminals no rule
uses, regex terminals that literals shadow, and rules precedence leaves with no reduction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glrkit.grammar.analysis import analyse
from glrkit.grammar.compile import regex_flags
from glrkit.grammar.model import Grammar, rule_text
from glrkit.tables.table import ParseTable


@dataclass(frozen=True)
class WarningReport:
    """A warning: `kind` is one of unreachable, unproductive, cycle, empty-alternative,
    empty-ambiguity, unused-terminal, overlapping-terminals, unused-rule, grammar."""

    kind: str
    message: str
    line: int = 0
    column: int = 0


_KINDS = (
    ("is unreachable from the start symbol", "unreachable"),
    ("(unproductive)", "unproductive"),
    ("derives itself (a cycle)", "cycle"),
    ("empty alternative", "empty-alternative"),
)


def grammar_warnings(grammar: Grammar, table: ParseTable) -> list[WarningReport]:
    """The grammar reader's warnings, then nonterminals with two ways to be empty, unused
    terminals, terminals a regex shadows, and rules precedence made useless."""
    out: list[WarningReport] = []
    for issue in grammar.warnings:
        kind = next((k for text, k in _KINDS if text in issue.message), "grammar")
        out.append(WarningReport(kind, issue.message, issue.line, issue.column))
    out.extend(_empty_ambiguity(grammar))
    out.extend(_unused_terminals(grammar))
    out.extend(_overlapping_terminals(grammar))
    out.extend(_unused_rules(grammar, table))
    return out


def _empty_ambiguity(grammar: Grammar) -> list[WarningReport]:
    """A nonterminal with two alternatives that both derive the empty string: wherever it is
    empty, the input has two parses. The right-nulled table shares one ε-forest per symbol
    (Scott & Johnstone 2006), so no LR conflict shows this ambiguity."""
    facts = analyse(grammar)
    out: list[WarningReport] = []
    for a in range(grammar.n_terminals + 1, grammar.n_symbols):
        if a not in facts.reachable or a not in facts.nullable:
            continue
        empty = [
            r
            for r in grammar.rules_for(a)
            if all(s in facts.nullable for s in grammar.rules[r].rhs)
        ]
        if len(empty) > 1:
            line = grammar.rules[empty[0]].line
            ways = "; ".join(rule_text(grammar, r) for r in empty)
            out.append(
                WarningReport(
                    "empty-ambiguity",
                    f"{grammar.name(a)} derives the empty string in {len(empty)} ways ({ways}): "
                    "inputs where it is empty have several parses, though no conflict shows it",
                    line,
                )
            )
    return out


def _definition(grammar: Grammar, name: str) -> tuple[int, int]:
    """(line, column) of the definition of a named terminal, or of the first mention of a
    literal or inline regex; (0, 0) when the source is unknown."""
    source = grammar.source
    named = name[0].isalpha()
    pattern = rf"^[ \t]*({re.escape(name)})\s*:" if named else f"({re.escape(name)})"
    found = re.search(pattern, source, re.MULTILINE) if source is not None else None
    if source is None or found is None:
        return 0, 0
    start = found.start(1)
    return source.count("\n", 0, start) + 1, start - source.rfind("\n", 0, start)


def _unused_terminals(grammar: Grammar) -> list[WarningReport]:
    used = {s for rule in grammar.rules for s in rule.rhs}
    out: list[WarningReport] = []
    for index, terminal in enumerate(grammar.terminals[1:], start=1):
        if index in used:
            continue
        pattern = re.escape(terminal.pattern) if terminal.is_literal else terminal.pattern
        if pattern in grammar.ignore:
            continue
        out.append(
            WarningReport(
                "unused-terminal",
                f"terminal {terminal.name} is never used in a rule",
                *_definition(grammar, terminal.name),
            )
        )
    return out


def _overlapping_terminals(grammar: Grammar) -> list[WarningReport]:
    """A regex terminal that matches the text of a literal never reads that text: literals
    are reserved (see `lex/lexer.py`), so `x = if` cannot parse with NAME : /[a-z]+/."""
    literals = [t for t in grammar.terminals[1:] if t.is_literal and t.pattern]
    out: list[WarningReport] = []
    for terminal in grammar.terminals[1:]:
        if terminal.is_literal:
            continue
        regex = re.compile(terminal.pattern, regex_flags(terminal.flags))
        hits = [lit.name for lit in literals if regex.fullmatch(lit.pattern)]
        if not hits:
            continue
        shown = ", ".join(hits[:6]) + (f" and {len(hits) - 6} more" if len(hits) > 6 else "")
        out.append(
            WarningReport(
                "overlapping-terminals",
                f"{terminal.name} also matches {shown}: that text is always read as the "
                f"literal, never as {terminal.name} (literals are reserved)",
                *_definition(grammar, terminal.name),
            )
        )
    return out


def _unused_rules(grammar: Grammar, table: ParseTable) -> list[WarningReport]:
    """Rules that precedence left without any reduce action: the parser can never use them
    (Bison's "rule useless in parser due to conflicts")."""
    facts = analyse(grammar)
    acting = {rid for row in table.actions for _, rids in row.values() for rid in rids}
    lost: dict[int, list[str]] = {}
    for r in table.resolutions:
        index = table.reductions[r.reduction][2]
        if index >= 0 and r.chosen != "reduce":
            why = f"state {r.state} on {grammar.name(r.terminal)}: {r.chosen} because {r.reason}"
            lost.setdefault(index, []).append(why)
    out: list[WarningReport] = []
    for rule_index, reasons in sorted(lost.items()):
        rule = grammar.rules[rule_index]
        if rule.lhs not in facts.reachable or all(s in facts.nullable for s in rule.rhs):
            continue
        reductions = [i for i, red in enumerate(table.reductions) if red[2] == rule_index]
        if any(i in acting for i in reductions):
            continue
        text = rule_text(grammar, rule_index)
        out.append(
            WarningReport(
                "unused-rule",
                f"rule {text} can never be used: precedence chose another action wherever "
                f"it could reduce ({'; '.join(reasons)})",
                rule.line,
            )
        )
    return out
