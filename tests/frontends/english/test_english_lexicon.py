"""The lexicon: shipped table, closed classes, morphology, unknown words, coverage."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from glrkit.english import TAGS, Lexicon, sentences


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.default()


# Written for these tests in the style of wire-service news.
NEWS = """\
Global Markets Slip as Investors Weigh Rate Outlook

NEW YORK (Reuters) - U.S. stocks fell on Wednesday, with technology shares leading the \
decline, as investors worried that the Federal Reserve would keep interest rates higher \
for longer than they had expected. The Dow Jones Industrial Average dropped 312.5 points, \
or 0.9%, to 33,450.21, while the S&P 500 lost 1.2% and the Nasdaq Composite slid 1.6%.

"The market is trying to figure out how long the Fed can hold rates at these levels," said \
Jane Miller, chief investment officer at Harbor Capital Advisors in Boston. "Nobody wants \
to be the last one holding risky assets when the music stops."

Shares of Apple Inc. fell 2.3% after the company warned that sales of its newest phones \
had been weaker than analysts had forecast. Microsoft Corp. and Alphabet Inc. also \
declined, while energy companies rose as crude oil prices climbed above $85 a barrel for \
the first time since November.

The government said on Tuesday that consumer prices increased 0.4% in August, driven \
largely by higher gasoline costs. Economists polled before the report had expected a rise \
of 0.3%. Officials at the central bank have repeatedly said they are prepared to raise \
rates again if inflation doesn't slow more quickly.

"We're not there yet," Fed Chair Jerome Powell told lawmakers last month. "We'll make \
our decisions meeting by meeting, based on the incoming data."

Elsewhere, the dollar strengthened against most major currencies, and the yield on the \
benchmark 10-year Treasury note rose to 4.35%, its highest level in nearly 16 years. Gold \
was little changed at $1,920 an ounce.

Smaller companies, which tend to borrow more heavily, were hit especially hard. The \
Russell 2000 index of small-cap stocks tumbled 2.1%, bringing its losses for the month \
to more than 6%. Some analysts argued that the selling had gone too far. "Valuations \
are looking attractive again for patient, long-term investors," said Mark Davis, a \
strategist at Northfield Securities, who expects the economy to avoid a recession.

Meanwhile, a strike by auto workers entered its second week, with no sign of a deal. The \
union is seeking a 40% raise over four years, while the carmakers have offered about \
half that amount. Ford Motor Co. said it had temporarily laid off 600 employees at a \
plant in Michigan because of the walkout.
"""


def test_every_token_of_the_news_text_gets_a_tag(lexicon: Lexicon) -> None:
    count = 0
    for sentence in sentences(NEWS):
        tagged = lexicon.sentence_tags(w.text for w in sentence.tokens)
        for word, tags in zip(sentence.tokens, tagged, strict=True):
            assert tags, word
            assert tags <= TAGS, (word, tags - TAGS)
            count += 1
    assert count > 450


def test_sentence_tags_know_where_the_sentence_starts(lexicon: Lexicon) -> None:
    tagged = lexicon.sentence_tags(["``", "We", "won", ",", "''", "We", "said", "."])
    assert tagged[1] == {"PRP"}  # first word after the opening quote
    assert tagged[5] == {"PRP", "NNP"}  # capitalised inside the sentence


EXPECTED = [
    # closed classes
    ("the", "DT"), ("a", "DT"), ("that", "IN"), ("that", "WDT"), ("which", "WDT"),
    ("who", "WP"), ("whose", "WP$"), ("how", "WRB"), ("they", "PRP"), ("its", "PRP$"),
    ("her", "PRP"), ("her", "PRP$"), ("of", "IN"), ("on", "IN"), ("to", "TO"),
    ("and", "CC"), ("or", "CC"), ("can", "MD"), ("would", "MD"), ("will", "MD"),
    ("there", "EX"), ("up", "RP"), ("not", "RB"), ("n't", "RB"), ("'s", "POS"),
    ("'s", "VBZ"), ("'re", "VBP"), ("'ll", "MD"), ("all", "PDT"), ("four", "CD"),
    # auxiliaries
    ("is", "VBZ"), ("are", "VBP"), ("was", "VBD"), ("were", "VBD"), ("been", "VBN"),
    ("being", "VBG"), ("be", "VB"), ("have", "VBP"), ("has", "VBZ"), ("had", "VBD"),
    ("had", "VBN"), ("do", "VB"), ("does", "VBZ"), ("did", "VBD"),
    # open classes from the WordNet table
    ("market", "NN"), ("investors", "NNS"), ("companies", "NNS"), ("prices", "NNS"),
    ("prices", "VBZ"), ("fell", "VBD"), ("fallen", "VBN"), ("rose", "VBD"),
    ("risen", "VBN"), ("said", "VBD"), ("said", "VBN"), ("took", "VBD"), ("taken", "VBN"),
    ("expected", "VBN"), ("expected", "VBD"), ("leading", "VBG"), ("holding", "VBG"),
    ("stops", "VBZ"), ("wants", "VBZ"), ("make", "VB"), ("make", "VBP"),
    ("higher", "JJR"), ("highest", "JJS"), ("larger", "JJR"), ("happiest", "JJS"),
    ("bigger", "JJR"), ("better", "JJR"), ("best", "JJS"), ("quickly", "RB"),
    ("largely", "RB"), ("heavily", "RB"), ("attractive", "JJ"), ("chief", "JJ"),
    ("chief", "NN"), ("last", "JJ"), ("children", "NNS"), ("women", "NNS"),
    ("people", "NNS"), ("data", "NNS"), ("economy", "NN"), ("rates", "NNS"),
    ("faster", "RBR"), ("faster", "JJR"),
    # proper nouns and capitals
    ("Boston", "NNP"), ("Powell", "NNP"), ("Michigan", "NNP"), ("Securities", "NNPS"),
    ("Americans", "NNPS"), ("Monday", "NNP"), ("Inc.", "NNP"), ("Corp.", "NNP"),
    ("U.S.", "NNP"), ("Reuters", "NNP"), ("Fed", "NNP"),
    # numbers and symbols
    ("312.5", "CD"), ("33,450.21", "CD"), ("16", "CD"), ("1990s", "CD"), ("'90s", "CD"),
    ("%", "NN"), ("$", "$"), ("#", "#"), (",", ","), (".", "."), ("?", "."), (":", ":"),
    ("--", ":"), ("...", ":"), ("``", "``"), ("''", "''"), ("(", "-LRB-"), (")", "-RRB-"),
    ("-LRB-", "-LRB-"), ("-RRB-", "-RRB-"), ("&", "CC"), ("'", "POS"),
    # unknown words by shape and suffix
    ("small-cap", "JJ"), ("long-term", "JJ"), ("state-owned", "JJ"),
    ("money-losing", "JJ"), ("carmakers", "NNS"), ("glorbification", "NN"),
    ("flurbous", "JJ"), ("zorbingly", "RB"), ("blicketing", "VBG"), ("3rd", "JJ"),
    ("Zyxco", "NNP"), ("Qworps", "NNPS"), ("CEOs", "NNS"),
]


@pytest.mark.parametrize(("word", "tag"), EXPECTED)
def test_expected_tag_is_in_the_set(lexicon: Lexicon, word: str, tag: str) -> None:
    assert tag in lexicon.tags(word)


@pytest.mark.parametrize(
    ("word", "absent"),
    [
        ("the", "NN"), ("a", "NN"), ("in", "NN"), ("he", "NN"),  # WordNet's noise is ignored
        ("companies", "VBD"), ("this", "NNS"), ("bed", "VBD"), ("took", "VBN"),
        ("taken", "VBD"), ("market", "VBG"),
    ],
)
def test_wrong_tag_is_not_in_the_set(lexicon: Lexicon, word: str, absent: str) -> None:
    assert absent not in lexicon.tags(word)


def test_capitals_inside_and_at_the_start_of_a_sentence(lexicon: Lexicon) -> None:
    assert lexicon.tags("The", sentence_initial=True) == {"DT"}
    assert lexicon.tags("May", sentence_initial=False) == {"MD", "NNP"}
    assert "NNP" in lexicon.tags("Stocks", sentence_initial=True)  # could be a name
    assert "NNS" in lexicon.tags("Stocks", sentence_initial=True)
    assert lexicon.tags("I") == {"PRP"}
    assert "NNP" in lexicon.tags("US")


def test_unknown_sentence_initial_word_may_be_common(lexicon: Lexicon) -> None:
    assert {"NNS", "NNP"} <= lexicon.tags("Flurbles", sentence_initial=True)
    assert "NNS" not in lexicon.tags("Flurbles", sentence_initial=False)


def test_lexicon_on_a_small_table() -> None:
    table = {"walk": frozenset({"NN", "VB"}), "happy": frozenset({"JJ"})}
    small = Lexicon(table)
    assert small.tags("walked") == {"VBD", "VBN"}
    assert small.tags("walks") == {"NNS", "VBZ"}
    assert small.tags("walking") == {"VBG", "NN"}
    assert small.tags("walk") == {"NN", "VB", "VBP"}
    assert small.tags("happier") == {"JJR"}
    assert small.tags("happily") == {"RB"}
    assert "walk" in small
    assert "walked" not in small
    assert len(small) == 2


def test_default_lexicon_is_shared_and_sized(lexicon: Lexicon) -> None:
    assert Lexicon.default() is lexicon
    assert len(lexicon) > 80_000


def test_shipped_table_and_licence() -> None:
    data = resources.files("glrkit.english").joinpath("data")
    table = data.joinpath("lexicon.tsv.gz").read_bytes()
    assert len(table) < 3_000_000
    lines = gzip.decompress(table).decode("utf-8").splitlines()
    assert lines[0].startswith("#")
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert all(len(row) == 2 and row[1] for row in rows)
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    licence = data.joinpath("WORDNET-LICENSE").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence
