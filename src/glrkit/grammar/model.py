"""The normalized grammar: int symbol ids, BNF rules, and the names that only messages use.

Symbol ids: terminals are 0..T-1 with 0 the end marker `$end`; nonterminals are T..T+N-1 with
T the augmented start `$accept`, whose single rule (rule 0) is `$accept : start`. Every later
layer (tables, engine, forest) holds these ints; names appear only at the edges.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from glrkit.errors import GrammarIssue

END = 0
END_NAME = "$end"
ACCEPT_NAME = "$accept"


@dataclass(frozen=True, slots=True)
class Terminal:
    """A token type: a literal string (`"+"`) or a regular expression (`NUMBER : /[0-9]+/`)."""

    name: str
    pattern: str
    is_literal: bool
    flags: str = ""
    priority: int = 0

    @property
    def display(self) -> str:
        """How users write it: `")"` for literals, `NUMBER` for named terminals."""
        return self.name


@dataclass(frozen=True, slots=True)
class Nonterminal:
    """A nonterminal; `hidden` ones come from desugaring `?`, `*`, `+` and groups."""

    name: str
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """One BNF alternative `lhs : rhs`.

    `names` gives a child name per rhs position (or None), `label` names the alternative,
    `prec` is a precedence level (0 = none), `assoc` its associativity, and `weight` an
    optional log-probability used by weighted disambiguation (`%weight w`, or `%prob p`
    stored as log p). `dprec` is a dynamic priority (`%dprec N`, as in Bison; 0 = none) and
    `mark` one of "prefer", "avoid", "reject" or "" (`%prefer`, `%avoid`, `%reject`); the
    forest's `disambiguate()` applies them.
    """

    index: int
    lhs: int
    rhs: tuple[int, ...]
    label: str | None = None
    names: tuple[str | None, ...] = ()
    prec: int = 0
    assoc: str = ""
    weight: float | None = None
    line: int = 0
    dprec: int = 0
    mark: str = ""


@dataclass(frozen=True, slots=True)
class Precedence:
    """A precedence level from `%left`, `%right` or `%nonassoc`; higher levels bind tighter."""

    level: int
    assoc: str  # "left" | "right" | "nonassoc"


@dataclass(frozen=True, eq=False)
class Grammar:
    """An immutable, normalized context-free grammar.

    Build one with `Grammar.from_string`, `Grammar.from_file` or `GrammarBuilder`.
    """

    terminals: tuple[Terminal, ...]
    nonterminals: tuple[Nonterminal, ...]
    rules: tuple[Rule, ...]
    start: int
    ignore: tuple[str, ...] = ()
    terminal_prec: tuple[Precedence | None, ...] = ()
    warnings: tuple[GrammarIssue, ...] = ()
    source: str | None = None
    _by_lhs: tuple[tuple[int, ...], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        by_lhs: list[list[int]] = [[] for _ in self.nonterminals]
        for rule in self.rules:
            by_lhs[rule.lhs - self.n_terminals].append(rule.index)
        object.__setattr__(self, "_by_lhs", tuple(tuple(r) for r in by_lhs))
        if not self.terminal_prec:
            object.__setattr__(self, "terminal_prec", (None,) * len(self.terminals))

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_string(cls, text: str, source_name: str = "<grammar>") -> Grammar:
        """Read grammar text; raises GrammarError listing every mistake."""
        from glrkit.grammar.compile import compile_grammar

        return compile_grammar(text, source_name)

    @classmethod
    def from_file(cls, path: str) -> Grammar:
        with open(path, encoding="utf-8") as handle:
            return cls.from_string(handle.read(), source_name=str(path))

    # -- symbols --------------------------------------------------------------------------
    @property
    def n_terminals(self) -> int:
        return len(self.terminals)

    @property
    def n_symbols(self) -> int:
        return len(self.terminals) + len(self.nonterminals)

    @property
    def accept(self) -> int:
        """The augmented start symbol `$accept`."""
        return len(self.terminals)

    def is_terminal(self, symbol: int) -> bool:
        return symbol < len(self.terminals)

    def name(self, symbol: int) -> str:
        if symbol < len(self.terminals):
            return self.terminals[symbol].name
        return self.nonterminals[symbol - len(self.terminals)].name

    def is_hidden(self, symbol: int) -> bool:
        nt = symbol - len(self.terminals)
        return nt >= 0 and self.nonterminals[nt].hidden

    def symbol(self, name: str) -> int:
        """The id of a symbol by name; literals may be given quoted (`'"+"'`) or bare (`'+'`)."""
        table = self._names()
        if name in table:
            return table[name]
        quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if quoted in table:
            return table[quoted]
        raise KeyError(name)

    def _names(self) -> dict[str, int]:
        cached: dict[str, int] | None = self.__dict__.get("_name_table")
        if cached is None:
            cached = {self.name(s): s for s in range(self.n_symbols)}
            object.__setattr__(self, "_name_table", cached)
        return cached

    def lookup_rules(self, key: int | str) -> tuple[int, ...]:
        """Rules named by an index, an alternative's `@label`, or rule text `lhs : rhs`
        (as `rule_text` writes it); raises KeyError for a key that names none."""
        if isinstance(key, int):
            if 0 <= key < len(self.rules):
                return (key,)
            raise KeyError(f"no rule {key}")
        found = tuple(r.index for r in self.rules if r.label == key)
        if not found:
            wanted = " ".join(key.split())
            found = tuple(r.index for r in self.rules if rule_text(self, r) == wanted)
        if not found:
            raise KeyError(f"no rule labelled or written {key!r}")
        return found

    def rules_for(self, nonterminal: int) -> tuple[int, ...]:
        """Indices of the rules whose left side is `nonterminal`."""
        return self._by_lhs[nonterminal - len(self.terminals)]

    # -- identity -------------------------------------------------------------------------
    def fingerprint(self) -> str:
        """A stable hash of everything the parse tables depend on."""
        digest = hashlib.sha256()
        for t in self.terminals:
            digest.update(repr((t.name, t.pattern, t.is_literal, t.flags, t.priority)).encode())
        for n in self.nonterminals:
            digest.update(repr((n.name, n.hidden)).encode())
        for r in self.rules:
            digest.update(repr((r.lhs, r.rhs, r.prec, r.assoc)).encode())
        digest.update(repr((self.start, self.ignore, self.terminal_prec)).encode())
        return digest.hexdigest()

    def __str__(self) -> str:
        from glrkit.grammar.render import render_grammar

        return render_grammar(self)

    def __repr__(self) -> str:
        return (
            f"<Grammar start={self.name(self.start)} terminals={len(self.terminals) - 1} "
            f"nonterminals={len(self.nonterminals) - 1} rules={len(self.rules) - 1}>"
        )


def rule_text(grammar: Grammar, rule: Rule | int) -> str:
    """`lhs : a b c` for messages."""
    if isinstance(rule, int):
        rule = grammar.rules[rule]
    rhs = " ".join(grammar.name(s) for s in rule.rhs) or "%empty"
    return f"{grammar.name(rule.lhs)} : {rhs}"


def quote_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def names_of(grammar: Grammar, symbols: Sequence[int]) -> list[str]:
    return [grammar.name(s) for s in symbols]
