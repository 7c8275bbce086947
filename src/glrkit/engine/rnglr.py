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
from glrkit.engine.recovery import choose_repair
from glrkit.forest.sppf import Family, Node, RecoveredLeaf, RuleShape, TerminalNode, TupleTree
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


class RNGLR:
    """One parser per table; `parse` is re-entrant (all per-parse state is local)."""

    def __init__(
        self,
        table: ParseTable,
        epsilon: dict[int, Node],
        rules: Sequence[RuleShape],
        fast: bool = True,
    ):
        self.table = table
        self.fast = fast
        self.epsilon = epsilon
        self.rules = tuple(rules)
        self.rhs = [rhs for _, rhs in self.rules]
        self._tails: dict[tuple[int, int], tuple[Node, ...]] = {}
        self._acceptable: dict[frozenset[int], frozenset[int]] = {}
        self._acceptable_in: dict[int, frozenset[int]] = {}
        self.linear_tables = LinearTables.of(table, self.tail, self.rules)
        # Per reduction id: (lhs, length, rule, the ε-nodes of its nulled tail).
        self.reduction_info: tuple[tuple[int, int, int, tuple[Node, ...]], ...] = tuple(
            (lhs, length, rule, self.tail(rule, length) if length else ())
            for lhs, length, rule in table.reductions
        )
        # Per lookahead kind, per state: the reductions of length > 0 (None until asked).
        self._edge_rows: dict[int, list[tuple[int, ...] | None]] = {}

    def edge_reductions(self, state: int, kind: int) -> tuple[int, ...]:
        """The reductions of length > 0 in `state` on `kind`: what a new edge schedules."""
        row = self.edge_row(kind)
        found = row[state]
        if found is None:
            found = row[state] = self._edge_reductions(state, kind)
        return found

    def edge_row(self, kind: int) -> list[tuple[int, ...] | None]:
        """`edge_reductions` for one kind as a list by state, for the worklist's inner loop."""
        row = self._edge_rows.get(kind)
        if row is None:
            row = self._edge_rows[kind] = [None] * len(self.table.actions)
        return row

    def _edge_reductions(self, state: int, kind: int) -> tuple[int, ...]:
        action = self.table.actions[state].get(kind)
        reductions = self.table.reductions
        return tuple(r for r in action[1] if reductions[r][1]) if action else ()

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

    def tail(self, rule: int, m: int) -> tuple[Node, ...]:
        """The shared ε-nodes for the nullable rest of `rule` after m symbols."""
        key = (rule, m)
        found = self._tails.get(key)
        if found is None:
            found = self._tails[key] = tuple(self.epsilon[s] for s in self.rhs[rule][m:])
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


class _Run:
    """The state of one parse: the current level's stack nodes and worklists."""

    def __init__(
        self,
        parser: RNGLR,
        next_lexeme: NextLexeme,
        recover: bool = False,
        scan: tuple[Scanner, str] | None = None,
    ) -> None:
        self.parser = parser
        self.scan = scan
        self.recover = recover
        self.errors: list[Recovered] = []
        self.skipped: list[tuple[int, int]] = []  # deleted tokens waiting for the next leaf
        self.inserting = 0  # insertions in a row without consuming input
        self.ambiguous: list[Node] = []  # nodes that got a second family
        self.table = parser.table
        self.next_lexeme = next_lexeme
        self.level = 0
        self.frontier: dict[int, GssNode] = {}
        # Work for reduce_all, one entry per edge or head (not per reduction, to save a tuple
        # and a push per reduction): (below, label, reductions of length > 0 along the new
        # edge down to `below` labelled `label`), or (new head, None, its ε-reductions).
        self.pending_reductions: list[tuple[GssNode, Node | None, tuple[int, ...]]] = []
        self.pending_shifts: list[tuple[GssNode, int]] = []
        self.created: dict[int, dict[int, Node]] = {}  # the paper's N: symbol -> start -> node
        # Per level, the families added (each its own key and value: see reduce_all). A node
        # gets all its families in the level it ends at, and a family fixes its node, so one
        # table per level replaces a set per node, and dies with the level.
        self.packed: dict[Family, Family] = {}
        # Per level: for reductions of length >= 3 (see reduce_long), partial nodes by
        # (reduction, symbols left) and start level, and binarised families waiting to be
        # expanded; per lhs, stack nodes known to have this level's goto edge on it (see
        # link). (Which stack nodes were joined or linked is marked on the nodes: GssNode.)
        self.partials: dict[tuple[int, int], dict[int, _Partial]] = {}
        self.starts: dict[int, set[GssNode]] = {}
        # (reduction of length 2, label, id of the interned labels below) whose families
        # are in: equal label sets give the same families.
        self.reduced: set[tuple[int, Node, int]] = set()
        self.interned: dict[tuple[tuple[Node, int], ...], tuple[tuple[Node, int], ...]] = {}
        self.unexpanded: list[tuple[Node, int, Node, _Partial, tuple[Node, ...]]] = []
        self.kinds: tuple[int, ...] = ()
        # While reduce_all runs with one lookahead kind: edge_reductions for it, by state
        # (None with several kinds); link and join schedule new edges from it directly.
        self.row: list[tuple[int, ...] | None] | None = None

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

    # -- scheduling: the paper's additions to R and Q ----------------------------------------
    def schedule(self, nodes: list[GssNode], edges: list[tuple[GssNode, GssNode, Node]]) -> None:
        for node in nodes:
            self.schedule_node(node)
        for top, below, label in edges:
            self.schedule_edge(top, below, label)

    def schedule_node(self, node: GssNode) -> None:
        """A new stack head: queue its shifts and its ε-reductions."""
        row = self.table.actions[node.state]
        reductions = self.table.reductions
        found: list[int] = []
        for kind in self.kinds:
            action = row.get(kind)
            if action is None:
                continue
            shift, rids = action
            if shift >= 0:
                self.pending_shifts.append((node, shift))
            for rid in rids:
                if reductions[rid][1] == 0 and rid not in found:
                    found.append(rid)
        if found:
            self.pending_reductions.append((node, None, tuple(found)))

    def schedule_edge(self, top: GssNode, below: GssNode, label: Node) -> None:
        """A new edge: queue the reductions of length > 0 whose path starts with it."""
        kinds = self.kinds
        row = self.row
        if row is not None:  # reduce_all is running, with one kind
            rids = row[top.state]
            if rids is None:
                rids = self.parser.edge_reductions(top.state, kinds[0])
        elif len(kinds) == 1:
            rids = self.parser.edge_row(kinds[0])[top.state]
            if rids is None:
                rids = self.parser.edge_reductions(top.state, kinds[0])
        else:
            found: list[int] = []
            for kind in kinds:
                for rid in self.parser.edge_reductions(top.state, kind):
                    if rid not in found:
                        found.append(rid)
            rids = tuple(found)
        if rids:
            self.pending_reductions.append((below, label, rids))

    # -- the deterministic fast path (Elkhound's hybrid, McPeak & Necula 2004) ---------------
    def fast_level(self, head: GssNode, edge: tuple[GssNode, Node] | None) -> None:
        """Run one level like a plain LR parser while RNGLR would have exactly one thing to do.

        `head` is the only new stack node and `edge` its only new edge (None for the bottom
        node or a node made by an ε-reduction, along whose edge RNGLR does no reductions).
        Each step does what `schedule` + `reduce` would do for that single item, without the
        worklists; as soon as there are several items, a shared path or a stack node to join,
        the items go to the worklists and the general algorithm takes over.
        """
        kind = self.kinds[0]
        table = self.table
        actions, reductions, goto = table.actions, table.reductions, table.goto
        frontier, created, level = self.frontier, self.created, self.level
        packed = self.packed
        epsilon = self.parser.epsilon
        while True:
            action = actions[head.state].get(kind)
            if action is None:
                return
            shift, rids = action
            if edge is None:
                rids = tuple(r for r in rids if reductions[r][1] == 0)
            if len(rids) + (shift >= 0) != 1:
                self._queue(head, edge, shift, rids)
                return
            if shift >= 0:
                self.pending_shifts.append((head, shift))
                return
            lhs, length, rule = reductions[rids[0]]
            if length == 0:
                start = head
                node = epsilon[lhs]
            else:
                assert edge is not None
                start, label = edge
                labels = [label]
                for _ in range(length - 1):
                    if len(start.edges) != 1:
                        self._queue(head, edge, shift, rids)
                        return
                    ((start, below_label),) = start.edges.items()
                    labels.append(below_label)
                if start.level in created.get(lhs, ()):
                    self._queue(head, edge, shift, rids)
                    return
            target = goto[start.state][lhs]
            if target in frontier:
                self._queue(head, edge, shift, rids)
                return
            if length:
                node = Node(lhs, start.level, level)
                labels.reverse()
                labels.extend(self.parser.tail(rule, length))
                family: Family = (rule, *labels)
                node.families.append(family)
                packed[family] = family
                by_start = created.get(lhs)
                if by_start is None:
                    by_start = created[lhs] = {}
                by_start[start.level] = node
            head = frontier[target] = GssNode(target, level)
            head.edges[start] = node
            start.goto_level[lhs] = level
            edge = (start, node) if length else None

    def _queue(
        self, head: GssNode, edge: tuple[GssNode, Node] | None, shift: int, rids: tuple[int, ...]
    ) -> None:
        """Hand one head's items to the general algorithm's worklists."""
        if shift >= 0:
            self.pending_shifts.append((head, shift))
        reductions = self.table.reductions
        nulled = tuple(r for r in rids if reductions[r][1] == 0)
        if nulled:
            self.pending_reductions.append((head, None, nulled))
        if edge is not None:
            along = tuple(r for r in rids if reductions[r][1])
            if along:
                self.pending_reductions.append((edge[0], edge[1], along))

    # -- reducing and shifting ---------------------------------------------------------------
    def reduce_all(self) -> None:
        """Run the worklist dry, then expand the level's partial nodes.

        Reductions of length 1 and 2 are most of the work on large ambiguous grammars (a
        treebank grammar makes one per preterminal and unary rule, on every stack node that
        shifted the token), so they are done inline here, with locals (length 2 is the
        last step of `reduce_long` with a flat suffix); the rest go to `reduce_long`.

        Most of these reductions find their stack edge already made (by another rule with
        the same left-hand side, or another split point of the same span) and their family
        already added, so each test is one dict lookup: the edge test reads the mark on the
        stack node (`GssNode.goto_level`), the family test is `packed.setdefault(family,
        family) is family` (one hash of the tuple, where `in` then `add` would take two).
        """
        pending = self.pending_reductions
        info = self.parser.reduction_info
        epsilon = self.parser.epsilon
        edge_reductions = self.parser.edge_reductions
        created, frontier, goto, level = self.created, self.frontier, self.table.goto, self.level
        ambiguous, reduced, interned = self.ambiguous, self.reduced, self.interned
        packed = self.packed
        kind = self.kinds[0] if len(self.kinds) == 1 else -1
        edge_row = self.parser.edge_row(kind)
        self.row = edge_row if kind >= 0 else None
        while pending:
            below, label, rids = pending.pop()
            if label is None:  # a new head's ε-reductions
                for rid in rids:
                    lhs = info[rid][0]
                    self.join(below, lhs, epsilon[lhs], 0)
                continue
            for rid in rids:
                lhs, length, rule, tail = info[rid]
                if length == 1:
                    marks = below.goto_level
                    if marks.get(lhs) != level:  # a new stack edge
                        marks[lhs] = level
                        by_start = created.get(lhs)
                        if by_start is None:
                            by_start = created[lhs] = {}
                        node = by_start.get(below.level)
                        if node is None:
                            node = by_start[below.level] = Node(lhs, below.level, level)
                        head = frontier.get(goto[below.state][lhs])
                        if head is None:
                            self.join(below, lhs, node, length)
                        elif below not in head.edges:
                            head.edges[below] = node
                            if kind >= 0:  # schedule_edge for one lookahead kind
                                next_rids = edge_row[head.state]
                                if next_rids is None:
                                    next_rids = edge_reductions(head.state, kind)
                                if next_rids:
                                    pending.append((below, node, next_rids))
                            else:
                                self.schedule_edge(head, below, node)
                    # A tuple display is much cheaper than a starred one; most tails are empty.
                    family: Family = (rule, label, *tail) if tail else (rule, label)
                    if packed.setdefault(family, family) is family:
                        node = created[lhs][below.level]
                        node.families.append(family)
                        if len(node.families) == 2:
                            ambiguous.append(node)
                elif length == 2:  # the last step of reduce_long, with a flat suffix
                    linked = below.link_level
                    if linked.get(lhs) != level:
                        linked[lhs] = level
                        self.link(below, lhs)
                    labels = below._labels
                    if labels is None:
                        labels = below.labels(interned)
                    done = (rid, label, id(labels))  # equal label sets: the same families
                    if done in reduced:
                        continue
                    reduced.add(done)
                    by_start = created[lhs]
                    for first, start in labels:
                        family = (rule, first, label, *tail) if tail else (rule, first, label)
                        if packed.setdefault(family, family) is family:
                            parent = by_start[start]
                            parent.families.append(family)
                            if len(parent.families) == 2:
                                ambiguous.append(parent)
                else:
                    self.reduce_long(below, rid, lhs, rule, length, label, tail)
        self.row = None  # the next level may read another kind
        self.expand_partials()

    def link(self, below: GssNode, lhs: int) -> None:
        """The stack edges of the last step of reductions to lhs through `below`: they depend
        only on lhs and the nodes below, so they are made once per level, however many rules
        of lhs end there (`GssNode.link_level`).

        Most calls find every start node's edge made already (from another split point of
        the span, or another node above the same start nodes): `starts` answers that with
        one set operation, in C, before any loop over the edges.
        """
        starts = self.starts.get(lhs)
        if starts is None:
            starts = self.starts[lhs] = set()
        elif starts.issuperset(below.edges):
            return
        created, frontier, goto, level = self.created, self.frontier, self.table.goto, self.level
        pending, row = self.pending_reductions, self.row
        for start_node in below.edges:
            marks = start_node.goto_level
            if marks.get(lhs) == level:
                continue
            marks[lhs] = level
            by_start = created.get(lhs)
            if by_start is None:
                by_start = created[lhs] = {}
            node = by_start.get(start_node.level)
            if node is None:
                node = by_start[start_node.level] = Node(lhs, start_node.level, level)
            head = frontier.get(goto[start_node.state][lhs])
            if head is None:
                self.join(start_node, lhs, node, 2)
            elif start_node not in head.edges:
                head.edges[start_node] = node
                if row is None:
                    self.schedule_edge(head, start_node, node)
                else:  # schedule_edge for one lookahead kind
                    rids = row[head.state]
                    if rids is None:
                        rids = self.parser.edge_reductions(head.state, self.kinds[0])
                    if rids:
                        pending.append((start_node, node, rids))
        starts.update(below.edges)

    def reduce_long(
        self,
        below: GssNode,
        rid: int,
        lhs: int,
        rule: int,
        length: int,
        label: Node,
        tail: tuple[Node, ...],
    ) -> None:
        """A reduction of length >= 3, one stack edge at a time, sharing the work as BRNGLR
        does (Scott, Johnstone & Economopoulos, "BRNGLR: a cubic Tomita-style GLR parsing
        algorithm", Acta Informatica 44, 2007).

        Walking every path of length m costs O(n^(m-1)) per reduction. Instead, the symbols
        already walked are kept as a `_Partial` node (the rest of the rule over levels j..now,
        shared by every path that reaches level j that way), and a stack node is walked from
        at most once per (reduction, symbols left) and level: other paths reaching it just
        add a pair to the shared partial node. The flat families the forest exposes are
        expanded from the partial nodes when the level ends (`expand_partials`), so the cost
        of the parse is that of the forest it builds, not that of the paths.

        The last step (one symbol left: every edge below reaches a start node) is done as a
        stack node is first reached: its stack edges are `link`'s, and its families wait,
        once per distinct edge label, in `unexpanded`. The marks and the partials' sets are
        per level: the recovery path re-runs a level's reductions (`expected`), and then
        they make the re-run add nothing twice.
        """
        partials, level, interned = self.partials, self.level, self.interned
        created, unexpanded = self.created, self.unexpanded
        stack: list[tuple[GssNode, int, _Partial]] = []
        w, left = below, length - 1
        suffix: Node | _Partial = label  # a partial node after the first step
        while True:
            left -= 1
            by_level = partials.get((rid, left))
            if by_level is None:
                by_level = partials[(rid, left)] = {}
            for u, z in w.edges.items():
                part = by_level.get(u.level)
                if part is None:
                    part = by_level[u.level] = _Partial()
                part.pairs[(z, suffix)] = None
                walked = part.walked  # the partial is per level of u: u is walked once
                if u in walked:
                    continue
                walked.add(u)
                if left > 1:
                    stack.append((u, left, part))
                    continue
                # The last step, from u.
                linked = u.link_level
                if linked.get(lhs) != level:
                    linked[lhs] = level
                    self.link(u, lhs)
                labels = u._labels
                if labels is None:
                    labels = u.labels(interned)
                done = part.done  # equal label sets: the same families
                if id(labels) in done:
                    continue
                done.add(id(labels))
                firsts = part.firsts  # a first child fixes the start node's level
                by_start = created[lhs]
                for first, start in labels:
                    if first not in firsts:
                        firsts.add(first)
                        unexpanded.append((by_start[start], rule, first, part, tail))
            if not stack:
                return
            w, left, suffix = stack.pop()

    def expand_partials(self) -> None:
        """Turn this level's binarised families into the flat families of the forest."""
        if not self.unexpanded:
            return
        memo: dict[_Partial, list[tuple[Node, ...]]] = {}
        packed = self.packed
        for node, rule, first, part, tail in self.unexpanded:
            families = node.families
            before = len(families)
            for rest in part.expand(memo):
                family: Family = (rule, first, *rest, *tail) if tail else (rule, first, *rest)
                if packed.setdefault(family, family) is family:
                    families.append(family)
            if before < 2 <= len(families):
                self.ambiguous.append(node)
        self.unexpanded = []

    def join(self, start_node: GssNode, lhs: int, node: Node, length: int) -> None:
        """Goto on lhs from start_node: a new edge (and maybe a new head) at this level."""
        start_node.goto_level[lhs] = self.level
        target = self.table.goto[start_node.state][lhs]
        head = self.frontier.get(target)
        if head is None:
            head = self.frontier[target] = GssNode(target, self.level)
            head.edges[start_node] = node
            self.schedule_node(head)
            if length:
                self.schedule_edge(head, start_node, node)
        elif start_node not in head.edges:
            head.edges[start_node] = node
            if length:
                self.schedule_edge(head, start_node, node)

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

    def schedule_edge_all(self, node: GssNode) -> None:
        for below, label in list(node.edges.items()):
            if below.level < node.level:
                self.schedule_edge(node, below, label)


class _Partial:
    """A binarised SPPF node of BRNGLR: the last symbols of a rule over a span, as the pairs
    (node of the first of them, the rest). It lives for one level; `expand` lists the flat
    child sequences it stands for. `walked` holds the stack nodes the reduction was walked
    from with it (all at the partial's start level); for a partial of the last step, `done`
    the ids of the interned label sets below them whose families are waiting, and `firsts`
    those labels."""

    __slots__ = ("done", "firsts", "pairs", "walked")

    def __init__(self) -> None:
        # An insertion-ordered set: a dict keeps the first place of a key set twice.
        self.pairs: dict[tuple[Node, Node | _Partial], None] = {}
        self.walked: set[GssNode] = set()
        self.done: set[int] = set()
        self.firsts: set[Node] = set()

    def expand(self, memo: dict[_Partial, list[tuple[Node, ...]]]) -> list[tuple[Node, ...]]:
        found = memo.get(self)
        if found is None:
            found = []
            for first, rest in self.pairs:
                if isinstance(rest, _Partial):
                    found.extend((first, *more) for more in rest.expand(memo))
                else:
                    found.append((first, rest))
            memo[self] = found
        return found
