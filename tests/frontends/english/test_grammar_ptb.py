"""Coverage of the English grammar on the Penn Treebank WSJ sample, where it is present.

The sample lives beside the project (``../shared/data/ptb-sample``) under non-commercial
terms: this test reads it to measure, nothing from it is copied or estimated into the
project.  It parses the *words* of test-split sentences (``wsj_0160`` ... ``wsj_0199``,
never used to tune the grammar) with the lexicon's tags, as the pipeline does for raw
text, and counts full parses.  Every eighth sentence keeps the test short; set
``GLRKIT_PTB_FULL=1`` to parse the whole split.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from glrkit.english.pipeline import analyse_words

PTB = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ptb-sample"
TEST_SPLIT = range(160, 200)
STEP = 1 if os.environ.get("GLRKIT_PTB_FULL") else 8

pytestmark = pytest.mark.skipif(
    not (PTB / "wsj_0160.mrg").exists(),
    reason="the Penn Treebank sample (../shared/data/ptb-sample) is not present",
)

LEAF = re.compile(r"\(([^()\s]+) ([^()\s]+)\)")


def split_words() -> Iterator[list[str]]:
    """The words of each test-split tree, without empty elements."""
    for number in TEST_SPLIT:
        text = (PTB / f"wsj_{number:04d}.mrg").read_text(encoding="utf-8")
        for tree in re.split(r"\n(?=\( ?\()", text):
            words = [word for tag, word in LEAF.findall(tree) if tag != "-NONE-"]
            if words:
                yield words


def test_coverage_on_the_test_split() -> None:
    sentences = list(split_words())[::STEP]
    results = [analyse_words(words) for words in sentences]
    full = sum(not r.fragment for r in results)
    seconds = sum(r.seconds for r in results)
    print(
        f"\nPTB test split (every {STEP}): {full}/{len(results)} full parses "
        f"({full / len(results):.1%}), {len(results) / seconds:.1f} sentences/s"
    )
    assert all(r.tree.words() == words for r, words in zip(results, sentences, strict=True))
    assert full / len(results) >= 0.8
