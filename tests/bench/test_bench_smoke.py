"""Smoke test of the benchmark suite's own logic: no timing, no external systems.

Checks that the input generators are deterministic and that the expected derivation counts
(closed forms in bench/expected.py) agree with an independent CYK-style count.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import expected  # noqa: E402
import gformat  # noqa: E402
from inputs import ambiguous, arith, jsonlike  # noqa: E402


def test_json_generator_is_deterministic_and_sized() -> None:
    a = jsonlike.generate(20_000, seed=7)
    b = jsonlike.generate(20_000, seed=7)
    assert a == b
    assert jsonlike.generate(20_000, seed=8).text != a.text
    assert 20_000 <= a.nbytes < 22_000
    assert a.tokens > 2_000


def test_json_generator_emits_valid_json() -> None:
    import json

    doc = jsonlike.generate(5_000, seed=3)
    assert isinstance(json.loads(doc.text), list)


def test_arith_generator_is_deterministic() -> None:
    a = arith.generate(2_000, seed=5)
    assert a == arith.generate(2_000, seed=5)
    assert a.tokens >= 2_000
    assert a.tokens == len(a.text.split())  # tokens are space-separated


def test_ambiguous_inputs_are_deterministic() -> None:
    assert ambiguous.pp_input(6) == ambiguous.pp_input(6)
    assert ambiguous.pp_input(6).tokens == len(ambiguous.pp_kinds(6)) == 4 + 3 * 6
    assert ambiguous.catalan_input(5).text == "a a a a a"


def test_catalan_numbers() -> None:
    assert [expected.catalan(m) for m in range(8)] == [1, 1, 2, 5, 14, 42, 132, 429]


@pytest.mark.parametrize("n", range(1, 13))
def test_catalan_grammar_count_matches_dp(n: int) -> None:
    g = gformat.load("catalan")
    assert expected.count_derivations(g, ambiguous.catalan_kinds(n)) == (
        expected.catalan_grammar_count(n)
    )


@pytest.mark.parametrize("k", range(0, 10))
def test_pp_count_matches_dp(k: int) -> None:
    g = gformat.load("pp")
    assert expected.count_derivations(g, ambiguous.pp_kinds(k)) == expected.pp_count(k)


def test_deterministic_grammars_give_one_derivation() -> None:
    g = gformat.load("arith_strat")
    kinds = ["INT", '"+"', "INT", '"*"', "INT", '"^"', "NAME", '"^"', "INT", '";"']
    assert expected.count_derivations(g, kinds) == 1
    ambiguous_g = gformat.load("arith_prec")  # ambiguous until precedence is applied
    assert expected.count_derivations(ambiguous_g, ["INT", '"+"', "INT", '"+"', "INT", '";"']) == 2


@pytest.mark.parametrize("name", ["json", "arith_prec", "arith_strat", "catalan", "pp", "ansi_c"])
def test_grammar_files_read_back(name: str) -> None:
    g = gformat.load(name)
    assert g.text == (gformat.GRAMMAR_DIR / f"{name}.glr").read_text()
    assert g.ignore == [r"\s+"]
    again = gformat.parse_grammar(gformat.to_glrkit(g))
    assert again.bnf() == g.bnf() and again.terminals == g.terminals


def test_benchmark_grammars_load_and_double() -> None:
    c = gformat.load("ansi_c")
    assert c.stats()["productions"] > 200
    doubled = gformat.doubled(c)
    assert doubled.stats()["productions"] == 2 * c.stats()["productions"] + 2
    assert gformat.parse_grammar(doubled.text).stats() == doubled.stats()
