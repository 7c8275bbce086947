"""`glrkit parse GRAMMAR [INPUT|-]`: parse a file (or stdin) and print trees or the count."""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from typing import Any

import glrkit


def register(commands: Any) -> None:
    cmd = commands.add_parser("parse", help="parse input with a grammar and print the trees")
    cmd.add_argument("grammar", help="grammar file")
    cmd.add_argument("input", nargs="?", default="-", help="input file, or - for stdin (default)")
    cmd.add_argument("--count", action="store_true", help="print only the number of parses")
    cmd.add_argument(
        "--format",
        choices=("tree", "sexpr", "json", "dot"),
        default="tree",
        help="how to print trees (dot draws the whole forest)",
    )
    cmd.add_argument("--first", type=int, default=1, metavar="N", help="print the first N trees")
    cmd.add_argument("--no-cache", action="store_true", help="do not use the table cache")
    cmd.set_defaults(run=run)


def read_input(name: str) -> tuple[str, str]:
    if name == "-":
        return sys.stdin.read(), "<stdin>"
    with open(name, encoding="utf-8") as handle:
        return handle.read(), name


def count_text(count: float) -> str:
    return "infinitely many" if count == math.inf else str(count)


def run(args: argparse.Namespace) -> int:
    grammar = glrkit.Grammar.from_file(args.grammar)
    parser = glrkit.Parser(grammar, cache=not args.no_cache)
    text, name = read_input(args.input)
    forest = parser.parse(text, source_name=name)
    count = forest.count()
    if args.count:
        print(count_text(count))
        return 0
    if args.format == "dot":
        sys.stdout.write(forest.to_dot())
        return 0
    trees = list(itertools.islice(forest.trees(), max(0, args.first)))
    if args.format == "json":
        payload = {
            "count": "inf" if count == math.inf else count,
            "trees": [t.to_dict() for t in trees],
        }
        print(json.dumps(payload, indent=2))
        return 0
    for k, tree in enumerate(trees):
        if args.format == "sexpr":
            print(tree.sexpr())
            continue
        if len(trees) > 1 or count != 1:
            print(f"# tree {k + 1} of {count_text(count)}")
        print(tree.pretty())
    if count != 1 and len(trees) < count:
        print(
            f"# {count_text(count)} parses; showing {len(trees)} (use --first N)", file=sys.stderr
        )
    return 0
