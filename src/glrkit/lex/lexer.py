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
from dataclasses import dataclass

from glrkit.grammar.compile import regex_flags
from glrkit.grammar.model import END, Grammar


@dataclass(frozen=True, slots=True)
class Lexeme:
    """A token: its candidate terminal kinds, and its span in the text."""

    kinds: tuple[int, ...]
    start: int
    end: int


class _Matcher:
    """Matches a fixed set of terminals at a position; built once per acceptable set."""

    __slots__ = ("accepts_end", "literals", "max_literal", "patterns")

    def __init__(
        self, grammar: Grammar, compiled: dict[int, re.Pattern[str]], kinds: frozenset[int]
    ):
        self.accepts_end = END in kinds
        lits: dict[str, int] = {}
        pats: list[tuple[int, re.Pattern[str], int]] = []
        for k in sorted(kinds):
            if k == END:
                continue
            t = grammar.terminals[k]
            if t.is_literal:
                if t.pattern:
                    lits[t.pattern] = k
            else:
                pats.append((k, compiled[k], t.priority))
        self.literals = lits
        self.max_literal = max((len(s) for s in lits), default=0)
        self.patterns = pats


class ContextualLexer:
    """Splits text into lexemes on demand, asked with the set of acceptable terminals."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self._compiled = {
            k: re.compile(t.pattern, regex_flags(t.flags))
            for k, t in enumerate(grammar.terminals)
            if not t.is_literal
        }
        self._all_literals = frozenset(t.pattern for t in grammar.terminals if t.is_literal)
        self._ignore = (
            re.compile("|".join(f"(?:{p})" for p in grammar.ignore)) if grammar.ignore else None
        )
        self._matchers: dict[frozenset[int], _Matcher] = {}

    def skip(self, text: str, pos: int) -> int:
        """The position after any ignored text at `pos`."""
        ignore = self._ignore
        if ignore is None:
            return pos
        while pos < len(text):
            m = ignore.match(text, pos)
            if m is None or m.end() == pos:
                break
            pos = m.end()
        return pos

    def matcher(self, kinds: frozenset[int]) -> _Matcher:
        found = self._matchers.get(kinds)
        if found is None:
            found = self._matchers[kinds] = _Matcher(self.grammar, self._compiled, kinds)
        return found

    def next(self, text: str, pos: int, kinds: frozenset[int]) -> Lexeme | None:
        """The lexeme at `pos` (after ignored text) among `kinds`, or None when none matches."""
        pos = self.skip(text, pos)
        m = self.matcher(kinds)
        if pos >= len(text):
            return Lexeme((END,), pos, pos) if m.accepts_end else None
        best_len = 0
        best: list[int] = []
        literals = m.literals
        if literals:
            for length in range(min(m.max_literal, len(text) - pos), 0, -1):
                kind = literals.get(text[pos : pos + length])
                if kind is not None:
                    best_len, best = length, [kind]
                    break
        best_priority = 0
        literal_won = bool(best)
        for kind, pattern, priority in m.patterns:
            match = pattern.match(text, pos)
            if match is None:
                continue
            length = match.end() - pos
            if length == 0 or length < best_len:
                continue
            if text[pos : pos + length] in self._all_literals:
                continue  # keywords are reserved
            if length > best_len or literal_won:
                if length == best_len and literal_won:
                    continue  # a literal beats a regex on the same text
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
