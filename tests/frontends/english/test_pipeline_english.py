"""The English pipeline: analyse(), fragments, scores, Penn trees, lexical weights, SVG."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from glrkit import Children, Forest, Token
from glrkit.english import Lexicon
from glrkit.english.grammar import SENTENCE_START, label_of, parser_for
from glrkit.english.kinds import kinds_of, tag_of
from glrkit.english.lexical import tag_weights
from glrkit.english.penn import PennTree, parse_bracketed
from glrkit.english.pipeline import analyse, analyse_words
from glrkit.english.scoring import best, tree_score
from glrkit.english.svg import render_svg

ARTICLE = """\
Port Workers Vote to Strike

The dockworkers' union said on Friday that its members had voted to strike next month.

âWe have waited long enough,â said Maria Ortiz, the unionâs president. The port handles \
about 40Â percent of the country's imports.
"""


@pytest.fixture(scope="module")
def article() -> Any:
    return analyse(ARTICLE)


def test_every_sentence_is_analysed_in_order(article: Any) -> None:
    texts = [s.text for s in article.sentences]
    assert texts == [
        "Port Workers Vote to Strike",
        "The dockworkers' union said on Friday that its members had voted to strike next "
        "month.",
        '"We have waited long enough," said Maria Ortiz, the union\'s president.',
        "The port handles about 40 percent of the country's imports.",
    ]
    assert [s.headline for s in article.sentences] == [True, False, False, False]
    for result in article.sentences:
        assert result.tree.words() == list(result.tokens)
        assert len(result.tags) == len(result.tokens)
        assert result.count >= 1 and not result.fragment


def test_mojibake_is_repaired_before_parsing(article: Any) -> None:
    assert "â" not in article.text and "Â" not in article.text
    assert {c.before for c in article.changes} >= {"â", "Â"}


def test_summary_counts(article: Any) -> None:
    summary = article.summary
    assert (summary.sentences, summary.full, summary.fragments) == (4, 4, 0)
    assert summary.coverage == 1.0
    assert summary.geometric_mean_parses >= 1
    assert json.loads(json.dumps(article.to_dict()))["summary"]["full_parses"] == 4


def test_a_sentence_outside_the_grammar_gets_a_fragment_analysis() -> None:
    words = ["of", "the", "and", "of", "quickly", ",", "the", "."]
    result = analyse_words(words)
    assert result.fragment and result.count == 0
    assert result.tree.label == "FRAG"
    assert result.tree.words() == words  # nothing dropped


def test_a_fragment_keeps_the_largest_constituents() -> None:
    # Two well-formed clauses with stray brackets between them.
    words = ["The", "bank", "raised", "rates", ")", "(", "the", "markets", "fell", "."]
    result = analyse_words(words)
    assert result.fragment
    pieces = [child.label for child in result.tree.children]
    assert pieces == ["S", "-RRB-", "-LRB-", "S", "."]


def test_odd_inputs_are_still_analysed() -> None:
    assert analyse("").sentences == ()
    empty = analyse_words([])
    assert empty.fragment and empty.tree.words() == []
    for text in ["Yes.", "...", "Wow", '"', "1,200.", "(See below.)"]:
        [*results] = analyse(text).sentences
        for result in results:
            assert result.tree.words() == list(result.tokens)


def _oracle_best(forest: Forest, weights: Any) -> float:
    """The best score computed independently with Forest.evaluate: an action per node and
    alternative adds the rule's weight, a merge keeps the maximum (Viterbi)."""
    rules = forest.grammar.rules
    rule_weight = [r.weight or 0.0 for r in rules]

    def token(leaf: Any) -> float:
        return float(weights(leaf.start // 1, leaf.symbol))

    def action(children: Children) -> float:
        return rule_weight[children.rule] + sum(children)

    def merge(values: list[Any], site: Any) -> Any:
        if site.hidden:
            return max(values, key=sum)
        return max(values)

    value: float = forest.evaluate(action, token=token, merge=merge)
    return value


@pytest.mark.parametrize(
    "text",
    [
        "The bank left rates unchanged on Wednesday.",
        '"The door is open," said Peter Lindqvist, chief economist at Northbridge Capital.',
        "Shares of the company fell 6 percent in early trading after the report.",
    ],
)
def test_scores_agree_with_the_forest_and_an_independent_viterbi(text: str) -> None:
    words = text.replace(",", " ,").replace('"', ' " ').replace(".", " .").split()
    words = ["``" if w == '"' and i == 0 else "''" if w == '"' else w
             for i, w in enumerate(words)]
    lexicon = Lexicon.default()
    tags = lexicon.sentence_tags(words)
    table = tag_weights(words, tags)

    def weights(index: int, kind: str) -> float:
        return table[index].get(tag_of(kind), -8.0)

    tokens = [Token(kinds_of(w, t), w) for w, t in zip(words, tags, strict=True)]
    forest = parser_for(SENTENCE_START).parse_tokens(tokens)
    score, tree = best(forest, words, weights, label_of)
    assert math.isclose(score, forest.best_score(token_weights=weights))
    assert math.isclose(score, tree_score(forest.best(token_weights=weights), forest.grammar,
                                          weights))
    # Offsets of the token leaves are character positions: map them to token indices.
    starts: dict[int, int] = {}
    offset = 0
    for i, word in enumerate(words):
        starts[offset] = i
        offset += len(word) + 1
    oracle = _oracle_best(forest, lambda start, kind: weights(starts[start], kind))
    assert math.isclose(score, oracle)
    assert tree.words() == words


def test_lexical_weights_are_log_probabilities() -> None:
    words = ["The", "company", "said", "that", "it", "would", "cut", "jobs", "."]
    tags = Lexicon.default().sentence_tags(words)
    for weights in tag_weights(words, tags):
        assert math.isclose(sum(math.exp(w) for w in weights.values()), 1.0)
        assert all(w <= 0 for w in weights.values())


def test_lexical_weights_read_the_context() -> None:
    words = ["They", "want", "to", "cut", "the", "cut", "."]
    tags = [frozenset({"PRP"}), frozenset({"VBP", "NN"}), frozenset({"TO"}),
            frozenset({"VB", "NN", "VBD"}), frozenset({"DT"}), frozenset({"VB", "NN", "VBD"}),
            frozenset({"."})]
    weights = tag_weights(words, tags)
    assert max(weights[1], key=weights[1].__getitem__) == "VBP"  # after a pronoun
    assert max(weights[3], key=weights[3].__getitem__) == "VB"  # after "to"
    assert max(weights[5], key=weights[5].__getitem__) == "NN"  # after "the"


def test_capitalised_unknown_words_are_names() -> None:
    words = ["Okafor", "said", "Wanjiru", "won", "."]
    tags = Lexicon.default().sentence_tags(words)
    weights = tag_weights(words, tags, known=lambda w: w.lower() in ("said", "won"))
    assert max(weights[0], key=weights[0].__getitem__) == "NNP"
    assert max(weights[2], key=weights[2].__getitem__) == "NNP"


def test_penn_trees_print_and_read_back(article: Any) -> None:
    for result in article.sentences:
        tree = result.tree
        assert parse_bracketed(tree.pretty()) == tree
        assert parse_bracketed(tree.sexpr()) == tree
        assert parse_bracketed(f"( {tree.sexpr()} )") == tree  # the .mrg outer bracket
        assert json.loads(json.dumps(tree.to_list()))[0] == tree.label


def test_pretty_keeps_short_brackets_on_one_line() -> None:
    tree = parse_bracketed("(S (NP (PRP It)) (VP (VBZ works)) (. .))")
    assert tree.pretty() == "(S (NP (PRP It)) (VP (VBZ works)) (. .))"
    assert tree.pretty(width=20) == "(S\n  (NP (PRP It))\n  (VP (VBZ works))\n  (. .))"


def test_svg_is_well_formed_with_words_in_order(article: Any) -> None:
    result = article.sentences[2]
    svg = render_svg(result.tree, title=result.text)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    words = [t for t in root.iter(f"{ns}text") if t.get("class") == "word"]
    assert [t.text for t in words] == list(result.tokens)
    xs = [float(t.get("x", "0")) for t in words]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    labels = [t.text for t in root.iter(f"{ns}text") if t.get("class") == "phrase"]
    assert labels.count("NP") == sum(1 for s in result.tree.subtrees() if s.label == "NP")
    assert root.find(f"{ns}title") is not None


def test_svg_escapes_text() -> None:
    tree = PennTree("NP", (PennTree("NNP", (), "AT&T"), PennTree("NN", (), "<tag>")))
    svg = render_svg(tree, title='"AT&T"')
    ET.fromstring(svg)
    assert "AT&amp;T" in svg and "&lt;tag&gt;" in svg
