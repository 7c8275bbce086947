"""The warnings of `glrkit.check`, one grammar per kind, each with where it is."""

from __future__ import annotations

import json

from glrkit import Grammar, check


def kinds(text: str) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for w in check(Grammar.from_string(text)).warnings:
        out.setdefault(w.kind, []).append((w.message, w.line))
    return out


def test_clean_grammar_has_no_warnings() -> None:
    report = check(Grammar.from_string('s : "a" s | "b" ;'))
    assert report.warnings == () and report.clean


def test_reader_warnings_get_kinds() -> None:
    # An unproductive cycle gets "unproductive" only: no input goes round it.
    found = kinds('s : "a" | loop | cyc ;\nloop : loop ;\ncyc : cyc | "c" ;\nlost : "b" ;\nopt : ;')
    assert [line for _, line in found["unproductive"]] == [2]
    assert [line for _, line in found["cycle"]] == [3]
    assert {m.split("'")[1] for m, _ in found["unreachable"]} == {"lost", "opt"}
    assert "empty-alternative" in found


def test_unused_terminals_named_or_only_in_precedence() -> None:
    found = kinds(
        '%left "-"\n%ignore WS\ns : NAME ;\nNAME : /[a-z]+/ ;\nNUM : /[0-9]+/ ;\nWS : /\\s+/ ;'
    )
    assert sorted(found["unused-terminal"]) == [
        ('terminal "-" is never used in a rule', 1),
        ("terminal NUM is never used in a rule", 5),
    ]  # WS is used by %ignore


def test_a_regex_that_matches_a_literal_never_reads_it() -> None:
    found = kinds('s : NAME "=" NAME | "if" NAME ;\nNAME : /[a-z]+/ ;')
    ((message, line),) = found["overlapping-terminals"]
    assert line == 2 and message.startswith('NAME also matches "if":')
    assert '"="' not in message
    assert "overlapping-terminals" not in kinds('s : NAME | "+" ;\nNAME : /[a-z]+/ ;')


def test_case_insensitive_regexes_overlap_too() -> None:
    found = kinds('s : WORD | "IF" ;\nWORD : /[a-z]+/i ;')
    assert '"IF"' in found["overlapping-terminals"][0][0]


def test_precedence_can_leave_a_rule_without_reductions() -> None:
    text = '%left "b"\n%left "a"\ns : "b" "a" | t "a" "a" ;\nt : "b" ;'
    ((message, line),) = kinds(text)["unused-rule"]
    assert line == 4 and message.startswith('rule t : "b" can never be used')
    # the same grammar without the declarations: a conflict, and no such warning
    assert "unused-rule" not in kinds('s : "b" "a" | t "a" "a" ;\nt : "b" ;')


def test_strict_json_lists_warnings_as_data() -> None:
    report = check(Grammar.from_string('s : "a" ;\nNUM : /[0-9]+/ ;'))
    assert not report.clean
    data = json.loads(report.to_json())
    assert data["warnings"] == [
        {
            "kind": "unused-terminal",
            "message": "terminal NUM is never used in a rule",
            "line": 2,
            "column": 1,
        }
    ]


def test_two_ways_to_be_empty_is_an_ambiguity_no_conflict_shows() -> None:
    report = check(Grammar.from_string('s : opt "x" ;\nopt : a | b ;\na : %empty ;\nb : %empty ;'))
    assert report.conflicts == () and report.hidden_ambiguity
    ((kind, message),) = [(w.kind, w.message) for w in report.warnings]
    assert kind == "empty-ambiguity" and message.startswith("opt derives the empty string in 2")
    assert "the grammar is ambiguous" in report.to_text()
    assert "LALR(1) (glrkit parses it deterministically)" not in report.to_text()


def test_only_productive_cycles_hide_ambiguity() -> None:
    assert check(Grammar.from_string('s : s | "a" ;')).hidden_ambiguity
    unproductive = check(Grammar.from_string('s : "a" | loop ;\nloop : loop ;'))
    assert not unproductive.hidden_ambiguity
