"""The deterministic fast path: a plain LR loop on a list stack (Elkhound's hybrid LR/GLR,
McPeak & Necula, CC 2004).

While the parse has one stack head and each step has one action, there is no need for
graph-structured stack nodes, worklists or the per-level node table: the stack is two
parallel lists (LR state, what labels the edge below) sitting on a `base` GSS node.

Nor does it need forest nodes yet. A shifted token is labelled by its index, a reduction by
the tuple `(rule, *children)` (a `TupleTree`, see forest/sppf.py): one tuple per step, as a
plain LR parser's value stack holds. `realize` turns them into exactly the nodes RNGLR would
have made, when the general algorithm takes over the stack or when someone asks the forest
for its nodes; a tree can be read from them directly.

A level runs deterministically only as a whole. When a level turns out to need the general
algorithm (several actions, a path that forks below the base, a state reached twice in one
level, a multi-kind lexeme, an error), its reductions are undone from a log and the stack is
turned into GSS nodes in the configuration the level started with; RNGLR then redoes the
level exactly as it would have without the fast path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from glrkit.engine._gss import GssNode
from glrkit.forest.sppf import Node, RuleShape, TerminalNode, TupleTree, realize
from glrkit.grammar.model import END
from glrkit.lex.lexer import Lexeme, Scanner
from glrkit.tables.table import ParseTable

Label = int | Node | TupleTree  # what labels a list-stack entry: see the module docstring
Popped = tuple[list[int], list[Label]]


@dataclass(frozen=True)
class LinearTables:
    """The parse table recoded for the loop: one int per (state, terminal) when there is
    exactly one action (a shift target >= 0, or ~reduction), nothing otherwise."""

    single: tuple[dict[int, int], ...]
    single_after_epsilon: tuple[dict[int, int], ...]  # ignoring reductions of length > 0
    reductions: tuple[tuple[int, int, int, tuple[Node, ...]], ...]  # lhs, length, rule, tail
    goto: tuple[dict[int, int], ...]
    accept_state: int
    actions: tuple[dict[int, tuple[int, tuple[int, ...]]], ...]  # all of them, to tell
    # "no action" (maybe accept) from "several actions" (RNGLR decides)
    accessing: tuple[int, ...]  # the symbol each state is reached by
    rules: tuple[RuleShape, ...]  # (lhs, rhs) per rule, to realize derivations

    @classmethod
    def of(
        cls,
        table: ParseTable,
        tail: Callable[[int, int], tuple[Node, ...]],
        rules: tuple[RuleShape, ...],
    ) -> LinearTables:
        lengths = [length for _, length, _ in table.reductions]

        def code(shift: int, rids: tuple[int, ...]) -> int | None:
            if shift >= 0 and not rids:
                return shift
            if shift < 0 and len(rids) == 1:
                return ~rids[0]
            return None

        single: list[dict[int, int]] = []
        after_epsilon: list[dict[int, int]] = []
        for row in table.actions:
            plain: dict[int, int] = {}
            eps: dict[int, int] = {}
            for kind, (shift, rids) in row.items():
                c = code(shift, rids)
                if c is not None:
                    plain[kind] = c
                c = code(shift, tuple(r for r in rids if lengths[r] == 0))
                if c is not None:
                    eps[kind] = c
            single.append(plain)
            after_epsilon.append(eps)
        reductions = tuple(
            (lhs, length, rule, tail(rule, length) if length else ())
            for lhs, length, rule in table.reductions
        )
        return cls(
            tuple(single),
            tuple(after_epsilon),
            reductions,
            table.goto,
            table.accept_state,
            table.actions,
            tuple(table.accessing),
            rules,
        )


@dataclass
class LinearStack:
    base: GssNode
    states: list[int] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)

    def materialize(
        self, tables: LinearTables
    ) -> tuple[list[GssNode], list[tuple[GssNode, GssNode, Node]]]:
        """GSS nodes for the entries, their labels realized as forest nodes; returns the top
        as a new node with its new edge."""
        below = self.base
        if not self.states:
            return [below], []
        node = below
        level = below.level
        edge: tuple[GssNode, GssNode, Node] | None = None
        for state, entry in zip(self.states, self.labels, strict=True):
            label: Node
            if isinstance(entry, int):
                label = TerminalNode(tables.accessing[state], entry, entry + 1)
            else:
                label = realize(entry, level, tables.rules)
            if label.end >= 0:
                level = label.end
            below, node = node, GssNode(state, level)
            node.edges[below] = label
            edge = (node, below, label)
        assert edge is not None
        return [node], [edge]


@dataclass
class Handover:
    """The fast path stopped at the start of `level`: GLR takes over from these nodes."""

    position: int
    nodes: list[GssNode]
    edges: list[tuple[GssNode, GssNode, Node]]


@dataclass
class Accepted:
    root: Node | TupleTree


def run_linear(
    tables: LinearTables,
    epsilon: dict[int, Node],
    next_lexeme: Callable[[int, frozenset[int]], Lexeme | None],
    acceptable: Callable[[int], frozenset[int]],
    stack: LinearStack,
    level: int,
    position: int,
    spans: list[tuple[int, int]],
    scan: tuple[Scanner, str] | None = None,
) -> tuple[Handover | Accepted, int]:
    """Parse deterministically from `level`; returns how it stopped and the level reached.

    With `scan` (the grammar's one-regex scanner and the text), a token costs one regex
    call; `next_lexeme` (contextual lexing) is asked only where the scanner's terminal has
    no action, at the end, and for errors.
    """
    single, after_epsilon = tables.single, tables.single_after_epsilon
    goto, reductions, accept_state = tables.goto, tables.reductions, tables.accept_state
    all_actions = tables.actions
    states, labels = stack.states, stack.labels
    match, scan_kinds, text = (scan[0].match, scan[0].kinds, scan[1]) if scan else (None, (), "")
    log: list[Popped | None] = []  # this level's reductions, to undo them
    while True:
        state = states[-1] if states else stack.base.state
        kind = -1
        if match is not None:
            found = match(text, position)
            group = found.lastindex if found is not None else None
            if group and scan_kinds[group] in all_actions[state]:
                assert found is not None
                kind, start, end = scan_kinds[group], found.start(group), found.end()
        if kind < 0:
            lexeme = next_lexeme(position, acceptable(state))
            if lexeme is None or len(lexeme.kinds) != 1:
                break
            kind, start, end = lexeme.kinds[0], lexeme.start, lexeme.end
        log.clear()
        seen = {state}
        rows = single
        while True:
            action = rows[state].get(kind)
            if action is None:  # no action (accept?), or several (RNGLR decides)
                if (
                    kind == END
                    and state == accept_state
                    and _on_bottom(stack)
                    and END not in all_actions[state]
                ):
                    root = labels[-1]
                    assert not isinstance(root, int)
                    return Accepted(root), level
                break
            if action >= 0:  # a shift ends the level
                break
            lhs, length, rule, tail = reductions[~action]
            node: Label
            if length:
                if length > len(states) and not _absorb(stack, length):
                    break
                children = labels[-length:]
                log.append((states[-length:], children))
                del states[-length:], labels[-length:]
                node = (rule, *children, *tail)
            else:
                node = epsilon[lhs]
            target = goto[states[-1] if states else stack.base.state][lhs]
            if target in seen:  # two stack nodes in one state and level: RNGLR must join them
                break
            seen.add(target)
            states.append(target)
            labels.append(node)
            log.append(None)
            rows = single if length else after_epsilon  # RNGLR never reduces along ε-edges
            state = target
        if action is None or action < 0:
            _undo(stack, log)
            break
        spans.append((start, end))
        states.append(action)
        labels.append(level)  # the token's index
        level += 1
        position = end
    nodes, edges = stack.materialize(tables)
    return Handover(position, nodes, edges), level


def _on_bottom(stack: LinearStack) -> bool:
    """Is the stack exactly [accept state] on the bottom node?"""
    base = stack.base
    return len(stack.states) == 1 and base.state == 0 and base.level == 0


def _absorb(stack: LinearStack, length: int) -> bool:
    """Turn single-edged GSS nodes under the base into list entries, until `length` fit."""
    while len(stack.states) < length:
        base = stack.base
        if len(base.edges) != 1:
            return False
        ((below, label),) = base.edges.items()
        stack.states.insert(0, base.state)
        stack.labels.insert(0, label)
        stack.base = below
    return True


def _undo(stack: LinearStack, log: list[Popped | None]) -> None:
    for entry in reversed(log):
        if entry is None:
            stack.states.pop()
            stack.labels.pop()
        else:
            states, labels = entry
            stack.states.extend(states)
            stack.labels.extend(labels)
