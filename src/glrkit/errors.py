"""The errors users see. Each is data (where, what, what was expected) with one renderer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glrkit._text import caret_excerpt


class GlrkitError(Exception):
    """Base class of every error glrkit raises on purpose."""


@dataclass(frozen=True)
class GrammarIssue:
    """One mistake (or warning) in a grammar, with where it is."""

    message: str
    line: int = 0
    column: int = 0
    offset: int = -1
    width: int = 1
    source_name: str = "<grammar>"

    def render(self, source: str | None) -> str:
        where = f"{self.source_name}:{self.line}:{self.column}: " if self.line else ""
        text = f"{where}{self.message}"
        if source is not None and self.offset >= 0:
            text += "\n" + caret_excerpt(source, self.offset, self.width)
        return text


class GrammarError(GlrkitError):
    """The grammar has mistakes; `issues` lists all of them, not just the first."""

    def __init__(self, issues: Sequence[GrammarIssue], source: str | None = None) -> None:
        self.issues = tuple(issues)
        self.source = source
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.issues)
        head = "1 error in grammar" if count == 1 else f"{count} errors in grammar"
        body = "\n".join(issue.render(self.source) for issue in self.issues)
        return f"{head}:\n{body}"

    def __str__(self) -> str:
        return self.render()


class ParseError(GlrkitError):
    """The input is not in the language of the grammar.

    `line`, `column` and `offset` point at the offending text, `expected` holds the terminals
    as users write them (`")"`, `NUMBER`), sorted.
    """

    def __init__(
        self,
        message: str,
        *,
        offset: int,
        line: int,
        column: int,
        found: str,
        expected: Iterable[str] = (),
        source: str | None = None,
        source_name: str = "<input>",
    ) -> None:
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.found = found
        self.expected = tuple(sorted(set(expected)))
        self.source = source
        self.source_name = source_name
        self.repair: str | None = None  # set when error recovery repaired this error
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.source_name}:{self.line}:{self.column}: {self.message}"
        if self.expected:
            text += f"; expected {_one_of(self.expected)}"
        if self.source is not None:
            text += "\n" + caret_excerpt(self.source, self.offset, max(1, len(self.found)))
        return text

    def __str__(self) -> str:
        return self.render()


def _one_of(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) <= 8:
        return "one of " + ", ".join(names)
    return "one of " + ", ".join(names[:8]) + f" (and {len(names) - 8} more)"


class TokenError(ParseError, ValueError):
    """`parse_tokens` was given a token kind the grammar does not have. It is a ParseError
    (the token sequence is not in the language), and a ValueError, since it is usually a
    mistake of the calling program; catch TokenError first to tell the two apart."""
