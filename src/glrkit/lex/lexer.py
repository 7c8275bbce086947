"""Contextual lexing: at each position, try only the terminals some live stack head accepts.

Rules (the contract of the grammar format):
- longest match wins;
- a literal beats a regex terminal on the same text, so keywords are reserved: a regex match
  whose text equals any literal of the grammar is not taken;
- among regex terminals matching the same longest text, higher `%priority` wins; what is left
  is lexical ambiguity, returned as one token with several kinds for the GLR engine to explore.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from glrkit.grammar.compile import regex_flags
from glrkit.grammar.model import END, Grammar
from glrkit.lex._first import first_chars


@dataclass(frozen=True, slots=True)
class Lexeme:
    """A token: its candidate terminal kinds, and its span in the text."""

    kinds: tuple[int, ...]
    start: int
    end: int


Candidate = tuple[int, str, "re.Pattern[str] | None", int]  # kind, literal, regex, priority


class _Matcher:
    """Matches a fixed set of terminals at a position; built once per acceptable set.

    Candidates are dispatched on the first character (see `_first.first_chars`), so a token
    usually costs one `startswith` or one regex match instead of one per terminal.
    """

    __slots__ = ("accepts_end", "by_char", "candidates", "firsts")

    def __init__(
        self,
        grammar: Grammar,
        compiled: dict[int, re.Pattern[str]],
        firsts: dict[int, frozenset[str] | None],
        kinds: frozenset[int],
    ) -> None:
        self.accepts_end = END in kinds
        candidates: list[Candidate] = []
        for k in sorted(kinds):
            if k == END:
                continue
            t = grammar.terminals[k]
            if t.is_literal:
                if t.pattern:
                    candidates.append((k, t.pattern, None, t.priority))
            else:
                candidates.append((k, "", compiled[k], t.priority))
        # Longer literals first: the first literal that matches is the longest.
        candidates.sort(key=lambda c: (c[2] is not None, -len(c[1])))
        self.candidates = candidates
        self.firsts = firsts
        self.by_char: dict[str, tuple[Candidate, ...]] = {}

    def for_char(self, char: str) -> tuple[Candidate, ...]:
        found = self.by_char.get(char)
        if found is None:
            found = self.by_char[char] = tuple(
                c
                for c in self.candidates
                if (c[1][:1] == char if c[2] is None else _may_start(self.firsts[c[0]], char))
            )
        return found


def _may_start(first: frozenset[str] | None, char: str) -> bool:
    return first is None or char in first


@dataclass(frozen=True, slots=True)
class Scanner:
    """One regular expression for every terminal of a grammar whose terminals never compete:
    each character can start matches of one regex terminal only, or of literals only.

    `match(text, pos)` skips ignored text and matches one token; its `lastindex` names the
    terminal: `kinds[m.lastindex]`. For such a grammar this is what contextual lexing finds
    whenever the terminal it names is acceptable where the parser is: the longest match
    over all terminals is then also the longest over the acceptable ones, and no literal or
    priority rule can pick another. When it names a terminal that is not acceptable, the
    caller must ask `ContextualLexer.next` (a shorter acceptable match may exist). One
    regex call per token instead of a Python loop is what makes deterministic parsing of
    such grammars (JSON, most data formats) cheap.
    """

    match: Callable[[str, int], re.Match[str] | None]
    kinds: tuple[int, ...]  # by group number; kinds[0] is unused


class ContextualLexer:
    """Splits text into lexemes on demand, asked with the set of acceptable terminals."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self._compiled = {
            k: re.compile(t.pattern, regex_flags(t.flags))
            for k, t in enumerate(grammar.terminals)
            if not t.is_literal
        }
        self._firsts = {
            k: first_chars(t.pattern, regex_flags(t.flags))
            for k, t in enumerate(grammar.terminals)
            if not t.is_literal
        }
        self._all_literals = frozenset(t.pattern for t in grammar.terminals if t.is_literal)
        ignore = "|".join(f"(?:{p})" for p in grammar.ignore)
        self._ignore = re.compile(ignore) if grammar.ignore else None
        self._ignore_first = first_chars(ignore) if grammar.ignore else frozenset()
        self._matchers: dict[frozenset[int], _Matcher] = {}
        self.scanner = self._scanner()

    def _scanner(self) -> Scanner | None:
        """The one-regex scanner, when no two terminals can start on the same character
        (literals among themselves excepted: longest first is longest match), every regex
        terminal's first characters are known, it cannot match the empty string, and it
        has no groups of its own."""
        owner: dict[str, str] = {}  # character -> "literal", or "regex" once
        alternatives: list[tuple[int, str, int]] = []  # (kind, source, literal length or 0)
        for k, t in enumerate(self.grammar.terminals):
            if k == END or (t.is_literal and not t.pattern):
                continue
            if t.is_literal:
                starts = frozenset(t.pattern[0])
                source, is_regex = re.escape(t.pattern), False
            else:
                first = self._firsts[k]
                if first is None or self._compiled[k].groups or set(t.flags) - set("imsx"):
                    return None
                starts = first
                scoped = "".join(sorted(set(t.flags)))
                source = f"(?{scoped}:{t.pattern})" if scoped else f"(?:{t.pattern})"
                is_regex = True
            for char in starts:
                seen = owner.get(char)
                if seen is not None and (is_regex or seen == "regex"):
                    return None
                owner[char] = "regex" if is_regex else "literal"
            alternatives.append((k, source, 0 if is_regex else len(t.pattern)))
        if not alternatives:
            return None  # no tokens: the input is empty or wrong, contextual lexing says which
        alternatives.sort(key=lambda a: -a[2])  # longer literals first
        ignore = "|".join(f"(?:{p})" for p in self.grammar.ignore)
        prefix = f"(?:{ignore})*+" if ignore else ""  # possessive: never give ignored text back
        tokens = "|".join(f"({source})" for _, source, _ in alternatives)
        try:
            pattern = re.compile(f"{prefix}(?:{tokens})")
        except re.error:
            return None
        return Scanner(pattern.match, (END, *(k for k, _, _ in alternatives)))

    def skip(self, text: str, pos: int) -> int:
        """The position after any ignored text at `pos`."""
        ignore = self._ignore
        if ignore is None:
            return pos
        first = self._ignore_first
        if first is not None and pos < len(text) and text[pos] not in first:
            return pos  # the usual case: no ignored text here, no regex call
        while pos < len(text):
            m = ignore.match(text, pos)
            if m is None or m.end() == pos:
                break
            pos = m.end()
        return pos

    def matcher(self, kinds: frozenset[int]) -> _Matcher:
        found = self._matchers.get(kinds)
        if found is None:
            found = self._matchers[kinds] = _Matcher(
                self.grammar, self._compiled, self._firsts, kinds
            )
        return found

    def next(self, text: str, pos: int, kinds: frozenset[int]) -> Lexeme | None:
        """The lexeme at `pos` (after ignored text) among `kinds`, or None when none matches."""
        pos = self.skip(text, pos)
        m = self.matcher(kinds)
        if pos >= len(text):
            return Lexeme((END,), pos, pos) if m.accepts_end else None
        best_len = 0
        best: list[int] = []
        best_priority = 0
        literal_won = False
        reserved = self._all_literals
        for kind, literal, pattern, priority in m.for_char(text[pos]):
            if pattern is None:
                if not literal_won and text.startswith(literal, pos):
                    best_len, best, literal_won = len(literal), [kind], True
                continue
            match = pattern.match(text, pos)
            if match is None:
                continue
            length = match.end() - pos
            if length < best_len or length == 0 or (length == best_len and literal_won):
                continue  # shorter, or a literal already has this text
            if text[pos : pos + length] in reserved:
                continue  # keywords are reserved: a regex never takes a literal's text
            if length > best_len or literal_won:
                best_len, best, best_priority, literal_won = length, [kind], priority, False
            elif priority > best_priority:
                best, best_priority = [kind], priority
            elif priority == best_priority:
                best.append(kind)
        if not best:
            return None
        return Lexeme(tuple(best), pos, pos + best_len)

    def longest_any(self, text: str, pos: int) -> int:
        """Length of the longest match of any terminal at pos (for error messages)."""
        longest = 0
        for t in self.grammar.terminals[1:]:
            if t.is_literal and t.pattern and text.startswith(t.pattern, pos):
                longest = max(longest, len(t.pattern))
        for pattern in self._compiled.values():
            match = pattern.match(text, pos)
            if match:
                longest = max(longest, match.end() - pos)
        return longest
