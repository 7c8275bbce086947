"""Estimating rule weights from trees: relative frequencies (maximum likelihood for a PCFG),
with add-λ smoothing so rules never seen keep some probability.

p(A -> α) = (count(A -> α) + λ) / (count(A) + λ · |alternatives of A|)

(Lidstone smoothing; λ = 1 is Laplace's rule, λ = 0 the plain maximum-likelihood estimate.
See Manning & Schütze, "Foundations of Statistical Natural Language Processing", ch. 6.2 and
11.) The result is a mapping of log-probabilities, the unit of `%weight`, ready for
`forest.best(weights=...)` or for `with_weights`.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable, Mapping

from glrkit.forest.tree import Tree
from glrkit.grammar.model import Grammar


def rule_counts(trees: Iterable[Tree]) -> Counter[int]:
    """How often each rule is used in the trees (rule indices)."""
    counts: Counter[int] = Counter()
    for tree in trees:
        stack = [tree]
        while stack:
            node = stack.pop()
            if node.rule is not None:
                counts[node.rule] += 1
                stack.extend(node.children)
    return counts


def estimate_weights(
    grammar: Grammar, trees: Iterable[Tree], *, smoothing: float = 1.0
) -> dict[int, float]:
    """Log-probabilities of every rule, estimated from trees of `grammar`.

    Each nonterminal's alternatives get probabilities that sum to 1: relative frequencies
    plus `smoothing` (λ) per alternative; a nonterminal never seen gets equal ones. Trees
    do not show the hidden helper rules of `?`, `*`, `+` and groups, so those keep equal
    probabilities; name a list (`items : items item | %empty`) to have it estimated.
    Rules that can never be used (probability 0 with `smoothing=0`) get -inf.
    """
    if smoothing < 0:
        raise ValueError("smoothing must be >= 0")
    counts = rule_counts(trees)
    for index in counts:
        if not 0 < index < len(grammar.rules):
            raise ValueError(f"a tree uses rule {index}, which this grammar does not have")
    out: dict[int, float] = {0: 0.0}
    nt = grammar.n_terminals
    for offset in range(1, len(grammar.nonterminals)):
        rules = grammar.rules_for(nt + offset)
        if not rules:
            continue
        seen = sum(counts[r] for r in rules)
        total = seen + smoothing * len(rules)
        for r in rules:
            if total == 0:
                out[r] = -math.log(len(rules))
            else:
                mass = counts[r] + smoothing
                out[r] = math.log(mass / total) if mass > 0 else -math.inf
    return out


def with_weights(grammar: Grammar, weights: Mapping[int | str, float]) -> Grammar:
    """A copy of `grammar` whose rules carry these log-weights (it prints them as `%weight`,
    and its forests use them by default). Keys are rule indices, `@label`s or rule text."""
    table = {index: float(w) for key, w in weights.items() for index in grammar.lookup_rules(key)}
    rules = tuple(
        dataclasses.replace(rule, weight=table[rule.index]) if rule.index in table else rule
        for rule in grammar.rules
    )
    return dataclasses.replace(grammar, rules=rules)
