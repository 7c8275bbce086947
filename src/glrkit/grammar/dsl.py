"""Grammar text -> surface syntax tree with spans. Hand-written: a scanner and a recursive descent.

The reader never stops at the first mistake: it records an issue, skips to the next `;`, and goes
on, so a user sees every mistake of a grammar in one go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from glrkit.errors import GrammarIssue

# -- surface syntax ---------------------------------------------------------------------------


@dataclass
class Span:
    offset: int
    line: int
    column: int
    width: int = 1


@dataclass
class Item:
    """One element of an alternative. kind: sym | lit | regex | group | repeat."""

    kind: str
    span: Span
    text: str = ""  # symbol name, literal text, or regex source
    flags: str = ""
    op: str = ""  # for repeat: ? * +
    inner: Item | None = None  # for repeat
    alternatives: list[Alternative] = field(default_factory=list)  # for group
    name: str | None = None  # child name (`left=expr`)


@dataclass
class Alternative:
    items: list[Item]
    span: Span
    label: str | None = None
    prec: str | None = None
    prec_span: Span | None = None
    weight: float | None = None
    explicit_empty: bool = False
    dprec: int | None = None
    mark: str | None = None  # prefer | avoid | reject


@dataclass
class RuleDef:
    name: str
    span: Span
    alternatives: list[Alternative]
    is_terminal: bool
    broken: bool = False  # its text had a syntax error (already reported)


@dataclass
class Directive:
    name: str  # start | ignore | left | right | nonassoc | priority
    span: Span
    args: list[Item]


@dataclass
class SurfaceGrammar:
    rules: list[RuleDef]
    directives: list[Directive]
    issues: list[GrammarIssue]


# -- scanner ----------------------------------------------------------------------------------


@dataclass
class _Tok:
    kind: str  # ident, string, regex, punct, directive, number, eof, error
    text: str
    span: Span
    flags: str = ""


_PUNCT = ":|;()?*+=@"
_MARKS = ("prefer", "avoid", "reject")
_REGEX_FLAGS = "imsxu"


class _Scanner:
    def __init__(self, text: str, source_name: str) -> None:
        self.text = text
        self.source_name = source_name
        self.pos = 0
        self.line = 1
        self.col = 1
        self.issues: list[GrammarIssue] = []

    def _span(self, start: int, line: int, col: int) -> Span:
        return Span(start, line, col, max(1, self.pos - start))

    def _advance(self, n: int) -> None:
        for ch in self.text[self.pos : self.pos + n]:
            if ch == "\n":
                self.line += 1
                self.col = 1
            else:
                self.col += 1
        self.pos += n

    def issue(self, message: str, span: Span) -> None:
        self.issues.append(
            GrammarIssue(message, span.line, span.column, span.offset, span.width, self.source_name)
        )

    def tokens(self) -> list[_Tok]:
        out: list[_Tok] = []
        while True:
            tok = self._next()
            out.append(tok)
            if tok.kind == "eof":
                return out

    def _skip_space(self) -> None:
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in " \t\r\n":
                self._advance(1)
            elif ch == "#":
                end = text.find("\n", self.pos)
                self._advance((len(text) if end < 0 else end) - self.pos)
            else:
                return

    def _next(self) -> _Tok:
        self._skip_space()
        start, line, col = self.pos, self.line, self.col
        text = self.text
        if self.pos >= len(text):
            return _Tok("eof", "", Span(start, line, col))
        ch = text[self.pos]
        if ch.isalpha() or ch == "_":
            end = self.pos
            while end < len(text) and (text[end].isalnum() or text[end] == "_"):
                end += 1
            self._advance(end - self.pos)
            return _Tok("ident", text[start:end], self._span(start, line, col))
        if ch.isdigit() or (
            ch == "-" and self.pos + 1 < len(text) and text[self.pos + 1].isdigit()
        ):
            end = self.pos + 1
            while end < len(text) and (text[end].isdigit() or text[end] in ".eE-"):
                end += 1
            self._advance(end - self.pos)
            return _Tok("number", text[start:end], self._span(start, line, col))
        if text.startswith("-inf", self.pos) and not text[self.pos + 4 : self.pos + 5].isalnum():
            # a log-weight of -inf: probability 0
            self._advance(4)
            return _Tok("number", "-inf", self._span(start, line, col))
        if ch == "%":
            end = self.pos + 1
            while end < len(text) and (text[end].isalnum() or text[end] == "_"):
                end += 1
            self._advance(end - self.pos)
            return _Tok("directive", text[start + 1 : end], self._span(start, line, col))
        if ch == '"':
            return self._string(start, line, col)
        if ch == "/":
            return self._regex(start, line, col)
        if ch in _PUNCT:
            self._advance(1)
            return _Tok("punct", ch, self._span(start, line, col))
        self._advance(1)
        self.issue(f"unexpected character {ch!r}", self._span(start, line, col))
        return _Tok("error", ch, self._span(start, line, col))

    def _string(self, start: int, line: int, col: int) -> _Tok:
        text = self.text
        chars: list[str] = []
        i = self.pos + 1
        while i < len(text) and text[i] not in '"\n':
            if text[i] == "\\" and i + 1 < len(text) and text[i + 1] != "\n":
                chars.append(_unescape(text[i + 1]))
                i += 2
            else:
                chars.append(text[i])
                i += 1
        if i >= len(text) or text[i] != '"':
            self._advance(i - self.pos)
            self.issue("unterminated string", self._span(start, line, col))
            return _Tok("error", "", self._span(start, line, col))
        self._advance(i + 1 - self.pos)
        span = self._span(start, line, col)
        if not chars:
            self.issue('empty string literal "" (use %empty for an empty alternative)', span)
            return _Tok("error", "", span)
        return _Tok("string", "".join(chars), span)

    def _regex(self, start: int, line: int, col: int) -> _Tok:
        text = self.text
        i = self.pos + 1
        in_class = False
        while i < len(text) and text[i] != "\n":
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "[":
                in_class = True
            elif ch == "]":
                in_class = False
            elif ch == "/" and not in_class:
                break
            i += 1
        if i >= len(text) or text[i] != "/":
            self._advance(min(i, len(text)) - self.pos)
            self.issue("unterminated regular expression", self._span(start, line, col))
            return _Tok("error", "", self._span(start, line, col))
        body = text[self.pos + 1 : i]
        end = i + 1
        while end < len(text) and text[end] in _REGEX_FLAGS:
            end += 1
        flags = text[i + 1 : end]
        self._advance(end - self.pos)
        return _Tok("regex", body, self._span(start, line, col), flags)


def _unescape(ch: str) -> str:
    return {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(ch, ch)


# -- parser -----------------------------------------------------------------------------------


class _SyntaxProblem(Exception):
    pass


class _Reader:
    def __init__(self, text: str, source_name: str) -> None:
        scanner = _Scanner(text, source_name)
        self.toks = scanner.tokens()
        self.scanner = scanner
        self.i = 0
        self.broken: list[RuleDef] = []

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def peek(self, k: int = 1) -> _Tok:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def at(self, kind: str, text: str | None = None) -> bool:
        tok = self.tok
        return tok.kind == kind and (text is None or tok.text == text)

    def expect(self, kind: str, text: str, what: str) -> _Tok:
        if not self.at(kind, text):
            self.fail(f"expected {what}, got {_describe(self.tok)}")
        return self.take()

    def fail(self, message: str, span: Span | None = None) -> None:
        # After a scanner error (already reported) stay quiet: one mistake, one message.
        if self.tok.kind != "error" and self.toks[max(0, self.i - 1)].kind != "error":
            self.scanner.issue(message, span or self.tok.span)
        raise _SyntaxProblem

    def recover(self) -> None:
        """Skip past the next `;` (or to a line that starts a new definition)."""
        start_line = self.tok.span.line
        while not self.at("eof"):
            tok = self.take()
            if tok.kind == "punct" and tok.text == ";":
                return
            if self.tok.span.line > start_line and self.tok.span.column == 1:
                return

    def grammar(self) -> SurfaceGrammar:
        rules: list[RuleDef] = []
        directives: list[Directive] = []
        while not self.at("eof"):
            try:
                if self.at("directive"):
                    directives.append(self.directive())
                else:
                    rules.append(self.rule())
            except _SyntaxProblem:
                self.recover()
                rules.extend(self.broken)
                self.broken.clear()
        return SurfaceGrammar(rules, directives, self.scanner.issues)

    def directive(self) -> Directive:
        tok = self.take()
        name = tok.text
        args: list[Item] = []
        if name not in ("start", "ignore", "left", "right", "nonassoc", "priority"):
            self.fail(f"unknown directive %{name}", tok.span)
        # Arguments run to the end of the line (or an optional `;`).
        line = tok.span.line
        while not self.at("eof") and self.tok.span.line == line and not self.at("punct", ";"):
            arg = self.take()
            kind = {"ident": "sym", "string": "lit", "regex": "regex", "number": "num"}.get(
                arg.kind
            )
            if kind is None:
                self.fail(f"unexpected {_describe(arg)} in %{name}", arg.span)
            args.append(Item(kind or "sym", arg.span, arg.text, arg.flags))
        if self.at("punct", ";"):
            self.take()
        return Directive(name, tok.span, args)

    def rule(self) -> RuleDef:
        tok = self.tok
        if tok.kind != "ident":
            self.fail(f"expected a rule name, got {_describe(tok)}")
        self.take()
        self.expect("punct", ":", "':' after the rule name " + repr(tok.text))
        is_terminal = tok.text[0].isupper()
        alternatives: list[Alternative] = []
        try:
            alternatives.append(self.alternative(top=True))
            while self.at("punct", "|"):
                self.take()
                alternatives.append(self.alternative(top=True))
            if self.tok.kind == "ident" and self.peek().text == ":":
                self.fail(
                    f"missing ';' at the end of the rule {tok.text!r}", self.toks[self.i - 1].span
                )
            if not self.at("punct", ";"):
                self.fail(
                    f"expected ';' or '|' after the rule {tok.text!r}, got {_describe(self.tok)}"
                )
        except _SyntaxProblem:
            # Keep the name defined, so its uses elsewhere do not cascade into more errors.
            self.broken.append(RuleDef(tok.text, tok.span, [], is_terminal, broken=True))
            raise
        self.take()
        return RuleDef(tok.text, tok.span, alternatives, is_terminal)

    def alternative(self, top: bool) -> Alternative:
        start = self.tok.span
        alt = Alternative([], Span(start.offset, start.line, start.column))
        while True:
            tok = self.tok
            if tok.kind == "directive" and tok.text == "empty":
                self.take()
                alt.explicit_empty = True
            elif tok.kind == "directive" and tok.text == "prec" and top:
                self.take()
                arg = self.take()
                if arg.kind not in ("ident", "string"):
                    self.fail(f"expected a terminal after %prec, got {_describe(arg)}", arg.span)
                alt.prec = arg.text if arg.kind == "ident" else _quote(arg.text)
                alt.prec_span = arg.span
            elif tok.kind == "directive" and tok.text in ("weight", "prob") and top:
                self.take()
                if alt.weight is not None:
                    self.fail("an alternative takes one %weight or %prob", tok.span)
                value = self.number()
                if math.isnan(value) or value == math.inf:
                    self.fail(f"%{tok.text} takes a number below infinity", tok.span)
                if tok.text == "prob":
                    if not 0.0 < value < math.inf:
                        self.fail(f"%prob takes a positive number, got {value:g}", tok.span)
                    value = math.log(value)
                alt.weight = value
            elif tok.kind == "directive" and tok.text == "dprec" and top:
                self.take()
                value = self.number()
                if value != int(value):
                    self.fail(f"%dprec takes a whole number, got {value:g}", tok.span)
                alt.dprec = int(value)
            elif tok.kind == "directive" and tok.text in _MARKS and top:
                self.take()
                if alt.mark is not None and alt.mark != tok.text:
                    self.fail(f"%{tok.text} cannot be combined with %{alt.mark}", tok.span)
                alt.mark = tok.text
            elif tok.kind == "punct" and tok.text == "@" and top:
                self.take()
                label = self.take()
                if label.kind != "ident":
                    self.fail(
                        f"expected a label name after '@', got {_describe(label)}", label.span
                    )
                alt.label = label.text
            elif self.starts_item():
                alt.items.append(self.item())
            elif tok.kind == "directive":
                self.fail(f"unexpected %{tok.text} inside a rule", tok.span)
            else:
                break
        if alt.explicit_empty and alt.items:
            self.scanner.issue("%empty cannot be combined with other symbols", start)
        return alt

    def number(self) -> float:
        tok = self.take()
        try:
            return float(tok.text)
        except ValueError:
            self.fail(f"expected a number, got {_describe(tok)}", tok.span)
            raise

    def starts_item(self) -> bool:
        tok = self.tok
        if tok.kind in ("string", "regex"):
            return True
        if tok.kind == "punct" and tok.text == "(":
            return True
        # An identifier followed by ':' starts the next rule (a missing ';').
        return tok.kind == "ident" and not (self.peek().kind == "punct" and self.peek().text == ":")

    def item(self) -> Item:
        name: str | None = None
        if self.tok.kind == "ident" and self.peek().kind == "punct" and self.peek().text == "=":
            name = self.take().text
            self.take()
        atom = self.atom()
        atom.name = name
        while self.tok.kind == "punct" and self.tok.text in "?*+":
            op = self.take()
            atom = Item("repeat", atom.span, op=op.text, inner=atom, name=atom.name)
        return atom

    def atom(self) -> Item:
        tok = self.take()
        if tok.kind == "ident":
            return Item("sym", tok.span, tok.text)
        if tok.kind == "string":
            return Item("lit", tok.span, tok.text)
        if tok.kind == "regex":
            return Item("regex", tok.span, tok.text, tok.flags)
        if tok.kind == "punct" and tok.text == "(":
            alternatives = [self.alternative(top=False)]
            while self.at("punct", "|"):
                self.take()
                alternatives.append(self.alternative(top=False))
            self.expect("punct", ")", "')' to close the group")
            return Item("group", tok.span, alternatives=alternatives)
        self.fail(f"expected a symbol, got {_describe(tok)}", tok.span)
        raise AssertionError  # unreachable: fail raises


def _describe(tok: _Tok) -> str:
    if tok.kind == "eof":
        return "end of grammar"
    if tok.kind == "string":
        return _quote(tok.text)
    if tok.kind == "regex":
        return f"/{tok.text}/"
    if tok.kind == "directive":
        return f"%{tok.text}"
    return repr(tok.text)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_grammar(text: str, source_name: str = "<grammar>") -> SurfaceGrammar:
    """Read grammar text into its surface form; syntax issues are collected, not raised."""
    return _Reader(text, source_name).grammar()
