"""`glrkit ambiguity GRAMMAR`: search for the shortest ambiguous sentence and show its two
smallest differing trees side by side. Exit 0 when none is found within the bounds, 1 when
one is."""

from __future__ import annotations

import argparse
from typing import Any

import glrkit


def register(commands: Any) -> None:
    cmd = commands.add_parser("ambiguity", help="search for an ambiguous sentence, shortest first")
    cmd.add_argument("grammar", help="grammar file")
    cmd.add_argument(
        "--max-length",
        type=int,
        default=8,
        metavar="N",
        help="longest sentence to try, in tokens (default 8)",
    )
    cmd.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="stop searching after this long (default 10)",
    )
    cmd.add_argument("--json", action="store_true", help="machine-readable output")
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    grammar = glrkit.Grammar.from_file(args.grammar)
    report = glrkit.check(
        grammar,
        counterexamples=False,
        ambiguity=True,
        max_length=args.max_length,
        timeout=args.timeout,
    )
    found = report.ambiguity
    assert found is not None
    print(found.to_json() if args.json else found.to_text())
    return 1 if found.found else 0
