"""Penn-Treebank-style tokenization: golden token lists and offsets."""

from __future__ import annotations

import itertools

import pytest

from glrkit.english import Word, tokenize
from glrkit.english.tokenize import is_abbreviation


def words(spaced: str) -> list[str]:
    return spaced.split()


def texts(source: str) -> list[str]:
    return [w.text for w in tokenize(source)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # clitics
        ("Trump's team didn't say.", "Trump 's team did n't say ."),
        ("They're sure we'll see; I'm not.", "They 're sure we 'll see ; I 'm not ."),
        ("I'd've gone, but he won't and can't.", "I 'd 've gone , but he wo n't and ca n't ."),
        ("You cannot be gonna do that.", "You can not be gon na do that ."),
        ("O'Brien and rock'n'roll", "O'Brien and rock'n'roll"),
        ("The players' union", "The players ' union"),
        ("It’s Trump’s", "It 's Trump 's"),
        ("the 1990's", "the 1990 's"),
        ("Apple Inc.'s chief", "Apple Inc. 's chief"),
        # quotes
        ('"The talks are constructive," he said.',
         "`` The talks are constructive , '' he said ."),
        ('He said "no."', "He said `` no . ''"),
        ('("Yes")', "( `` Yes '' )"),
        ("“Curly” quotes", "`` Curly '' quotes"),
        ("He said 'maybe' then.", "He said ` maybe ' then ."),
        ("``Already'' done", "`` Already '' done"),
        # numbers, money, percent
        ("Shares rose 5% to $1,234.56.", "Shares rose 5 % to $ 1,234.56 ."),
        ("It was 3.5 or .5 at 9:30 on 24/7.", "It was 3.5 or .5 at 9:30 on 24/7 ."),
        ("the 1990–91 season, a 2-1 win", "the 1990–91 season , a 2-1 win"),
        ("£5 and €10 and #1", "£ 5 and € 10 and # 1"),
        ("In the '90s", "In the '90s"),
        # hyphens, dashes, ellipses
        ("A well-known 10-year-old plan", "A well-known 10-year-old plan"),
        ("pre- and post-war", "pre- and post-war"),
        ("Wait -- no — yes – maybe - ok", "Wait -- no -- yes -- maybe - ok"),
        ("So... then… what", "So ... then ... what"),
        ("It ended....", "It ended ... ."),
        ("He paused...", "He paused ..."),
        # abbreviations
        ("Mr. Smith of the U.S. Senate", "Mr. Smith of the U.S. Senate"),
        ("at 5 p.m. on Jan. 5, e.g. today", "at 5 p.m. on Jan. 5 , e.g. today"),
        ("Dr. J. R. Jones, Ph.D., spoke", "Dr. J. R. Jones , Ph.D. , spoke"),
        ("officials in Calif. said", "officials in Calif. said"),
        # other punctuation and symbols
        ("AT&T (and S&P) rose; why? yes!", "AT&T ( and S&P ) rose ; why ? yes !"),
        ("Q&A: see www.example.com/page.html.", "Q&A : see www.example.com/page.html ."),
        ("Write to a.b@example.org.", "Write to a.b@example.org ."),
        ("and/or", "and/or"),
    ],
)
def test_golden_tokens(source: str, expected: str) -> None:
    assert texts(source) == expected.split()


def test_sentence_final_abbreviation_gets_a_zero_width_period() -> None:
    source = "He works for Apple Inc."
    assert tokenize(source)[-2:] == [Word("Inc.", 19, 23), Word(".", 23, 23)]


def test_final_abbreviation_inside_quotes() -> None:
    assert texts('He said "I work at Apple Inc."') == (
        words("He said `` I work at Apple Inc. . ''")
    )


def test_offsets_point_at_the_source() -> None:
    source = 'She said, "We don\'t know -- yet…" Trump\'s $5.'
    for word in tokenize(source):
        surface = source[word.start:word.end]
        if word.text in ("``", "''"):
            assert surface == '"'
        elif word.text == "--":
            assert surface == "--"
        elif word.text == "...":
            assert surface == "…"
        else:
            assert surface == word.text


def test_offsets_are_relative_to_the_whole_text() -> None:
    source = "First one. Second one."
    words = tokenize(source, 11, len(source))
    assert [(w.text, w.start, w.end) for w in words] == [
        ("Second", 11, 17), ("one", 18, 21), (".", 21, 22),
    ]


def test_offsets_are_increasing_and_tokens_do_not_overlap() -> None:
    source = "Mr. O'Neil didn't pay $3,000 (about 5%) to Acme Corp.'s U.S. unit, he said."
    tokens = tokenize(source)
    for a, b in itertools.pairwise(tokens):
        assert a.end <= b.start


def test_periods_split_off_when_a_sentence_follows() -> None:
    # Without a segmenter, a period before a capitalised word is split off unless the word
    # before it is an abbreviation.
    assert texts("He left. Then Mr. Smith came.") == words("He left . Then Mr. Smith came .")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Mr.", True), ("U.S.", True), ("a.m.", True), ("J.", True), ("Inc.", True),
        ("Ph.D.", True), ("Calif.", True), ("said.", False), ("no.", False), ("U.S", False),
    ],
)
def test_is_abbreviation(word: str, expected: bool) -> None:
    assert is_abbreviation(word) is expected
