"""estimate_weights: relative frequencies with smoothing, from trees."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import pytest

from glrkit import Grammar, Parser, Tree
from glrkit.disambig import estimate_weights, rule_counts, with_weights
from glrkit.grammar.model import rule_text

TOY = Grammar.from_string(
    r"""
    %ignore /\s+/
    s : np vp ;
    np : "she" | "fish" | np pp ;
    vp : v np | vp pp ;
    pp : "with" np ;
    v : "eats" | "sees" ;
    unused : "x" | "y" | "z" ;
    """
)
TOY_PARSER = Parser(TOY, cache=False)


def trees(*sentences: str) -> list[Tree]:
    out = []
    for text in sentences:
        forest = TOY_PARSER.parse(text)
        out.append(forest.tree())
    return out


def by_text(grammar: Grammar, weights: dict[int, float]) -> dict[str, float]:
    return {rule_text(grammar, r): math.exp(w) for r, w in weights.items() if r > 0}


def test_maximum_likelihood_is_relative_frequency() -> None:
    sample = trees("she eats fish", "she sees she", "fish eats fish")
    probs = by_text(TOY, estimate_weights(TOY, sample, smoothing=0))
    assert probs['np : "she"'] == pytest.approx(3 / 6)
    assert probs['np : "fish"'] == pytest.approx(3 / 6)
    assert probs["np : np pp"] == 0.0
    assert probs['v : "eats"'] == pytest.approx(2 / 3)
    assert probs["s : np vp"] == 1.0
    assert probs['unused : "x"'] == pytest.approx(1 / 3)  # never seen: uniform


def test_smoothing_gives_unseen_rules_mass_and_sums_to_one() -> None:
    weights = estimate_weights(TOY, trees("she eats fish"), smoothing=1.0)
    probs = by_text(TOY, weights)
    assert probs["np : np pp"] == pytest.approx(1 / (2 + 3))
    assert probs['np : "she"'] == pytest.approx(2 / 5)
    nt = TOY.n_terminals
    for offset in range(1, len(TOY.nonterminals)):
        rules = TOY.rules_for(nt + offset)
        assert math.fsum(math.exp(weights[r]) for r in rules) == pytest.approx(1.0)


def test_counts_cover_every_rule_application() -> None:
    [tree] = trees("she eats fish with fish")
    counts = rule_counts([tree])
    # s, vp, v, np "she", np(np pp), np "fish", pp, np "fish"; or the same with vp(vp pp).
    assert sum(counts.values()) == 8
    assert counts[TOY.lookup_rules('pp : "with" np')[0]] == 1


def test_estimates_converge_to_the_generating_probabilities() -> None:
    """Sample sentences from a PCFG, parse them, estimate: the estimates approach the truth."""
    grammar = Grammar.from_string(
        r"""
        %ignore /\s+/
        s : a s | "end" ;
        a : "x" | "y" | "z" "z" ;
        """
    )
    truth = {"s : a s": 0.7, 's : "end"': 0.3, 'a : "x"': 0.5, 'a : "y"': 0.2, 'a : "z" "z"': 0.3}
    rng = random.Random(11)
    parser = Parser(grammar, cache=False)
    sample = []
    for _ in range(600):
        words = []
        while rng.random() < truth["s : a s"]:
            words.append(rng.choices(["x", "y", "z z"], [0.5, 0.2, 0.3])[0])
        words.append("end")
        sample.append(parser.parse(" ".join(words)).tree())
    probs = by_text(grammar, estimate_weights(grammar, sample, smoothing=0))
    for rule, p in truth.items():
        assert probs[rule] == pytest.approx(p, abs=0.04), rule


def test_estimated_weights_choose_the_attachment_seen_in_training() -> None:
    """Training trees attach "with" phrases to the noun; the best parse of an ambiguous
    sentence then does the same."""
    noun_attached = [
        t
        for t in TOY_PARSER.parse("she sees fish with fish").trees()
        if Counter(rule_counts([t]))[TOY.lookup_rules("np : np pp")[0]] == 1
    ]
    training = noun_attached * 3 + trees("she eats fish")
    weights = estimate_weights(TOY, training)
    forest = TOY_PARSER.parse("fish eats she with fish")
    assert forest.count() == 2
    best = forest.best(weights)
    assert rule_counts([best])[TOY.lookup_rules("np : np pp")[0]] == 1


def test_with_weights_bakes_weights_into_the_grammar() -> None:
    weights = estimate_weights(TOY, trees("she eats fish"), smoothing=0)
    weighted = with_weights(TOY, weights)
    assert weighted.fingerprint() == TOY.fingerprint()
    assert 'v : "eats" %weight 0' in str(weighted)
    assert Grammar.from_string(str(weighted)).rules[3].weight == weights[3]
    forest = Parser(weighted, cache=False).parse("she eats fish")
    assert forest.best_score() == pytest.approx(forest.best_score(weights))


def test_trees_of_another_grammar_and_negative_smoothing_are_refused() -> None:
    stranger = Tree("s", (), 0, 0, "", rule=999)  # a rule this grammar does not have
    with pytest.raises(ValueError):
        estimate_weights(TOY, [stranger])
    with pytest.raises(ValueError):
        estimate_weights(TOY, [], smoothing=-1)


def test_forests_count_the_hidden_helper_rules_too() -> None:
    grammar = Grammar.from_string('%ignore /\\s+/\ns : a* "end" ; a : "x" | "y" ;')
    parser = Parser(grammar, cache=False)
    forests = [parser.parse("x y x end"), parser.parse("end")]
    probs = by_text(grammar, estimate_weights(grammar, forests, smoothing=0))
    # a* : %empty once per sentence (2), a* : a* a once per item (3).
    assert probs["a* : %empty"] == pytest.approx(2 / 5)
    assert probs["a* : a* a"] == pytest.approx(3 / 5)
    assert probs['a : "x"'] == pytest.approx(2 / 3)
    from_trees = by_text(grammar, estimate_weights(grammar, [f.tree() for f in forests]))
    assert from_trees["a* : %empty"] == pytest.approx(1 / 2)  # not visible in trees


def test_em_on_ambiguous_forests_raises_the_likelihood() -> None:
    """Re-estimating from the same ambiguous forests is EM: the data's likelihood never
    goes down (Dempster, Laird & Rubin 1977)."""
    forests = [
        TOY_PARSER.parse(text)
        for text in [
            "she eats fish with fish",
            "she sees she with fish with she",
            "fish eats she",
            "she sees fish with she",
        ]
    ]
    weights = estimate_weights(TOY, forests, smoothing=0.1)
    history = []
    for _ in range(6):
        history.append(math.fsum(f.inside(weights, log=True) for f in forests))
        weights = estimate_weights(TOY, forests, smoothing=0.0, weights=weights)
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(history))
    assert history[-1] > history[0]
