"""Grammar -> ParseTable: the LR(0) automaton, DeRemer-Pennello LALR(1) lookaheads, right-nulled
reductions (Scott & Johnstone, "Right Nulled GLR Parsers", TOPLAS 28(4), 2006), and yacc-style
precedence resolution of shift/reduce conflicts. Conflicts that remain are kept for the GLR
engine.
"""

from __future__ import annotations

from glrkit.grammar.analysis import Analysis, analyse
from glrkit.grammar.model import END, Grammar
from glrkit.tables.lalr import Lookaheads, lalr_lookaheads
from glrkit.tables.lr0 import Automaton, build_lr0
from glrkit.tables.table import Action, ParseTable, Resolution


def build_table(grammar: Grammar) -> ParseTable:
    facts = analyse(grammar)
    automaton = build_lr0(grammar)
    lookaheads = lalr_lookaheads(grammar, automaton, facts)
    reductions, reduce_at = _right_nulled_reductions(grammar, facts, lookaheads)
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
    grammar: Grammar, facts: Analysis, lookaheads: Lookaheads
) -> tuple[list[tuple[int, int, int]], dict[int, dict[int, int]]]:
    """For every nonterminal transition (p, A), rule A -> ω and split ω = α β with β ⇒* ε,
    reduce (A, |α|) in the state reached from p by α, on Follow(p, A).

    The item classes of `lookaheads` already hold, per state q and prefix α of A's rules, the
    union of Follow(p, A) over the p that reach q by α; each class contributes the reductions
    of its trie node. Returns the reduction descriptors and, per state, reduction id ->
    lookahead bitset.
    """
    reductions, at_node = _reduction_ids(grammar, facts, lookaheads)
    reduce_at: dict[int, dict[int, int]] = {}
    for state, node, bits in lookaheads.classes:
        row = reduce_at.setdefault(state, {})
        for rid in at_node[node]:
            row[rid] = row.get(rid, 0) | bits
    return reductions, reduce_at


def _reduction_ids(
    grammar: Grammar, facts: Analysis, lookaheads: Lookaheads
) -> tuple[list[tuple[int, int, int]], list[tuple[int, ...]]]:
    """Reduction descriptors numbered as tables always numbered them, and the reduction ids of
    each trie node.

    Ids go by first use when walking transitions (p, A) in order, then A's rules, then split
    points: so A's reductions come in a block when A is first seen as a transition symbol,
    rule by rule, shortest α first, with the ε-reduction (A, 0, -1) at A's first nullable rule.
    """
    nullable = facts.nullable
    index: dict[tuple[int, int, int], int] = {}
    reductions: list[tuple[int, int, int]] = []
    entered = dict.fromkeys(a for _, a in lookaheads.follow)
    for a in entered:
        for r in grammar.rules_for(a):
            rhs = grammar.rules[r].rhs
            m = len(rhs)
            while m and rhs[m - 1] in nullable:
                m -= 1
            for length in range(m, len(rhs) + 1):
                key = (a, 0, -1) if length == 0 else (a, length, r)
                if key not in index:
                    index[key] = len(reductions)
                    reductions.append(key)
    trie = lookaheads.trie
    at_node = [
        tuple(dict.fromkeys(index[(a, 0, -1) if d == 0 else (a, d, r)] for r in rules))
        if a in entered
        else ()  # no transition on a: no item class has this node
        for a, d, rules in zip(trie.lhs, trie.depth, trie.nulled, strict=True)
    ]
    return reductions, at_node


def _actions(
    grammar: Grammar,
    automaton: Automaton,
    reductions: list[tuple[int, int, int]],
    reduce_at: dict[int, dict[int, int]],
) -> tuple[list[dict[int, Action]], list[Resolution]]:
    """Rows of shifts and reductions by terminal, reductions in id order, with shift/reduce
    conflicts put to precedence."""
    nt = grammar.n_terminals
    terminal_prec = grammar.terminal_prec
    rows: list[dict[int, Action]] = []
    resolutions: list[Resolution] = []
    for state, goto in enumerate(automaton.goto):
        shifts = {t: s for t, s in goto.items() if t < nt}  # goto is in symbol order
        by_rid = reduce_at.get(state)
        if not by_rid:
            rows.append({t: (s, ()) for t, s in shifts.items()})
            continue
        reds = _reductions_by_terminal(by_rid)
        row: dict[int, Action] = {}
        for terminal in sorted(shifts.keys() | reds.keys()):
            shift = shifts.get(terminal, -1)
            rids = reds.get(terminal, [])
            if shift >= 0 and rids and terminal_prec[terminal] is not None:
                shift, rids = _resolve(
                    grammar, reductions, state, terminal, shift, rids, resolutions
                )
            if shift >= 0 or rids:
                row[terminal] = (shift, tuple(rids))
        rows.append(row)
    return rows, resolutions


def _reductions_by_terminal(by_rid: dict[int, int]) -> dict[int, list[int]]:
    """Invert reduction id -> lookahead bitset into terminal -> reduction ids (ascending)."""
    reds: dict[int, list[int]] = {}
    for rid, bits in sorted(by_rid.items()):
        while bits:
            low = bits & -bits
            terminal = low.bit_length() - 1
            found = reds.get(terminal)
            if found is None:
                reds[terminal] = [rid]
            else:
                found.append(rid)
            bits ^= low
    return reds


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
    if all(length for _, length, _ in reductions):
        return
    candidates = [
        (state, terminal, rid)
        for state, row in enumerate(actions)
        for terminal, (_, rids) in row.items()
        for rid in rids
        if not reductions[rid][1]
    ]
    # The least fixpoint: a candidate becomes useful when its target can go on; looping over
    # the candidates alone (rather than every cell) reaches the same set.
    useful: set[tuple[int, int, int]] = set()  # (state, terminal, rid)
    changed = True
    while changed:
        changed = False
        for cell in candidates:
            if cell in useful:
                continue
            state, terminal, rid = cell
            target = automaton.goto[state][reductions[rid][0]]
            shift, next_rids = actions[target].get(terminal, (-1, ()))
            accepts = target == accept_state and terminal == END
            if (
                shift >= 0
                or accepts
                or any(reductions[r][1] == 0 and (target, terminal, r) in useful for r in next_rids)
            ):
                useful.add(cell)
                changed = True
    idle = {
        (state, terminal)
        for state, terminal, rid in candidates
        if (state, terminal, rid) not in useful
    }
    for state, terminal in idle:
        row = actions[state]
        shift, rids = row[terminal]
        kept = tuple(r for r in rids if reductions[r][1] or (state, terminal, r) in useful)
        if shift >= 0 or kept:
            row[terminal] = (shift, kept)
        else:
            del row[terminal]
