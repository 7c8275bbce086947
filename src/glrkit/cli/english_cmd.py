"""`glrkit english FILE|-`: parse news text with the weighted English grammar.

Per sentence it prints the repaired text, the exact number of parses, and the best parse
as an indented Penn-Treebank-style tree (or, for a sentence the grammar cannot parse
whole, the best fragment analysis); then a summary.  `--format json` gives the same for
programs, `--svg DIR` draws one picture per sentence, `--demo` parses the built-in
article.  `glrkit english train ...` and `glrkit english eval ...` belong to the training
tools (`glrkit.english.training`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from glrkit.english.pipeline import Analysis, SentenceResult, Summary, analyse
from glrkit.english.svg import render_svg

TRAINING_COMMANDS = ("train", "eval")


def register(commands: Any) -> None:
    cmd = commands.add_parser(
        "english",
        help="parse English news text: repaired sentences, parse counts, Penn trees",
        description="Parse English news text with the weighted English grammar. "
        "'glrkit english train ...' and 'glrkit english eval ...' run the training tools.",
    )
    cmd.add_argument("input", nargs="?", default="-", help="text file, or - for stdin (default)")
    _add_options(cmd)
    cmd.add_argument("more", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    cmd.set_defaults(run=run)


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--svg", metavar="DIR", help="write one SVG picture per sentence")
    parser.add_argument(
        "--demo", action="store_true", help="parse the built-in news article (no FILE)"
    )


def run(args: argparse.Namespace) -> int:
    if args.input in TRAINING_COMMANDS:
        return run_training(args.input, args.more)
    if args.more:  # options written after FILE
        late = argparse.ArgumentParser(prog="glrkit english", add_help=False)
        _add_options(late)
        late.parse_args(args.more, namespace=args)
    text = demo_text() if args.demo else _read(args.input)
    analysis = analyse(text)
    if args.svg:
        write_svgs(analysis, Path(args.svg))
    if args.format == "json":
        print(json.dumps(analysis.to_dict(), indent=1, ensure_ascii=False))
    else:
        sys.stdout.write(format_text(analysis))
    return 0


def run_training(command: str, argv: Sequence[str]) -> int:
    """Hand `glrkit english train|eval ...` to `glrkit.english.training`, if installed."""
    try:
        training = importlib.import_module("glrkit.english.training")
    except ModuleNotFoundError as error:
        if error.name != "glrkit.english.training":
            raise
        print(
            f"glrkit english {command}: not available (this glrkit has no "
            "glrkit.english.training module)",
            file=sys.stderr,
        )
        return 2
    main = getattr(training, f"{command}_main")
    return int(main(list(argv)))


def demo_text() -> str:
    """The built-in news article, mojibake included."""
    source = resources.files("glrkit.english").joinpath("data", "demo_article.txt")
    return source.read_text(encoding="utf-8")


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    with open(name, encoding="utf-8") as handle:
        return handle.read()


def write_svgs(analysis: Analysis, directory: Path) -> list[Path]:
    """One picture per sentence: DIR/sentence-001.svg, ..."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for number, result in enumerate(analysis.sentences, 1):
        path = directory / f"sentence-{number:03d}.svg"
        path.write_text(render_svg(result.tree, title=result.text), encoding="utf-8")
        written.append(path)
    return written


def format_text(analysis: Analysis) -> str:
    out: list[str] = []
    for number, result in enumerate(analysis.sentences, 1):
        kind = " (headline)" if result.headline else ""
        out.append(f"== {number}{kind} ==")
        out.append(result.text)
        out.append(_parses_line(result))
        out.append(result.tree.pretty())
        out.append("")
    out.append(format_summary(analysis.summary, analysis))
    return "\n".join(out) + "\n"


def _parses_line(result: SentenceResult) -> str:
    if result.fragment:
        return "parses: 0 (fragment analysis: the best sequence of the largest constituents)"
    count = "infinitely many" if result.count == math.inf else f"{result.count:,}"
    return f"parses: {count}"


def format_summary(summary: Summary, analysis: Analysis) -> str:
    headlines = sum(r.headline for r in analysis.sentences)
    speed = summary.sentences / summary.seconds if summary.seconds else 0.0
    lines = [
        "== summary ==",
        f"sentences:    {summary.sentences} ({headlines} headlines)",
        f"full parses:  {summary.full} ({summary.coverage:.1%})",
        f"fragments:    {summary.fragments}",
        f"ambiguity:    {_number(summary.geometric_mean_parses)} parses per parsed sentence "
        f"(geometric mean), median {_number(summary.median_parses)}",
        f"time:         {summary.seconds:.2f} s ({speed:.1f} sentences/s)",
        f"repairs:      {len(analysis.changes)}",
    ]
    return "\n".join(lines)


def _number(value: float) -> str:
    if value >= 1e6:
        return f"{value:.2e}"
    return f"{value:,.0f}"
