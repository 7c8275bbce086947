"""`glrkit demo`: what GLR parsing gives you, on built-in defaults."""

from __future__ import annotations

import argparse
from typing import Any

import glrkit

AMBIGUOUS = r"""
# Arithmetic with no precedence at all: every bracketing is a parse.
%ignore /\s+/
expr : expr "+" expr | expr "*" expr | "(" expr ")" | NUMBER ;
NUMBER : /[0-9]+/ ;
"""

WITH_PRECEDENCE = r"""
%ignore /\s+/
%left "+"
%left "*"
expr : expr "+" expr | expr "*" expr | "(" expr ")" | NUMBER ;
NUMBER : /[0-9]+/ ;
"""

CATALAN = 's : s s | "a" ;'


def register(commands: Any) -> None:
    cmd = commands.add_parser("demo", help="a short tour on built-in examples")
    cmd.add_argument("--input", default="1 + 2 * 3 + 4", help="the arithmetic to parse")
    cmd.set_defaults(run=run)


def evaluate(tree: glrkit.Tree) -> int:
    """Evaluate an expression tree (recursion is fine: demo inputs are short)."""
    kids = tree.children
    if len(kids) == 1:
        return int(kids[0].text)
    if kids[0].symbol == '"("':
        return evaluate(kids[1])
    left, right = evaluate(kids[0]), evaluate(kids[2])
    return left + right if kids[1].symbol == '"+"' else left * right


def run(args: argparse.Namespace) -> int:
    text = args.input
    print("== An ambiguous grammar ==")
    print(AMBIGUOUS.strip())
    forest = glrkit.Parser(glrkit.Grammar.from_string(AMBIGUOUS), cache=False).parse(text)
    print(f"\ninput: {text}")
    print(f"parses: {forest.count()} (counted on the shared forest, not by enumeration)")
    for k, tree in enumerate(forest.trees(), 1):
        print(f"\n-- parse {k}, value {evaluate(tree)}:\n{tree.sexpr()}")
    print("\nambiguous nodes:")
    for a in forest.ambiguities():
        print(f"  {a.symbol} over {text[a.start : a.end]!r}: {a.alternatives} alternatives")

    print("\n== The same grammar with %left precedence ==")
    forest = glrkit.Parser(glrkit.Grammar.from_string(WITH_PRECEDENCE), cache=False).parse(text)
    tree = forest.tree()
    print(f"parses: {forest.count()}, value {evaluate(tree)}")
    print(tree.pretty())

    print(f"\n== Catalan ambiguity: {CATALAN} ==")
    parser = glrkit.Parser(glrkit.Grammar.from_string(CATALAN), cache=False)
    for n in (5, 10, 20, 40):
        forest = parser.parse("a" * n)
        nodes, packed = forest.size()
        print(f"  n={n:3}: {forest.count()} parses in a forest of {nodes} nodes, {packed} packed")
    return 0
