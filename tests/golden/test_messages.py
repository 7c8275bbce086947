"""Error messages as golden files: a change of wording is a deliberate diff.

Each case in messages/ is `NAME.case` (grammar, then `---`, then input) beside `NAME.expected`
(what the user sees). Set GLRKIT_UPDATE_GOLDEN=1 to rewrite the expected files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glrkit import Grammar, GrammarError, ParseError, Parser

HERE = Path(__file__).parent / "messages"
CASES = sorted(HERE.glob("*.case"))


def _render(case: Path) -> str:
    grammar_text, _, rest = case.read_text().partition("\n---\n")
    recover = rest.startswith("%recover\n")
    source = rest.removeprefix("%recover\n")
    try:
        grammar = Grammar.from_string(grammar_text, source_name="grammar.glr")
    except GrammarError as error:
        return str(error) + "\n"
    try:
        forest = Parser(grammar, cache=False, recover=recover).parse(source, "input.txt")
    except ParseError as error:
        return str(error) + "\n"
    lines = [f"{e}\n  repair: {e.repair}" for e in forest.errors]
    lines.append(forest.tree().sexpr())
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_message_matches_golden_file(case: Path) -> None:
    expected_file = case.with_suffix(".expected")
    actual = _render(case)
    if os.environ.get("GLRKIT_UPDATE_GOLDEN") == "1":
        expected_file.write_text(actual)
    assert actual == expected_file.read_text()


def test_there_are_cases() -> None:
    assert len(CASES) >= 8
