"""Typed access to a packed node `(rule, child, child, ...)`: the tuple mixes an int and nodes."""

from __future__ import annotations

from typing import cast

from glrkit.forest.sppf import Family, Node


def rule_of(family: Family) -> int:
    return cast(int, family[0])


def kids(family: Family) -> tuple[Node, ...]:
    return cast(tuple[Node, ...], family[1:])


def family_key(family: Family) -> tuple[int, ...]:
    """The canonical order of a node's families: by rule, then by where each child ends
    (children are contiguous and the rule fixes their symbols; shared ε-nodes end at -1).
    It does not depend on the order in which the engine found them."""
    children = cast(tuple[Node, ...], family[1:])  # one cast, not one call per child
    return (cast(int, family[0]), *[c.end for c in children])
