"""`glrkit.check(grammar)`: what a grammar author wants to know before parsing anything.

Every conflict precedence did not settle comes with what it means: *ambiguous* (a sentence
that really has two parse trees, which part ways at the conflict), *needs more lookahead*
(canonical LR(k) decides it, or no short sentence is ambiguous there), *unreachable* (no
sentence gets there), or *unclassified* (the budgets ran out), with Bison-style derivations
(`glrkit.diagnose`). Warnings cover what parses nothing or too much (`diagnose/lint.py`).
The reports are data (`to_json`); this module is the one place that renders them.
"""

from __future__ import annotations

import json
import math
import textwrap
from dataclasses import asdict, dataclass

from glrkit.diagnose import (
    ACCEPT,
    AMBIGUOUS,
    MORE_LOOKAHEAD,
    UNCLASSIFIED,
    UNREACHABLE,
    AmbiguitySearch,
    ConflictVerdict,
    PairVerdict,
    diagnose_conflicts,
    find_ambiguity,
)
from glrkit.diagnose.lint import WarningReport, grammar_warnings
from glrkit.forest.count import Count
from glrkit.grammar.analysis import analyse
from glrkit.grammar.model import Grammar
from glrkit.tables.build import build_table
from glrkit.tables.explain import (
    ConflictReport,
    CounterexampleReport,
    DerivationReport,
    ExampleReport,
    ResolutionReport,
    action_text,
    derivation_report,
    explain_conflicts,
    explain_resolutions,
)
from glrkit.tables.lr0 import build_lr0
from glrkit.tables.table import ParseTable
from glrkit.tables.yields import DOT, Derivation

GROUPS = {
    AMBIGUOUS: "some sentences have several parse trees, and glrkit returns them all. "
    "Precedence (%left, %right, %nonassoc) settles shift/reduce ambiguities; reduce/reduce "
    "ones need the rules rewritten, or a choice among the trees (%dprec, %prefer, %avoid).",
    MORE_LOOKAHEAD: "no ambiguity, but one token of lookahead cannot choose: glrkit's GLR "
    "engine follows both actions until the input decides. Nothing to fix, unless the "
    "grammar must be LALR(1).",
    UNCLASSIFIED: "the search ran out of time or memory before it could tell; raise "
    "--timeout or --max-length.",
    UNREACHABLE: "no input reaches these conflicts: an action needs a symbol that derives no "
    "string (see the warnings).",
}
SUMMARY = {
    AMBIGUOUS: "ambiguous",
    MORE_LOOKAHEAD: "need{} more lookahead",
    UNCLASSIFIED: "unclassified",
    UNREACHABLE: "unreachable",
}


@dataclass(frozen=True)
class AmbiguityReport:
    """The outcome of the ambiguity search (`glrkit ambiguity`).

    When `found`, `sentence` has `parses` trees (-1: infinitely many) and `trees` are the two
    smallest that differ, at one node: `symbol` over tokens `span`. `state`, `lookahead` and
    `actions` name the conflict where their LR actions part ways (state -1 when they never
    do: the trees differ inside an empty string). Every sentence of up to `searched` tokens
    was checked: `sentences` of them, all with at most one tree.
    """

    found: bool
    sentence: tuple[str, ...]
    parses: int
    symbol: str
    span: tuple[int, int]
    trees: tuple[DerivationReport, ...]
    state: int
    lookahead: str
    actions: tuple[str, ...]
    searched: int
    sentences: int
    max_length: int

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    def to_text(self) -> str:
        return "\n".join(_ambiguity_lines(self))


@dataclass(frozen=True)
class CheckReport:
    terminals: int
    nonterminals: int
    rules: int
    states: int
    conflicts: tuple[ConflictReport, ...]
    resolutions: tuple[ResolutionReport, ...]
    warnings: tuple[WarningReport, ...]
    ambiguity: AmbiguityReport | None = None
    hidden_ambiguity: bool = False  # cycles or two ways to be empty: ambiguity no conflict shows

    @property
    def clean(self) -> bool:
        found = self.ambiguity is not None and self.ambiguity.found
        return not self.conflicts and not self.warnings and not found

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    def to_text(self) -> str:
        return "\n".join(_report_lines(self))


def check(
    grammar: Grammar,
    *,
    counterexamples: bool = True,
    ambiguity: bool = False,
    max_length: int = 8,
    timeout: float = 5.0,
) -> CheckReport:
    """Tables, conflicts, precedence resolutions and warnings of a grammar.

    With `counterexamples` (the default), each conflict gets a verdict and derivations;
    searches for ambiguous sentences stop at `max_length` tokens or after `timeout` seconds.
    `ambiguity=True` also searches the whole grammar for its shortest ambiguous sentence.
    """
    table = build_table(grammar)
    automaton = build_lr0(grammar)
    conflicts = explain_conflicts(grammar, table, automaton)
    if counterexamples and conflicts:
        verdicts = diagnose_conflicts(
            grammar, table, automaton, max_length=max_length, timeout=timeout
        )
        conflicts = [
            _with_verdict(grammar, table, report, verdict)
            for report, verdict in zip(conflicts, verdicts, strict=True)
        ]
    facts = analyse(grammar)
    warnings = tuple(grammar_warnings(grammar, table))
    cycles = facts.cyclic & facts.reachable & facts.productive
    hidden = bool(cycles) or any(w.kind == "empty-ambiguity" for w in warnings)
    found = None
    if ambiguity:
        search = find_ambiguity(grammar, table, max_length=max_length, timeout=timeout)
        found = _ambiguity_report(grammar, table, search)
    return CheckReport(
        terminals=len(grammar.terminals) - 1,
        nonterminals=sum(1 for n in grammar.nonterminals[1:] if not n.hidden),
        rules=sum(1 for r in grammar.rules[1:] if not grammar.is_hidden(r.lhs)),
        states=table.n_states,
        conflicts=tuple(conflicts),
        resolutions=tuple(explain_resolutions(grammar, table)),
        warnings=warnings,
        ambiguity=found,
        hidden_ambiguity=hidden,
    )


# -- from verdicts to reports -------------------------------------------------------------------
def _with_verdict(
    grammar: Grammar, table: ParseTable, report: ConflictReport, verdict: ConflictVerdict
) -> ConflictReport:
    pairs = tuple(_pair_report(grammar, table, p) for p in verdict.pairs)
    return ConflictReport(
        report.state,
        report.lookahead,
        report.kind,
        report.items,
        report.actions,
        verdict.verdict,
        pairs,
    )


def _pair_report(grammar: Grammar, table: ParseTable, pair: PairVerdict) -> CounterexampleReport:
    first, second = pair.actions
    actions = (action_text(grammar, table, first), action_text(grammar, table, second))
    sentence: tuple[str, ...] = ()
    parses = 0
    derivations: tuple[Derivation, ...]
    if pair.witness is not None:
        derivations = pair.witness.derivations
        sentence = tuple(grammar.name(t) for t in pair.witness.sentence)
        parses = _parses(pair.witness.parses)
        same = True
    else:
        derivations = tuple(e.derivation for e in pair.examples.examples)
        same = bool(pair.examples.common)
    examples = tuple(
        _example(grammar, action, d) for action, d in zip(actions, derivations, strict=False)
    )
    return CounterexampleReport(
        actions,
        pair.verdict,
        pair.basis,
        pair.lookahead,
        pair.searched,
        sentence,
        parses,
        same,
        examples,
    )


def _example(grammar: Grammar, action: str, derivation: Derivation) -> ExampleReport:
    form = tuple("•" if s == DOT else grammar.name(s) for s in derivation.frontier())
    return ExampleReport(action, form, derivation_report(grammar, derivation))


def _parses(count: Count) -> int:
    return -1 if count == math.inf else int(count)


def _ambiguity_report(
    grammar: Grammar, table: ParseTable, search: AmbiguitySearch
) -> AmbiguityReport:
    w = search.witness
    if w is None:
        return AmbiguityReport(
            False,
            (),
            0,
            "",
            (0, 0),
            (),
            -1,
            "",
            (),
            search.complete,
            search.sentences,
            search.max_length,
        )
    actions: tuple[str, ...] = ()
    if w.state >= 0:
        actions = tuple(
            "accept" if a == ACCEPT else action_text(grammar, table, a) for a in w.actions
        )
    return AmbiguityReport(
        True,
        tuple(grammar.name(t) for t in w.sentence),
        _parses(w.parses),
        grammar.name(w.node[0]),
        (w.node[1], w.node[2]),
        tuple(derivation_report(grammar, d) for d in w.derivations),
        w.state,
        grammar.name(w.terminal) if w.state >= 0 else "",
        actions,
        search.complete,
        search.sentences,
        search.max_length,
    )


# -- rendering ----------------------------------------------------------------------------------
def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _report_lines(report: CheckReport) -> list[str]:
    lines = [
        f"{report.terminals} terminals, {report.nonterminals} nonterminals, "
        f"{report.rules} rules, {report.states} LR states",
    ]
    for w in report.warnings:
        where = f"{w.line}:{w.column}: " if w.column else f"{w.line}: " if w.line else ""
        lines.append(f"warning: {where}{w.message}")
    if report.resolutions:
        lines.append(f"{_plural(len(report.resolutions), 'conflict')} resolved by precedence:")
        for r in report.resolutions:
            lines.append(
                f"  state {r.state}, on {r.lookahead}: {r.chosen} (rule {r.rule}) "
                f"because {r.reason}"
            )
    if not report.conflicts:
        if report.hidden_ambiguity:
            lines.append(
                "no conflicts in the LALR(1) table, but the grammar is ambiguous: see the "
                "warnings about cycles and empty strings"
            )
        else:
            lines.append(
                "no conflicts: the grammar is LALR(1) (glrkit parses it deterministically)"
            )
    else:
        lines.extend(_conflict_lines(report.conflicts))
    if report.ambiguity is not None:
        lines.append("")
        lines.extend(_ambiguity_lines(report.ambiguity))
    return lines


def _conflict_lines(conflicts: tuple[ConflictReport, ...]) -> list[str]:
    n = len(conflicts)
    verb = "remains" if n == 1 else "remain"
    head = f"{_plural(n, 'conflict')} {verb} (the GLR engine explores every action)"
    counts = {v: sum(1 for c in conflicts if c.verdict == v) for v in GROUPS}
    summary = ", ".join(
        f"{count} {SUMMARY[v].format('s' if count == 1 else '')}"
        for v, count in counts.items()
        if count
    )
    lines = [head + (f": {summary}" if summary else ":")]
    if not summary:
        for c in conflicts:
            lines.extend("  " + line for line in _conflict_block(c))
        return lines
    for verdict, explanation in GROUPS.items():
        group = [c for c in conflicts if c.verdict == verdict]
        if not group:
            continue
        lines.append("")
        lines.append(f"{verdict} ({_plural(len(group), 'conflict')}):")
        lines.extend(textwrap.wrap(explanation, 92, initial_indent="  ", subsequent_indent="  "))
        for c in group:
            lines.append("")
            lines.extend("  " + line for line in _conflict_block(c))
    return lines


def _conflict_block(c: ConflictReport) -> list[str]:
    lines = [f"state {c.state}: {c.kind} conflict on {c.lookahead}", "  items:"]
    lines.extend(f"    {item}" for item in c.items)
    lines.append("  actions: " + "; ".join(c.actions))
    several = len(c.counterexamples) > 1
    for pair in c.counterexamples:
        if several:
            lines.append(f"  between {pair.actions[0]} and {pair.actions[1]}:")
        indent = "    " if several else "  "
        lines.extend(indent + line for line in _pair_lines(pair, c.lookahead))
    return lines


def _pair_lines(p: CounterexampleReport, lookahead: str) -> list[str]:
    lines: list[str] = []
    if p.verdict == AMBIGUOUS:
        count = "infinitely many" if p.parses < 0 else str(p.parses)
        lines.append(f"ambiguous: {' '.join(p.sentence)}")
        lines.append(f"  has {count} parses; two of them part ways at this conflict")
    elif p.basis == "lr" and p.lookahead == 1:
        lines.append("needs more lookahead: LALR(1) merged states that canonical LR(1) keeps")
        lines.append(f"  apart; no prefix allows both actions before {lookahead}")
    elif p.basis == "lr":
        lines.append(
            f"needs more lookahead: {p.lookahead} tokens decide "
            f"(canonical LR({p.lookahead}) has no conflict here)"
        )
    elif p.basis == "search":
        lines.append(
            f"likely needs more lookahead: the search found no sentence of up to {p.searched}"
        )
        lines.append("  tokens whose parses part ways here; LR(k) for k ≤ 3 does not decide it")
    elif p.verdict == UNREACHABLE:
        lines.append("unreachable: no sentence can take one of these actions here: it needs a")
        lines.append("  symbol that derives no string")
    else:
        tried = (
            f"sentences up to {p.searched} tokens were tried"
            if p.searched >= 0
            else "no sentence was tried"
        )
        lines.append(f"unclassified: the search ran out of time or memory ({tried})")
    forms = [" ".join(e.form) for e in p.examples]
    shared = len(set(forms)) == 1
    for k, example in enumerate(p.examples):
        if shared and k == 0:
            lines.append(f"example: {forms[0]}")
        elif not shared:
            lines.append(f"{('first', 'second')[k] if k < 2 else 'another'} example: {forms[k]}")
        if example.action == "shift":
            lines.append("shift derivation:")
        else:
            lines.append(f"reduce derivation ({example.action.removeprefix('reduce ')}):")
        lines.extend("  " + row.rstrip() for row in _block(example.derivation))
    return lines


def _block(d: DerivationReport) -> list[str]:
    """Bison's layout: a node's symbol, then `↳` and its children on the next row; a child's
    own expansion hangs below it, and its siblings move right to make room."""
    if d.rule is None:
        return [d.symbol]
    kids = [_block(c) for c in d.children] or [["ε"]]
    widths = [max(len(line) for line in b) for b in kids]
    height = max(len(b) for b in kids)
    rows = [
        " ".join((b[r] if r < len(b) else "").ljust(w) for b, w in zip(kids, widths, strict=True))
        for r in range(height)
    ]
    lines = [d.symbol, "↳ " + rows[0], *("  " + row for row in rows[1:])]
    width = max(len(line) for line in lines)
    return [line.ljust(width) for line in lines]


def _ambiguity_lines(a: AmbiguityReport) -> list[str]:
    if not a.found:
        checked = _plural(a.sentences, "sentence")
        lines = [f"no ambiguous sentence of up to {a.searched} tokens ({checked} checked)"]
        if a.searched < a.max_length:
            lines.append(
                f"the search stopped at its time or memory limit before {a.max_length} tokens"
            )
        return lines
    count = "infinitely many" if a.parses < 0 else str(a.parses)
    shortest = " (the shortest: every shorter sentence has at most one)" if a.searched >= 0 else ""
    first, end = a.span
    where = (
        f"tokens {first + 1}..{end}"
        if end > first
        else f"the empty string before token {first + 1}"
    )
    lines = [
        f"ambiguous: {' '.join(a.sentence) or 'the empty input'}",
        f"  has {count} parses{shortest}",
        f"the two smallest trees that differ, at {a.symbol} over {where};",
        "subtrees they share are shown by their symbol, • is where the parses part ways:",
    ]
    left, right = (_block(t) for t in a.trees)
    width = max(len(line) for line in left)
    for k in range(max(len(left), len(right))):
        l_row = left[k] if k < len(left) else ""
        r_row = right[k] if k < len(right) else ""
        lines.append(("  " + l_row.ljust(width) + "    " + r_row).rstrip())
    if "accept" in a.actions:
        lines.append(
            f"they part ways at the end: one parse is complete, the other goes round a cycle "
            f"({a.actions[1]})"
        )
    elif a.state >= 0:
        kind = "shift/reduce" if "shift" in a.actions else "reduce/reduce"
        lines.append(f"they part ways at the {kind} conflict in state {a.state} on {a.lookahead}")
    else:
        lines.append("they differ only inside an empty string (no LR conflict shows it)")
    return lines
