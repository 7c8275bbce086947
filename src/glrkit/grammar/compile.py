"""Surface grammar -> normalized `Grammar`, in ordered passes: terminals, directives, rules
(resolving names and desugaring `?`, `*`, `+` and groups into hidden rules), then validation.

Every pass records issues instead of raising, so one `GrammarError` lists all mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from glrkit.errors import GrammarError, GrammarIssue
from glrkit.grammar.analysis import analyse
from glrkit.grammar.dsl import Alternative, Item, RuleDef, Span, SurfaceGrammar, read_grammar
from glrkit.grammar.model import (
    ACCEPT_NAME,
    END_NAME,
    Grammar,
    Nonterminal,
    Precedence,
    Rule,
    Terminal,
    quote_literal,
)

_FLAG_BITS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE, "u": 0}


def regex_flags(flags: str) -> int:
    bits = 0
    for ch in flags:
        bits |= _FLAG_BITS.get(ch, 0)
    return bits


@dataclass
class _PendingRule:
    lhs: int
    rhs: list[int]
    names: list[str | None]
    label: str | None = None
    prec_terminal: int | None = None
    weight: float | None = None
    line: int = 0
    dprec: int = 0
    mark: str = ""


@dataclass
class _Compiler:
    source: str
    source_name: str
    issues: list[GrammarIssue] = field(default_factory=list)
    warnings: list[GrammarIssue] = field(default_factory=list)
    terminals: list[Terminal] = field(default_factory=list)
    terminal_ids: dict[str, int] = field(default_factory=dict)
    literal_ids: dict[str, int] = field(default_factory=dict)  # literal text -> terminal
    nonterminals: list[Nonterminal] = field(default_factory=list)
    nonterminal_ids: dict[str, int] = field(default_factory=dict)
    rules: list[_PendingRule] = field(default_factory=list)
    aux_cache: dict[tuple[object, ...], int] = field(default_factory=dict)
    ebnf_text: dict[int, str] = field(default_factory=dict)
    precedence: dict[int, Precedence] = field(default_factory=dict)

    # -- issues ---------------------------------------------------------------------------
    def error(self, message: str, span: Span) -> None:
        self.issues.append(
            GrammarIssue(message, span.line, span.column, span.offset, span.width, self.source_name)
        )

    def warn(self, message: str, span: Span | None) -> None:
        if span is None:
            self.warnings.append(GrammarIssue(message, source_name=self.source_name))
        else:
            self.warnings.append(
                GrammarIssue(
                    message, span.line, span.column, span.offset, span.width, self.source_name
                )
            )

    # -- terminals ------------------------------------------------------------------------
    def add_terminal(self, terminal: Terminal) -> int:
        index = len(self.terminals)
        self.terminals.append(terminal)
        self.terminal_ids[terminal.name] = index
        if terminal.is_literal:
            self.literal_ids.setdefault(terminal.pattern, index)
        return index

    def define_terminal(self, rule: RuleDef) -> None:
        if rule.name in self.terminal_ids:
            self.error(f"terminal {rule.name} is defined twice", rule.span)
            return
        if rule.broken:
            self.add_terminal(Terminal(rule.name, "", True))  # a placeholder; errors are out
            return
        parts: list[Item] = []
        for alt in rule.alternatives:
            if len(alt.items) != 1 or alt.items[0].kind not in ("lit", "regex"):
                self.error(
                    f'terminal {rule.name} must be defined by a "string" or a /regex/ '
                    "(lowercase names are nonterminals)",
                    alt.span if alt.items else rule.span,
                )
                return
            parts.append(alt.items[0])
        if len(parts) == 1 and parts[0].kind == "lit":
            self.add_terminal(Terminal(rule.name, parts[0].text, True))
            return
        flags = "".join(sorted({ch for p in parts for ch in p.flags}))
        pieces = [re.escape(p.text) if p.kind == "lit" else f"(?:{p.text})" for p in parts]
        pattern = parts[0].text if len(parts) == 1 else "|".join(pieces)
        if self.check_regex(pattern, flags, rule.name, parts[0].span):
            self.add_terminal(Terminal(rule.name, pattern, False, flags))
        else:
            self.add_terminal(Terminal(rule.name, "", True))  # a placeholder: no cascades

    def check_regex(self, pattern: str, flags: str, name: str, span: Span) -> bool:
        try:
            compiled = re.compile(pattern, regex_flags(flags))
        except re.error as exc:
            self.error(f"bad regular expression for {name}: {exc}", span)
            return False
        if compiled.match("") is not None:
            self.error(f"terminal {name} matches the empty string", span)
            return False
        return True

    def literal(self, text: str) -> int:
        found = self.literal_ids.get(text)
        if found is not None:
            return found
        return self.add_terminal(Terminal(quote_literal(text), text, True))

    def anonymous_regex(self, item: Item) -> int | None:
        name = f"/{item.text}/{item.flags}"
        if name in self.terminal_ids:
            return self.terminal_ids[name]
        if not self.check_regex(item.text, item.flags, name, item.span):
            return None
        return self.add_terminal(Terminal(name, item.text, False, item.flags))

    # -- nonterminals ---------------------------------------------------------------------
    def add_nonterminal(self, name: str, hidden: bool = False) -> int:
        index = len(self.nonterminals)
        self.nonterminals.append(Nonterminal(name, hidden))
        self.nonterminal_ids[name] = index
        return index

    def symbol_id(self, item: Item) -> int | None:
        """Resolve a symbol reference to a (provisional) symbol id, or record an issue."""
        if item.kind == "sym":
            if item.text in self.nonterminal_ids:
                return self.nt(self.nonterminal_ids[item.text])
            if item.text in self.terminal_ids:
                return self.terminal_ids[item.text]
            kind = "terminal" if item.text[0].isupper() else "nonterminal"
            self.error(f"undefined {kind} {item.text!r}", item.span)
            return None
        if item.kind == "lit":
            return self.literal(item.text)
        if item.kind == "regex":
            return self.anonymous_regex(item)
        if item.kind == "group":
            return self.group(item)
        return self.repeat(item)

    # Nonterminal ids are provisional (offset by a large constant) until the terminal set is
    # final; `finish` renumbers them after every literal has been seen.
    _NT_BASE = 1 << 30

    def nt(self, index: int) -> int:
        return self._NT_BASE + index

    def group(self, item: Item) -> int | None:
        alts = [self.sequence(alt) for alt in item.alternatives]
        if any(a is None for a in alts):
            return None
        resolved = [a for a in alts if a is not None]
        if len(resolved) == 1 and len(resolved[0][0]) == 1 and not item.alternatives[0].label:
            return resolved[0][0][0]  # `(x)` is just x
        key: tuple[object, ...] = ("group", tuple(tuple(r) for r, _ in resolved))
        text = "(" + " | ".join(self.render_seq(r) for r, _ in resolved) + ")"
        return self.aux(key, text, [(r, n) for r, n in resolved])

    def repeat(self, item: Item) -> int | None:
        assert item.inner is not None
        inner = self.symbol_id(item.inner)
        if inner is None:
            return None
        key = (item.op, inner)
        text = self.render_symbol(inner) + item.op
        if key in self.aux_cache:
            return self.aux_cache[key]
        symbol = self.nt(self.add_nonterminal(text, hidden=True))
        self.aux_cache[key] = symbol
        self.ebnf_text[symbol] = text
        line = item.span.line
        if item.op == "?":
            self.rules.append(_PendingRule(symbol, [], [], line=line))
            self.rules.append(_PendingRule(symbol, [inner], [None], line=line))
        elif item.op == "*":
            # Left recursion keeps the LR stack flat on long lists.
            self.rules.append(_PendingRule(symbol, [], [], line=line))
            self.rules.append(_PendingRule(symbol, [symbol, inner], [None, None], line=line))
        else:
            self.rules.append(_PendingRule(symbol, [inner], [None], line=line))
            self.rules.append(_PendingRule(symbol, [symbol, inner], [None, None], line=line))
        return symbol

    def aux(
        self, key: tuple[object, ...], text: str, alts: list[tuple[list[int], list[str | None]]]
    ) -> int:
        if key in self.aux_cache:
            return self.aux_cache[key]
        symbol = self.nt(self.add_nonterminal(text, hidden=True))
        self.aux_cache[key] = symbol
        self.ebnf_text[symbol] = text
        for rhs, names in alts:
            self.rules.append(_PendingRule(symbol, rhs, names))
        return symbol

    def sequence(self, alt: Alternative) -> tuple[list[int], list[str | None]] | None:
        rhs: list[int] = []
        names: list[str | None] = []
        ok = True
        for item in alt.items:
            symbol = self.symbol_id(item)
            if symbol is None:
                ok = False
                continue
            rhs.append(symbol)
            names.append(item.name)
        return (rhs, names) if ok else None

    def render_symbol(self, symbol: int) -> str:
        if symbol >= self._NT_BASE:
            index = symbol - self._NT_BASE
            return self.ebnf_text.get(symbol, self.nonterminals[index].name)
        return self.terminals[symbol].name

    def render_seq(self, rhs: list[int]) -> str:
        return " ".join(self.render_symbol(s) for s in rhs) or "%empty"

    # -- directives -----------------------------------------------------------------------
    def directives(self, surface: SurfaceGrammar) -> tuple[str | None, Span | None, list[str]]:
        start: str | None = None
        start_span: Span | None = None
        ignore: list[str] = []
        level = 0
        for d in surface.directives:
            if d.name == "start":
                if len(d.args) != 1 or d.args[0].kind != "sym":
                    self.error("%start takes one nonterminal name", d.span)
                else:
                    start, start_span = d.args[0].text, d.args[0].span
            elif d.name == "ignore":
                ignore.extend(self.ignore_patterns(d.args, d.span))
            elif d.name in ("left", "right", "nonassoc"):
                level += 1
                for arg in d.args:
                    symbol = self.precedence_terminal(arg)
                    if symbol is not None:
                        self.precedence[symbol] = Precedence(level, d.name)
            elif d.name == "priority":
                self.priority(d.args, d.span)
        return start, start_span, ignore

    def ignore_patterns(self, args: list[Item], span: Span) -> list[str]:
        out: list[str] = []
        if not args:
            self.error('%ignore takes a /regex/, a "string" or a terminal name', span)
        for arg in args:
            if arg.kind == "regex":
                if self.check_regex(arg.text, arg.flags, "%ignore", arg.span):
                    out.append(f"(?{arg.flags})" + arg.text if arg.flags.strip("u") else arg.text)
            elif arg.kind == "lit":
                out.append(re.escape(arg.text))
            elif arg.kind == "sym" and arg.text in self.terminal_ids:
                t = self.terminals[self.terminal_ids[arg.text]]
                out.append(re.escape(t.pattern) if t.is_literal else t.pattern)
            else:
                self.error(f"%ignore: undefined terminal {arg.text!r}", arg.span)
        return out

    def precedence_terminal(self, arg: Item) -> int | None:
        if arg.kind == "lit":
            return self.literal(arg.text)
        if arg.kind == "sym" and arg.text in self.terminal_ids:
            return self.terminal_ids[arg.text]
        if arg.kind == "sym" and arg.text[0].isupper():
            # A name used only in %prec: a precedence token with no text of its own.
            return self.add_terminal(Terminal(arg.text, "", True))
        self.error(f"precedence declarations take terminals, got {arg.text!r}", arg.span)
        return None

    def priority(self, args: list[Item], span: Span) -> None:
        if len(args) != 2 or args[1].kind != "num" or args[0].kind not in ("sym", "lit"):
            self.error("%priority takes a terminal and a number: %priority NAME 2", span)
            return
        name = args[0].text if args[0].kind == "sym" else quote_literal(args[0].text)
        if name not in self.terminal_ids:
            self.error(f"%priority: undefined terminal {args[0].text!r}", args[0].span)
            return
        index = self.terminal_ids[name]
        t = self.terminals[index]
        value = int(float(args[1].text))
        self.terminals[index] = Terminal(t.name, t.pattern, t.is_literal, t.flags, value)


def compile_grammar(text: str, source_name: str = "<grammar>") -> Grammar:
    return compile_surface(read_grammar(text, source_name), text, source_name)


def compile_surface(surface: SurfaceGrammar, text: str, source_name: str) -> Grammar:
    """Normalize a surface grammar (read from text, or made by `GrammarBuilder`)."""
    c = _Compiler(text, source_name)
    c.issues.extend(surface.issues)
    c.add_terminal(Terminal(END_NAME, "", True))
    c.add_nonterminal(ACCEPT_NAME)
    defined: dict[str, Span] = {}
    for rule in surface.rules:
        if rule.is_terminal:
            c.define_terminal(rule)
        elif rule.name in defined:
            first = defined[rule.name]
            c.error(f"rule {rule.name!r} is defined twice (first at line {first.line})", rule.span)
        else:
            defined[rule.name] = rule.span
            c.add_nonterminal(rule.name)
    start, start_span, ignore = c.directives(surface)
    _compile_rules(c, surface, defined)
    if start is None:
        user = [r for r in surface.rules if not r.is_terminal]
        if not user:
            c.error('the grammar has no rules (a rule looks like `start : "x" ;`)', Span(0, 1, 1))
            raise GrammarError(c.issues, text)
        start, start_span = user[0].name, user[0].span
    if start not in c.nonterminal_ids:
        c.error(f"%start names an undefined nonterminal {start!r}", start_span or Span(0, 1, 1))
    if c.issues:
        raise GrammarError(_in_order(c.issues), text)
    grammar = _finish(c, start, ignore, text)
    _validate(c, grammar, defined, start_span)
    if c.issues:
        raise GrammarError(_in_order(c.issues), text)
    object.__setattr__(grammar, "warnings", tuple(c.warnings))
    return grammar


def _in_order(issues: list[GrammarIssue]) -> list[GrammarIssue]:
    return sorted(issues, key=lambda i: (i.line, i.column))


def _compile_rules(c: _Compiler, surface: SurfaceGrammar, defined: dict[str, Span]) -> None:
    for rule in surface.rules:
        if rule.is_terminal or defined.get(rule.name) is not rule.span:
            continue
        lhs = c.nt(c.nonterminal_ids[rule.name])
        for alt in rule.alternatives:
            seq = c.sequence(alt)
            if seq is None:
                continue
            if not alt.items and not alt.explicit_empty:
                c.warn(
                    f"empty alternative in {rule.name!r}; write %empty to make it explicit",
                    alt.span,
                )
            prec_terminal = None
            if alt.prec is not None:
                prec_terminal = c.terminal_ids.get(alt.prec)
                if prec_terminal is None and alt.prec_span is not None:
                    c.error(f"%prec names an undefined terminal {alt.prec!r}", alt.prec_span)
            c.rules.append(
                _PendingRule(
                    lhs,
                    seq[0],
                    seq[1],
                    alt.label,
                    prec_terminal,
                    alt.weight,
                    alt.span.line,
                    alt.dprec or 0,
                    alt.mark or "",
                )
            )


def _finish(c: _Compiler, start: str, ignore: list[str], text: str) -> Grammar:
    n_terminals = len(c.terminals)

    def final(symbol: int) -> int:
        return symbol - c._NT_BASE + n_terminals if symbol >= c._NT_BASE else symbol

    start_symbol = final(c.nt(c.nonterminal_ids[start]))
    rules = [Rule(0, n_terminals, (start_symbol,), names=(None,))]
    for pending in c.rules:
        rhs = tuple(final(s) for s in pending.rhs)
        prec, assoc = _rule_precedence(c, pending, rhs)
        rules.append(
            Rule(
                len(rules),
                final(pending.lhs),
                rhs,
                pending.label,
                tuple(pending.names),
                prec,
                assoc,
                pending.weight,
                pending.line,
                dprec=pending.dprec,
                mark=pending.mark,
            )
        )
    terminal_prec = tuple(c.precedence.get(i) for i in range(n_terminals))
    return Grammar(
        terminals=tuple(c.terminals),
        nonterminals=tuple(c.nonterminals),
        rules=tuple(rules),
        start=start_symbol,
        ignore=tuple(ignore),
        terminal_prec=terminal_prec,
        source=text,
    )


def _rule_precedence(c: _Compiler, pending: _PendingRule, rhs: tuple[int, ...]) -> tuple[int, str]:
    """yacc's rule: %prec if given, else the precedence of the last terminal that has one."""
    if pending.prec_terminal is not None:
        p = c.precedence.get(pending.prec_terminal)
        return (p.level, p.assoc) if p else (0, "")
    for symbol in reversed(rhs):
        p = c.precedence.get(symbol)
        if p is not None:
            return p.level, p.assoc
    return 0, ""


def _validate(
    c: _Compiler, grammar: Grammar, defined: dict[str, Span], start_span: Span | None
) -> None:
    facts = analyse(grammar)
    nt = grammar.n_terminals
    if grammar.start not in facts.productive:
        c.error(
            f"the start symbol {grammar.name(grammar.start)!r} derives no string "
            "(every alternative needs itself or another unproductive rule)",
            start_span or Span(0, 1, 1),
        )
    for index, nonterminal in enumerate(grammar.nonterminals[1:], start=nt + 1):
        if nonterminal.hidden or index == grammar.start:
            continue
        span = defined.get(nonterminal.name)
        if index not in facts.reachable:
            c.warn(f"nonterminal {nonterminal.name!r} is unreachable from the start symbol", span)
        elif index not in facts.productive:
            c.warn(f"nonterminal {nonterminal.name!r} derives no string (unproductive)", span)
    for cyc in sorted(facts.cyclic & facts.reachable & facts.productive):
        if not grammar.is_hidden(cyc):
            c.warn(
                f"nonterminal {grammar.name(cyc)!r} derives itself (a cycle): some inputs have "
                "infinitely many parses",
                defined.get(grammar.name(cyc)),
            )
