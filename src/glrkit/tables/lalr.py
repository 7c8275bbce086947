"""LALR(1) lookaheads by DeRemer & Pennello's relations ("Efficient Computation of LALR(1)
Look-Ahead Sets", TOPLAS 4(4), 1982): DR, reads, includes and lookback, with the digraph
algorithm for the two unions. Sets are Python ints used as bitsets over terminal ids.

`follow[(p, A)]` is the set of terminals that may follow A when A is entered from state p; the
lookahead of any item `A -> α . β` reached from p by α is exactly that set, which is what the
right-nulled reductions need.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from glrkit.grammar.analysis import Analysis
from glrkit.grammar.model import END, Grammar
from glrkit.tables.lr0 import Automaton


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
