"""Typed access to a packed node `(rule, child, child, ...)`: the tuple mixes an int and nodes."""

from __future__ import annotations

from typing import cast

from glrkit.forest.sppf import Family, Node


def rule_of(family: Family) -> int:
    return cast(int, family[0])


def kids(family: Family) -> tuple[Node, ...]:
    return cast(tuple[Node, ...], family[1:])
