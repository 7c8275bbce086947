"""`glrkit english train` / `eval` on a hand-written treebank, and the lexical model."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from glrkit import Grammar
from glrkit.english.evalb import Evaluation
from glrkit.english.induce import Annotation
from glrkit.english.training import (
    LexicalModel,
    eval_main,
    evaluate,
    flat_tree,
    signature,
    train_main,
)
from glrkit.english.treebank import TreebankTree, read_trees

TRAIN = """\
( (S (NP-SBJ (DT the) (NN dog)) (VP (VBD saw) (NP (DT a) (NN cat))) (. .)))
( (S (NP-SBJ (PRP it)) (VP (VBD ran) (PP (IN to) (NP (DT the) (NN park)))) (. .)))
( (S (NP-SBJ (DT a) (NN cat)) (VP (VBD saw) (NP (PRP it))) (. .)))
( (S (NP-SBJ (PRP it)) (VP (VBD ran)) (. .)))
( (S (NP-SBJ (PRP it)) (VP (VBD saw) (NP (DT the) (NN dog)) (PP (IN in) (NP (DT the)
    (NN park)))) (. .)))
"""
TEST = """\
( (S (NP-SBJ (DT the) (NN cat)) (VP (VBD ran)) (. .)))
( (S (NP-SBJ (PRP it)) (VP (VBD saw) (NP (DT a) (NN dog))) (. .)))
( (S (NP-SBJ (PRP it)) (VP (NN cat) (NN cat)) (. .)))
"""


@pytest.fixture
def treebank(tmp_path: Path) -> Path:
    (tmp_path / "wsj_0001.mrg").write_text(TRAIN, encoding="utf-8")
    (tmp_path / "wsj_0160.mrg").write_text(TEST, encoding="utf-8")
    return tmp_path


def test_train_writes_a_grammar_that_reads_back(
    treebank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = treebank / "g.glr"
    assert train_main(["--treebank", str(treebank), "--out", str(out)]) == 0
    assert "rules" in capsys.readouterr().out
    grammar = Grammar.from_file(out)
    assert grammar.name(grammar.start) == "top"
    assert all(r.weight is not None and r.weight <= 0 for r in grammar.rules[1:])


def test_train_and_eval_on_a_hand_written_treebank(
    treebank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = treebank / "g.glr"
    assert (
        train_main(["--treebank", str(treebank), "--parent", "--markov", "1", "--out", str(out)])
        == 0
    )
    capsys.readouterr()
    assert eval_main(["--treebank", str(treebank), "--grammar", str(out)]) == 0
    text = capsys.readouterr().out
    # The third test sentence has VP -> NN NN, which no rule derives: a flat fallback.
    assert "coverage         2/3" in text
    assert "tagging accuracy 100.00%" in text


def test_usage_errors_exit_with_2(treebank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert train_main([]) == 2
    assert train_main(["--treebank", str(treebank), "--split", "nope", "--out", "x"]) == 2
    assert train_main(["--treebank", str(treebank / "missing"), "--out", "x"]) == 2
    assert eval_main(["--treebank", str(treebank)]) == 2
    assert eval_main(["--treebank", str(treebank), "--grammar", str(treebank / "no.glr")]) == 2
    assert eval_main(["--help"]) == 0
    capsys.readouterr()


def test_flat_fallback_is_one_s_over_the_words() -> None:
    assert str(flat_tree(["PRP", "VBD"], ["it", "ran"])) == "( (S (PRP it) (VBD ran)))"


def test_evaluate_scores_parses_and_fallbacks(treebank: Path) -> None:
    from glrkit.english.induce import induce
    from glrkit.english.treebank import treebank_trees

    grammar = Grammar.from_string(induce(treebank_trees(treebank, "train")).to_text())
    gold = list(treebank_trees(treebank, "test"))
    report = evaluate(grammar, gold)
    assert (report.parsed, report.failed) == (2, 1)
    assert report.scores.sentences == 3
    expected = Evaluation()
    for g in gold[:2]:
        expected.add(g, g)  # the grammar parses both exactly as the gold trees have it
    expected.add(gold[2], flat_tree(gold[2].tags(), gold[2].words()))
    assert report.scores.f1 == expected.f1


def test_lexical_model_prefers_the_seen_tag_and_guesses_unknown_words_by_shape() -> None:
    sentences = [t.leaves() for t in read_trees(TRAIN)]
    sentences.append([("NNS", "dogs"), ("VBD", "walked"), ("NNS", "cats"), ("VBD", "jumped")])
    model = LexicalModel().fit(sentences)
    assert model.log_weight("NN", "dog", False) > model.log_weight("VBD", "dog", False)
    assert model.tag_given_word("NN", "cat", False) > 2 / 2.5  # 2 counts, 0.5 pseudo-counts
    # Unseen words: by the signature of words seen once.
    assert model.log_weight("VBD", "barked", False) > model.log_weight("NN", "barked", False)
    assert model.log_weight("NNS", "birds", False) > model.log_weight("VBD", "birds", False)
    total = sum(model.tag_given_word(t, "zebras", False) for t in model.tag_counts)
    assert math.isclose(total, 1.0, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("word", "initial", "expected"),
    [
        ("walked", False, "UNK-ed"),
        ("Walked", True, "UNK-Init-ed"),
        ("Smithson", False, "UNK-Cap"),
        ("1,234", False, "UNK-Num"),
        ("3-for-2", False, "UNK-Dig-Dash"),
        ("IBM", False, "UNK-Caps"),
        ("well-known", False, "UNK-Dash"),
        ("quickly", False, "UNK-ly"),
    ],
)
def test_signature(word: str, initial: bool, expected: str) -> None:
    assert signature(word, initial) == expected


def test_lexicon_tags_parse_with_lexical_weights(treebank: Path) -> None:
    from glrkit.english.induce import induce
    from glrkit.english.treebank import treebank_trees

    grammar = Grammar.from_string(induce(treebank_trees(treebank, "train")).to_text())
    model = LexicalModel().fit([t.leaves() for t in treebank_trees(treebank, "train")])
    gold = [
        TreebankTree.parse(
            "( (S (NP (DT the) (NN dog)) (VP (VBD saw) (NP (DT a) (NN cat))) (. .)))"
        )
    ]
    report = evaluate(grammar, gold, tags="lexicon", lexical=model)
    assert report.parsed == 1
    assert report.scores.tagging_accuracy == 1.0  # "saw" is a verb here, not a noun
    assert report.scores.f1 == 1.0


PTB = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ptb-sample"
needs_ptb = pytest.mark.skipif(
    not (PTB / "wsj_0001.mrg").exists(),
    reason="the Penn Treebank sample (../shared/data/ptb-sample) is not present",
)
# Tables of a grammar induced from all of wsj_0001-0159 take minutes to build (see
# docs/english.md), so this test trains on the first 20 files of the training split.
TRAIN_FILES = "1-40"


@needs_ptb
def test_end_to_end_on_short_test_sentences() -> None:
    from glrkit.english.induce import induce
    from glrkit.english.treebank import treebank_trees

    train = list(treebank_trees(PTB, TRAIN_FILES))
    test = [t for t in treebank_trees(PTB, "test") if len(t.leaves()) <= 8][:12]
    assert len(test) == 12
    plain = Grammar.from_string(induce(train).to_text())
    refined = Grammar.from_string(induce(train, Annotation(vertical=2, horizontal=1)).to_text())
    plain_report = evaluate(plain, test)
    refined_report = evaluate(refined, test)
    print(
        f"\nplain:   F1 {plain_report.scores.f1:.3f}, coverage {plain_report.coverage:.2f}"
        f"\nrefined: F1 {refined_report.scores.f1:.3f}, coverage {refined_report.coverage:.2f}"
    )
    assert refined_report.scores.f1 > 0.5
    assert plain_report.scores.f1 > 0.5
    assert refined_report.scores.f1 >= plain_report.scores.f1
    assert refined_report.coverage >= plain_report.coverage


@needs_ptb
def test_tag_splits_round_trip_on_the_sample_and_keep_short_sentences_parsing() -> None:
    from glrkit.english.induce import (
        TAG_SPLITS,
        annotate,
        annotated_leaves,
        induce,
        normalize,
        unannotate,
    )
    from glrkit.english.treebank import treebank_trees

    splits = frozenset(TAG_SPLITS)
    annotation = Annotation(1, None, True, splits)
    train = list(treebank_trees(PTB, TRAIN_FILES))
    for tree in train:
        assert unannotate(annotate(normalize(tree), annotation)) == normalize(tree)
    test = [t for t in treebank_trees(PTB, "test") if len(t.leaves()) <= 8][:12]
    grammar = Grammar.from_string(induce(train, annotation).to_text())
    model = LexicalModel().fit([annotated_leaves(t, splits) for t in train])
    report = evaluate(grammar, test, tag_model=model)
    assert report.scores.tagging_accuracy == 1.0  # gold tags, read back from the variants
    assert report.scores.f1 > 0.5


def test_train_with_tag_splits_and_eval(treebank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = treebank / "g.glr"
    assert train_main(["--treebank", str(treebank), "--tag-splits", "--out", str(out)]) == 0
    assert "tag splits pa,in,unary,cc,percent,aux" in capsys.readouterr().out
    assert '"IN^PP^pv"' in out.read_text(encoding="utf-8")
    for tags in ("gold", "lexicon"):
        assert eval_main(["--treebank", str(treebank), "--grammar", str(out), "--tags", tags]) == 0
        text = capsys.readouterr().out
        assert "coverage         2/3" in text
        assert "tagging accuracy 100.00%" in text
    assert train_main(["--treebank", str(treebank), "--tag-splits", "pa,nope", "--out", "x"]) == 2
    capsys.readouterr()
