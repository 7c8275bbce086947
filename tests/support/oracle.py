"""An independent reference for "how many derivation trees does this input have?".

Nothing here imports glrkit: the tests compare glrkit against this module, so it must not share
a single line of logic with the engine. It favours being obviously right over being fast; it is
meant for inputs of up to about eight tokens and grammars of up to about six nonterminals.

Grammars are plain BNF, written as a `CFG`: a mapping from nonterminal to a sequence of
alternatives, each alternative a tuple of symbols. Every symbol that is not a key of the mapping
is a terminal, matched by a token equal to it. The empty tuple is an empty alternative.
Alternatives that are equal are distinct rules and give distinct derivations.

How the count is computed (`analyse`):

* Items. For a token list w of length n the items are
  N(A, i, j) -- "A derives w[i:j]" -- and P(A, k, p, i, j) -- "the first p symbols of the
  k-th alternative of A derive w[i:j]" -- for all 0 <= i <= j <= n. Each item is a sum of
  terms, each term a product of items:
      N(A, i, j)       = sum_k P(A, k, len(alt_k), i, j)
      P(A, k, 0, i, j) = 1 if i == j else 0
      P(A, k, p, i, j) = sum_{i <= m <= j} P(A, k, p-1, i, m) * X(m, j)
  where X(m, j) is N(B, m, j) if the p-th symbol is a nonterminal B, and 1 or 0 (whether
  w[m:j] is exactly that one terminal) otherwise.
* Derivable items are the least fixpoint of "some term has all its factors derivable".
  The input is accepted exactly when N(start, 0, n) is derivable.
* Live edges go from an item to the factors of its terms whose factors are all derivable
  (a term with an underivable factor contributes no trees whatever its other factors are).
* Infinitely many trees exist exactly when a cycle of live edges is reachable from the root:
  going once more round the cycle always gives a new tree, and without such a cycle the
  reachable part is a finite DAG whose counts are finite sums of finite products.

The brute-force cross-checks at the bottom (`count_by_height`, `count_leftmost_derivations`)
share none of this machinery; tests/unit/test_oracle_selfcheck.py compares them with `analyse`.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter, deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

Alternative = tuple[str, ...]
Count = int | float  # a float only for math.inf
# An input token is a terminal, or a set of candidate terminals (a lexically ambiguous token:
# each candidate gives its own derivations).
TokenLike = str | frozenset[str]

NONTERMINAL_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True)
class CFG:
    """A BNF grammar: `rules[A]` lists the alternatives of nonterminal A, in order."""

    rules: Mapping[str, tuple[Alternative, ...]]
    start: str

    def __post_init__(self) -> None:
        if self.start not in self.rules:
            raise ValueError(f"start symbol {self.start!r} has no rules")

    @staticmethod
    def of(rules: Mapping[str, Sequence[Sequence[str]]], start: str | None = None) -> CFG:
        """Build from any nested sequences; the start defaults to the first nonterminal."""
        frozen = {name: tuple(tuple(alt) for alt in alts) for name, alts in rules.items()}
        return CFG(frozen, start if start is not None else next(iter(frozen)))

    def is_nonterminal(self, symbol: str) -> bool:
        return symbol in self.rules

    @cached_property
    def terminals(self) -> frozenset[str]:
        return frozenset(
            sym for alts in self.rules.values() for alt in alts for sym in alt
            if sym not in self.rules
        )

    @cached_property
    def productive(self) -> frozenset[str]:
        """Nonterminals that derive at least one terminal string (least fixpoint)."""
        done: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, alts in self.rules.items():
                if name not in done and any(
                    all(sym in done or sym not in self.rules for sym in alt) for alt in alts
                ):
                    done.add(name)
                    changed = True
        return frozenset(done)

    @cached_property
    def nullable(self) -> frozenset[str]:
        """Nonterminals that derive the empty string (least fixpoint)."""
        done: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, alts in self.rules.items():
                if name not in done and any(all(sym in done for sym in alt) for alt in alts):
                    done.add(name)
                    changed = True
        return frozenset(done)

    @cached_property
    def reachable(self) -> frozenset[str]:
        """Nonterminals that occur in some sentential form of the start symbol."""
        seen = {self.start}
        stack = [self.start]
        while stack:
            for alt in self.rules[stack.pop()]:
                for sym in alt:
                    if sym in self.rules and sym not in seen:
                        seen.add(sym)
                        stack.append(sym)
        return frozenset(seen)

    @property
    def language_is_empty(self) -> bool:
        """True when the start symbol derives no terminal string at all."""
        return self.start not in self.productive

    @property
    def has_empty_alternative(self) -> bool:
        return any(alt == () for alts in self.rules.values() for alt in alts)

    @property
    def has_duplicate_alternatives(self) -> bool:
        return any(len(set(alts)) != len(alts) for alts in self.rules.values())

    def describe(self) -> str:
        """A compact one-line rendering for assertion messages."""
        return "; ".join(
            f"{name} : " + " | ".join(" ".join(alt) or "%empty" for alt in alts)
            for name, alts in self.rules.items()
        ) + f"   (start {self.start})"


# --------------------------------------------------------------------------------------------
# The counter
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Item:
    """N(symbol, start, end) when kind == "N"; P(symbol, alt, pos, start, end) when kind == "P"."""

    kind: str
    symbol: str
    alt: int
    pos: int
    start: int
    end: int


def _n(symbol: str, i: int, j: int) -> Item:
    return Item("N", symbol, -1, -1, i, j)


def _p(symbol: str, alt: int, pos: int, i: int, j: int) -> Item:
    return Item("P", symbol, alt, pos, i, j)


@dataclass
class Analysis:
    """The oracle's verdict on one (grammar, token list) pair."""

    cfg: CFG
    tokens: tuple[TokenLike, ...]
    accepts: bool
    count: Count
    terms: dict[Item, list[tuple[Item, ...]]] = field(repr=False)
    derivable: set[Item] = field(repr=False)
    values: dict[Item, int] = field(repr=False)

    @property
    def root(self) -> Item:
        return _n(self.cfg.start, 0, len(self.tokens))

    def live_terms(self, item: Item) -> list[tuple[Item, ...]]:
        return [t for t in self.terms[item] if all(f in self.derivable for f in t)]

    def trees(self, limit: int = 10_000) -> list[str]:
        """Every derivation tree as an s-expression, in no particular order.

        Nonterminal nodes are `(name child ...)`, terminal leaves are `"text"`. Raises
        ValueError when there are infinitely many trees or more than `limit`.
        """
        if self.count == math.inf or self.count > limit:
            raise ValueError(f"{self.count} trees is too many to list")
        if not self.accepts:
            return []
        memo: dict[Item, list[tuple[str, ...]]] = {}

        def expand(item: Item) -> list[tuple[str, ...]]:
            # The finite reachable part is a DAG, so this recursion terminates. Every reachable
            # item has at most as many partial trees as the root has trees.
            if item in memo:
                return memo[item]
            out: list[tuple[str, ...]] = []
            if item.kind == "N":
                for (body,) in self.live_terms(item):
                    for children in expand(body):
                        out.append((sexpr_node(item.symbol, children),))
            elif item.pos == 0:
                out.append(())
            else:
                symbol = self.cfg.rules[item.symbol][item.alt][item.pos - 1]
                for term in self.live_terms(item):
                    left = expand(term[0])
                    right = expand(term[1]) if len(term) == 2 else [(sexpr_literal(symbol),)]
                    out.extend(a + b for a in left for b in right)
            memo[item] = out
            return out

        return [only for (only,) in expand(self.root)]


def matches(token: TokenLike, terminal: str) -> bool:
    return terminal in token if isinstance(token, frozenset) else terminal == token


def analyse(cfg: CFG, tokens: Sequence[TokenLike]) -> Analysis:
    """Decide acceptance and count the derivation trees of `tokens` from `cfg.start`."""
    toks = tuple(tokens)
    n = len(toks)

    # 1. Every item with its terms.
    terms: dict[Item, list[tuple[Item, ...]]] = {}
    for name, alts in cfg.rules.items():
        for i in range(n + 1):
            for j in range(i, n + 1):
                terms[_n(name, i, j)] = [
                    (_p(name, k, len(alt), i, j),) for k, alt in enumerate(alts)
                ]
                for k, alt in enumerate(alts):
                    terms[_p(name, k, 0, i, j)] = [()] if i == j else []
                    for pos in range(1, len(alt) + 1):
                        symbol = alt[pos - 1]
                        choices: list[tuple[Item, ...]] = []
                        for m in range(i, j + 1):
                            left = _p(name, k, pos - 1, i, m)
                            if cfg.is_nonterminal(symbol):
                                choices.append((left, _n(symbol, m, j)))
                            elif m + 1 == j and matches(toks[m], symbol):
                                choices.append((left,))
                        terms[_p(name, k, pos, i, j)] = choices

    # 2. Derivable items: least fixpoint, computed with a worklist. Each term keeps the number
    #    of its factors not yet known derivable; when that reaches zero its head is derivable.
    missing: list[int] = []
    heads: list[Item] = []
    uses: dict[Item, list[int]] = {}
    queue: deque[Item] = deque()
    derivable: set[Item] = set()
    for head, head_terms in terms.items():
        for term in head_terms:
            index = len(heads)
            heads.append(head)
            missing.append(len(term))
            for factor in term:
                uses.setdefault(factor, []).append(index)
            if not term and head not in derivable:
                derivable.add(head)
                queue.append(head)
    while queue:
        factor = queue.popleft()
        for index in uses.get(factor, ()):
            missing[index] -= 1
            if missing[index] == 0 and heads[index] not in derivable:
                derivable.add(heads[index])
                queue.append(heads[index])

    root = _n(cfg.start, 0, n)
    if root not in derivable:
        return Analysis(cfg, toks, False, 0, terms, derivable, {})

    def live(item: Item) -> list[tuple[Item, ...]]:
        return [t for t in terms[item] if all(f in derivable for f in t)]

    # 3. The part of the live graph reachable from the root.
    reachable = {root}
    stack = [root]
    while stack:
        item = stack.pop()
        for term in live(item):
            for factor in term:
                if factor not in reachable:
                    reachable.add(factor)
                    stack.append(factor)

    # 4. Kahn's algorithm: the reachable live graph is acyclic iff every item gets removed.
    indegree = dict.fromkeys(reachable, 0)
    for item in reachable:
        for term in live(item):
            for factor in term:
                indegree[factor] += 1
    ready = [item for item, d in indegree.items() if d == 0]
    order: list[Item] = []
    while ready:
        item = ready.pop()
        order.append(item)
        for term in live(item):
            for factor in term:
                indegree[factor] -= 1
                if indegree[factor] == 0:
                    ready.append(factor)
    if len(order) != len(reachable):
        return Analysis(cfg, toks, True, math.inf, terms, derivable, {})

    # 5. Finite: sum of products, dependencies first.
    values: dict[Item, int] = {}
    for item in reversed(order):
        values[item] = sum(math.prod(values[f] for f in term) for term in live(item))
    return Analysis(cfg, toks, True, values[root], terms, derivable, values)


def count_derivations(cfg: CFG, tokens: Sequence[TokenLike]) -> tuple[bool, Count]:
    """(accepts, number of derivation trees); the number is math.inf when unbounded."""
    result = analyse(cfg, tokens)
    return result.accepts, result.count


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def sexpr_literal(text: str) -> str:
    """A literal terminal leaf as glrkit's sexpr() shows it: the text in double quotes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sexpr_node(symbol: str, children: Sequence[str]) -> str:
    return "(" + " ".join([symbol, *children]) + ")"


def to_glrkit(cfg: CFG) -> str:
    """The grammar as glrkit grammar text: terminals become quoted literals, whitespace is skipped.

    The start rule comes first and is also named by %start.
    """
    for name, alts in cfg.rules.items():
        if not NONTERMINAL_NAME.match(name):
            raise ValueError(f"{name!r} cannot be a glrkit nonterminal name")
        if not alts:
            raise ValueError(f"{name!r} has no alternatives; glrkit text cannot express that")
    for terminal in cfg.terminals:
        if not terminal or any(ch.isspace() or ch in '"\\' for ch in terminal):
            raise ValueError(f"terminal {terminal!r} is not a plain literal")

    def show(symbol: str) -> str:
        return symbol if cfg.is_nonterminal(symbol) else sexpr_literal(symbol)

    lines = [f"%start {cfg.start}", r"%ignore /\s+/"]
    for name in [cfg.start, *(n for n in cfg.rules if n != cfg.start)]:
        body = " | ".join(" ".join(show(s) for s in alt) or "%empty" for alt in cfg.rules[name])
        lines.append(f"{name} : {body} ;")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Random grammars and sentences (for the differential tests)
# --------------------------------------------------------------------------------------------

NONTERMINAL_NAMES = ("s", "t", "u", "v", "w", "z")
TERMINALS = ("a", "b", "c")


def random_cfg(
    rng: random.Random,
    *,
    max_nonterminals: int = 5,
    terminals: Sequence[str] = TERMINALS,
    max_alternatives: int = 3,
    max_length: int = 3,
) -> CFG:
    """A small random grammar, deliberately rich in the cases GLR parsers get wrong.

    Besides plain random alternatives each nonterminal may get a cycle (`x : x`), direct left or
    right recursion, hidden left recursion through another nonterminal, an empty alternative
    or a duplicated alternative. Unreachable and unproductive nonterminals occur naturally.
    """
    names = NONTERMINAL_NAMES[: rng.randint(1, max_nonterminals)]
    pool = [*terminals, *names]
    rules: dict[str, list[Alternative]] = {}
    for name in names:
        alts: list[Alternative] = []
        for _ in range(rng.randint(1, max_alternatives)):
            length = rng.choice([k for k in (0, 1, 1, 2, 2, 2, 3, 3) if k <= max_length])
            alts.append(tuple(rng.choice(pool) for _ in range(length)))
        feature = rng.random()
        if feature < 0.10:
            alts.append((name,))
        elif feature < 0.20:
            alts.append((name, rng.choice(terminals)))
        elif feature < 0.30:
            alts.append((rng.choice(terminals), name))
        elif feature < 0.38:
            alts.append((rng.choice(names), name, rng.choice(terminals)))
        elif feature < 0.48:
            alts.append(())
        elif feature < 0.58:
            alts.append(rng.choice(alts))
        rng.shuffle(alts)
        rules[name] = alts
    return CFG.of(rules, names[0])


def sample_sentence(
    cfg: CFG, rng: random.Random, *, max_tokens: int = 7, budget: int = 6, tries: int = 20
) -> list[str] | None:
    """A random sentence of the grammar with at most `max_tokens` tokens, or None.

    Expands at random until `budget` levels deep, then takes the alternative that finishes
    soonest. Only productive alternatives are ever chosen, so each expansion terminates.
    """
    if cfg.language_is_empty:
        return None
    productive = cfg.productive
    # height[A]: least height of a tree for A; finish[A]: an alternative achieving it.
    height: dict[str, int] = {}
    finish: dict[str, Alternative] = {}
    changed = True
    while changed:
        changed = False
        for name, alts in cfg.rules.items():
            for alt in alts:
                if all(not cfg.is_nonterminal(s) or s in height for s in alt):
                    h = 1 + max((height[s] for s in alt if cfg.is_nonterminal(s)), default=0)
                    if h < height.get(name, math.inf):
                        height[name] = h
                        finish[name] = alt
                        changed = True

    def usable(alt: Alternative) -> bool:
        return all(s in productive or not cfg.is_nonterminal(s) for s in alt)

    for _ in range(tries):
        out: list[str] = []
        work: list[tuple[str, int]] = [(cfg.start, 0)]
        while work and len(out) <= max_tokens:
            symbol, depth = work.pop()
            if not cfg.is_nonterminal(symbol):
                out.append(symbol)
                continue
            if depth >= budget:
                alt = finish[symbol]
            else:
                alt = rng.choice([a for a in cfg.rules[symbol] if usable(a)])
            work.extend((s, depth + 1) for s in reversed(alt))
        if not work and len(out) <= max_tokens:
            return out
    return None


# --------------------------------------------------------------------------------------------
# Brute-force cross-checks of the oracle itself
# --------------------------------------------------------------------------------------------


def height_bound(cfg: CFG, n_tokens: int) -> int:
    """Height above which every derivation tree of an n-token input repeats a node.

    On any root-to-leaf path the spans of the nodes are nested, so the path visits at most n+1
    distinct spans; if no (nonterminal, span) repeats, at most |N| nodes share a span. A tree
    with a repeat can be pumped, so: count finite <=> no tree is higher than this bound.
    """
    return len(cfg.rules) * (n_tokens + 1)


CAP = 10**30


def count_by_height(
    cfg: CFG, tokens: Sequence[TokenLike], height: int, cap: int = CAP
) -> int:
    """min(cap, number of derivation trees of height <= `height`); terminal leaves have height 0.

    Plain dynamic programming over heights, independent of `analyse`: a nonterminal node of
    height <= h has children of height <= h-1. Sums and products saturate at `cap` (counts of
    trees of bounded height can grow doubly exponentially, e.g. for `x : x x | %empty`), which
    still gives exactly min(cap, true count): a factor at the cap times a nonzero factor is at
    least the cap anyway.
    """
    toks = tuple(tokens)
    n = len(toks)
    spans = [(i, j) for i in range(n + 1) for j in range(i, n + 1)]
    table: dict[tuple[str, int, int], int] = {(a, i, j): 0 for a in cfg.rules for (i, j) in spans}

    def symbol_count(sym: str, i: int, j: int) -> int:
        if cfg.is_nonterminal(sym):
            return table[sym, i, j]
        return 1 if j == i + 1 and matches(toks[i], sym) else 0

    for _ in range(height):
        current: dict[tuple[str, int, int], int] = {}
        for name, alts in cfg.rules.items():
            for i, j in spans:
                total = 0
                for alt in alts:
                    # ways[m]: ways the symbols so far derive toks[i:m] with height <= h-1
                    ways = [0] * (n + 1)
                    ways[i] = 1
                    for sym in alt:
                        nxt = [0] * (n + 1)
                        for m in range(i, j + 1):
                            if ways[m]:
                                for e in range(m, j + 1):
                                    c = symbol_count(sym, m, e)
                                    if c:
                                        nxt[e] = min(cap, nxt[e] + min(cap, ways[m] * c))
                        ways = nxt
                    total = min(cap, total + ways[j])
                current[name, i, j] = total
        table = current
    return table[cfg.start, 0, n]


def has_tree_of_height_between(
    cfg: CFG, tokens: Sequence[TokenLike], low: int, high: int
) -> bool:
    """Whether some derivation tree has a height h with low < h <= high (booleans only)."""
    toks = tuple(tokens)
    n = len(toks)
    spans = [(i, j) for i in range(n + 1) for j in range(i, n + 1)]
    # at_most[X, i, j]: a tree of height <= h-1 exists; exactly[X, i, j]: one of height h-1.
    at_most: dict[tuple[str, int, int], bool] = {key: False for key in _keys(cfg, spans)}
    exactly = dict(at_most)

    def leaf(sym: str, i: int, j: int) -> bool:
        return j == i + 1 and matches(toks[i], sym)

    for h in range(1, high + 1):
        new_at_most: dict[tuple[str, int, int], bool] = {}
        new_exactly: dict[tuple[str, int, int], bool] = {}
        for name, alts in cfg.rules.items():
            for i, j in spans:
                some = tight = False
                for alt in alts:
                    # reach[m] = (children so far fit in height h-1, one of them has exactly h-1)
                    reach: dict[int, set[bool]] = {i: {False}}
                    for sym in alt:
                        nxt: dict[int, set[bool]] = {}
                        for m, flags in reach.items():
                            for e in range(m, j + 1):
                                if cfg.is_nonterminal(sym):
                                    fits = at_most[sym, m, e]
                                    hits = exactly[sym, m, e]
                                else:
                                    fits = leaf(sym, m, e)
                                    hits = fits and h == 1
                                if fits:
                                    for flag in flags:
                                        nxt.setdefault(e, set()).add(flag or hits)
                        reach = nxt
                    flags_at_end = reach.get(j, set())
                    some = some or bool(flags_at_end)
                    tight = tight or True in flags_at_end or (h == 1 and alt == () and i == j)
                new_at_most[name, i, j] = some
                new_exactly[name, i, j] = tight
        at_most, exactly = new_at_most, new_exactly
        if h > low and exactly[cfg.start, 0, n]:
            return True
    return False


def _keys(cfg: CFG, spans: Sequence[tuple[int, int]]) -> list[tuple[str, int, int]]:
    return [(a, i, j) for a in cfg.rules for (i, j) in spans]


def brute_force_count(cfg: CFG, tokens: Sequence[TokenLike]) -> Count:
    """The number of derivation trees, from bounded-height counting alone.

    Finite counts are reached at `height_bound`. If there are infinitely many trees, some tree
    is higher than the bound; take one of least height and contract a repeated node on its
    highest path: that lowers the path by at most |N| (the repeat lies within one span), and the
    contracted tree is still higher than the bound unless the least height was at most
    bound + |N|. So infinitely many trees <=> a tree of height in (bound, bound + |N|].
    """
    bound = height_bound(cfg, len(tokens))
    if has_tree_of_height_between(cfg, tokens, bound, bound + len(cfg.rules)):
        return math.inf
    count = count_by_height(cfg, tokens, bound)
    if count >= CAP:
        raise ValueError("too many trees for the brute-force count")
    return count


def count_leftmost_derivations(cfg: CFG, tokens: Sequence[str], max_steps: int) -> int:
    """Number of leftmost derivations of `tokens` with at most `max_steps` rewriting steps.

    Enumerates sentential forms breadth-first. Only for grammars without empty alternatives:
    then every symbol of a form derives at least one token, which bounds the forms.
    """
    if cfg.has_empty_alternative:
        raise ValueError("leftmost enumeration needs a grammar without empty alternatives")
    goal = tuple(tokens)
    n = len(goal)
    forms: Counter[tuple[str, ...]] = Counter({(cfg.start,): 1})
    found = 0
    for _ in range(max_steps):
        following: Counter[tuple[str, ...]] = Counter()
        for form, ways in forms.items():
            at = next((k for k, s in enumerate(form) if cfg.is_nonterminal(s)), None)
            if at is None:
                continue
            for alt in cfg.rules[form[at]]:
                new = form[:at] + alt + form[at + 1 :]
                if len(new) > n:
                    continue
                first_nt = next(
                    (k for k, s in enumerate(new) if cfg.is_nonterminal(s)), len(new)
                )
                if new[:first_nt] != goal[:first_nt]:
                    continue
                if first_nt == len(new):
                    if new == goal:
                        found += ways
                    continue
                following[new] += ways
        forms = following
    return found


def leftmost_step_bound(cfg: CFG, n_tokens: int) -> int:
    """For grammars without empty alternatives: nodes of a tree without repeated nodes.

    Spans are nonempty, so a tree has at most 2n-1 distinct spans, and nodes sharing a span
    form a chain of unit rules holding each nonterminal at most once.
    """
    return (2 * n_tokens - 1) * len(cfg.rules)


def brute_force_count_leftmost(cfg: CFG, tokens: Sequence[str]) -> Count:
    """Like `brute_force_count`, but by enumerating leftmost derivations (no empty rules)."""
    if not tokens:
        return 0
    bound = leftmost_step_bound(cfg, len(tokens))
    at_bound = count_leftmost_derivations(cfg, tokens, bound)
    beyond = count_leftmost_derivations(cfg, tokens, bound + len(cfg.rules))
    return math.inf if beyond > at_bound else at_bound


def all_strings(alphabet: Sequence[str], max_tokens: int) -> Iterator[tuple[str, ...]]:
    """All token strings over `alphabet` of length 0..max_tokens, shortest first."""
    layer: list[tuple[str, ...]] = [()]
    for _ in range(max_tokens + 1):
        yield from layer
        layer = [(*s, a) for s in layer for a in alphabet]
