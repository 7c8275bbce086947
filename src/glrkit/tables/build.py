"""Grammar -> ParseTable: the LR(0) automaton, DeRemer-Pennello LALR(1) lookaheads, right-nulled
reductions (Scott & Johnstone, "Right Nulled GLR Parsers", TOPLAS 28(4), 2006), and yacc-style
precedence resolution of shift/reduce conflicts. Conflicts that remain are kept for the GLR
engine.
"""

from __future__ import annotations

from glrkit.grammar.analysis import Analysis, analyse
from glrkit.grammar.model import END, Grammar
from glrkit.tables.lalr import follow_sets
from glrkit.tables.lr0 import Automaton, build_lr0
from glrkit.tables.table import Action, ParseTable, Resolution


def build_table(grammar: Grammar) -> ParseTable:
    facts = analyse(grammar)
    automaton = build_lr0(grammar)
    follow = follow_sets(grammar, automaton, facts)
    reductions, reduce_at = _right_nulled_reductions(grammar, automaton, facts, follow)
    actions, resolutions = _actions(grammar, automaton, reductions, reduce_at)
    _prune_idle_epsilon_reductions(actions, reductions, automaton, automaton.goto[0][grammar.start])
    nt = grammar.n_terminals
    return ParseTable(
        grammar_hash=grammar.fingerprint(),
        n_terminals=nt,
        actions=tuple(actions),
        goto=tuple({s: t for s, t in g.items() if s >= nt} for g in automaton.goto),
        reductions=tuple(reductions),
        accept_state=automaton.goto[0][grammar.start],
        accessing=automaton.accessing,
        resolutions=tuple(resolutions),
    )


def _right_nulled_reductions(
    grammar: Grammar, automaton: Automaton, facts: Analysis, follow: dict[tuple[int, int], int]
) -> tuple[list[tuple[int, int, int]], dict[int, dict[int, int]]]:
    """For every nonterminal transition (p, A), rule A -> ω and split ω = α β with β ⇒* ε,
    reduce (A, |α|) in the state reached from p by α, on Follow(p, A).

    Returns the reduction descriptors and, per state, reduction id -> lookahead bitset.
    """
    nullable = facts.nullable
    index: dict[tuple[int, int, int], int] = {}
    reductions: list[tuple[int, int, int]] = []
    reduce_at: dict[int, dict[int, int]] = {}

    def add(state: int, key: tuple[int, int, int], lookahead: int) -> None:
        rid = index.get(key)
        if rid is None:
            rid = index[key] = len(reductions)
            reductions.append(key)
        row = reduce_at.setdefault(state, {})
        row[rid] = row.get(rid, 0) | lookahead

    for (p, a), lookahead in follow.items():
        for r in grammar.rules_for(a):
            rhs = grammar.rules[r].rhs
            tail_nullable = [False] * (len(rhs) + 1)
            tail_nullable[len(rhs)] = True
            for k in range(len(rhs) - 1, -1, -1):
                tail_nullable[k] = tail_nullable[k + 1] and rhs[k] in nullable
            state = p
            for m in range(len(rhs) + 1):
                if tail_nullable[m]:
                    add(state, (a, 0, -1) if m == 0 else (a, m, r), lookahead)
                if m < len(rhs):
                    state = automaton.goto[state][rhs[m]]
    return reductions, reduce_at


def _actions(
    grammar: Grammar,
    automaton: Automaton,
    reductions: list[tuple[int, int, int]],
    reduce_at: dict[int, dict[int, int]],
) -> tuple[list[dict[int, Action]], list[Resolution]]:
    nt = grammar.n_terminals
    rows: list[dict[int, Action]] = []
    resolutions: list[Resolution] = []
    for state, goto in enumerate(automaton.goto):
        shifts = {t: s for t, s in goto.items() if t < nt}
        reds: dict[int, list[int]] = {}
        for rid, bits in sorted(reduce_at.get(state, {}).items()):
            terminal = 0
            while bits:
                if bits & 1:
                    reds.setdefault(terminal, []).append(rid)
                bits >>= 1
                terminal += 1
        row: dict[int, Action] = {}
        for terminal in sorted(set(shifts) | set(reds)):
            shift = shifts.get(terminal, -1)
            rids = reds.get(terminal, [])
            if shift >= 0 and rids:
                shift, rids = _resolve(
                    grammar, reductions, state, terminal, shift, rids, resolutions
                )
            if shift >= 0 or rids:
                row[terminal] = (shift, tuple(rids))
        rows.append(row)
    return rows, resolutions


def _resolve(
    grammar: Grammar,
    reductions: list[tuple[int, int, int]],
    state: int,
    terminal: int,
    shift: int,
    rids: list[int],
    out: list[Resolution],
) -> tuple[int, list[int]]:
    """yacc's rules: the higher precedence wins; on a tie, %left reduces, %right shifts and
    %nonassoc makes the input an error. Without both precedences the conflict stays."""
    term_prec = grammar.terminal_prec[terminal]
    if term_prec is None:
        return shift, rids
    kept: list[int] = []
    keep_shift = True
    for rid in rids:
        rule_index = reductions[rid][2]
        rule = grammar.rules[rule_index] if rule_index >= 0 else None
        if rule is None or rule.prec == 0:
            kept.append(rid)
            continue
        name = grammar.name(terminal)
        if rule.prec > term_prec.level:
            chosen, reason = "reduce", f"rule binds tighter than {name}"
            kept.append(rid)
            keep_shift = False
        elif rule.prec < term_prec.level:
            chosen, reason = "shift", f"{name} binds tighter than the rule"
        elif term_prec.assoc == "left":
            chosen, reason = "reduce", f"{name} is %left"
            kept.append(rid)
            keep_shift = False
        elif term_prec.assoc == "right":
            chosen, reason = "shift", f"{name} is %right"
        else:
            chosen, reason = "error", f"{name} is %nonassoc"
            keep_shift = False
        out.append(Resolution(state, terminal, rid, chosen, reason))
    return (shift if keep_shift else -1), kept


def _prune_idle_epsilon_reductions(
    actions: list[dict[int, Action]],
    reductions: list[tuple[int, int, int]],
    automaton: Automaton,
    accept_state: int,
) -> None:
    """Drop ε-reductions that can never matter, so right-nulled tables stay deterministic
    where LALR(1) tables are.

    RNGLR never reduces along an edge made by an ε-reduction (the right-nulled reductions
    already did that work). So the node an ε-reduction of B makes in state q on lookahead a
    is idle unless goto(q, B) can shift a, or itself has a useful ε-reduction on a. The
    typical case is `list : item tail ; tail : %empty | tail "," item` on `)`: the
    right-nulled reduction of `list` and the ε-reduction of `tail` looked like a conflict,
    but only the first can lead anywhere. Removing idle ones changes no forest.
    """
    useful: set[tuple[int, int, int]] = set()  # (state, terminal, rid)
    changed = True
    while changed:
        changed = False
        for state, row in enumerate(actions):
            for terminal, (_, rids) in row.items():
                for rid in rids:
                    lhs, length, _ = reductions[rid]
                    if length or (state, terminal, rid) in useful:
                        continue
                    target = automaton.goto[state][lhs]
                    shift, next_rids = actions[target].get(terminal, (-1, ()))
                    accepts = target == accept_state and terminal == END
                    if (
                        shift >= 0
                        or accepts
                        or any(
                            reductions[r][1] == 0 and (target, terminal, r) in useful
                            for r in next_rids
                        )
                    ):
                        useful.add((state, terminal, rid))
                        changed = True
    for state, row in enumerate(actions):
        for terminal, (shift, rids) in list(row.items()):
            kept = tuple(r for r in rids if reductions[r][1] or (state, terminal, r) in useful)
            if kept != rids:
                if shift >= 0 or kept:
                    row[terminal] = (shift, kept)
                else:
                    del row[terminal]
