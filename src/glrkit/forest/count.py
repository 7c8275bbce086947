"""Counting derivations on the forest itself, never by enumerating trees.

Tarjan's strongly connected components, iteratively: components come out children-first, so
each node's count is the sum over its families of the product of its children's counts. A node
on a cycle (or above one) has infinitely many derivations: every node of an SPPF derives its
span at least one finite way, so each extra turn around the cycle gives a new tree.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from glrkit.forest.sppf import Node

Count = int | float  # float only for math.inf
_DONE = 1 << 62  # the index of a node whose component is finished


def children(node: Node) -> list[Node]:
    return [c for family in node.families for c in family[1:]]  # type: ignore[misc]


def components(root: Node) -> list[list[Node]]:
    """Strongly connected components reachable from root, children before parents.

    Tarjan's algorithm with an explicit stack of (node, iterator over its children) frames,
    so forests of any depth are fine. A node whose component is out gets the index `_DONE`,
    larger than any, so it never lowers a `low` (no separate on-stack set to keep).
    """
    index: dict[Node, int] = {root: 0}
    low: dict[Node, int] = {root: 0}
    stack: list[Node] = [root]
    out: list[list[Node]] = []
    frames: list[tuple[Node, Iterator[Node]]] = [(root, iter(children(root)))]
    while frames:
        node, kids = frames[-1]
        lowest = low[node]
        descended = False
        for child in kids:  # resumes where it stopped when the frame was last on top
            seen = index.get(child)
            if seen is None:
                index[child] = low[child] = len(index)
                stack.append(child)
                frames.append((child, iter(children(child))))
                descended = True
                break
            if seen < lowest:
                lowest = seen
        low[node] = lowest
        if descended:
            continue
        frames.pop()
        if frames:
            parent = frames[-1][0]
            if lowest < low[parent]:
                low[parent] = lowest
        if lowest == index[node]:
            component: list[Node] = []
            while True:
                top = stack.pop()
                index[top] = _DONE
                component.append(top)
                if top is node:
                    break
            out.append(component)
    return out


def count_trees(root: Node) -> Count:
    """The exact number of derivation trees under root: an int, or math.inf."""
    acyclic = _count_acyclic(root)
    return acyclic if acyclic is not None else _count_with_cycles(root)


def _count_acyclic(root: Node) -> Count | None:
    """One post-order pass; None as soon as a cycle shows up (a node met while open)."""
    counts: dict[Node, Count] = {}
    open_nodes: set[Node] = {root}
    frames: list[tuple[Node, list[Node], list[int]]] = [(root, children(root), [0])]
    while frames:
        node, kids, cursor = frames[-1]
        k = cursor[0]
        while k < len(kids):
            child = kids[k]
            k += 1
            if child in counts:
                continue
            if child in open_nodes:
                return None
            cursor[0] = k
            open_nodes.add(child)
            frames.append((child, children(child), [0]))
            break
        else:
            frames.pop()
            open_nodes.discard(node)
            counts[node] = _node_count(node, counts) if node.families else 1
    return counts[root]


def _node_count(node: Node, counts: dict[Node, Count]) -> Count:
    total: Count = 0
    for family in node.families:
        product: Count = 1
        for child in family[1:]:
            product *= counts[child]  # type: ignore[index]
        total += product
    return total


def _count_with_cycles(root: Node) -> Count:
    counts: dict[Node, Count] = {}
    for component in components(root):
        node = component[0]
        cyclic = len(component) > 1 or any(c is node for f in node.families for c in f[1:])
        if cyclic:
            for member in component:
                counts[member] = math.inf
        else:
            counts[node] = _node_count(node, counts) if node.families else 1
    return counts[root]
