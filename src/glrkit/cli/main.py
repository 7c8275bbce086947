"""`glrkit parse | check | demo`: exit 0 on success, 1 when the input is not in the language,
2 for usage and grammar errors. Errors are one clear message, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import glrkit
from glrkit.cli import ambiguity_cmd, check_cmd, demo_cmd, english_cmd, parse_cmd

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glrkit",
        description="Generalized LR parsing: any context-free grammar, every parse.",
    )
    parser.add_argument("--version", action="version", version=f"glrkit {glrkit.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parse_cmd.register(commands)
    check_cmd.register(commands)
    demo_cmd.register(commands)
    ambiguity_cmd.register(commands)
    english_cmd.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Command | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return run(args)
    except glrkit.GrammarError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except glrkit.ParseError as error:
        print(error, file=sys.stderr)
        return EXIT_REJECTED
    except OSError as error:
        print(f"glrkit: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
