"""The shipped English grammar: its symbols, and the Treebank bracketing of what news
prose is made of (Bies et al., "Bracketing Guidelines for Treebank II Style", 1995).

Each construction test parses one sentence written for it and compares the best tree
with the bracketing the guidelines give (without empty elements and function tags).
"""

from __future__ import annotations

import pytest

from glrkit import Token
from glrkit.english.grammar import (
    FRAGMENT_START,
    LABELS,
    SENTENCE_START,
    label_of,
    load_grammar,
    parser_for,
)
from glrkit.english.kinds import KINDS, PUNCT_KIND, kind_of, kinds_of, tag_of
from glrkit.english.lexicon import TAGS
from glrkit.english.penn import parse_bracketed
from glrkit.english.pipeline import analyse


def test_grammar_reads_without_errors() -> None:
    grammar = load_grammar(SENTENCE_START)
    unreachable = {w.message for w in grammar.warnings}
    # Only the fragment start's own symbols are unreachable from the sentence start.
    assert all("unreachable" in message for message in unreachable)
    assert len(grammar.rules) > 300


def test_every_token_kind_is_a_terminal_of_the_grammar() -> None:
    grammar = load_grammar(SENTENCE_START)
    terminals = {t.name for t in grammar.terminals if not t.name.startswith("$")}
    assert terminals == KINDS


def test_every_treebank_tag_has_a_kind_and_maps_back() -> None:
    for tag in TAGS:
        kind = kind_of("word", tag)
        assert kind in KINDS
        assert tag_of(kind) == tag
    assert tag_of(PUNCT_KIND["PRP$"]) == "PRP$"


def test_refined_kinds_follow_the_word() -> None:
    assert kind_of("is", "VBZ") == "VBZ_BE"
    assert kind_of("has", "VBZ") == "VBZ_HV"
    assert kinds_of("'s", {"VBZ", "POS"}) == ("POS", "VBZ_BE", "VBZ_HV")
    assert kind_of("said", "VBD") == "VBD_SAY"
    assert kind_of("of", "IN") == "IN_OF"
    assert kind_of("because", "IN") == "IN_SUB"
    assert kind_of("after", "IN") == "IN_PS"
    assert kind_of("Tuesday", "NNP") == "NNP_T"
    assert kind_of("--", ":") == "DASH"
    assert kind_of(";", ":") == "SEMI"
    assert kind_of("table", "NN") == "NN"


def test_every_nonterminal_has_a_label_or_is_spliced() -> None:
    for start in (SENTENCE_START, FRAGMENT_START):
        grammar = load_grammar(start)
        for nonterminal in grammar.nonterminals:
            if nonterminal.hidden or nonterminal.name.startswith("$"):
                continue
            label = label_of(nonterminal.name)
            assert label is None or label in LABELS, nonterminal.name


def test_the_grammar_has_no_cycles() -> None:
    grammar = load_grammar(SENTENCE_START)
    assert not [w for w in grammar.warnings if "cycle" in w.message]


def parse(text: str) -> str:
    [result] = analyse(text).sentences
    assert not result.fragment, result.tree.pretty()
    return result.tree.sexpr()


def bracketed(text: str) -> str:
    return parse_bracketed(text).sexpr()


CONSTRUCTIONS = {
    "determiners, adjectives and compounds": (
        "The new fiscal year begins on July 1.",
        """(S (NP (DT The) (JJ new) (JJ fiscal) (NN year))
              (VP (VBZ begins) (PP (IN on) (NP (NNP July) (CD 1))))
              (. .))""",
    ),
    "possessives": (
        "The bank's governor praised the union's offer.",
        """(S (NP (NP (DT The) (NN bank) (POS 's)) (NN governor))
              (VP (VBD praised) (NP (NP (DT the) (NN union) (POS 's)) (NN offer)))
              (. .))""",
    ),
    "numbers and money": (
        "Revenue fell 38 percent to $1.2 billion.",
        """(S (NP (NN Revenue))
              (VP (VBD fell) (NP (CD 38) (NN percent))
                  (PP (TO to) (NP (QP ($ $) (CD 1.2) (CD billion)))))
              (. .))""",
    ),
    "quantifier phrases": (
        "About 3,000 workers lost their jobs.",
        """(S (NP (QP (IN About) (CD 3,000)) (NNS workers))
              (VP (VBD lost) (NP (PRP$ their) (NNS jobs)))
              (. .))""",
    ),
    "apposition": (
        "Helen Marsh, the bank's governor, spoke on Tuesday.",
        """(S (NP (NP (NNP Helen) (NNP Marsh)) (, ,)
                  (NP (NP (DT the) (NN bank) (POS 's)) (NN governor)) (, ,))
              (VP (VBD spoke) (PP (IN on) (NP (NNP Tuesday))))
              (. .))""",
    ),
    "prepositional phrases": (
        "Shares of the company rose in early trading.",
        """(S (NP (NP (NNS Shares)) (PP (IN of) (NP (DT the) (NN company))))
              (VP (VBD rose) (PP (IN in) (NP (JJ early) (NN trading))))
              (. .))""",
    ),
    "modal and negation": (
        "The bank would not raise rates.",
        """(S (NP (DT The) (NN bank))
              (VP (MD would) (RB not) (VP (VB raise) (NP (NNS rates))))
              (. .))""",
    ),
    "perfect and passive": (
        "Two fans have been arrested.",
        """(S (NP (CD Two) (NNS fans))
              (VP (VBP have) (VP (VBN been) (VP (VBN arrested))))
              (. .))""",
    ),
    "do-support": (
        "It does not include the tax.",
        """(S (NP (PRP It))
              (VP (VBZ does) (RB not) (VP (VB include) (NP (DT the) (NN tax))))
              (. .))""",
    ),
    "infinitival complement": (
        "The company plans to cut jobs.",
        """(S (NP (DT The) (NN company))
              (VP (VBZ plans) (S (VP (TO to) (VP (VB cut) (NP (NNS jobs))))))
              (. .))""",
    ),
    "that-clause": (
        "Economists said that the bank was moving closer to a cut.",
        """(S (NP (NNS Economists))
              (VP (VBD said)
                  (SBAR (IN that)
                        (S (NP (DT the) (NN bank))
                           (VP (VBD was)
                               (VP (VBG moving)
                                   (ADVP (RBR closer) (PP (TO to) (NP (DT a) (NN cut)))))))))
              (. .))""",
    ),
    "clause without that": (
        "She said the deal was fair.",
        """(S (NP (PRP She))
              (VP (VBD said)
                  (SBAR (S (NP (DT the) (NN deal)) (VP (VBD was) (ADJP (JJ fair))))))
              (. .))""",
    ),
    "relative clause": (
        "The union, which represents 3,000 workers, rejected the offer.",
        """(S (NP (NP (DT The) (NN union)) (, ,)
                  (SBAR (WHNP (WDT which))
                        (S (VP (VBZ represents) (NP (CD 3,000) (NNS workers)))))
                  (, ,))
              (VP (VBD rejected) (NP (DT the) (NN offer)))
              (. .))""",
    ),
    "subordinate clause": (
        "If prices rise, the bank will act.",
        """(S (SBAR (IN If) (S (NP (NNS prices)) (VP (VBP rise))))
              (, ,)
              (NP (DT the) (NN bank))
              (VP (MD will) (VP (VB act)))
              (. .))""",
    ),
    "coordination of clauses": (
        "Prices fell, and yields dropped.",
        """(S (S (NP (NNS Prices)) (VP (VBD fell)))
              (, ,) (CC and)
              (S (NP (NNS yields)) (VP (VBD dropped)))
              (. .))""",
    ),
    "coordination of verb phrases": (
        "The firm closed shops and cut staff.",
        """(S (NP (DT The) (NN firm))
              (VP (VP (VBD closed) (NP (NNS shops)))
                  (CC and)
                  (VP (VBD cut) (NP (NN staff))))
              (. .))""",
    ),
    "quotation, then the speaker": (
        '"The door is open," Marsh said.',
        """(S (`` ``)
              (S (NP (DT The) (NN door)) (VP (VBZ is) (ADJP (JJ open))))
              (, ,) ('' '')
              (NP (NNP Marsh))
              (VP (VBD said))
              (. .))""",
    ),
    "quotation, then the inverted speaker": (
        '"The door is open," said Peter Lindqvist.',
        """(SINV (`` ``)
                 (S (NP (DT The) (NN door)) (VP (VBZ is) (ADJP (JJ open))))
                 (, ,) ('' '')
                 (VP (VBD said))
                 (NP (NNP Peter) (NNP Lindqvist))
                 (. .))""",
    ),
    "the speaker, then the quotation": (
        'Marsh said, "We need more evidence."',
        """(S (NP (NNP Marsh))
              (VP (VBD said) (, ,) (`` ``)
                  (S (NP (PRP We)) (VP (VBP need) (NP (JJR more) (NN evidence)))))
              (. .) ('' ''))""",
    ),
    "headline": (
        "Carmaker to Cut 4,000 Jobs",
        """(S (NP (NN Carmaker))
              (VP (TO to) (VP (VB Cut) (NP (CD 4,000) (NNS Jobs)))))""",
    ),
}


@pytest.mark.parametrize("name", list(CONSTRUCTIONS))
def test_construction(name: str) -> None:
    text, expected = CONSTRUCTIONS[name]
    assert parse(text) == bracketed(expected)


def test_the_fragment_start_accepts_any_token_sequence() -> None:
    parser = parser_for(FRAGMENT_START)
    for kind in sorted(KINDS):
        assert parser.parse_tokens([Token(kind, "x")]).count() >= 1
    mixed = [Token(kind, "x") for kind in sorted(KINDS)]
    assert parser.parse_tokens(mixed).count() >= 1
