"""Estimating rule weights from trees: relative frequencies (maximum likelihood for a PCFG),
with add-λ smoothing so rules never seen keep some probability.

p(A -> α) = (count(A -> α) + λ) / (count(A) + λ · |alternatives of A|)

(Lidstone smoothing; λ = 1 is Laplace's rule, λ = 0 the plain maximum-likelihood estimate.
See Manning & Schütze, "Foundations of Statistical Natural Language Processing", ch. 6.2 and
11.) The result is a mapping of log-probabilities, the unit of `%weight`, ready for
`forest.best(weights=...)` or for `with_weights`.

A forest counts as the expected rule counts of its trees (inside-outside, `forest/outside.py`):
for an unambiguous parse these are the counts of its one tree, hidden helper rules included;
for ambiguous ones, estimating again and again from the same forests is EM.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable, Mapping

from glrkit.forest.forest import Forest
from glrkit.forest.outside import expected_counts
from glrkit.forest.score import rule_weights
from glrkit.forest.tree import Tree
from glrkit.grammar.model import Grammar


def expected_rule_counts(
    forest: Forest, weights: Mapping[int | str, float] | None = None
) -> dict[int, float]:
    """Expected uses of each rule over the trees of a forest, a tree weighing exp(score)
    (the grammar's weights, replaced by `weights`). Acyclic forests only."""
    return expected_counts(forest.root, rule_weights(forest.grammar, weights))


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
    grammar: Grammar,
    trees: Iterable[Tree | Forest],
    *,
    smoothing: float = 1.0,
    weights: Mapping[int | str, float] | None = None,
) -> dict[int, float]:
    """Log-probabilities of every rule, estimated from trees (or forests) of `grammar`.

    Each nonterminal's alternatives get probabilities that sum to 1: relative frequencies
    plus `smoothing` (λ) per alternative; a nonterminal never seen gets equal ones. Rules
    never used get -inf with `smoothing=0`.

    Trees do not show the hidden helper rules of `?`, `*`, `+` and groups: from trees those
    keep equal probabilities. Give the parse forests instead to count them too: a forest
    counts as its trees' expected counts, each tree weighing exp(score) under `weights`
    (default: the grammar's). Feeding the result back as `weights` is one step of EM.
    """
    if smoothing < 0:
        raise ValueError("smoothing must be >= 0")
    counts: Counter[int] = Counter()
    plain: list[Tree] = []
    for item in trees:
        if isinstance(item, Forest):
            counts.update(expected_rule_counts(item, weights))
        else:
            plain.append(item)
    counts.update(rule_counts(plain))
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
