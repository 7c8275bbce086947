"""Labelled bracket scores with evalb's conventions, against hand-computed examples."""

from __future__ import annotations

import math

import pytest

from glrkit.english.evalb import Evaluation, MismatchError, brackets, score
from glrkit.english.treebank import TreebankTree


def tree(text: str) -> TreebankTree:
    return TreebankTree.parse(text)


def test_a_wrong_attachment_costs_one_bracket_each_way() -> None:
    # Words: The cat sat on the mat (the final "." is punctuation: not a word).
    # Gold: S(0,6) NP(0,2) VP(2,6) PP(3,6) NP(4,6); test: the same but VP(2,3).
    gold = tree(
        "( (S (NP (DT The) (NN cat)) (VP (VBD sat) (PP (IN on) (NP (DT the) (NN mat)))) (. .)))"
    )
    test = tree(
        "( (S (NP (DT The) (NN cat)) (VP (VBD sat)) (PP (IN on) (NP (DT the) (NN mat))) (. .)))"
    )
    s = score(gold, test)
    assert (s.matched, s.gold, s.test) == (4, 5, 5)
    assert not s.exact
    total = Evaluation()
    total.add_score(s)
    assert math.isclose(total.precision, 0.8)
    assert math.isclose(total.recall, 0.8)
    assert math.isclose(total.f1, 0.8)


def test_prt_and_advp_are_the_same_label_but_the_tag_still_counts() -> None:
    gold = tree("( (S (NP (PRP He)) (VP (VBD gave) (PRT (RP up)))))")
    test = tree("( (S (NP (PRP He)) (VP (VBD gave) (ADVP (RB up)))))")
    s = score(gold, test)
    assert (s.matched, s.gold, s.test) == (4, 4, 4)
    assert s.exact
    assert (s.tags_correct, s.words) == (2, 3)


def test_punctuation_is_not_a_word_and_brackets_over_it_alone_vanish() -> None:
    # Gold: S(0,2) NP(0,1) VP(1,2); the NP over "," and the trailing "." hold no words.
    gold = tree("( (S (NP (NNS Stocks) (NP (, ,))) (VP (VBD fell)) (. .)))")
    # Test: an extra S over the same two words (a multiset: only one S matches) and the
    # punctuation attached elsewhere, which does not matter.
    test = tree("( (S (S (NP (NNS Stocks)) (, ,) (VP (VBD fell))) (. .)))")
    s = score(gold, test)
    assert (s.matched, s.gold, s.test) == (3, 3, 4)
    assert (s.tags_correct, s.words) == (2, 2)  # punctuation is not scored for tags either


def test_punctuation_is_decided_by_the_gold_tags() -> None:
    gold = tree("( (S (NP (NN x)) (VP (VBZ is) (ADJP (JJ y))) (. !)))")
    test = tree("( (S (NP (NN x)) (VP (VBZ is) (ADJP (JJ y)) (NN !))))")
    s = score(gold, test)
    assert (s.matched, s.gold, s.test) == (4, 4, 4)


def test_empty_elements_function_tags_and_indices_are_ignored() -> None:
    gold = tree(
        "( (S (NP-SBJ-1 (NNP Kim)) (VP (VBD tried) (S (NP-SBJ (-NONE- *-1))"
        " (VP (TO to) (VP (VB win)))))))"
    )
    test = tree("( (S (NP (NNP Kim)) (VP (VBD tried) (S (VP (TO to) (VP (VB win)))))))")
    s = score(gold, test)
    # S(0,4) NP(0,1) VP(1,4) S(2,4) VP(2,4) VP(3,4): the inner S keeps its words.
    assert (s.matched, s.gold, s.test) == (6, 6, 6)


def test_root_and_preterminals_are_not_brackets() -> None:
    t = tree("( (S (NP (DT a) (NN b)) (VP (VBZ c))))")
    assert sorted(brackets(t, [True, True, True])) == [("NP", 0, 2), ("S", 0, 3), ("VP", 2, 3)]
    named_root = tree("(TOP (S (NP (DT a) (NN b)) (VP (VBZ c))))")
    assert brackets(named_root, [True] * 3) == brackets(t, [True] * 3)


def test_unary_chains_over_one_span_are_all_counted() -> None:
    gold = tree("( (S (VP (VB Stop))))")
    test = tree("( (VP (VB Stop)))")
    s = score(gold, test)
    assert (s.matched, s.gold, s.test) == (1, 2, 1)


def test_trees_over_other_words_are_refused() -> None:
    with pytest.raises(MismatchError):
        score(tree("( (S (NN a) (NN b)))"), tree("( (S (NN a) (NN c)))"))
    with pytest.raises(MismatchError):
        score(tree("( (S (NN a) (NN b)))"), tree("( (S (NN a)))"))


def test_corpus_scores_sum_brackets_before_dividing() -> None:
    total = Evaluation()
    total.add(tree("( (S (NP (NN a)) (VP (VB b))))"), tree("( (S (NN a) (VP (VB b))))"))
    total.add(tree("( (NP (NN a) (NN b)))"), tree("( (NP (NN a) (NN b)))"))
    # 3 gold + 1 gold, 2 test + 1 test, 2 + 1 matched.
    assert (total.matched, total.gold, total.test) == (3, 4, 3)
    assert math.isclose(total.precision, 1.0)
    assert math.isclose(total.recall, 0.75)
    assert math.isclose(total.f1, 2 * 0.75 / 1.75)
    assert total.exact == 1
    assert total.tagging_accuracy == 1.0
