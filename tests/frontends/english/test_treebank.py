"""Reading Penn Treebank bracketed trees, and cleaning them for a context-free parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from glrkit.english.treebank import (
    TreebankError,
    TreebankTree,
    clean,
    clean_label,
    read_trees,
    split_files,
    treebank_trees,
)

MRG = """\
( (S
    (NP-SBJ-1 (NNP Mr.) (NNP Vinken) )
    (VP (VBZ is)
      (VP (VBN expected)
        (S (NP-SBJ (-NONE- *-1) )
          (VP (TO to) (VP (VB retire) )))))
    (. .) ))
( (S
    (NP-SBJ (PRP It) )
    (VP (VBD said)
      (SBAR (-NONE- 0)
        (S (NP-SBJ (-NONE- *T*-2) ) )))
    (PRN (-LRB- -LRB-) (NP (PRP$ his) (NN note) ) (-RRB- -RRB-) )
    (. .) ))
"""


def test_reads_each_tree_with_its_unlabelled_root() -> None:
    first, second = read_trees(MRG)
    assert first.label == ""
    assert [c.label for c in first.children] == ["S"]
    assert first.children[0].children[0].label == "NP-SBJ-1"
    assert first.leaves()[:3] == [("NNP", "Mr."), ("NNP", "Vinken"), ("VBZ", "is")]
    assert ("-NONE-", "*-1") in first.leaves()
    assert second.words()[-2:] == ["-RRB-", "."]


def test_prints_as_one_line_bracketed_text() -> None:
    tree = TreebankTree.parse("(S (NP (DT the) (NN cat)) (VP (VBD sat)))")
    assert str(tree) == "(S (NP (DT the) (NN cat)) (VP (VBD sat)))"
    assert TreebankTree.parse(str(tree)) == tree


def test_clean_drops_empty_elements_the_constituents_they_empty_and_function_tags() -> None:
    first, second = (clean(t) for t in read_trees(MRG))
    assert str(first) == (
        "( (S (NP (NNP Mr.) (NNP Vinken)) (VP (VBZ is) (VP (VBN expected)"
        " (S (VP (TO to) (VP (VB retire)))))) (. .)))"
    )
    # The SBAR held only an empty complementizer and an empty subject clause: all gone.
    assert str(second) == (
        "( (S (NP (PRP It)) (VP (VBD said)) (PRN (-LRB- -LRB-) (NP (PRP$ his) (NN note))"
        " (-RRB- -RRB-)) (. .)))"
    )


def test_clean_of_a_wholly_empty_tree_is_none() -> None:
    assert clean(TreebankTree.parse("( (S (NP-SBJ (-NONE- *)) ))")) is None


@pytest.mark.parametrize(
    ("label", "clean_form"),
    [
        ("NP-SBJ-1", "NP"),
        ("PP=2", "PP"),
        ("NP-SBJ=1-3", "NP"),
        ("ADVP|PRT", "ADVP"),
        ("S-TPC-1", "S"),
        ("-NONE-", "-NONE-"),
        ("-LRB-", "-LRB-"),
        ("PRP$", "PRP$"),
        ("NP", "NP"),
    ],
)
def test_clean_label(label: str, clean_form: str) -> None:
    assert clean_label(label) == clean_form


def test_deep_trees_need_no_recursion() -> None:
    depth = 20_000
    text = "( " + "(NP " * depth + "(NN x)" + ")" * depth + " )"
    (tree,) = read_trees(text)
    cleaned = clean(tree)
    assert cleaned is not None
    assert cleaned.leaves() == [("NN", "x")]
    assert len(str(cleaned)) > depth * 4
    assert TreebankTree.parse(str(cleaned)) == cleaned
    assert sum(1 for _ in cleaned.copy().nodes()) == depth + 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(S (NP (NN x))", "left open"),
        ("(S (NN x)))", "unbalanced"),
        ("x (S (NN y))", "outside brackets"),
        ("(S (NN x) y)", "beside other children"),
    ],
)
def test_malformed_text_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(TreebankError, match=message):
        list(read_trees(text))


def test_split_files_select_by_file_number(tmp_path: Path) -> None:
    for n in (1, 159, 160, 199):
        (tmp_path / f"wsj_{n:04d}.mrg").write_text("( (S (NN x)) )\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a tree", encoding="utf-8")
    assert [p.name for p in split_files(tmp_path, "train")] == ["wsj_0001.mrg", "wsj_0159.mrg"]
    assert [p.name for p in split_files(tmp_path, "test")] == ["wsj_0160.mrg", "wsj_0199.mrg"]
    assert len(split_files(tmp_path, "150-170")) == 2
    assert len(list(treebank_trees(tmp_path, "all"))) == 4
    with pytest.raises(ValueError, match="unknown split"):
        split_files(tmp_path, "dev")


PTB = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ptb-sample"


@pytest.mark.skipif(
    not (PTB / "wsj_0001.mrg").exists(),
    reason="the Penn Treebank sample (../shared/data/ptb-sample) is not present",
)
def test_the_sample_has_3914_trees_and_no_empty_elements_after_cleaning() -> None:
    train = list(treebank_trees(PTB, "train"))
    test = list(treebank_trees(PTB, "test"))
    assert len(train) + len(test) == 3914
    for tree in train + test:
        assert all(tag != "-NONE-" for tag in tree.tags())
        assert all(node.word is not None or node.children for node in tree.nodes())
