"""Grammar syntax for weights and dynamic disambiguation: %weight, %prob, %dprec, %prefer,
%avoid, %reject; how they read, print and fail."""

from __future__ import annotations

import math
from textwrap import dedent

import pytest

from glrkit import Grammar, GrammarError


def test_marks_read_into_rules() -> None:
    g = Grammar.from_string(
        "s : a %weight -0.5 %dprec 2 @x | b %prob 0.25 %prefer | c %avoid | d %reject ;"
        ' a : "a" ; b : "a" ; c : "a" ; d : "a" ;'
    )
    first, second, third, fourth = g.rules[1:5]
    assert (first.weight, first.dprec, first.label, first.mark) == (-0.5, 2, "x", "")
    assert second.weight == math.log(0.25) and second.mark == "prefer"
    assert (third.mark, fourth.mark) == ("avoid", "reject")
    assert third.weight is None and third.dprec == 0


def test_marks_print_back_as_grammar_text() -> None:
    text = 's : a %weight -0.5 %dprec 2 | a %prob 0.5 %avoid | "b" %reject ; a : "a" ;'
    assert str(Grammar.from_string(text)) == dedent(
        """\
        s : a %weight -0.5 %dprec 2
          | a %weight -0.6931471805599453 %avoid
          | "b" %reject ;
        a : "a" ;
        """
    )


def test_printed_weights_read_back_exactly() -> None:
    g = Grammar.from_string('s : "a" %prob 0.3 | "b" %weight 2 ;')
    again = Grammar.from_string(str(g))
    assert [r.weight for r in again.rules] == [r.weight for r in g.rules]
    assert '| "b" %weight 2 ;' in str(g)  # short when short is exact


def test_marks_do_not_change_the_tables() -> None:
    plain = Grammar.from_string('s : "a" | "a" ;')
    marked = Grammar.from_string('s : "a" %weight -1 %dprec 3 | "a" %avoid ;')
    assert plain.fingerprint() == marked.fingerprint()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('s : "a" %prob 0 ;', "%prob takes a positive number"),
        ('s : "a" %prob -1 ;', "%prob takes a positive number"),
        ('s : "a" %dprec 1.5 ;', "%dprec takes a whole number"),
        ('s : "a" %prefer %avoid ;', "%avoid cannot be combined with %prefer"),
        ('s : "a" %weight -1 %prob 0.5 ;', "one %weight or %prob"),
        ('s : "a" %weight x ;', "expected a number"),
        ('s : "a" %weight nan ;', "%weight takes a number below infinity"),
        ('s : "a" %weight inf ;', "%weight takes a number below infinity"),
    ],
)
def test_mistakes_are_reported(text: str, message: str) -> None:
    with pytest.raises(GrammarError) as caught:
        Grammar.from_string(text)
    assert message in str(caught.value)


def test_lookup_rules_by_index_label_and_text() -> None:
    g = Grammar.from_string('e : e "+" e @add | NUMBER ; NUMBER : /[0-9]+/ ;')
    assert g.lookup_rules(1) == (1,)
    assert g.lookup_rules("add") == (1,)
    assert g.lookup_rules('e : e "+" e') == (1,)
    assert g.lookup_rules("e :  NUMBER") == (2,)
    with pytest.raises(KeyError):
        g.lookup_rules("nothing")
    with pytest.raises(KeyError):
        g.lookup_rules(99)


def test_minus_infinity_weight_means_never() -> None:
    g = Grammar.from_string('s : "a" %weight -inf | "a" ;')
    assert g.rules[1].weight == -math.inf
    assert Grammar.from_string(str(g)).rules[1].weight == -math.inf
