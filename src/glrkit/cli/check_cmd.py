"""`glrkit check GRAMMAR`: symbols, states, conflicts (resolved and remaining), warnings."""

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
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    grammar = glrkit.Grammar.from_file(args.grammar)
    report = glrkit.check(grammar)
    print(report.to_json() if args.json else report.to_text())
    return 1 if args.strict and not report.clean else 0
