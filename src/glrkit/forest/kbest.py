"""The k best trees of a forest, lazily: Huang & Chiang, "Better k-best parsing" (IWPT 2005),
Algorithm 3.

Each node keeps the derivations found so far, in order, and a heap of candidates. A candidate
is a family with a rank per child (the child's j-th best derivation); the first candidates
are the families with every child at its best. After a derivation is popped, its successors
(one child moved one rank down) are pushed, but only when the node's next derivation is asked
for. Asking the root for its k-th derivation asks each node only for what that needs, so the
work is about |forest| + k * (tree depth) * log k, and nothing is enumerated. The recursion of
the paper is an explicit stack here, so deep trees are fine.

The order is the one of `forest/score.py`: score, then size, then the enumeration order. It is
strictly monotone in every child's rank, which is what Algorithm 3 needs to be exact.

Cycles. Algorithm 3 assumes an acyclic hypergraph: in a cycle, a node's next derivation may
wait on another node that waits on it. Each cyclic component is therefore ranked as a whole,
with one agenda popped in order of score - (best score of the node), then size (a Knuth-style
best-first search: Knuth, "A generalization of Dijkstra's algorithm", IPL 6(1), 1977; for the
k-best version see Huang, "Advanced dynamic programming in semiring and hypergraph
frameworks", COLING 2008 tutorial). Shifting each node's score by its best score makes every
family's weight non-positive (the best scores satisfy Bellman's equations), so a derivation is
never popped before the derivations it contains, and a candidate that needs a derivation not
found yet can wait for it. No node needs more than k derivations for the root's k best (a
child at rank r yields r - 1 better trees by swapping it), so the agenda stops there.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence

from glrkit.forest._families import kids, rule_of
from glrkit.forest.count import components
from glrkit.forest.score import Derivation, _self_loop, better, leaf
from glrkit.forest.sppf import Node, TerminalNode


class _Entry:
    """A heap entry: heapq needs `<`, and `better` is the order."""

    __slots__ = ("d",)

    def __init__(self, d: Derivation) -> None:
        self.d = d

    def __lt__(self, other: _Entry) -> bool:
        return better(self.d, other.d)


class _State:
    __slots__ = ("derivs", "exhausted", "heap", "pending", "seen", "started")

    def __init__(self) -> None:
        self.derivs: list[Derivation] = []
        self.heap: list[_Entry] = []
        self.seen: set[tuple[int, tuple[int, ...]]] = set()
        self.pending: Derivation | None = None  # popped last, successors not pushed yet
        self.started = False
        self.exhausted = False


def k_best(
    root: Node, weights: Sequence[float], k: int, best: dict[Node, Derivation]
) -> list[Derivation]:
    """The k best derivations of root, best first (fewer when the forest has fewer trees).

    `best` is `viterbi(root, weights)`; cyclic components need it to shift their scores.
    """
    if k <= 0:
        return []
    return _KBest(root, weights, k, best).run()


class _KBest:
    def __init__(
        self, root: Node, weights: Sequence[float], k: int, best: dict[Node, Derivation]
    ) -> None:
        self.root = root
        self.weights = weights
        self.k = k
        self.best = best
        self.states: dict[Node, _State] = {}
        self.cycle_of: dict[Node, list[Node]] = {}
        for component in components(root):
            if len(component) > 1 or _self_loop(component[0]):
                for node in component:
                    self.cycle_of[node] = component

    def state(self, node: Node) -> _State:
        st = self.states.get(node)
        if st is None:
            st = self.states[node] = _State()
            if isinstance(node, TerminalNode):
                found = self.best.get(node)  # Viterbi's leaf carries the token's own score
                st.derivs.append(found if found is not None else leaf(node))
                st.started = st.exhausted = True
        return st

    def settled(self, node: Node, rank: int) -> bool:
        """Whether node's derivation of this rank is known, or known not to exist."""
        st = self.state(node)
        return len(st.derivs) > rank or st.exhausted

    def run(self) -> list[Derivation]:
        stack: list[tuple[Node, int]] = [(self.root, self.k - 1)]
        while stack:
            node, rank = stack[-1]
            if self.settled(node, rank):
                stack.pop()
                continue
            if node in self.cycle_of:
                missing = self.cycle_needs(self.cycle_of[node])
                if missing:
                    stack.extend(missing)
                else:
                    self.rank_cycle(self.cycle_of[node])
                continue
            missing = self.grow(node, rank)
            if missing:
                stack.extend(missing)
            else:
                stack.pop()
        return self.state(self.root).derivs[: self.k]

    # -- acyclic nodes: Algorithm 3 -------------------------------------------------------------
    def grow(self, node: Node, rank: int) -> list[tuple[Node, int]]:
        """Pop node's derivations up to `rank`; returns what must be settled first, if any."""
        st = self.state(node)
        families = node.families
        if not st.started:
            missing = [(c, 0) for fam in families for c in kids(fam) if not self.settled(c, 0)]
            if missing:
                return missing
            for i, fam in enumerate(families):
                self.push(st, node, i, tuple(self.state(c).derivs[0] for c in kids(fam)))
            st.started = True
        while len(st.derivs) <= rank:
            d = st.pending
            if d is not None:
                children = kids(families[d.fam])
                missing = [
                    (c, kid.rank + 1)
                    for c, kid in zip(children, d.kids, strict=True)
                    if not self.settled(c, kid.rank + 1)
                ]
                if missing:
                    return missing
                for i, (c, kid) in enumerate(zip(children, d.kids, strict=True)):
                    derivs = self.state(c).derivs
                    if kid.rank + 1 < len(derivs):
                        moved = (*d.kids[:i], derivs[kid.rank + 1], *d.kids[i + 1 :])
                        self.push(st, node, d.fam, moved)
                st.pending = None
            if not st.heap:
                st.exhausted = True
                break
            d = heapq.heappop(st.heap).d
            d.rank = len(st.derivs)
            st.derivs.append(d)
            st.pending = d
        return []

    def push(self, st: _State, node: Node, fam: int, subs: tuple[Derivation, ...]) -> None:
        key = (fam, tuple(sub.rank for sub in subs))
        if key in st.seen:
            return
        st.seen.add(key)
        heapq.heappush(st.heap, _Entry(self.make(node, fam, subs)))

    def make(self, node: Node, fam: int, subs: tuple[Derivation, ...]) -> Derivation:
        score = self.weights[rule_of(node.families[fam])] + sum(sub.score for sub in subs)
        return Derivation(score, 1 + sum(sub.size for sub in subs), node, fam, subs)

    # -- cyclic components: one agenda ------------------------------------------------------------
    def cycle_needs(self, component: list[Node]) -> list[tuple[Node, int]]:
        members = set(component)
        last = self.k - 1
        return [
            (c, last)
            for node in component
            for fam in node.families
            for c in kids(fam)
            if c not in members and not self.settled(c, last)
        ]

    def rank_cycle(self, component: list[Node]) -> None:
        members = {node: k for k, node in enumerate(component)}
        shift = {node: self.best[node].score for node in component}
        found: dict[Node, list[Derivation]] = {node: [] for node in component}
        seen: set[tuple[Node, int, tuple[int, ...]]] = set()
        waiting: dict[tuple[Node, int], list[tuple[Node, int, tuple[int, ...]]]] = {}
        agenda: list[_AgendaEntry] = []
        k = self.k

        def attempt(node: Node, fam: int, ranks: tuple[int, ...]) -> None:
            subs: list[Derivation] = []
            for child, r in zip(kids(node.families[fam]), ranks, strict=True):
                derivs = found[child] if child in members else self.state(child).derivs
                if r < len(derivs):
                    subs.append(derivs[r])
                elif child in members and r < k:
                    waiting.setdefault((child, r), []).append((node, fam, ranks))
                    return
                else:
                    return  # that child has no derivation of this rank
            d = self.make(node, fam, tuple(subs))
            heapq.heappush(agenda, _AgendaEntry(d, d.score - shift[node], members[node]))

        def offer(node: Node, fam: int, ranks: tuple[int, ...]) -> None:
            if (node, fam, ranks) not in seen:
                seen.add((node, fam, ranks))
                attempt(node, fam, ranks)

        for node in component:
            for fam, family in enumerate(node.families):
                offer(node, fam, (0,) * (len(family) - 1))
        while agenda:
            d = heapq.heappop(agenda).d
            node = d.node
            derivs = found[node]
            if len(derivs) >= k:
                continue
            d.rank = len(derivs)
            derivs.append(d)
            for waiter in waiting.pop((node, d.rank), ()):
                attempt(*waiter)
            ranks = tuple(kid.rank for kid in d.kids)
            for i in range(len(ranks)):
                offer(node, d.fam, (*ranks[:i], ranks[i] + 1, *ranks[i + 1 :]))
        for node in component:
            st = self.state(node)
            st.derivs = found[node]
            st.started = st.exhausted = True


class _AgendaEntry:
    """Agenda order for a cyclic component: shifted score, size, then (for one node) the
    tree order, so each node's derivations come out in exactly their order."""

    __slots__ = ("d", "member", "shifted")

    def __init__(self, d: Derivation, shifted: float, member: int) -> None:
        self.d = d
        self.shifted = shifted
        self.member = member

    def __lt__(self, other: _AgendaEntry) -> bool:
        if self.shifted != other.shifted:
            return self.shifted > other.shifted
        if self.d.size != other.d.size:
            return self.d.size < other.d.size
        if self.member != other.member:
            return self.member < other.member
        return better(self.d, other.d)


def iterate_best(
    root: Node, weights: Sequence[float], best: dict[Node, Derivation]
) -> Iterator[Derivation]:
    """Every derivation of root, best first, lazily: k-best runs with k doubling (cyclic
    components are ranked k at a time, so a run is not resumable; doubling keeps the total
    work within a constant factor of the last run)."""
    k, done = 8, 0
    while True:
        ranked = _KBest(root, weights, k, best).run()
        yield from ranked[done:]
        if len(ranked) < k:
            return
        done, k = len(ranked), 2 * k
