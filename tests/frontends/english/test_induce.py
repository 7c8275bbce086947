"""Treebank grammar induction: exact relative frequencies, annotation round trips, tag
splits and the token kinds they give."""

from __future__ import annotations

import math
from textwrap import dedent

import pytest

from glrkit import Grammar, Parser, Token
from glrkit.english.induce import (
    TAG_SPLITS,
    Annotation,
    annotate,
    annotated_leaves,
    base_tag,
    induce,
    label_of,
    normalize,
    tag_splits_of,
    unannotate,
)
from glrkit.english.training import LexicalModel, TokenKinds, evaluate
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


TAGGED = (
    "( (S (NP (DT that)) (VP (VBZ is) (PP (IN of) (NP (NN x))) (SBAR (IN because) (S (NP"
    " (PRP it)) (VP (VBD was) (NP (CD 5) (NN %)))))) (CC but) (. .)))"
)
ALL_TAGS = frozenset(TAG_SPLITS)


def test_tag_splits_mark_parents_in_kinds_unary_tags_and_word_classes() -> None:
    annotated = annotate(TreebankTree.parse(TAGGED), Annotation(tags=ALL_TAGS))
    assert annotated.tags() == [
        "DT^NP^u",
        "VBZ=be^VP",
        "IN^PP^pv",
        "NN^NP",
        "IN^SBAR^sub",
        "PRP^NP",
        "VBD=be^VP",
        "CD^NP",
        "NN=pct^NP",
        "CC=but^S",
        ".^S",
    ]
    only_in = annotate(TreebankTree.parse(TAGGED), Annotation(tags=frozenset({"in"})))
    assert [t for t in only_in.tags() if t.startswith("IN")] == ["IN^pv", "IN^sub"]
    assert [base_tag(t) for t in annotated.tags()] == TreebankTree.parse(TAGGED).tags()


@pytest.mark.parametrize("vertical", [1, 2])
@pytest.mark.parametrize("horizontal", [None, 1])
@pytest.mark.parametrize("tags", [ALL_TAGS, frozenset({"pa"}), frozenset({"in", "cc"})])
def test_tag_annotation_round_trips(
    vertical: int, horizontal: int | None, tags: frozenset[str]
) -> None:
    for tree in [*trees(), TreebankTree.parse(LONG), TreebankTree.parse(TAGGED)]:
        annotated = annotate(tree, Annotation(vertical, horizontal, True, tags))
        assert unannotate(annotated) == tree


def test_unknown_tag_splits_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown tag split"):
        Annotation(tags=frozenset({"nope"}))


def test_grammar_with_tag_splits_says_so_and_its_tokens_offer_every_variant() -> None:
    induced = induce([*trees(), TreebankTree.parse(TAGGED)], Annotation(tags=ALL_TAGS))
    text = induced.to_text()
    assert tag_splits_of(text) == ALL_TAGS
    assert tag_splits_of(induce(trees()).to_text()) == frozenset()
    kinds = TokenKinds(Grammar.from_string(text))
    assert set(kinds.kinds("NN", "dog")) == {'"NN^NP"'}
    assert set(kinds.kinds("IN", "of")) == {'"IN^PP^pv"', '"IN^SBAR^sub"'}
    assert kinds.kinds("NN", "%") == ('"NN=pct^NP"',)
    assert set(kinds.kinds("VBD", "saw")) == {'"VBD^VP"'}
    assert set(kinds.kinds("VBD", "was")) == {'"VBD=be^VP"'}
    assert kinds.kinds("JJ", "big") == ()


def test_parses_with_tag_splits_read_back_to_plain_tags() -> None:
    train = [*trees(), TreebankTree.parse(TAGGED)]
    grammar = Grammar.from_string(induce(train, Annotation(2, None, True, ALL_TAGS)).to_text())
    model = LexicalModel().fit([annotated_leaves(t, ALL_TAGS) for t in train])
    gold = [TreebankTree.parse(TAGGED), trees()[1]]
    report = evaluate(grammar, gold, tag_model=model)
    assert report.parsed == 2
    assert report.scores.f1 == 1.0
    assert report.scores.tagging_accuracy == 1.0
