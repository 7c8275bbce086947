"""Treebank grammar induction: exact relative frequencies, annotation round trips."""

from __future__ import annotations

import math
from textwrap import dedent

import pytest

from glrkit import Grammar, Parser, Token
from glrkit.english.induce import (
    Annotation,
    annotate,
    induce,
    label_of,
    normalize,
    unannotate,
)
from glrkit.english.treebank import TreebankTree, read_trees

TREEBANK = """\
( (S (NP (DT the) (NN dog)) (VP (VBD barked)) (. .)))
( (S (NP (DT the) (NN cat)) (VP (VBD saw) (NP (DT a) (NN dog))) (. .)))
( (S (NP (PRP it)) (VP (VBD ran))))
"""


def trees() -> list[TreebankTree]:
    return list(read_trees(TREEBANK))


def test_plain_grammar_has_relative_frequencies() -> None:
    grammar = induce(trees())
    probabilities = {(lhs, rhs): p for lhs, rhs, p in grammar.rules()}
    assert probabilities == {
        ("top", ("s",)): 1.0,
        ("s", ("np", "vp", ".")): 2 / 3,
        ("s", ("np", "vp")): 1 / 3,
        ("np", ("DT", "NN")): 3 / 4,
        ("np", ("PRP",)): 1 / 4,
        ("vp", ("VBD",)): 2 / 3,
        ("vp", ("VBD", "np")): 1 / 3,
    }
    assert grammar.tags() == {"DT", "NN", "PRP", "VBD", "."}


def test_grammar_text_reads_back_and_scores_trees_exactly() -> None:
    induced = induce(trees())
    text = induced.to_text()
    assert (
        dedent("""\
        %start top

        top
            : s %prob 1.0
            ;
        np
            : "DT" "NN" %prob 0.75
            | "PRP" %prob 0.25
            ;""")
        in text
    )
    parser = Parser(Grammar.from_string(text), cache=False)
    forest = parser.parse_tokens(
        [
            Token(("DT",), "the"),
            Token(("NN",), "cat"),
            Token(("VBD",), "saw"),
            Token(("PRP",), "it"),
            Token((".",), "."),
        ]
    )
    assert forest.count() == 1
    expected = math.log(1.0 * (2 / 3) * (3 / 4) * (1 / 3) * (1 / 4))
    assert math.isclose(forest.best_score(), expected)
    gold = annotate(
        normalize(
            TreebankTree.parse("( (S (NP (DT the) (NN cat)) (VP (VBD saw) (NP (PRP it))) (. .)))")
        )
    )
    assert math.isclose(induced.log_probability(gold), expected)


def test_parent_annotation_splits_subjects_from_objects() -> None:
    grammar = induce(trees(), Annotation(vertical=2))
    probabilities = {(lhs, rhs): p for lhs, rhs, p in grammar.rules()}
    assert probabilities[("np_s", ("DT", "NN"))] == 2 / 3
    assert probabilities[("np_s", ("PRP",))] == 1 / 3
    assert probabilities[("np_vp", ("DT", "NN"))] == 1.0
    assert probabilities[("top", ("s_top",))] == 1.0
    assert probabilities[("s_top", ("np_s", "vp_s", "."))] == 2 / 3


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (Annotation(1, None), "(top (s (np (DT the) (NN dog)) (vp (VBD barked)) (. .)))"),
        (Annotation(2, None), "(top (s_top (np_s (DT the) (NN dog)) (vp_s (VBD barked)) (. .)))"),
        (
            Annotation(3, None),
            "(top (s_top (np_s_top (DT the) (NN dog)) (vp_s_top (VBD barked)) (. .)))",
        ),
        (Annotation(1, 0), "(top (s (s__more (np (DT the) (NN dog)) (vp (VBD barked))) (. .)))"),
        (
            Annotation(2, 1),
            "(top (s_top (s_top__vp (np_s (DT the) (NN dog)) (vp_s (VBD barked))) (. .)))",
        ),
        (Annotation(1, 2), "(top (s (s__np_vp (np (DT the) (NN dog)) (vp (VBD barked))) (. .)))"),
    ],
)
def test_annotated_trees(annotation: Annotation, expected: str) -> None:
    assert str(annotate(trees()[0], annotation)) == expected


LONG = "( (NP (DT the) (JJ big) (JJ red) (, ,) (JJ old) (NN barn) (PP (IN of) (NP (NNP X)))))"


@pytest.mark.parametrize("vertical", [1, 2, 3])
@pytest.mark.parametrize("horizontal", [None, 0, 1, 2, 5])
@pytest.mark.parametrize("splits", [False, True])
def test_annotation_round_trips(vertical: int, horizontal: int | None, splits: bool) -> None:
    for tree in [*trees(), TreebankTree.parse(LONG), TreebankTree.parse(SPLITS)]:
        annotated = annotate(tree, Annotation(vertical, horizontal, splits))
        assert unannotate(annotated) == tree


SPLITS = (
    "( (S (NP (NP (NNP Kim) (POS 's)) (NN dog)) (VP (MD will) (VP (VB run) (ADVP (RB away))))"
    " (. .)))"
)


def test_splits_mark_verb_kinds_possessives_base_nps_and_unary_phrases() -> None:
    annotated = annotate(TreebankTree.parse(SPLITS), Annotation(1, None, splits=True))
    assert str(annotated) == (
        "(top (s (np (np_fposs (NNP Kim) (POS 's)) (NN dog)) (vp_fmd (MD will)"
        " (vp_fvb (VB run) (advp_funary (RB away)))) (. .)))"
    )
    nov = annotate(TreebankTree.parse("( (S (NP (NN x)) (. .)))"), Annotation(splits=True))
    assert str(nov) == "(top (s_fnov (np_fbase_funary (NN x)) (. .)))"


def test_markovization_binarizes_left_to_right_with_h_previous_siblings() -> None:
    annotated = annotate(TreebankTree.parse(LONG), Annotation(1, 1))
    np = annotated.children[0]
    assert [c.label for c in np.children] == ["np__nn", "pp"]
    labels = []
    node = np.children[0]
    while not node.is_preterminal and "__" in node.label:
        labels.append(node.label)
        node = node.children[0]
    assert labels == ["np__nn", "np__jj", "np__comma", "np__jj", "np__jj"]
    assert all(len(n.children) <= 2 for n in annotated.nodes())


def test_markovization_generalizes_to_unseen_rule_lengths() -> None:
    seen = [
        TreebankTree.parse("( (X (A a) (B b) (C c)))"),
        TreebankTree.parse("( (X (A a) (B b) (B b) (C c)))"),
    ]
    text = induce(seen, Annotation(1, 1)).to_text()
    parser = Parser(Grammar.from_string(text), cache=False)
    tokens = [Token(("A",), "a"), *[Token(("B",), "b")] * 5, Token(("C",), "c")]
    forest = parser.parse_tokens(tokens)  # X -> A B B B B B C was never seen
    assert forest.count() == 1
    # x -> x__b C (2/2); x__b -> A B (2/3) | x__b B (1/3): four more B's.
    assert math.isclose(forest.best_score(), math.log((1 / 3) ** 4 * (2 / 3)))


def test_normalize_merges_a_label_over_the_same_label() -> None:
    tree = TreebankTree.parse("( (S (NP (NP (NN x))) (VP (VP (VB y)))))")
    assert str(normalize(tree)) == "( (S (NP (NN x)) (VP (VB y))))"


def test_label_of_reads_names_back() -> None:
    assert label_of("np_vp_s") == "NP"
    assert label_of("sbar") == "SBAR"
    assert label_of("top") == ""
    assert label_of("whnp_top__comma_nn") == "WHNP"


def test_treebank_tags_become_literal_terminals() -> None:
    tree = TreebankTree.parse("( (NP (PRP$ his) (`` ``) (-LRB- -LRB-) (NN x) ('' '')))")
    text = induce([tree], Annotation(1, 2)).to_text()
    grammar = Grammar.from_string(text)
    names = {t.name for t in grammar.terminals[1:]}
    assert names == {'"PRP$"', '"``"', '"-LRB-"', '"NN"', "\"''\""}
    assert "np__prpdollar_lquote" in text and "np__lquote_lrb" in text
