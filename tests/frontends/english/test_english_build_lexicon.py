"""tools/build_lexicon.py on a miniature WordNet: table contents, licence, determinism."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[3] / "tools" / "build_lexicon.py"

HEADER = "  1 This software and database is being provided to you, the LICENSEE, by\n"

FILES = {
    "index.noun": HEADER + "paris n 1 0 1 0 08932568\nbush n 2 1 @ 2 0 1 2\n"
    "walk n 1 0 1 0 3\nnew_york n 1 0 1 0 4\nwoman n 1 0 1 0 5\n",
    "index.verb": HEADER + "walk v 1 0 1 0 6\ngo v 1 0 1 0 7\n",
    "index.adj": HEADER + "big a 1 0 1 0 8\n",
    "index.adv": HEADER + "well r 1 0 1 0 9\n",
    "data.noun": HEADER
    + "08932568 15 n 01 Paris 0 000 | the capital of France\n"
    "00000001 15 n 02 bush 0 shrub 0 000 | a plant\n"
    "00000002 18 n 01 Bush 0 000 | a president\n",
    "noun.exc": "women woman\n",
    "verb.exc": "went go\ngoes go\ngoing_out go_out\n",
    "adj.exc": "bigger big\nbiggest big\n",
    "adv.exc": "better well\nbest well\n",
}

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: WordNet

Files: *
Copyright: 2006 Princeton University
License: WordNet3.0
 Permission to use, copy, modify and distribute.
 .
 WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.

Files: debian/*
Copyright: someone
License: GPL-2+
 Not part of the notice.
"""


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_lexicon", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def wordnet(tmp_path: Path) -> Path:
    folder = tmp_path / "wordnet"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    return folder


def run(tool: ModuleType, wordnet: Path, out: Path) -> dict[str, str]:
    code = tool.main(["--wordnet", str(wordnet), "--copyright", str(wordnet.parent / "copyright"),
                      "--out", str(out)])
    assert code == 0
    lines = gzip.decompress((out / "lexicon.tsv.gz").read_bytes()).decode().splitlines()
    return dict(line.split("\t") for line in lines if not line.startswith("#"))


def test_table_contents(tool: ModuleType, wordnet: Path, tmp_path: Path) -> None:
    table = run(tool, wordnet, tmp_path / "out")
    assert table == {
        "paris": "NNP",  # only ever written capitalised
        "bush": "NN,NNP",  # both
        "walk": "NN,VB",
        "woman": "NN",
        "go": "VB",
        "big": "JJ",
        "well": "RB",
        "women": "NNS",
        "went": "VBD,VBN",
        "goes": "VBZ",
        "bigger": "JJR",
        "biggest": "JJS",
        "better": "RBR",
        "best": "RBS",
    }  # new_york and going_out are multi-word and dropped


def test_licence_is_the_upstream_stanza(tool: ModuleType, wordnet: Path, tmp_path: Path) -> None:
    run(tool, wordnet, tmp_path / "out")
    licence = (tmp_path / "out" / "WORDNET-LICENSE").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University." in licence
    assert "Copyright: 2006 Princeton University" in licence
    assert "GPL" not in licence


def test_rerun_is_byte_identical(tool: ModuleType, wordnet: Path, tmp_path: Path) -> None:
    run(tool, wordnet, tmp_path / "a")
    run(tool, wordnet, tmp_path / "b")
    for name in ("lexicon.tsv.gz", "WORDNET-LICENSE"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_missing_wordnet_is_reported(tool: ModuleType, tmp_path: Path) -> None:
    assert tool.main(["--wordnet", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 1
