"""Expected derivation counts: closed forms, and an independent dynamic program to check them.

Closed forms used by the suite:

* `s : s s | "a"` on a^n: the derivation trees are the full binary trees with n leaves, so
  count = Catalan(n - 1) = C(2n - 2, n - 1) / n.
* PP attachment, `s : np vp ; vp : V np | vp pp ; np : DET N | np pp | NAME ; pp : P np ;`
  on "NAME V DET N (P DET N)^k": the object NP and the VP compete for the k PPs; each parse
  is a way of nesting the k PPs under the k + 1 possible heads, which is counted by
  count = Catalan(k + 1) = C(2k + 2, k + 1) / (k + 2)  (1, 2, 5, 14, 42, ... for k = 0, 1, 2, ...).

`count_derivations` is a plain CYK-style counter over the BNF of a grammar (memoised on
symbol and span), written without any parser so it can vouch for the closed forms.
"""

from __future__ import annotations

import math
from functools import cache

from gformat import GrammarDef


def catalan(m: int) -> int:
    return math.comb(2 * m, m) // (m + 1)


def catalan_grammar_count(n: int) -> int:
    """Derivations of a^n under `s : s s | "a"`."""
    return catalan(n - 1)


def pp_count(k: int) -> int:
    """Parses of "NAME V DET N (P DET N)^k" under the PP-attachment grammar."""
    return catalan(k + 1)


def count_derivations(g: GrammarDef, kinds: list[str]) -> int:
    """Number of derivation trees of the token-kind sequence `kinds` from g's start symbol.

    Token kinds are terminal names ("DET") or quoted literals ('"a"'). Rules introduced by
    EBNF desugaring count like any other. The grammar must not be cyclic (A =>+ A).
    """
    rules: dict[str, list[tuple[str, ...]]] = {}
    nonterminals = set()
    for rule in g.bnf():
        nonterminals.add(rule.lhs)
        rules.setdefault(rule.lhs, []).append(tuple(r.key for r in rule.rhs))
    nullable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for lhs, alts in rules.items():
            if lhs not in nullable and any(all(x in nullable for x in rhs) for rhs in alts):
                nullable.add(lhs)
                changed = True
    n = len(kinds)
    active: set[tuple[str, int, int]] = set()

    @cache
    def sym(s: str, i: int, j: int) -> int:
        if i == j and s not in nullable:
            return 0
        if s not in nonterminals:
            return 1 if j == i + 1 and kinds[i] == s else 0
        key = (s, i, j)
        if key in active:
            raise ValueError(f"cyclic derivation through {s}")
        active.add(key)
        try:
            return sum(seq(rhs, 0, i, j) for rhs in rules[s])
        finally:
            active.discard(key)

    @cache
    def seq(rhs: tuple[str, ...], pos: int, i: int, j: int) -> int:
        if pos == len(rhs):
            return 1 if i == j else 0
        if pos == len(rhs) - 1:
            return sym(rhs[pos], i, j)
        total = 0
        for m in range(i, j + 1):
            if m == i and rhs[pos] not in nullable:
                continue
            if m == j and any(x not in nullable for x in rhs[pos + 1 :]):
                continue
            rest = seq(rhs, pos + 1, m, j)
            if rest:
                total += sym(rhs[pos], i, m) * rest
        return total

    return sym(g.start, 0, n)
