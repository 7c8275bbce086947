"""`glrkit check GRAMMAR`: symbols, states, conflicts (resolved and remaining, each with what
it means and derivations that show it), warnings."""

from __future__ import annotations

import argparse
from typing import Any

import glrkit


def register(commands: Any) -> None:
    cmd = commands.add_parser("check", help="report a grammar's conflicts and warnings")
    cmd.add_argument("grammar", help="grammar file")
    cmd.add_argument("--json", action="store_true", help="machine-readable output")
    cmd.add_argument(
        "--strict", action="store_true", help="exit 1 when there are conflicts or warnings"
    )
    cmd.add_argument(
        "--max-length",
        type=int,
        default=8,
        metavar="N",
        help="longest sentence (in tokens) tried when looking for an ambiguity (default 8)",
    )
    cmd.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="time allowed for classifying the conflicts (default 5)",
    )
    cmd.add_argument(
        "--no-counterexamples",
        action="store_true",
        help="list conflicts without classifying them (fast on big grammars)",
    )
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    grammar = glrkit.Grammar.from_file(args.grammar)
    report = glrkit.check(
        grammar,
        counterexamples=not args.no_counterexamples,
        max_length=args.max_length,
        timeout=args.timeout,
    )
    print(report.to_json() if args.json else report.to_text())
    return 1 if args.strict and not report.clean else 0
