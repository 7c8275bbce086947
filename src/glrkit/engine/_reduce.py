"""The reducer of the RNGLR engine: one level's scheduling and reductions, and the tables
they read.

`Level` holds what one parse keeps per level (the stack heads, the worklists, the forest
nodes made so far) and does the paper's "add to R and Q" and REDUCER: reductions of length 1
and 2 inline in the worklist loop, longer ones BRNGLR-style (`reduce_long`), and the single
path fast level (`fast_level`). The driver in rnglr.py (`_Run`, a `Level`) reads tokens,
shifts, and recovers from errors.
"""

from __future__ import annotations

from collections.abc import Sequence

from glrkit.engine._gss import GssNode
from glrkit.forest.sppf import Family, Node, RuleShape
from glrkit.tables.table import ParseTable


class ReductionTables:
    """What the reducer reads of a parse table, prepared once per table: per reduction its
    left-hand side, length, rule and nulled tail, and per lookahead the reductions a new
    stack edge schedules."""

    def __init__(
        self, table: ParseTable, epsilon: dict[int, Node], rules: Sequence[RuleShape]
    ) -> None:
        self.table = table
        self.epsilon = epsilon
        self.rules = tuple(rules)
        self.rhs = [rhs for _, rhs in self.rules]
        self._tails: dict[tuple[int, int], tuple[Node, ...]] = {}
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

    def tail(self, rule: int, m: int) -> tuple[Node, ...]:
        """The shared ε-nodes for the nullable rest of `rule` after m symbols."""
        key = (rule, m)
        found = self._tails.get(key)
        if found is None:
            found = self._tails[key] = tuple(self.epsilon[s] for s in self.rhs[rule][m:])
        return found


class Level:
    """One parse's state at its current level, and the reducer that works on it."""

    def __init__(self, tables: ReductionTables) -> None:
        self.tables = tables
        self.ambiguous: list[Node] = []  # nodes that got a second family
        self.table = tables.table
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
        # (None with several kinds), which schedule_edge reads for every new edge.
        self.row: list[tuple[int, ...] | None] | None = None

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
                rids = self.tables.edge_reductions(top.state, kinds[0])
        elif len(kinds) == 1:
            rids = self.tables.edge_row(kinds[0])[top.state]
            if rids is None:
                rids = self.tables.edge_reductions(top.state, kinds[0])
        else:
            found: list[int] = []
            for kind in kinds:
                for rid in self.tables.edge_reductions(top.state, kind):
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
        epsilon = self.tables.epsilon
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
                labels.extend(self.tables.tail(rule, length))
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
        info = self.tables.reduction_info
        epsilon = self.tables.epsilon
        created, level = self.created, self.level
        ambiguous, reduced, interned = self.ambiguous, self.reduced, self.interned
        packed = self.packed
        kinds = self.kinds
        self.row = self.tables.edge_row(kinds[0]) if len(kinds) == 1 else None
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
                    if below.goto_level.get(lhs) != level:
                        self.goto_edge(below, lhs)
                    # A tuple display is much cheaper than a starred one; most tails are empty.
                    family: Family = (rule, label, *tail) if tail else (rule, label)
                    if packed.setdefault(family, family) is family:
                        node = created[lhs][below.level]
                        node.families.append(family)
                        if len(node.families) == 2:
                            ambiguous.append(node)
                elif length == 2:  # the last step of reduce_long, with a flat suffix
                    self.link(below, lhs)
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
        linked = below.link_level
        level = self.level
        if linked.get(lhs) == level:
            return
        linked[lhs] = level
        starts = self.starts.get(lhs)
        if starts is None:
            starts = self.starts[lhs] = set()
        elif starts.issuperset(below.edges):
            return
        for start_node in below.edges:
            if start_node.goto_level.get(lhs) != level:
                self.goto_edge(start_node, lhs)
        starts.update(below.edges)

    def goto_edge(self, start_node: GssNode, lhs: int) -> None:
        """The stack edge on lhs from `start_node` at this level, labelled by the node for
        (lhs, start_node's level), made or found, and the reductions it schedules. Called
        once per (stack node, lhs) and level: the mark on the stack node says so."""
        level = self.level
        start_node.goto_level[lhs] = level
        by_start = self.created.get(lhs)
        if by_start is None:
            by_start = self.created[lhs] = {}
        node = by_start.get(start_node.level)
        if node is None:
            node = by_start[start_node.level] = Node(lhs, start_node.level, level)
        head = self.frontier.get(self.table.goto[start_node.state][lhs])
        if head is None:
            self.join(start_node, lhs, node, 1)
        elif start_node not in head.edges:
            head.edges[start_node] = node
            self.schedule_edge(head, start_node, node)

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
        partials, interned = self.partials, self.interned
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
                self.link(u, lhs)
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
