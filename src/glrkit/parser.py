"""The facade: `Parser(grammar).parse(text) -> Forest`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from glrkit._text import LineIndex, show_text
from glrkit.engine.rnglr import RNGLR, NextLexeme, Recovered, Stuck
from glrkit.errors import ParseError, TokenError
from glrkit.forest.filter import DisambiguationError
from glrkit.forest.forest import Forest
from glrkit.forest.sppf import epsilon_forest
from glrkit.grammar.analysis import analyse
from glrkit.grammar.model import END, Grammar
from glrkit.lex.lexer import ContextualLexer, Lexeme, Scanner
from glrkit.tables import cache as table_cache
from glrkit.tables.build import build_table
from glrkit.tables.table import ParseTable

VERSION = "0.1.0"


@dataclass(frozen=True)
class Token:
    """A pre-lexed token for `Parser.parse_tokens`.

    `kinds` is one terminal name or several (a word that may be a noun or a verb); names are as
    written in the grammar (`NUMBER`, `'"+"'`) or a literal's bare text (`'+'`). `text` defaults
    to the literal's text or the name.
    """

    kinds: str | tuple[str, ...] | frozenset[str] | list[str]
    text: str | None = None


class Parser:
    """Builds (or loads) the tables for a grammar once; then parses any number of inputs.

    `cache=False` disables the on-disk table cache; `cache_dir` overrides where it lives
    (default: $GLRKIT_CACHE_DIR, else the user's cache folder).
    """

    def __init__(
        self,
        grammar: Grammar,
        *,
        cache: bool = True,
        cache_dir: str | Path | None = None,
        recover: bool = False,
        disambiguate: bool = True,
    ) -> None:
        self.grammar = grammar
        self.recover = recover
        # A grammar that declares %reject, %dprec, %prefer or %avoid gets them applied to
        # every forest, as Bison applies %dprec; `disambiguate=False` keeps the full forest.
        self._declared = disambiguate and any(r.mark or r.dprec for r in grammar.rules)
        self.table = _load_table(grammar, cache, cache_dir)
        facts = analyse(grammar)
        self._may_cycle = bool(facts.cyclic)
        self._engine = RNGLR(
            self.table,
            epsilon_forest(grammar, facts.nullable),
            [(r.lhs, r.rhs) for r in grammar.rules],
        )
        self._lexer = ContextualLexer(grammar)

    def parse(self, text: str, source_name: str = "<input>") -> Forest:
        """Parse text; raises ParseError (line, column, expected terminals) when it is not
        in the language."""
        lexer = self._lexer
        every = len(self.grammar.terminals)

        def next_lexeme(position: int, kinds: frozenset[int]) -> Lexeme | None:
            found = lexer.next(text, position, kinds)
            if found is None and len(kinds) == every:  # recovery asks: name the bad character
                start = lexer.skip(text, position)
                return Lexeme((), start, start + 1)
            return found

        scanner = lexer.scanner
        return self._run(next_lexeme, text, source_name, (scanner, text) if scanner else None)

    def _run(
        self,
        next_lexeme: NextLexeme,
        text: str,
        source_name: str,
        scan: tuple[Scanner, str] | None = None,
    ) -> Forest:
        try:
            parsed = self._engine.parse(next_lexeme, recover=self.recover, scan=scan)
        except Stuck as stuck:
            raise self._error(stuck, text, source_name) from None
        errors = [self._recovered(e, text, source_name) for e in parsed.errors]
        forest = Forest(
            self.grammar,
            parsed.root,
            parsed.offsets,
            text,
            errors,
            parsed.trailing,
            self._may_cycle,
            parsed.ambiguous,
        )
        if not self._declared:
            return forest
        try:
            return forest.disambiguate()
        except DisambiguationError:
            position = LineIndex(text).position(0)
            raise ParseError(
                "every parse of the input is removed by the grammar's %reject declarations",
                offset=0,
                line=position.line,
                column=position.column,
                found=text[:20],
                source=text,
                source_name=source_name,
            ) from None

    def parse_tokens(self, tokens: Iterable[str | Token], source_name: str = "<tokens>") -> Forest:
        """Parse pre-tokenized input; a token may carry several candidate terminal kinds."""
        lexemes: list[Lexeme] = []
        pieces: list[str] = []
        offset = 0
        for token in tokens:
            if pieces:
                offset += 1
            kinds, text = self._resolve_token(token, offset, source_name)
            lexemes.append(Lexeme(kinds, offset, offset + len(text)))
            pieces.append(text)
            offset += len(text)
        source = " ".join(pieces)
        end = Lexeme((END,), len(source), len(source))

        def next_lexeme(position: int, kinds: frozenset[int]) -> Lexeme | None:
            index = _token_at(lexemes, position)
            lexeme = lexemes[index] if index < len(lexemes) else end
            usable = tuple(k for k in lexeme.kinds if k in kinds)
            if not usable:
                return Lexeme(lexeme.kinds, lexeme.start, lexeme.end) if lexeme is not end else None
            return Lexeme(usable, lexeme.start, lexeme.end)

        return self._run(next_lexeme, source, source_name)

    def _resolve_token(
        self, token: str | Token, offset: int, source_name: str
    ) -> tuple[tuple[int, ...], str]:
        names: tuple[str, ...]
        if isinstance(token, Token):
            raw = token.kinds
            names = (raw,) if isinstance(raw, str) else tuple(sorted(raw))
            text = token.text
        else:
            names, text = (token,), None
        kinds: list[int] = []
        for name in names:
            try:
                symbol = self.grammar.symbol(name)
            except KeyError:
                error = self._token_error(f"unknown terminal {name!r}", name, offset, source_name)
                raise error from None
            if not self.grammar.is_terminal(symbol) or symbol == END:
                raise self._token_error(
                    f"{name!r} is not a terminal of the grammar", name, offset, source_name
                )
            kinds.append(symbol)
        if text is None:
            first = self.grammar.terminals[kinds[0]]
            text = first.pattern if first.is_literal and first.pattern else names[0]
        return tuple(dict.fromkeys(kinds)), text

    @staticmethod
    def _token_error(message: str, name: str, offset: int, source_name: str) -> TokenError:
        return TokenError(
            message,
            offset=offset,
            line=1,
            column=offset + 1,
            found=name,
            source_name=source_name,
        )

    def _recovered(self, error: Recovered, text: str, source_name: str) -> ParseError:
        """A repaired error: the ParseError it would have been, plus what was done."""
        found = self._error(Stuck(error.position, error.lexeme, error.expected), text, source_name)
        names = self.grammar.terminals
        if error.repair == "delete":
            skipped = text[error.deleted[0][0] : error.deleted[-1][1]]
            found.repair = f"deleted {show_text(skipped)}"
        elif error.repair == "insert":
            found.repair = f"inserted {names[error.inserted].display}"
        else:
            found.repair = f"replaced {show_text(found.found)} by {names[error.inserted].display}"
        return found

    def _error(self, stuck: Stuck, text: str, source_name: str) -> ParseError:
        grammar = self.grammar
        expected = sorted(
            "end of input" if t == END else grammar.terminals[t].display for t in stuck.expected
        )
        lexeme = stuck.lexeme
        if lexeme is None and self._lexer.skip(text, stuck.position) >= len(text):
            offset, found = stuck.position, ""
            message = "unexpected end of input"
        elif lexeme is None:
            offset = self._lexer.skip(text, stuck.position)
            every = frozenset(range(1, len(grammar.terminals)))
            anything = self._lexer.next(text, offset, every)
            if anything is None:
                found = text[offset : offset + 1]
                message = f"unexpected character {show_text(found)}"
            else:
                lexeme = anything
        if lexeme is None:
            pass
        elif lexeme.kinds == (END,):
            offset, found = stuck.position, ""
            message = "unexpected end of input"
        else:
            offset, found = lexeme.start, text[lexeme.start : lexeme.end]
            kinds = " or ".join(grammar.terminals[k].display for k in lexeme.kinds)
            kinds = kinds or "character"
            shown = kinds if kinds.startswith('"') else f"{kinds} {show_text(found)}"
            message = f"unexpected {shown}"
        position = LineIndex(text).position(offset)
        return ParseError(
            message,
            offset=offset,
            line=position.line,
            column=position.column,
            found=found,
            expected=expected,
            source=text,
            source_name=source_name,
        )


def _token_at(lexemes: list[Lexeme], position: int) -> int:
    # Positions handed back are token ends; the next token starts one space later.
    lo, hi = 0, len(lexemes)
    while lo < hi:
        mid = (lo + hi) // 2
        if lexemes[mid].start < position:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _load_table(grammar: Grammar, cache: bool, cache_dir: str | Path | None) -> ParseTable:
    if not cache:
        return build_table(grammar)
    directory = Path(cache_dir) if cache_dir is not None else table_cache.default_cache_dir()
    fingerprint = grammar.fingerprint()
    key = table_cache.cache_key(fingerprint, VERSION)
    table = table_cache.load(directory, key, fingerprint)
    if table is None:
        table = build_table(grammar)
        table_cache.store(directory, key, table)
    return table
