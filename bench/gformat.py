"""A reader for glrkit's grammar text format, and translators into other systems' syntax.

Every benchmark grammar is written once, in glrkit's format, under bench/grammars/. The other
systems get a mechanical translation of the same grammar:

* Lark: EBNF passes through as it is (Lark has ?, *, + and groups natively).
* parglare and Bison: the EBNF is desugared into plain BNF first, with left-recursive helper
  rules for repetitions (the shape LR parsers like best), so both see the same productions.

This reader is deliberately independent of glrkit's own grammar loader: it is the benchmark's
reference for what a grammar means, and it keeps the suite usable while glrkit is unfinished.
It covers what the benchmark grammars use: rules, %empty, ?, *, +, groups, quoted literals,
named terminals (/regex/ or "string"), %start, %ignore and yacc-style %left/%right/%nonassoc
lines (later lines bind tighter; a production takes the precedence of its last terminal).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

GRAMMAR_DIR = Path(__file__).resolve().parent / "grammars"


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Ref:
    """A symbol used in a rule: a nonterminal, a named terminal or a quoted literal."""

    name: str  # nonterminal name, terminal name, or the literal's decoded text
    kind: str  # "nt" | "term" | "lit"

    @property
    def key(self) -> str:
        """Unique spelling: literals keep their quotes, names stay bare."""
        return _quote(self.name) if self.kind == "lit" else self.name


@dataclass(frozen=True)
class Seq:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Alt:
    alts: tuple[Seq, ...]


@dataclass(frozen=True)
class Repeat:
    body: Expr
    op: str  # "?" | "*" | "+"


Expr = Ref | Alt | Repeat | Seq


@dataclass(frozen=True)
class TerminalDef:
    name: str
    kind: str  # "regex" | "string"
    pattern: str  # regex source, or the decoded string


@dataclass(frozen=True)
class BnfRule:
    lhs: str
    rhs: tuple[Ref, ...]
    helper: bool  # introduced by desugaring (hidden in glrkit's trees)


@dataclass
class GrammarDef:
    name: str
    text: str  # the original glrkit-format text
    start: str
    rules: dict[str, Alt]  # in order of definition
    terminals: dict[str, TerminalDef]
    ignore: list[str] = field(default_factory=list)
    precedence: list[tuple[str, list[Ref]]] = field(default_factory=list)

    # ---- derived views

    def bnf(self) -> list[BnfRule]:
        """Plain BNF, start symbol first, helpers right after the rule that introduced them.

        `x?`, `x*`, `x+` of a single symbol share one helper per symbol across the grammar
        (x_opt, x_star, x_plus, as in hand-written yacc grammars); other groups get a
        helper per occurrence.
        """
        out: list[BnfRule] = []
        done: set[str] = set()
        order = [self.start] + [n for n in self.rules if n != self.start]
        for name in order:
            counter = [0]
            for seq in self.rules[name].alts:
                rhs = tuple(_flatten(name, seq, out, counter, done))
                out.append(BnfRule(name, rhs, False))
        return _parents_first(out)

    def literals(self) -> list[str]:
        seen: dict[str, None] = {}
        for rule in self.bnf():
            for ref in rule.rhs:
                if ref.kind == "lit":
                    seen.setdefault(ref.name, None)
        return list(seen)

    def stats(self) -> dict[str, int]:
        bnf = self.bnf()
        return {
            "productions": len(bnf),
            "nonterminals": len({r.lhs for r in bnf}),
            "terminals": len(self.terminals) + len(self.literals()),
        }

    def precedence_of(self, rhs: tuple[Ref, ...]) -> tuple[str, int] | None:
        """yacc rule: a production's precedence is that of its last terminal with one."""
        levels: dict[str, tuple[str, int]] = {}
        for level, (assoc, refs) in enumerate(self.precedence, start=1):
            for ref in refs:
                levels[ref.key] = (assoc, level)
        for ref in reversed(rhs):
            if ref.kind != "nt" and ref.key in levels:
                return levels[ref.key]
        return None


def _flatten(
    parent: str, seq: Seq, out: list[BnfRule], counter: list[int], done: set[str]
) -> Iterator[Ref]:
    for item in seq.items:
        if isinstance(item, Ref):
            yield item
        elif isinstance(item, Seq):
            yield from _flatten(parent, item, out, counter, done)
        else:
            if isinstance(item, Repeat) and isinstance(item.body, Ref):
                base = item.body.name if item.body.kind != "lit" else f"lit{_lit_id(item.body)}"
                helper = f"{base}_" + {"?": "opt", "*": "star", "+": "plus"}[item.op]
            else:
                counter[0] += 1
                helper = f"{parent}__{counter[0]}"
            me = Ref(helper, "nt")
            if helper not in done:
                done.add(helper)
                if isinstance(item, Alt):
                    for alt in item.alts:
                        rhs = tuple(_flatten(parent, alt, out, counter, done))
                        out.append(BnfRule(helper, rhs, True))
                else:
                    body = tuple(_flatten(parent, _as_seq(item.body), out, counter, done))
                    if item.op == "?":
                        out.append(BnfRule(helper, body, True))
                        out.append(BnfRule(helper, (), True))
                    elif item.op == "*":
                        out.append(BnfRule(helper, (me, *body), True))
                        out.append(BnfRule(helper, (), True))
                    else:  # "+"
                        out.append(BnfRule(helper, (me, *body), True))
                        out.append(BnfRule(helper, body, True))
            yield me


def _lit_id(ref: Ref) -> str:
    return "".join(c if c.isalnum() else f"{ord(c):x}" for c in ref.name)


def _as_seq(expr: Expr) -> Seq:
    return expr if isinstance(expr, Seq) else Seq((expr,))


def _parents_first(rules: list[BnfRule]) -> list[BnfRule]:
    """Stable order by first appearance of each left-hand side as a parent rule."""
    order: dict[str, int] = {}
    for rule in rules:
        if not rule.helper:
            order.setdefault(rule.lhs, len(order))
    for rule in rules:
        order.setdefault(rule.lhs, len(order))
    return sorted(rules, key=lambda r: order[r.lhs])


# --------------------------------------------------------------------------- reader

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+|\#[^\n]*)
  | (?P<directive>%[A-Za-z_]+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<regex>/(?:[^/\\\n]|\\.)+/)
  | (?P<punct>[:|;()?*+])
    """,
    re.VERBOSE,
)


class FormatError(ValueError):
    pass


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            line = text.count("\n", 0, pos) + 1
            raise FormatError(f"line {line}: cannot read {text[pos:pos + 20]!r}")
        kind = m.lastgroup or ""
        if kind != "ws":
            out.append((kind, m.group(), pos))
        pos = m.end()
    out.append(("eof", "", pos))
    return out


def _decode_string(token: str) -> str:
    body = token[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), body)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_terminal_name(name: str) -> bool:
    return name.isupper() or (name.upper() == name and any(c.isalpha() for c in name))


class _Reader:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.text = text

    def peek(self) -> tuple[str, str, int]:
        return self.toks[self.i]

    def take(self, kind: str | None = None, value: str | None = None) -> tuple[str, str, int]:
        tok = self.toks[self.i]
        if (kind and tok[0] != kind) or (value and tok[1] != value):
            line = self.text.count("\n", 0, tok[2]) + 1
            raise FormatError(f"line {line}: expected {value or kind}, found {tok[1]!r}")
        self.i += 1
        return tok

    def on_same_line(self, a: int, b: int) -> bool:
        return "\n" not in self.text[a:b]


def parse_grammar(text: str, name: str = "grammar") -> GrammarDef:
    r = _Reader(text)
    rules: dict[str, Alt] = {}
    terminals: dict[str, TerminalDef] = {}
    ignore: list[str] = []
    precedence: list[tuple[str, list[Ref]]] = []
    start: str | None = None
    while r.peek()[0] != "eof":
        kind, value, pos = r.peek()
        if kind == "directive":
            r.take()
            if value == "%start":
                start = r.take("name")[1]
            elif value == "%ignore":
                tok = r.take()
                skip = tok[1][1:-1] if tok[0] == "regex" else re.escape(_decode_string(tok[1]))
                ignore.append(skip)
            elif value in ("%left", "%right", "%nonassoc"):
                refs: list[Ref] = []
                while r.peek()[0] in ("string", "name") and r.on_same_line(pos, r.peek()[2]):
                    tok = r.take()
                    if tok[0] == "string":
                        refs.append(Ref(_decode_string(tok[1]), "lit"))
                    else:
                        refs.append(Ref(tok[1], "term"))
                precedence.append((value[1:], refs))
            else:
                raise FormatError(f"unknown directive {value}")
            continue
        lhs = r.take("name")[1]
        r.take("punct", ":")
        if _is_terminal_name(lhs):
            tok = r.take()
            if tok[0] == "regex":
                terminals[lhs] = TerminalDef(lhs, "regex", tok[1][1:-1].replace("\\/", "/"))
            elif tok[0] == "string":
                terminals[lhs] = TerminalDef(lhs, "string", _decode_string(tok[1]))
            else:
                raise FormatError(f"terminal {lhs} needs /regex/ or \"string\"")
        else:
            alt = _parse_alt(r)
            if lhs in rules:
                alt = Alt(rules[lhs].alts + alt.alts)
            rules[lhs] = alt
        r.take("punct", ";")
    if not rules:
        raise FormatError("no rules")
    return GrammarDef(
        name=name,
        text=text,
        start=start or next(iter(rules)),
        rules=rules,
        terminals=terminals,
        ignore=ignore,
        precedence=precedence,
    )


def _parse_alt(r: _Reader) -> Alt:
    alts = [_parse_seq(r)]
    while r.peek()[1] == "|":
        r.take()
        alts.append(_parse_seq(r))
    return Alt(tuple(alts))


def _parse_seq(r: _Reader) -> Seq:
    items: list[Expr] = []
    while True:
        kind, value, _ = r.peek()
        if kind == "directive" and value == "%empty":
            r.take()
            continue
        if kind == "name":
            r.take()
            item: Expr = Ref(value, "term" if _is_terminal_name(value) else "nt")
        elif kind == "string":
            r.take()
            item = Ref(_decode_string(value), "lit")
        elif value == "(":
            r.take()
            inner = _parse_alt(r)
            r.take("punct", ")")
            item = inner.alts[0] if len(inner.alts) == 1 else inner
        else:
            return Seq(tuple(items))
        while r.peek()[1] in ("?", "*", "+"):
            item = Repeat(item, r.take()[1])
        items.append(item)


def load(name: str) -> GrammarDef:
    path = GRAMMAR_DIR / f"{name}.glr"
    return parse_grammar(path.read_text(), name)


# --------------------------------------------------------------------------- transforms


def renamed_copy(g: GrammarDef, suffix: str) -> GrammarDef:
    """A disjoint copy: every nonterminal, terminal and literal gets `suffix`."""

    def ref(x: Ref) -> Ref:
        # terminal names must stay uppercase (Lark insists), so they get the suffix in upper case
        return Ref(x.name + (suffix.upper() if x.kind == "term" else suffix), x.kind)

    def expr(e: Expr) -> Expr:
        if isinstance(e, Ref):
            return ref(e)
        if isinstance(e, Seq):
            return Seq(tuple(expr(i) for i in e.items))
        if isinstance(e, Alt):
            return Alt(tuple(Seq(tuple(expr(i) for i in s.items)) for s in e.alts))
        return Repeat(expr(e.body), e.op)

    rules = {k + suffix: Alt(tuple(Seq(tuple(expr(i) for i in s.items)) for s in v.alts))
             for k, v in g.rules.items()}
    terms = {}
    for t in g.terminals.values():
        pattern = f"(?:{t.pattern}){re.escape(suffix)}" if t.kind == "regex" else t.pattern + suffix
        name = t.name + suffix.upper()
        terms[name] = TerminalDef(name, t.kind, pattern)
    prec = [(a, [ref(x) for x in refs]) for a, refs in g.precedence]
    return GrammarDef(g.name + suffix, "", g.start + suffix, rules, terms, list(g.ignore), prec)


def doubled(g: GrammarDef, suffix: str = "_b") -> GrammarDef:
    """The union of `g` and its renamed copy, under a new start symbol."""
    copy = renamed_copy(g, suffix)
    top = "both" + suffix
    rules = {top: Alt((Seq((Ref(g.start, "nt"),)), Seq((Ref(copy.start, "nt"),))))}
    rules.update(g.rules)
    rules.update(copy.rules)
    out = GrammarDef(
        name=g.name + "_doubled",
        text="",
        start=top,
        rules=rules,
        terminals={**g.terminals, **copy.terminals},
        ignore=list(g.ignore),
        precedence=g.precedence + copy.precedence,
    )
    out.text = to_glrkit(out)
    return out


# --------------------------------------------------------------------------- emitters


def _ebnf(e: Expr) -> str:
    if isinstance(e, Ref):
        return _quote(e.name) if e.kind == "lit" else e.name
    if isinstance(e, Seq):
        return " ".join(_ebnf(i) for i in e.items)
    if isinstance(e, Alt):
        return "(" + " | ".join(_ebnf(s) for s in e.alts) + ")"
    inner = _ebnf(e.body)
    if not isinstance(e.body, Ref | Alt):
        inner = f"({inner})"
    return inner + e.op


def _regex_slashes(pattern: str) -> str:
    return "/" + pattern.replace("/", "\\/") + "/"


def to_glrkit(g: GrammarDef) -> str:
    lines = [f"%start {g.start}"]
    lines += [f"%ignore {_regex_slashes(p)}" for p in g.ignore]
    for assoc, refs in g.precedence:
        lines.append(f"%{assoc} " + " ".join(r.key for r in refs))
    for name, alt in g.rules.items():
        body = " | ".join(_ebnf(s) if s.items else "%empty" for s in alt.alts)
        lines.append(f"{name} : {body} ;")
    for t in g.terminals.values():
        value = _regex_slashes(t.pattern) if t.kind == "regex" else _quote(t.pattern)
        lines.append(f"{t.name} : {value} ;")
    return "\n".join(lines) + "\n"


def to_lark(g: GrammarDef) -> str:
    """Lark grammar text; use it with Lark(text, start=g.start)."""
    if g.precedence:
        raise NotImplementedError("Lark has no operator precedence declarations")
    lines = []
    for name, alt in g.rules.items():
        body = " | ".join(_ebnf(s) for s in alt.alts)  # an empty alternative stays empty
        lines.append(f"{name}: {body}")
    for t in g.terminals.values():
        value = _regex_slashes(t.pattern) if t.kind == "regex" else _quote(t.pattern)
        lines.append(f"{t.name}: {value}")
    lines += [f"%ignore {_regex_slashes(p)}" for p in g.ignore]
    return "\n".join(lines) + "\n"


def to_parglare(g: GrammarDef) -> str:
    """parglare grammar text (BNF, start rule first); layout must be whitespace."""
    if any(p not in (r"\s+", r"[ \t\r\n]+") for p in g.ignore):
        raise NotImplementedError("only whitespace %ignore is translated for parglare")
    # parglare reads a literal with a dot in it ("." or "...") as a module reference, so
    # such literals become named terminals
    dotted = {lit: f"DOT{i}_" for i, lit in enumerate(g.literals()) if "." in lit}

    def pg_ref(r: Ref) -> str:
        if r.kind == "lit":
            return dotted.get(r.name) or _quote(r.name)
        return r.name

    by_lhs: dict[str, list[str]] = {}
    for rule in g.bnf():
        alt = " ".join(pg_ref(r) for r in rule.rhs) if rule.rhs else "EMPTY"
        prec = g.precedence_of(rule.rhs)
        if prec is not None:
            assoc, level = prec
            alt += f" {{{'nops' if assoc == 'nonassoc' else assoc}, {level}}}"
        by_lhs.setdefault(rule.lhs, []).append(alt)
    lines = [f"{lhs}: {' | '.join(alts)};" for lhs, alts in by_lhs.items()]
    terminal_lines = [f"{name}: {_quote(lit)};" for lit, name in dotted.items()]
    for t in g.terminals.values():
        value = _regex_slashes(t.pattern) if t.kind == "regex" else _quote(t.pattern)
        terminal_lines.append(f"{t.name}: {value};")
    if terminal_lines:  # parglare rejects an empty terminals section
        lines += ["terminals", *terminal_lines]
    return "\n".join(lines) + "\n"


def bison_token_names(g: GrammarDef) -> dict[str, str]:
    """Ref.key -> Bison token name."""
    names = {t: f"T_{t}" for t in g.terminals}
    for i, lit in enumerate(g.literals(), start=1):
        names[_quote(lit)] = f"L{i}_"
    return names


def to_bison_rules(g: GrammarDef, action: Callable[[int, str, int], str], merge: str | None) -> str:
    """The declarations and rules part of a Bison grammar.

    `action(n, vals, rule)` gives the C action of a rule with `n` right-hand symbols, whose
    values are `vals` ("$1, $2, ..."), numbered `rule`; `merge` names a %merge function.
    A top rule `bench_top` stores the start symbol's value in `bench_result`.
    """
    toks = bison_token_names(g)
    out = [f"%token {' '.join(toks.values())}"]
    for assoc, refs in g.precedence:
        out.append(f"%{assoc} " + " ".join(toks[r.key] for r in refs))
    out.append("%%")
    out.append(f"bench_top: {_bison_nt(g.start)} {{ bench_result = $1; }} ;")
    by_lhs: dict[str, list[str]] = {}
    for number, rule in enumerate(g.bnf()):
        syms = [toks[r.key] if r.kind != "nt" else _bison_nt(r.name) for r in rule.rhs]
        vals = ", ".join(f"${i}" for i in range(1, len(syms) + 1))
        body = " ".join(syms) if syms else "%empty"
        if merge:
            body += f" %merge <{merge}>"
        by_lhs.setdefault(_bison_nt(rule.lhs), []).append(
            f"{body} {{ {action(len(syms), vals, number)} }}"
        )
    for lhs, alts in by_lhs.items():
        out.append(f"{lhs}: " + "\n    | ".join(alts) + " ;")
    return "\n".join(out) + "\n"


def _bison_nt(name: str) -> str:
    return "n_" + name
