"""The on-disk table cache: reused when valid, rebuilt when stale or broken."""

from __future__ import annotations

from pathlib import Path

from glrkit import Grammar, Parser

GRAMMAR = 'e : e "+" e | e "*" e | "(" e ")" | N ; N : /[0-9]+/ ;'


def test_second_parser_loads_the_same_table(tmp_path: Path) -> None:
    g = Grammar.from_string(GRAMMAR)
    first = Parser(g, cache_dir=tmp_path)
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1
    second = Parser(Grammar.from_string(GRAMMAR), cache_dir=tmp_path)
    assert second.table.actions == first.table.actions
    assert second.parse("1+2*3").count() == 2


def test_corrupt_cache_entry_is_rebuilt(tmp_path: Path) -> None:
    g = Grammar.from_string(GRAMMAR)
    Parser(g, cache_dir=tmp_path)
    [entry] = tmp_path.glob("*.json")
    entry.write_text("{ not json")
    parser = Parser(g, cache_dir=tmp_path)
    assert parser.parse("1+2").count() == 1
    assert entry.read_text().startswith("{")


def test_different_grammars_do_not_share_entries(tmp_path: Path) -> None:
    Parser(Grammar.from_string(GRAMMAR), cache_dir=tmp_path)
    Parser(Grammar.from_string('s : "a" ;'), cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_cache_disabled_writes_nothing(tmp_path: Path) -> None:
    Parser(Grammar.from_string(GRAMMAR), cache=False, cache_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_cache_folder_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    parser = Parser(Grammar.from_string(GRAMMAR), cache_dir=blocker / "sub")
    assert parser.parse("1").count() == 1
