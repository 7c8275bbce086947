"""Measurements against the Penn Treebank WSJ sample, where it is available.

The sample lives beside the project (``../shared/data/ptb-sample``) under non-commercial
terms: tests read it, nothing from it is copied into the project.  Figures are taken on
its test split (``wsj_0160`` ... ``wsj_0199``), which was not used to tune the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from glrkit.english import Lexicon, tokenize

PTB = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "ptb-sample"
TEST_SPLIT = range(160, 200)

pytestmark = pytest.mark.skipif(
    not (PTB / "wsj_0160.mrg").exists(),
    reason="the Penn Treebank sample (../shared/data/ptb-sample) is not present",
)

LEAF = re.compile(r"\(([^()\s]+) ([^()\s]+)\)")
BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}", "-LSB-": "[", "-RSB-": "]"}


def treebank_sentences() -> Iterator[list[tuple[str, str]]]:
    """(tag, word) leaves of each test-split tree, without empty elements."""
    for number in TEST_SPLIT:
        text = (PTB / f"wsj_{number:04d}.mrg").read_text(encoding="utf-8")
        for tree in re.split(r"\n(?=\( ?\()", text):
            leaves = [(tag, word) for tag, word in LEAF.findall(tree) if tag != "-NONE-"]
            if leaves:
                yield leaves


def unescape(word: str) -> str:
    return BRACKETS.get(word, word).replace("\\/", "/").replace("\\*", "*")


def test_gold_tag_is_in_the_lexicon_set() -> None:
    lexicon = Lexicon.default()
    total = covered = offered = 0
    for leaves in treebank_sentences():
        tagged = lexicon.sentence_tags(word for _tag, word in leaves)
        for (tag, _word), tags in zip(leaves, tagged, strict=True):
            total += 1
            offered += len(tags)
            covered += any(gold in tags for gold in tag.split("|"))
    rate = covered / total
    print(f"\nPTB test split: gold tag in lexicon set for {covered}/{total} tokens ({rate:.2%}),"
          f" {offered / total:.2f} tags per token")
    assert total > 12_000
    assert rate >= 0.99


# The raw text is not in the sample, so it is rebuilt from the leaves with the usual
# spacing rules; the tokenizer must then give the leaves back.
_NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", "%", "''", ")", "]", "}", "n't", "'s", "'re",
                    "'ll", "'ve", "'d", "'m", "'"}
_NO_SPACE_AFTER = {"``", "(", "[", "{", "$", "#"}


def detokenize(words: list[str]) -> str:
    out: list[str] = []
    previous = None
    for word in words:
        surface = '"' if word in ("``", "''") else unescape(word)
        if (previous is not None and word.lower() not in _NO_SPACE_BEFORE
                and previous not in _NO_SPACE_AFTER):
            out.append(" ")
        out.append(surface)
        previous = word
    return "".join(out)


def test_tokenizer_gives_treebank_tokens_back() -> None:
    total = same = 0
    for leaves in treebank_sentences():
        gold = [unescape(word) for _tag, word in leaves]
        got = [w.text for w in tokenize(detokenize([word for _tag, word in leaves]))]
        total += 1
        same += got == gold
    rate = same / total
    print(f"\nPTB test split: {same}/{total} sentences tokenized exactly ({rate:.2%})")
    assert rate >= 0.95
