"""A frozen copy of table construction as it was before the speed-up (lr0.py, lalr.py and
build.py at the time), kept only so tests can check the fast construction builds byte-identical
tables: same state numbering, reduction ids, actions, gotos and resolutions.

Do not "fix" or speed up this module: its slowness is the point of comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from glrkit.grammar.analysis import Analysis, analyse
from glrkit.grammar.model import END, Grammar
from glrkit.tables.table import Action, ParseTable, Resolution

# ---- lr0.py ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Items:
    """Int coding of LR(0) items for one grammar."""

    rule: tuple[int, ...]  # item -> rule index
    dot: tuple[int, ...]  # item -> dot position
    next_symbol: tuple[int, ...]  # item -> symbol after the dot, or -1 when complete
    base: tuple[int, ...]  # rule -> item id of `rule` with dot 0

    @classmethod
    def of(cls, grammar: Grammar) -> Items:
        rule: list[int] = []
        dot: list[int] = []
        nxt: list[int] = []
        base: list[int] = []
        for r in grammar.rules:
            base.append(len(rule))
            for d in range(len(r.rhs) + 1):
                rule.append(r.index)
                dot.append(d)
                nxt.append(r.rhs[d] if d < len(r.rhs) else -1)
        return cls(tuple(rule), tuple(dot), tuple(nxt), tuple(base))


@dataclass(frozen=True)
class Automaton:
    items: Items
    kernels: tuple[tuple[int, ...], ...]  # state -> sorted kernel items
    closures: tuple[tuple[int, ...], ...]  # state -> all items
    goto: tuple[dict[int, int], ...]  # state -> symbol -> state
    accessing: tuple[int, ...]  # state -> the symbol that enters it (-1 for state 0)


def build_lr0(grammar: Grammar) -> Automaton:
    items = Items.of(grammar)
    predict = _predictions(grammar, items)
    nt = grammar.n_terminals
    kernels: list[tuple[int, ...]] = [(items.base[0],)]
    index: dict[tuple[int, ...], int] = {kernels[0]: 0}
    closures: list[tuple[int, ...]] = []
    gotos: list[dict[int, int]] = []
    accessing: list[int] = [-1]
    next_symbol = items.next_symbol
    state = 0
    while state < len(kernels):
        kernel = kernels[state]
        closure = list(kernel)
        seen_nt: set[int] = set()
        for item in kernel:
            sym = next_symbol[item]
            if sym >= nt and sym not in seen_nt:
                seen_nt.add(sym)
        extra: dict[int, None] = {}
        for sym in sorted(seen_nt):
            for item in predict[sym - nt]:
                extra[item] = None
        kernel_set = set(kernel)
        closure.extend(i for i in extra if i not in kernel_set)
        closures.append(tuple(closure))
        moves: dict[int, list[int]] = {}
        for item in closure:
            sym = next_symbol[item]
            if sym >= 0:
                moves.setdefault(sym, []).append(item + 1)
        goto: dict[int, int] = {}
        for sym in sorted(moves):
            target = tuple(sorted(moves[sym]))
            found = index.get(target)
            if found is None:
                found = len(kernels)
                index[target] = found
                kernels.append(target)
                accessing.append(sym)
            goto[sym] = found
        gotos.append(goto)
        state += 1
    return Automaton(items, tuple(kernels), tuple(closures), tuple(gotos), tuple(accessing))


def _predictions(grammar: Grammar, items: Items) -> list[tuple[int, ...]]:
    """For each nonterminal A, the items `B -> . γ` in the closure of `X -> α . A β`."""
    nt = grammar.n_terminals
    first_nt: list[set[int]] = [set() for _ in grammar.nonterminals]
    for r in grammar.rules:
        if r.rhs and r.rhs[0] >= nt:
            first_nt[r.lhs - nt].add(r.rhs[0])
    out: list[tuple[int, ...]] = []
    for a in range(nt, grammar.n_symbols):
        seen = {a}
        order = [a]
        k = 0
        while k < len(order):
            for b in sorted(first_nt[order[k] - nt]):
                if b not in seen:
                    seen.add(b)
                    order.append(b)
            k += 1
        out.append(tuple(items.base[r] for b in order for r in grammar.rules_for(b)))
    return out


# ---- lalr.py --------------------------------------------------------------------------------


def walk(automaton: Automaton, state: int, symbols: Sequence[int]) -> int:
    for sym in symbols:
        state = automaton.goto[state][sym]
    return state


def follow_sets(
    grammar: Grammar, automaton: Automaton, facts: Analysis
) -> dict[tuple[int, int], int]:
    nt = grammar.n_terminals
    gotos = automaton.goto
    transitions = [(p, sym) for p, goto in enumerate(gotos) for sym in goto if sym >= nt]
    index = {t: k for k, t in enumerate(transitions)}
    nullable = facts.nullable

    direct = [0] * len(transitions)
    reads: list[list[int]] = [[] for _ in transitions]
    for k, (p, a) in enumerate(transitions):
        r = gotos[p][a]
        bits = 0
        for sym, _ in gotos[r].items():
            if sym < nt:
                bits |= 1 << sym
            elif sym in nullable:
                reads[k].append(index[(r, sym)])
        if p == 0 and a == grammar.start:
            bits |= 1 << END
        direct[k] = bits
    read = _digraph(len(transitions), reads.__getitem__, direct)

    includes: list[list[int]] = [[] for _ in transitions]
    for k, (p_outer, b) in enumerate(transitions):
        for r in grammar.rules_for(b):
            rhs = grammar.rules[r].rhs
            state = p_outer
            for pos, sym in enumerate(rhs):
                if sym >= nt and all(s in nullable for s in rhs[pos + 1 :]):
                    includes[index[(state, sym)]].append(k)
                state = gotos[state][sym]
    follow = _digraph(len(transitions), includes.__getitem__, read)
    return {t: follow[k] for k, t in enumerate(transitions)}


def _digraph(n: int, edges: Callable[[int], list[int]], initial: list[int]) -> list[int]:
    """F(x) = initial(x) ∪ ⋃{F(y) | x R y}, by DeRemer & Pennello's SCC-based traversal.

    Iterative (an explicit stack of frames) so large grammars do not hit the recursion limit.
    """
    done = n + 2  # "infinity" in the paper: x's component is finished
    result = list(initial)
    mark = [0] * n
    stack: list[int] = []
    for root in range(n):
        if mark[root]:
            continue
        stack.append(root)
        mark[root] = len(stack)
        frames: list[list[int]] = [[root, len(stack), 0]]
        while frames:
            frame = frames[-1]
            x, d, i = frame
            succ = edges(x)
            if i < len(succ):
                frame[2] = i + 1
                y = succ[i]
                if mark[y] == 0:
                    stack.append(y)
                    mark[y] = len(stack)
                    frames.append([y, len(stack), 0])
                else:
                    mark[x] = min(mark[x], mark[y])
                    result[x] |= result[y]
                continue
            frames.pop()
            if mark[x] == d:
                while True:
                    top = stack.pop()
                    mark[top] = done
                    result[top] = result[x]
                    if top == x:
                        break
            if frames:
                parent = frames[-1][0]
                mark[parent] = min(mark[parent], mark[x])
                result[parent] |= result[x]
    return result


# ---- build.py -------------------------------------------------------------------------------


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
