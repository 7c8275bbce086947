"""The RNGLR parser (Scott & Johnstone, "Right Nulled GLR Parsers", TOPLAS 28(4), 2006).

A graph-structured stack (Tomita 1986) over a right-nulled LR table. Reductions are done per
edge: when an edge is added, each reduction of length m walks the m-1 edges below it, so no
path is reduced twice and epsilon and hidden-left-recursive grammars come out right. The forest
is built on the way: one symbol node per (symbol, start, end) per level, packed nodes for each
distinct family of children, and shared ε-nodes for nullable tails.

The lexer is contextual, so the next token is read only once the shifts into a level are done:
its candidate kinds are the terminals the new stack heads accept. That is why scheduling (the
paper's "add to R and Q") is a separate step after each shift.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from glrkit.engine._gss import GssNode
from glrkit.engine._linear import Accepted, LinearStack, LinearTables, run_linear
from glrkit.engine._reduce import Level, ReductionTables
from glrkit.engine.recovery import choose_repair
from glrkit.forest.sppf import Node, RecoveredLeaf, RuleShape, TerminalNode, TupleTree
from glrkit.forest.tree import mypyc_attr
from glrkit.grammar.model import END
from glrkit.lex.lexer import Lexeme, Scanner
from glrkit.tables.table import ParseTable

# Reads the next lexeme at a source position, given the acceptable terminal kinds.
NextLexeme = Callable[[int, frozenset[int]], Lexeme | None]


# Compiled by mypyc (GLRKIT_COMPILE=1), an exception with dataclass fields must stay a Python class.
@mypyc_attr(native_class=False)
@dataclass
class Stuck(Exception):
    """The input cannot continue here. `lexeme` is None when no acceptable terminal matched."""

    position: int  # where the previous token ended (before any ignored text)
    lexeme: Lexeme | None
    expected: frozenset[int]


@dataclass(frozen=True)
class Recovered:
    """One error the parser repaired: where, what it found, what it expected, what it did."""

    position: int
    lexeme: Lexeme | None
    expected: frozenset[int]
    repair: str  # "delete" | "insert" | "replace"
    inserted: int  # the terminal inserted, or -1
    deleted: tuple[tuple[int, int], ...]  # spans of deleted tokens


@dataclass
class Parsed:
    root: Node | TupleTree  # a TupleTree when the fast path read the input to the end
    offsets: list[int]  # flat, per token its start and end in the source: token i is
    # offsets[2 * i]..offsets[2 * i + 1] (ints, not a tuple per token: nothing for the GC)
    errors: list[Recovered]
    trailing: tuple[tuple[int, int], ...] = ()  # tokens deleted at the very end
    ambiguous: list[Node] = field(default_factory=list)  # nodes with several families


class RNGLR(ReductionTables):
    """One parser per table; `parse` is re-entrant (all per-parse state is local)."""

    def __init__(
        self,
        table: ParseTable,
        epsilon: dict[int, Node],
        rules: Sequence[RuleShape],
        fast: bool = True,
    ):
        super().__init__(table, epsilon, rules)
        self.fast = fast
        self._acceptable: dict[frozenset[int], frozenset[int]] = {}
        self._acceptable_in: dict[int, frozenset[int]] = {}
        self.linear_tables = LinearTables.of(table, self.tail, self.rules)

    def acceptable(self, states: frozenset[int]) -> frozenset[int]:
        """Terminals with any action in these states: what the contextual lexer may read."""
        found = self._acceptable.get(states)
        if found is None:
            actions = self.table.actions
            found = frozenset(t for s in states for t in actions[s])
            self._acceptable[states] = found
        return found

    def acceptable_in(self, state: int) -> frozenset[int]:
        """`acceptable` for one state, cached by state (the fast path asks once a token)."""
        found = self._acceptable_in.get(state)
        if found is None:
            found = self._acceptable_in[state] = self.acceptable(frozenset((state,)))
        return found

    def parse(
        self,
        next_lexeme: NextLexeme,
        recover: bool = False,
        scan: tuple[Scanner, str] | None = None,
    ) -> Parsed:
        """Parse the lexemes `next_lexeme` gives; `scan` (the grammar's one-regex scanner
        and the text) lets the deterministic fast path read tokens itself."""
        # A parse allocates millions of small objects and frees none until it ends; the cyclic
        # garbage collector would rescan them again and again (quadratic on big forests).
        enabled = gc.isenabled()
        gc.disable()
        try:
            return _Run(self, next_lexeme, recover, scan).run()
        finally:
            if enabled:
                gc.enable()


class _Run(Level):
    """One parse: reads tokens, drives the levels (see `Level`), shifts, recovers."""

    def __init__(
        self,
        parser: RNGLR,
        next_lexeme: NextLexeme,
        recover: bool = False,
        scan: tuple[Scanner, str] | None = None,
    ) -> None:
        super().__init__(parser)
        self.parser = parser
        self.scan = scan
        self.recover = recover
        self.errors: list[Recovered] = []
        self.skipped: list[tuple[int, int]] = []  # deleted tokens waiting for the next leaf
        self.inserting = 0  # insertions in a row without consuming input
        self.next_lexeme = next_lexeme

    def run(self) -> Parsed:
        bottom = GssNode(0, 0)
        self.frontier = {0: bottom}
        offsets: list[int] = []
        new_nodes: list[GssNode] = [bottom]
        new_edges: list[tuple[GssNode, GssNode, Node]] = []
        position = 0
        level_of_created = -1
        linear: LinearStack | None = LinearStack(bottom) if self.parser.fast else None
        while True:
            if linear is not None:
                outcome, self.level = run_linear(
                    self.parser.linear_tables,
                    self.parser.epsilon,
                    self.next_lexeme,
                    self.parser.acceptable_in,
                    linear,
                    self.level,
                    position,
                    offsets,
                    self.scan,
                )
                if isinstance(outcome, Accepted):
                    return self.finish(outcome.root, offsets)
                position, new_nodes, new_edges = outcome.position, outcome.nodes, outcome.edges
                self.frontier = {new_nodes[0].state: new_nodes[0]}
                linear = None
            if self.level != level_of_created:
                self.created = {}
                self.packed = {}
                self.partials = {}
                self.starts = {}
                self.reduced = set()
                level_of_created = self.level
            lexeme = self.next_lexeme(position, self.parser.acceptable(frozenset(self.frontier)))
            if lexeme is not None:
                self.kinds = lexeme.kinds
                self.process(new_nodes, new_edges)
                if lexeme.kinds == (END,):
                    accept = self.frontier.get(self.table.accept_state)
                    root = accept.edges.get(bottom) if accept is not None else None
                    if root is not None:
                        return self.finish(root, offsets)
                elif self.pending_shifts:
                    offsets += (lexeme.start, lexeme.end)
                    new_nodes, new_edges = self.shift()
                    position = lexeme.end
                    self.inserting = 0
                    if self.parser.fast and len(new_edges) == 1 and not self.skipped:
                        top, below, label = new_edges[0]
                        if not isinstance(label, RecoveredLeaf):
                            linear = LinearStack(below, [top.state], [label])
                    continue
            at = lexeme.start if lexeme is not None and lexeme.kinds != (END,) else position
            stuck = Stuck(at, lexeme, self.expected(new_nodes, new_edges))
            if not self.recover or self.inserting >= 20:
                raise self.first_error(stuck)
            position, new_nodes, new_edges = self.repair(stuck, position, offsets)

    def finish(self, root: Node | TupleTree, offsets: list[int]) -> Parsed:
        return Parsed(root, offsets, self.errors, tuple(self.skipped), self.ambiguous)

    def process(
        self, new_nodes: list[GssNode], new_edges: list[tuple[GssNode, GssNode, Node]]
    ) -> None:
        """Schedule this level's new stack nodes and edges for the lookahead, and reduce."""
        if self.parser.fast and len(new_nodes) == 1 and len(self.kinds) == 1:
            if not new_edges:
                self.fast_level(new_nodes[0], None)
            elif len(new_edges) == 1:
                self.fast_level(new_nodes[0], new_edges[0][1:])
            else:
                self.schedule(new_nodes, new_edges)
        else:
            self.schedule(new_nodes, new_edges)
        self.reduce_all()

    # -- error recovery ---------------------------------------------------------------------
    def first_error(self, stuck: Stuck) -> Stuck:
        """Without recovery, or when it gives up: the first error is the one to report."""
        if self.errors:
            first = self.errors[0]
            return Stuck(first.position, first.lexeme, first.expected)
        return stuck

    def repair(
        self, stuck: Stuck, position: int, offsets: list[int]
    ) -> tuple[int, list[GssNode], list[tuple[GssNode, GssNode, Node]]]:
        """Apply the cheapest repair (see engine.recovery) and say where parsing resumes."""
        every = frozenset(range(self.table.n_terminals))
        window: list[Lexeme] = []
        at = position
        while len(window) < 4:
            lexeme = self.next_lexeme(at, every)
            if lexeme is None:  # text no terminal matches: one character is one bad token
                lexeme = Lexeme((), at, at + 1)
            window.append(lexeme)
            if lexeme.kinds == (END,):
                break
            at = lexeme.end
        heads = list(self.frontier.values())
        insertable = sorted(k for k in stuck.expected if k != END)
        choice = choose_repair(self.table, heads, [w.kinds for w in window], insertable)
        if choice.reach < 0 or (choice.kind == "delete" and window[0].kinds == (END,)):
            raise self.first_error(stuck)
        deleted = tuple((w.start, w.end) for w in window[: choice.deleted])
        self.errors.append(
            Recovered(
                stuck.position,
                stuck.lexeme or window[0],
                stuck.expected,
                choice.kind,
                choice.inserted,
                deleted,
            )
        )
        self.skipped.extend(deleted)
        if choice.deleted:
            position = window[choice.deleted - 1].end
        if choice.inserted < 0:
            # Resume at the same level: every head meets the next lexeme afresh.
            self.inserting = 0
            nodes = list(self.frontier.values())
            edges = [(n, b, z) for n in nodes for b, z in n.edges.items() if b.level < n.level]
            return position, nodes, edges
        self.inserting += 1
        kind = choice.inserted
        for head in list(self.frontier.values()):
            action = self.table.actions[head.state].get(kind)
            if action is not None and action[0] >= 0:
                self.pending_shifts.append((head, action[0]))
        at_text = window[choice.deleted].start if choice.deleted < len(window) else position
        offsets += (at_text, at_text)
        new_nodes, new_edges = self.shift(missing=True)
        return position, new_nodes, new_edges

    def shift(
        self, missing: bool = False
    ) -> tuple[list[GssNode], list[tuple[GssNode, GssNode, Node]]]:
        level = self.level
        skipped = tuple(self.skipped)
        self.skipped.clear()
        leaves: dict[int, Node] = {}
        accessing = self.table.accessing
        nxt: dict[int, GssNode] = {}
        new_nodes: list[GssNode] = []
        new_edges: list[tuple[GssNode, GssNode, Node]] = []
        for below, state in self.pending_shifts:
            kind = accessing[state]
            leaf = leaves.get(kind)
            if leaf is None:
                leaf = leaves[kind] = (
                    RecoveredLeaf(kind, level, level + 1, missing, skipped)
                    if missing or skipped
                    else TerminalNode(kind, level, level + 1)
                )
            head = nxt.get(state)
            if head is None:
                head = nxt[state] = GssNode(state, level + 1)
                new_nodes.append(head)
            if below not in head.edges:
                head.edges[below] = leaf
                new_edges.append((head, below, leaf))
        self.pending_shifts = []
        self.frontier = nxt
        self.level = level + 1
        return new_nodes, new_edges

    # -- errors ------------------------------------------------------------------------------
    def expected(
        self, nodes: list[GssNode], edges: list[tuple[GssNode, GssNode, Node]]
    ) -> frozenset[int]:
        """Terminals that could really come next: redo this level's reductions for every
        lookahead, then collect the shifts (and the end, where the input could stop)."""
        self.kinds = tuple(sorted(self.parser.acceptable(frozenset(self.frontier))))
        self.pending_shifts = []
        self.schedule(nodes, edges)
        for node in list(self.frontier.values()):
            self.schedule_edge_all(node)
        self.reduce_all()
        self.pending_shifts = []
        out: set[int] = set()
        actions = self.table.actions
        for node in self.frontier.values():
            out.update(t for t, (shift, _) in actions[node.state].items() if shift >= 0)
        accept = self.frontier.get(self.table.accept_state)
        if accept is not None and any(b.state == 0 and b.level == 0 for b in accept.edges):
            out.add(END)
        return frozenset(out)

