"""Filters for `Forest.disambiguate(...)`, besides the ones the grammar declares.

A filter is any callable that takes the `Alternatives` of a node and returns those to keep
(see `glrkit.forest.filter`); these are the common ones. All of them look at one node at a
time, bottom-up, so none of them enumerates trees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Union

from glrkit.forest.filter import Alternatives, Filter
from glrkit.grammar.model import Grammar


class _RuleKeys:
    """Rule keys (index, `@label` or rule text) resolved once per grammar."""

    def __init__(self, keys: Mapping[int | str, int]) -> None:
        self._keys = dict(keys)
        self._grammar: Grammar | None = None
        self._table: dict[int, int] = {}

    def table(self, grammar: Grammar) -> dict[int, int]:
        if grammar is not self._grammar:
            self._table = {
                index: value
                for key, value in self._keys.items()
                for index in grammar.lookup_rules(key)
            }
            self._grammar = grammar
        return self._table


class _Priorities:
    def __init__(self, table: Mapping[int | str, int]) -> None:
        self._keys = _RuleKeys(table)

    def __call__(self, alternatives: Alternatives) -> list[int]:
        table = self._keys.table(alternatives.grammar)
        ranks = [table.get(alt.rule.index, 0) for alt in alternatives]
        top = max(ranks)
        return [i for i, rank in enumerate(ranks) if rank == top]


class _Prefer:
    def __init__(self, *rules: int | str) -> None:
        self._keys = _RuleKeys(dict.fromkeys(rules, 1))

    def __call__(self, alternatives: Alternatives) -> list[int]:
        table = self._keys.table(alternatives.grammar)
        chosen = [alt.index for alt in alternatives if alt.rule.index in table]
        return chosen or list(range(len(alternatives)))


class _Avoid:
    def __init__(self, *rules: int | str) -> None:
        self._keys = _RuleKeys(dict.fromkeys(rules, 1))

    def __call__(self, alternatives: Alternatives) -> list[int]:
        table = self._keys.table(alternatives.grammar)
        chosen = [alt.index for alt in alternatives if alt.rule.index not in table]
        return chosen or list(range(len(alternatives)))


class _RejectWords:
    every_node = True

    def __init__(self, symbol: str, words: Iterable[str]) -> None:
        self.symbol = symbol
        self.words = frozenset(words)

    def __call__(self, alternatives: Alternatives) -> list[int]:
        if alternatives.symbol == self.symbol and alternatives.text in self.words:
            return []
        return list(range(len(alternatives)))


def priorities(table: Mapping[int | str, int]) -> Filter:
    """Bison's %dprec from Python: `priorities({"call": 2, "cast": 1})` keeps, at each
    ambiguous node, the alternatives whose rule has the highest priority (unlisted: 0).
    Rules are named by index, `@label` or rule text."""
    return _Priorities(table)


def prefer(*rules: int | str) -> Filter:
    """`%prefer` from Python: where some alternative uses one of these rules, the others go."""
    return _Prefer(*rules)


def avoid(*rules: int | str) -> Filter:
    """`%avoid` from Python: alternatives using these rules go where others remain."""
    return _Avoid(*rules)


def reject_words(symbol: str, words: Iterable[str]) -> Filter:
    """A node of `symbol` whose text is one of `words` is removed, with every derivation
    using it: `reject_words("name", {"if", "then", "else"})` keeps keywords out of names.

    (Literals of the grammar are already reserved by the lexer: a regex terminal never
    matches `if` when `"if"` is a literal. This is for the other cases: keywords that are not
    literals, tokens given with several kinds, or names built from smaller tokens.)
    """
    return _RejectWords(symbol, words)


# -- longest and shortest match -----------------------------------------------------------------

# A profile is the sequence of end positions of the "element" nodes in a derivation, left to
# right. It is kept as a rope, parts that are profiles of children, so building it is linear
# and children's profiles are shared, not copied; -1 stands for the position of an ε-node's
# context, which an _At fills in.
Rope = Union[int, "_Cat", "_At"]


class _Cat:
    __slots__ = ("length", "parts")

    def __init__(self, parts: tuple[Rope, ...]) -> None:
        self.parts = parts
        self.length = sum(_length(p) for p in parts)


class _At:
    __slots__ = ("length", "position", "rope")

    def __init__(self, rope: Rope, position: int) -> None:
        self.rope = rope
        self.position = position
        self.length = _length(rope)


def _length(rope: Rope) -> int:
    return 1 if isinstance(rope, int) else rope.length


def _compare(a: Rope, b: Rope) -> int:
    """Lexicographic comparison of two ropes, -1, 0 or 1; a proper prefix is smaller.

    Both are read in step, and a part that is the same object at the same place in both is
    skipped whole, so profiles that share all but their ends (those of a left-recursive list
    and of its prefix) compare in time about their difference, not their length. When
    neither top part is a number, the longer one is opened first, which brings shared parts
    into step.
    """
    left: list[tuple[Rope, int]] = [(a, -1)]
    right: list[tuple[Rope, int]] = [(b, -1)]
    while left and right:
        x, px = left[-1]
        y, py = right[-1]
        if x is y and px == py:
            left.pop()
            right.pop()
        elif isinstance(x, int) and isinstance(y, int):
            vx = px if x < 0 else x
            vy = py if y < 0 else y
            if vx != vy:
                return -1 if vx < vy else 1
            left.pop()
            right.pop()
        elif not isinstance(x, int) and (isinstance(y, int) or x.length >= y.length):
            _open(left, x, px)
        else:
            _open(right, y, py)  # type: ignore[arg-type]
    if left:
        return 1 if any(_length(part) for part, _ in left) else 0
    if right:
        return -1 if any(_length(part) for part, _ in right) else 0
    return 0


def _open(stack: list[tuple[Rope, int]], part: _Cat | _At, position: int) -> None:
    stack.pop()
    if isinstance(part, _At):
        stack.append((part.rope, part.position if part.position >= 0 else position))
    else:
        stack.extend((p, position) for p in reversed(part.parts))


class _Match:
    """Keeps, at each ambiguous node, the alternatives whose profile is lexicographically
    greatest (longest match) or least (shortest match)."""

    every_node = True

    def __init__(self, symbols: tuple[str, ...], longest: bool) -> None:
        self.elements = frozenset(symbols) if symbols else None
        self.sign = 1 if longest else -1
        self.profiles: dict[tuple[int, int, int], Rope] = {}

    def begin(self) -> None:
        self.profiles = {}

    def __call__(self, alternatives: Alternatives) -> list[int]:
        node = alternatives.node
        elements = self.elements
        name = alternatives.grammar.name
        ropes: list[Rope | None] = []
        for alt in alternatives:
            parts: list[Rope] = []
            position = node.start
            for n in alt.nodes:
                if n.start >= 0:
                    position = n.end
                if elements is None or name(n.symbol) in elements:
                    parts.append(position)
                    continue
                if not n.families:
                    continue  # a token that is not an element
                rope = self.profiles.get((n.symbol, n.start, n.end))
                if rope is None:  # inside a cycle: not settled yet
                    parts = []
                    break
                parts.append(rope if n.start >= 0 else _At(rope, position))
            else:
                ropes.append(_Cat(tuple(parts)))
                continue
            ropes.append(None)
        everything = list(range(len(alternatives)))
        known = [i for i, rope in enumerate(ropes) if rope is not None]
        if not known:
            return everything
        top = known[0]
        for i in known[1:]:
            if _compare(ropes[i], ropes[top]) * self.sign > 0:  # type: ignore[arg-type]
                top = i
        self.profiles[(node.symbol, node.start, node.end)] = ropes[top]  # type: ignore[assignment]
        if len(known) < len(ropes):
            return everything
        best = ropes[top]
        return [i for i in known if i == top or _compare(ropes[i], best) == 0]  # type: ignore[arg-type]


def longest_match(*symbols: str) -> Filter:
    """Prefer the alternative whose elements end latest, read left to right.

    The elements are the nodes of the given symbols (of every symbol when none are given):
    at each ambiguous node the alternatives are compared by the end positions of the
    elements they contain, outermost ones only, left to right, and the one whose first
    differing element ends later wins. For a dangling else, `longest_match("stmt")` gives
    the inner `if` the `else` (its statement runs on); for an ambiguous list of words,
    `longest_match("word")` makes the first word as long as possible, then the next.
    Inside a cycle of the forest it keeps everything.
    """
    return _Match(symbols, longest=True)


def shortest_match(*symbols: str) -> Filter:
    """The opposite of `longest_match`: the alternative whose first differing element ends
    earliest wins."""
    return _Match(symbols, longest=False)
