"""Error recovery for the GLR engine: choose the cheapest repair that lets the parse go on.

At a token no stack head can use, candidate repairs are: delete the next 1..3 tokens, insert
one expected terminal, or replace the token by one. Each is tried on a light simulation of the
stacks (LR states only, no forest) over a window of the following tokens; the repair that gets
furthest through the window wins, then the cheapest, then deletion before insertion before
replacement (a stray token is the most common slip). This is the "minimum-distance repair
validated by lookahead" family (Burke & Fisher, TOPLAS 9(2), 1987), applied across every
stack head of the graph-structured stack at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from glrkit.engine._gss import GssNode
from glrkit.grammar.model import END
from glrkit.tables.table import ParseTable

MAX_CONFIGS = 400  # stacks tracked per step of a simulation; deterministic truncation
MAX_DELETE = 3


Config = tuple[tuple[int, ...], GssNode]


@dataclass(frozen=True)
class Repair:
    kind: str  # "delete" | "insert" | "replace"
    deleted: int  # how many tokens of the window are dropped
    inserted: int  # terminal kind inserted, or -1
    reach: int  # how far into the window the parse then gets


def reach(
    table: ParseTable, heads: Sequence[GssNode], lookaheads: Sequence[tuple[int, ...]]
) -> int:
    """How many of `lookaheads` the stacks above `heads` can consume (END counts on accept)."""
    return reach_from(table, [((), h) for h in heads], lookaheads)


def reach_from(
    table: ParseTable, configs: list[Config], lookaheads: Sequence[tuple[int, ...]]
) -> int:
    for consumed, kinds in enumerate(lookaheads):
        shifted: dict[Config, None] = {}
        for kind in kinds:
            for top, base in _closure(table, configs, kind):
                state = top[-1] if top else base.state
                if kind == END:
                    if state == table.accept_state and _below_is_bottom(top, base):
                        return consumed + 1
                    continue
                action = table.actions[state].get(kind)
                if action is not None and action[0] >= 0:
                    shifted[((*top, action[0]), base)] = None
        if not shifted:
            return consumed
        configs = list(shifted)[:MAX_CONFIGS]
    return len(lookaheads)


def _below_is_bottom(top: tuple[int, ...], base: GssNode) -> bool:
    if len(top) >= 2:
        return top[-2] == 0
    return len(top) == 1 and base.state == 0 and base.level == 0


def _closure(table: ParseTable, configs: list[Config], kind: int) -> list[Config]:
    """Every stack reachable by reductions on lookahead `kind`."""
    seen: dict[Config, None] = dict.fromkeys(configs)
    work = list(configs)
    while work and len(seen) < MAX_CONFIGS:
        top, base = work.pop()
        state = top[-1] if top else base.state
        action = table.actions[state].get(kind)
        if action is None:
            continue
        for rid in action[1]:
            lhs, length, _ = table.reductions[rid]
            for new_top, new_base in _pop(top, base, length):
                below = new_top[-1] if new_top else new_base.state
                target = table.goto[below].get(lhs)
                if target is None:
                    continue
                config = ((*new_top, target), new_base)
                if config not in seen:
                    seen[config] = None
                    work.append(config)
    return list(seen)


def _pop(top: tuple[int, ...], base: GssNode, length: int) -> list[Config]:
    if length <= len(top):
        return [(top[: len(top) - length], base)]
    nodes = [base]
    for _ in range(length - len(top)):
        nodes = [below for node in nodes for below in node.edges][:MAX_CONFIGS]
    return [((), node) for node in dict.fromkeys(nodes)]


def choose_repair(
    table: ParseTable,
    heads: Sequence[GssNode],
    window: Sequence[tuple[int, ...]],
    insertable: Sequence[int],
) -> Repair:
    """The best repair at window[0] (the token no head could use)."""
    best = Repair("delete", 1, -1, -1)
    candidates: list[Repair] = []
    for deleted in range(1, min(MAX_DELETE, len(window) - 1) + 1):
        if END in window[deleted - 1]:
            break
        got = deleted + reach(table, heads, window[deleted:])
        candidates.append(Repair("delete", deleted, -1, got))
    for kind in insertable:
        got = reach(table, heads, [(kind,), *window])
        candidates.append(Repair("insert", 0, kind, got - 1))
    if END not in window[0]:
        for kind in insertable:
            got = reach(table, heads, [(kind,), *window[1:]])
            candidates.append(Repair("replace", 1, kind, got))
    for candidate in candidates:
        if _rank(candidate) > _rank(best):
            best = candidate
    if best.reach < 1:
        # No single edit lets the next token through (typically: several closers missing at
        # the end). Insert the first terminal of a shortest completion instead.
        first = shortest_insertion(table, heads, window[0])
        if first is not None:
            return Repair("insert", 0, first, 1)
    return best


def shortest_insertion(
    table: ParseTable, heads: Sequence[GssNode], target: tuple[int, ...], longest: int = 6
) -> int | None:
    """The first terminal of a shortest sequence of insertions after which `target` (the next
    real lexeme, or END) can be consumed; breadth-first over the simulated stacks."""
    frontier: list[tuple[int, list[Config]]] = [(-1, [((), h) for h in heads])]
    seen: set[frozenset[Config]] = set()
    for _ in range(longest):
        following: list[tuple[int, list[Config]]] = []
        for first, configs in frontier:
            for kind in _shiftable(table, configs):
                shifted = _shift(table, configs, kind)
                key = frozenset(shifted)
                if not shifted or key in seen:
                    continue
                seen.add(key)
                head_kind = kind if first < 0 else first
                if _consumes(table, shifted, target):
                    return head_kind
                following.append((head_kind, shifted))
                if len(seen) > MAX_CONFIGS:
                    return None
        frontier = following
    return None


def _shiftable(table: ParseTable, configs: list[Config]) -> list[int]:
    kinds: set[int] = set()
    for top, base in configs:
        kinds.update(table.actions[top[-1] if top else base.state])
    kinds.discard(END)
    return sorted(kinds)


def _shift(table: ParseTable, configs: list[Config], kind: int) -> list[Config]:
    out: dict[Config, None] = {}
    for top, base in _closure(table, configs, kind):
        state = top[-1] if top else base.state
        action = table.actions[state].get(kind)
        if action is not None and action[0] >= 0:
            out[((*top, action[0]), base)] = None
    return list(out)[:MAX_CONFIGS]


def _consumes(table: ParseTable, configs: list[Config], target: tuple[int, ...]) -> bool:
    return reach_from(table, configs, [target]) == 1


def _rank(repair: Repair) -> tuple[int, float, int]:
    """Further first; then cheaper: deleting k tokens costs k, an insertion 1, a replacement
    1.5 (it keeps the place of the user's token, so it beats deleting two); then on a tie,
    deletion before insertion before replacement."""
    cost = {"delete": float(repair.deleted), "insert": 1.0, "replace": 1.5}[repair.kind]
    order = {"delete": 0, "insert": 1, "replace": 2}[repair.kind]
    return repair.reach, -cost, -order
