"""LALR(1) lookaheads by DeRemer & Pennello's relations ("Efficient Computation of LALR(1)
Look-Ahead Sets", TOPLAS 4(4), 1982): DR, reads, includes and lookback, with the digraph
algorithm for the two unions. Sets are Python ints used as bitsets over terminal ids.

`follow[(p, A)]` is the set of terminals that may follow A when A is entered from state p; the
lookahead of any item `A -> α . β` reached from p by α is exactly that set, which is what the
right-nulled reductions need.

Walking every rule of A from every p with a transition on A costs Σ |rhs| per transition, and
treebank grammars (thousands of long flat rules, a few dozen nonterminals) make that minutes.
Those walks converge: LALR merging sends many p to the same state after a few symbols. So the
walks are shared: the right-hand sides of each nonterminal form a trie of prefixes, and an
*item class* v(q, A, α) stands for "state q, reached by α from some p with a transition on
A" -- the items `A -> α . β` of q, grouped by what they have read. The `includes` relation runs
through item classes, and one digraph pass yields both the follow sets and the lookahead of
each item class, F(v(q, A, α)) = ⋃ {Follow(p, A) | p reaches q by α}. Work is proportional to
the number of item classes (bounded by the LR(0) closures) instead of the number of paths.
This is the item-level lookahead propagation of the LALR literature (Aho, Sethi & Ullman,
ch. 4.7, "efficient construction of LALR parsing tables") expressed in DeRemer & Pennello's
relations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from glrkit.grammar.analysis import Analysis
from glrkit.grammar.model import END, Grammar
from glrkit.tables.lr0 import Automaton


def walk(automaton: Automaton, state: int, symbols: Sequence[int]) -> int:
    for sym in symbols:
        state = automaton.goto[state][sym]
    return state


@dataclass(frozen=True)
class PrefixTrie:
    """The right-hand sides of each nonterminal's rules as a trie of prefixes.

    Node ids are global; `root[A - n_terminals]` is the empty prefix of A. `nulled[node]`
    lists the rules `A -> α β` with α the node's prefix and β ⇒* ε, in rule order: the rules
    that reduce (right-nulled when β is not empty) once α has been read.
    """

    root: tuple[int, ...]
    lhs: tuple[int, ...]
    depth: tuple[int, ...]
    children: tuple[tuple[tuple[int, int], ...], ...]  # node -> ((symbol, child), ...)
    nulled: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, grammar: Grammar, nullable: frozenset[int]) -> PrefixTrie:
        root: list[int] = []
        lhs: list[int] = []
        depth: list[int] = []
        children: list[dict[int, int]] = []
        nulled: list[list[int]] = []

        def new_node(a: int, d: int) -> int:
            lhs.append(a)
            depth.append(d)
            children.append({})
            nulled.append([])
            return len(lhs) - 1

        for a in range(grammar.n_terminals, grammar.n_symbols):
            top = new_node(a, 0)
            root.append(top)
            for r in grammar.rules_for(a):
                rhs = grammar.rules[r].rhs
                path = [top]
                for sym in rhs:
                    node = children[path[-1]].get(sym)
                    if node is None:
                        node = children[path[-1]][sym] = new_node(a, len(path))
                    path.append(node)
                for m in range(len(rhs), -1, -1):
                    nulled[path[m]].append(r)
                    if m and rhs[m - 1] not in nullable:
                        break
        return cls(
            tuple(root),
            tuple(lhs),
            tuple(depth),
            tuple(tuple(c.items()) for c in children),
            tuple(tuple(n) for n in nulled),
        )


@dataclass(frozen=True)
class Lookaheads:
    """Follow sets of the nonterminal transitions and lookaheads of the item classes.

    `classes` holds (state q, trie node of A's prefix α, F(v(q, A, α))) for every item class
    whose trie node has `nulled` rules, i.e. every place a (right-nulled) reduction happens.
    """

    follow: dict[tuple[int, int], int]
    trie: PrefixTrie
    classes: list[tuple[int, int, int]]


def follow_sets(
    grammar: Grammar, automaton: Automaton, facts: Analysis
) -> dict[tuple[int, int], int]:
    """Follow(p, A) for every nonterminal transition, in state order then symbol order."""
    return lalr_lookaheads(grammar, automaton, facts).follow


def lalr_lookaheads(grammar: Grammar, automaton: Automaton, facts: Analysis) -> Lookaheads:
    """Follow sets and item-class lookaheads from one digraph pass; table construction needs
    both, and computing them together walks each item class once."""
    nt = grammar.n_terminals
    transitions = [(p, sym) for p, goto in enumerate(automaton.goto) for sym in goto if sym >= nt]
    index = {t: k for k, t in enumerate(transitions)}
    read = _reads(grammar, automaton, facts.nullable, transitions, index)
    trie = PrefixTrie.of(grammar, facts.nullable)
    states, nodes, edges = _item_classes(grammar, automaton, trie, transitions, index)
    result = _digraph(len(edges), edges.__getitem__, read + [0] * (len(edges) - len(read)))
    follow = {t: result[k] for k, t in enumerate(transitions)}
    nulled = trie.nulled
    classes = [
        (q, node, result[v])
        for v, (q, node) in enumerate(zip(states, nodes, strict=True))
        if nulled[node]
    ]
    return Lookaheads(follow, trie, classes)


def _reads(
    grammar: Grammar,
    automaton: Automaton,
    nullable: frozenset[int],
    transitions: list[tuple[int, int]],
    index: dict[tuple[int, int], int],
) -> list[int]:
    """Read(p, A): DR (the terminals shifted after A) closed under `reads` (through nullable
    nonterminals). DR and the `reads` successors depend only on the target state, so they are
    computed once per state."""
    nt = grammar.n_terminals
    gotos = automaton.goto
    per_state: dict[int, tuple[int, list[int]]] = {}
    direct = [0] * len(transitions)
    reads: list[list[int]] = []
    for k, (p, a) in enumerate(transitions):
        r = gotos[p][a]
        known = per_state.get(r)
        if known is None:
            bits = 0
            through: list[int] = []
            for sym in gotos[r]:
                if sym < nt:
                    bits |= 1 << sym
                elif sym in nullable:
                    through.append(index[(r, sym)])
            known = per_state[r] = (bits, through)
        bits, through = known
        if p == 0 and a == grammar.start:
            bits |= 1 << END
        direct[k] = bits
        reads.append(through)
    return _digraph(len(transitions), reads.__getitem__, direct)


def _item_classes(
    grammar: Grammar,
    automaton: Automaton,
    trie: PrefixTrie,
    transitions: list[tuple[int, int]],
    index: dict[tuple[int, int], int],
) -> tuple[list[int], list[int], list[list[int]]]:
    """Enumerate the item classes v(q, A, α) breadth-first from v(p, A, ε) for each transition
    (p, A), and build the graph for one digraph pass over them.

    v(p, A, ε) is the transition (p, A) itself (it has no other source), so ids 0..T-1 are
    the transitions and later ids the classes with α ≠ ε. Edges: v(goto(q, X), A, αX) ->
    v(q, A, α), and the `includes` relation (q, X) -> v(q, B, α) whenever some rule
    B -> α X γ has γ ⇒* ε. Then F(transition) is its follow set and F(v(q, A, α)) the union
    of Follow(p, A) over the p that reach q by α. Returns every id's state and trie node, and
    the edges.
    """
    nt = grammar.n_terminals
    gotos = automaton.goto
    n_nodes = len(trie.lhs)
    children, nulled = trie.children, trie.nulled
    states = [p for p, _ in transitions]
    nodes = [trie.root[a - nt] for _, a in transitions]
    edges: list[list[int]] = [[] for _ in transitions]
    ids: dict[int, int] = {}  # q * n_nodes + node -> class id, for α ≠ ε
    head = 0
    while head < len(states):
        q, node = states[head], nodes[head]
        goto = gotos[q]
        for sym, child in children[node]:
            target = goto[sym]
            key = target * n_nodes + child
            found = ids.get(key)
            if found is None:
                ids[key] = len(states)
                states.append(target)
                nodes.append(child)
                edges.append([head])
            else:
                edges[found].append(head)
            if sym >= nt and nulled[child]:
                edges[index[(q, sym)]].append(head)
        head += 1
    return states, nodes, edges


def _digraph(n: int, edges: Callable[[int], list[int]], initial: list[int]) -> list[int]:
    """F(x) = initial(x) ∪ ⋃{F(y) | x R y}, by DeRemer & Pennello's SCC-based traversal.

    Iterative (an explicit stack of frames) so large grammars do not hit the recursion limit.
    A frame keeps an iterator over x's successors, and x's set and low mark are kept in locals
    while they are scanned: the item-class graph has over a million edges, and most lead to
    nodes already finished.
    """
    done = n + 2  # "infinity" in the paper: x's component is finished
    result = list(initial)
    mark = [0] * n
    stack: list[int] = []
    for root in range(n):
        if mark[root]:
            continue
        stack.append(root)
        depth = mark[root] = len(stack)
        frames: list[tuple[int, int, Iterator[int]]] = [(root, depth, iter(edges(root)))]
        while frames:
            x, d, successors = frames[-1]
            bits, low = result[x], mark[x]
            for y in successors:
                m = mark[y]
                if m == 0:  # descend; x resumes from its iterator afterwards
                    result[x], mark[x] = bits, low
                    stack.append(y)
                    depth = mark[y] = len(stack)
                    frames.append((y, depth, iter(edges(y))))
                    break
                if m < low:
                    low = m
                bits |= result[y]
            else:
                frames.pop()
                if low == d:  # x roots a strongly connected component: all of it gets F(x)
                    while True:
                        top = stack.pop()
                        mark[top] = done
                        result[top] = bits
                        if top == x:
                            break
                else:
                    result[x], mark[x] = bits, low
                if frames:
                    parent = frames[-1][0]
                    if mark[x] < mark[parent]:
                        mark[parent] = mark[x]
                    result[parent] |= bits
    return result
