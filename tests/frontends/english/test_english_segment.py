"""Sentence segmentation: headlines, abbreviations, quotes, dashes, wrapped lines."""

from __future__ import annotations

from textwrap import dedent

import pytest

from glrkit.english import Sentence, prepare, sentences


def words(spaced: str) -> list[str]:
    return spaced.split()


def split(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
        # titles never end a sentence
        ("Mr. Smith and Mrs. Jones met Dr. Who.", ["Mr. Smith and Mrs. Jones met Dr. Who."]),
        ("Sen. Warren and Gov. Newsom spoke.", ["Sen. Warren and Gov. Newsom spoke."]),
        # other abbreviations end one only before a typical sentence start
        ("He joined Apple Inc. The company grew.", ["He joined Apple Inc.", "The company grew."]),
        ("Apple Inc. Chief Executive Tim Cook spoke.",
         ["Apple Inc. Chief Executive Tim Cook spoke."]),
        ("Growth in the U.S. The euro fell.", ["Growth in the U.S.", "The euro fell."]),
        ("The U.S. Senate voted.", ["The U.S. Senate voted."]),
        ("Acme Corp. said it would sell.", ["Acme Corp. said it would sell."]),
        ("It starts Jan. 5 and ends Feb. 9.", ["It starts Jan. 5 and ends Feb. 9."]),
        ("It is No. 1 in sales.", ["It is No. 1 in sales."]),
        ("Use fruit, e.g. apples, i.e. food.", ["Use fruit, e.g. apples, i.e. food."]),
        ("John F. Kennedy spoke.", ["John F. Kennedy spoke."]),
        ("We met at 5 p.m. Then we left.", ["We met at 5 p.m.", "Then we left."]),
        # quotes after the final mark
        ('"We will win," he said. "Really."', ['"We will win," he said.', '"Really."']),
        ('"We will win." He smiled.', ['"We will win."', "He smiled."]),
        ('"Why?" he asked. "Because!" she said.', ['"Why?" he asked.', '"Because!" she said.']),
        ("(It rained.) Then it stopped.", ["(It rained.)", "Then it stopped."]),
        # dashes and ellipses
        ("The plan — approved Monday — failed. Officials said so.",
         ["The plan — approved Monday — failed.", "Officials said so."]),
        ("The vote -- a formality -- passed.", ["The vote -- a formality -- passed."]),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ("He paused... and spoke.", ["He paused... and spoke."]),
        # numbers
        ("Prices rose 3.5%. Sales fell 2.1 points.",
         ["Prices rose 3.5%.", "Sales fell 2.1 points."]),
        ("It cost $1.5 billion. 20 firms bid.", ["It cost $1.5 billion.", "20 firms bid."]),
    ],
)
def test_golden_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_headlines_are_units_of_their_own() -> None:
    text = dedent("""\
        Trump Says Talks With China Are Constructive
        By Jane Doe

        WASHINGTON (Reuters) - "The talks are constructive," he said. Officials agreed.

        Stocks fall as Fed signals more rate increases
        The Dow fell 2%. The S&P 500 lost 1.5%.
        """)
    units = sentences(text)
    assert [(s.text, s.is_headline) for s in units] == [
        ("Trump Says Talks With China Are Constructive", True),
        ("By Jane Doe", True),
        ('WASHINGTON (Reuters) - "The talks are constructive," he said.', False),
        ("Officials agreed.", False),
        ("Stocks fall as Fed signals more rate increases", True),
        ("The Dow fell 2%.", False),
        ("The S&P 500 lost 1.5%.", False),
    ]


def test_hard_wrapped_paragraph_is_not_a_headline() -> None:
    text = (
        "Pierre Vinken, 61 years old, will join the board as a nonexecutive\n"
        "director Nov. 29. Mr. Vinken is chairman of Elsevier N.V., the Dutch\n"
        "publishing group.\n"
    )
    assert split(text) == [
        "Pierre Vinken, 61 years old, will join the board as a nonexecutive\ndirector Nov. 29.",
        "Mr. Vinken is chairman of Elsevier N.V., the Dutch\npublishing group.",
    ]
    assert not any(s.is_headline for s in sentences(text))


def test_paragraph_one_per_line_without_blank_lines() -> None:
    text = "First paragraph ends here.\nSecond paragraph starts here.\n"
    assert split(text) == ["First paragraph ends here.", "Second paragraph starts here."]


def test_final_line_without_punctuation_is_a_unit() -> None:
    units = sentences("He said so.\nAll rights reserved")
    assert [(s.text, s.is_headline) for s in units] == [
        ("He said so.", False), ("All rights reserved", True),
    ]


def test_sentence_spans_and_tokens_point_into_the_text() -> None:
    text = "  Title Here\n\nMr. Smith left.  He was 5 ft. tall.\n"
    for sentence in sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        for word in sentence.tokens:
            assert sentence.start <= word.start <= word.end <= sentence.end


def test_sentence_tokens() -> None:
    (first, second) = sentences("He joined Apple Inc. The firm's shares rose 5%.")
    assert [w.text for w in first.tokens] == ["He", "joined", "Apple", "Inc.", "."]
    assert [w.text for w in second.tokens] == ["The", "firm", "'s", "shares", "rose", "5", "%", "."]
    assert isinstance(first, Sentence)


def test_empty_and_blank_text() -> None:
    assert sentences("") == []
    assert sentences(" \n\n \n") == []


def test_prepare_repairs_then_segments() -> None:
    raw = "Talks Resume\n\nâThe talks are constructive,â he said. Trumpâs team agreed."
    document = prepare(raw, use_ftfy=False)
    assert document.text == (
        'Talks Resume\n\n"The talks are constructive," he said. Trump\'s team agreed.'
    )
    assert [s.text for s in document.sentences] == [
        "Talks Resume",
        '"The talks are constructive," he said.',
        "Trump's team agreed.",
    ]
    assert [w.text for w in document.sentences[1].tokens] == (
        words("`` The talks are constructive , '' he said .")
    )
    assert [w.text for w in document.sentences[2].tokens] == words("Trump 's team agreed .")
