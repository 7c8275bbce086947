"""Counting derivations on the forest itself, never by enumerating trees.

Tarjan's strongly connected components, iteratively: components come out children-first, so
each node's count is the sum over its families of the product of its children's counts. A node
on a cycle (or above one) has infinitely many derivations: every node of an SPPF derives its
span at least one finite way, so each extra turn around the cycle gives a new tree.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import cast

from glrkit.forest.sppf import Node

Count = int | float  # float only for math.inf


def children(node: Node) -> Iterator[Node]:
    for family in node.families:
        yield from cast(tuple[Node, ...], family[1:])


def components(root: Node) -> list[list[Node]]:
    """Strongly connected components reachable from root, children before parents."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    out: list[list[Node]] = []
    counter = 0
    work: list[tuple[Node, Iterator[Node]]] = []

    def visit(node: Node) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        work.append((node, children(node)))

    visit(root)
    while work:
        node, it = work[-1]
        advanced = False
        for child in it:
            if child not in index:
                visit(child)
                advanced = True
                break
            if child in on_stack:
                low[node] = min(low[node], index[child])
        if advanced:
            continue
        work.pop()
        if work:
            parent = work[-1][0]
            low[parent] = min(low[parent], low[node])
        if low[node] == index[node]:
            component: list[Node] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top is node:
                    break
            out.append(component)
    return out


def count_trees(root: Node) -> Count:
    """The exact number of derivation trees under root: an int, or math.inf."""
    counts: dict[Node, Count] = {}
    for component in components(root):
        cyclic = len(component) > 1 or any(c is component[0] for c in children(component[0]))
        if cyclic:
            for node in component:
                counts[node] = math.inf
            continue
        node = component[0]
        if not node.families:
            counts[node] = 1
            continue
        total: Count = 0
        for family in node.families:
            product: Count = 1
            for child in family[1:]:
                product *= counts[child]  # type: ignore[index]
            total += product
        counts[node] = total
    return counts[root]
