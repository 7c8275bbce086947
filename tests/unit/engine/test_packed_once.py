"""The reducer adds each packed node (family) once, with one table per level instead of a
set per forest node: check that no node of a forest repeats a family, on grammars where the
same family is reached along several stack paths (unary chains and cycles, shared labels,
long rules, nullable tails), also when error recovery re-runs a level's reductions."""

from __future__ import annotations

from glrkit import Grammar, Parser
from glrkit.forest.sppf import Node

# Unary chains and a unary cycle (A -> B -> A), binary and long rules over the same
# categories, and nullable symbols in the middle and at the end of rules: stack nodes in
# different states carry the same labels, so families are met many times.
TREEBANKISH = r"""
%ignore /\s+/
s   : np vp | vp | s cc s ;
np  : dt nn | dt jj nn | np pp | nn | nnp | jj nn nn | dt nn opt nn opt ;
vp  : vb np | vb np pp | vp pp | vb | vp opt ;
pp  : in np ;
a   : b | nn ;
b   : a | jj ;
nnp : a ;
opt : | "," ;
dt : "the" ; nn : "dog" ; jj : "big" ; vb : "saw" ; in : "with" ; cc : "and" ;
"""


def _nodes(root: Node) -> list[Node]:
    seen: dict[int, Node] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        for family in node.families:
            stack.extend(c for c in family[1:] if isinstance(c, Node))
    return list(seen.values())


def _assert_packed_once(root: Node) -> None:
    for node in _nodes(root):
        assert len(set(node.families)) == len(node.families), node


def test_no_repeated_family_on_ambiguous_inputs() -> None:
    parser = Parser(Grammar.from_string(TREEBANKISH), cache=False)
    for text in (
        "the dog saw the big dog with the dog",
        "the big dog saw dog , with dog and the dog saw big dog dog",
        "the dog , dog saw the dog with the dog , and dog saw dog",
        "dog saw dog with dog with dog with dog",
    ):
        forest = parser.parse(text)
        assert forest.count() != 0
        _assert_packed_once(forest.root)


def test_no_repeated_family_after_recovery() -> None:
    """Recovery re-runs the reductions of the level where the parse got stuck
    (`expected`): the per-level tables must keep that re-run from adding families twice."""
    parser = Parser(Grammar.from_string(TREEBANKISH), cache=False, recover=True)
    forest = parser.parse("the dog saw saw the big dog with with the dog")
    assert forest.errors
    _assert_packed_once(forest.root)


def test_catalan_families_exact() -> None:
    """`s : s s | "a"`: the node over a^n has n - 1 families (one per split point)."""
    parser = Parser(Grammar.from_string('%ignore /\\s+/\ns : s s | "a" ;'), cache=False)
    forest = parser.parse(" ".join(["a"] * 12))
    root = forest.root
    while root.symbol != parser.grammar.start:  # under the augmented start rule
        root = next(c for c in root.families[0][1:] if isinstance(c, Node))
    assert len(root.families) == 11
    _assert_packed_once(forest.root)
