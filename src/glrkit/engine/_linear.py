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
_NOTHING: Popped = ([], [])  # what an ε-reduction pops


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
    offsets: list[int],
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
    log: list[Popped] = []  # this level's reductions (what each popped), to undo them
    while True:
        state = states[-1] if states else stack.base.state
        action: int | None = None
        found = match(text, position) if match is not None else None
        if found is not None:
            group = found.lastindex
            assert group is not None  # the pattern matches one token alternative or nothing
            kind = scan_kinds[group]
            action = single[state].get(kind)
            if action is not None or kind in all_actions[state]:  # acceptable here
                start, end = found.start(group), found.end()
            else:
                found = None  # a shorter acceptable token may be there: lex contextually
        if found is None:
            lexeme = next_lexeme(position, acceptable(state))
            if lexeme is None or len(lexeme.kinds) != 1:
                break
            kind, start, end = lexeme.kinds[0], lexeme.start, lexeme.end
            action = single[state].get(kind)
        log.clear()
        if action is not None and action < 0:  # reductions first (else: a shift, or GLR)
            seen = {state}
        while action is not None and action < 0:  # reduce, until a shift ends the level
            lhs, length, rule, tail = reductions[~action]
            if length > len(states) and not _absorb(stack, length):
                break
            below = states[-length - 1] if len(states) > length else stack.base.state
            target = goto[below][lhs]
            if target in seen:  # two stack nodes in one state and level: RNGLR must join them
                break
            seen.add(target)
            node: Label
            if length:
                children = labels[-length:]
                log.append((states[-length:], children))
                del states[-length:], labels[-length:]
                node = (rule, *children, *tail)
            else:
                log.append(_NOTHING)
                node = epsilon[lhs]
            states.append(target)
            labels.append(node)
            state = target
            # RNGLR never reduces along ε-edges: after an ε-reduction, only ε-reductions
            action = (single if length else after_epsilon)[state].get(kind)
        if action is None or action < 0:  # none (accept?), several (RNGLR decides), or stuck
            if (
                action is None
                and kind == END
                and state == accept_state
                and _on_bottom(stack)
                and END not in all_actions[state]
            ):
                root = labels[-1]
                assert not isinstance(root, int)
                return Accepted(root), level
            _undo(stack, log)
            break
        offsets.append(start)
        offsets.append(end)
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


def _undo(stack: LinearStack, log: list[Popped]) -> None:
    """Take back the level's reductions: each pushed one entry where it popped `log`'s."""
    for states, labels in reversed(log):
        stack.states.pop()
        stack.labels.pop()
        stack.states.extend(states)
        stack.labels.extend(labels)
