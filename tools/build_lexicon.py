#!/usr/bin/env python3
"""Derive glrkit's English open-class lexicon from the WordNet 3.0 database files.

Why a build step: the English front end needs to know, for a word, which Penn Treebank
tags it may carry.  WordNet lists every noun, verb, adjective and adverb lemma and the
irregular inflections of each class, which is exactly the open-class half of that
question.  Shipping the raw database (~28 MB) would be wasteful and parsing it at run time
slow, so this script boils it down once to a small sorted table that is committed to the
repository as ``src/glrkit/english/data/lexicon.tsv.gz`` together with WordNet's licence.

Input: the Debian/Ubuntu package ``wordnet-base`` (``apt-get install wordnet-base``),
which puts ``index.{noun,verb,adj,adv}``, ``data.noun`` and the ``*.exc`` exception
lists under ``/usr/share/wordnet`` and the licence under
``/usr/share/doc/wordnet-base/copyright``.

Output table, one word per line, tab-separated::

    word<TAB>TAG,TAG,...

* lemmas from ``index.*`` get NN / VB / JJ / RB; a noun lemma whose every WordNet sense is
  written capitalised (``Paris``, ``Monday``) gets NNP instead of NN, one with both kinds of
  sense (``bush``/``Bush``) gets both;
* irregular forms from the exception lists get the inflected tag their list implies:
  ``noun.exc`` -> NNS, ``verb.exc`` -> VBD and VBN (VBG for ``-ing`` forms, VBZ for ``-s``
  forms), ``adj.exc`` -> JJR / JJS, ``adv.exc`` -> RBR / RBS.

Multi-word collocations (``new_york``) are dropped: the tokenizer produces single words.
Regular inflections (``walked``, ``companies``) are *not* stored; the run-time morphology
in ``glrkit.english._morphology`` derives them from the lemmas, which keeps the file small.

The output is deterministic (sorted lines, gzip header without a timestamp), so running
the script again on the same WordNet gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
from collections import defaultdict
from pathlib import Path

DEFAULT_WORDNET = Path("/usr/share/wordnet")
DEFAULT_COPYRIGHT = Path("/usr/share/doc/wordnet-base/copyright")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "glrkit" / "english" / "data"

# WordNet part-of-speech file suffix -> the Penn Treebank tag of its lemmas.
LEMMA_TAGS = {"noun": "NN", "verb": "VB", "adj": "JJ", "adv": "RB"}

# A fixed tag order so that the written table does not depend on set iteration order.
TAG_ORDER = (
    "NN", "NNP", "NNS", "VB", "VBD", "VBN", "VBG", "VBZ", "JJ", "JJR", "JJS", "RB", "RBR", "RBS",
)


def _lines(path: Path) -> list[str]:
    """The data lines of a WordNet file: its licence header lines start with two spaces."""
    with path.open(encoding="utf-8", errors="replace") as f:
        return [line.rstrip("\n") for line in f if line.strip() and not line.startswith("  ")]


def read_lemmas(wordnet: Path) -> dict[str, set[str]]:
    """Lemma -> {NN, VB, JJ, RB} from the four index files, single words only."""
    table: dict[str, set[str]] = defaultdict(set)
    for pos, tag in LEMMA_TAGS.items():
        for line in _lines(wordnet / f"index.{pos}"):
            lemma = line.split(" ", 1)[0]
            if "_" in lemma:
                continue
            table[lemma].add(tag)
    return table


def read_noun_case(wordnet: Path) -> tuple[set[str], set[str]]:
    """(lemmas with a lowercase noun sense, lemmas with a capitalised noun sense).

    ``index.noun`` is all lowercase, but the synset lines of ``data.noun`` keep the case in
    which each word is written, which is how WordNet tells ``paris`` (the city, only
    ``Paris``) from ``bush`` (a shrub and a president).
    """
    lower: set[str] = set()
    upper: set[str] = set()
    for line in _lines(wordnet / "data.noun"):
        fields = line.split(" ")
        count = int(fields[3], 16)
        for i in range(count):
            word = fields[4 + 2 * i]
            if "_" in word:
                continue
            (lower if word == word.lower() else upper).add(word.lower())
    return lower, upper


def read_exceptions(wordnet: Path) -> dict[str, set[str]]:
    """Irregular inflected form -> the tags its exception list implies."""
    table: dict[str, set[str]] = defaultdict(set)
    for pos in ("noun", "verb", "adj", "adv"):
        for line in _lines(wordnet / f"{pos}.exc"):
            fields = line.split()
            if len(fields) < 2:
                continue
            form, lemmas = fields[0], fields[1:]
            if "_" in form or form in lemmas:
                continue  # multi-word, or a self-entry that only blocks a wrong analysis
            table[form].update(_exception_tags(pos, form, lemmas))
    return table


def _exception_tags(pos: str, form: str, lemmas: list[str]) -> set[str]:
    """The inflection tags of one exception entry.

    The lists do not say which inflection a form is, so the shape of the form decides:
    ``-ing`` is a participle, a verb form in ``-s`` (``has``, ``quizzes``) a present tense,
    and the remaining verb forms are past tense or past participle, which WordNet does not
    tell apart (``went``/``gone``): both tags are given and the grammar's weights choose.
    """
    if pos == "noun":
        return {"NNS"}
    if pos == "verb":
        if form.endswith("ing"):
            return {"VBG"}
        if form.endswith("s") and not form.endswith("ss") and "be" not in lemmas:
            return {"VBZ"}
        return {"VBD", "VBN"}
    superlative = form.endswith("st")
    if pos == "adj":
        return {"JJS" if superlative else "JJR"}
    return {"RBS" if superlative else "RBR"}


def build_table(wordnet: Path) -> dict[str, set[str]]:
    """The whole table: lemma tags, NN/NNP split by case, then irregular forms."""
    table = read_lemmas(wordnet)
    lower, upper = read_noun_case(wordnet)
    for lemma, tags in table.items():
        if "NN" in tags and lemma in upper:
            tags.add("NNP")
            if lemma not in lower:
                tags.discard("NN")
    for form, tags in read_exceptions(wordnet).items():
        table.setdefault(form, set()).update(tags)
    return table


def render_table(table: dict[str, set[str]]) -> bytes:
    """Sorted TSV, gzip-compressed with a zero timestamp so re-runs are byte-identical."""
    rank = {tag: i for i, tag in enumerate(TAG_ORDER)}
    out = io.StringIO()
    out.write("# glrkit English lexicon: word<TAB>Penn Treebank tags. Generated by\n")
    out.write("# tools/build_lexicon.py from WordNet 3.0; see WORDNET-LICENSE beside this file.\n")
    for word in sorted(table):
        tags = sorted(table[word], key=rank.__getitem__)
        out.write(f"{word}\t{','.join(tags)}\n")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(out.getvalue().encode("utf-8"))
    return buffer.getvalue()


def extract_licence(copyright_file: Path) -> str:
    """The WordNet 3.0 licence text from a Debian machine-readable copyright file.

    Only the stanza for the upstream files (``Files: *``) is taken: the other stanzas are
    about Debian's packaging, which we do not redistribute.
    """
    stanzas = copyright_file.read_text(encoding="utf-8").split("\n\n")
    stanza = next((s for s in stanzas if s.startswith("Files: *")), None)
    if stanza is None:
        raise SystemExit(f"no 'Files: *' stanza in {copyright_file}")
    copyright_line = ""
    body: list[str] = []
    in_licence = False
    for line in stanza.splitlines():
        if line.startswith("Copyright:"):
            copyright_line = line.split(":", 1)[1].strip()
        elif line.startswith("License:"):
            in_licence = True
        elif in_licence and line.startswith(" "):
            text = line[1:]
            body.append("" if text == "." else text)
    header = [
        "The file lexicon.tsv.gz in this folder is derived from WordNet 3.0",
        "(Princeton University), used under the following licence.",
        "",
        f"Copyright: {copyright_line}",
        "",
    ]
    return "\n".join([*header, *body]).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Build the table and the licence notice; print what was written and how large."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wordnet", type=Path, default=DEFAULT_WORDNET,
                        help="folder with WordNet's index.* and *.exc files")
    parser.add_argument("--copyright", type=Path, default=DEFAULT_COPYRIGHT,
                        help="the wordnet-base package's copyright file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    if not (args.wordnet / "index.noun").exists():
        print(f"WordNet not found in {args.wordnet}: apt-get install wordnet-base",
              file=sys.stderr)
        return 1
    table = build_table(args.wordnet)
    args.out.mkdir(parents=True, exist_ok=True)
    data = render_table(table)
    (args.out / "lexicon.tsv.gz").write_bytes(data)
    (args.out / "WORDNET-LICENSE").write_text(extract_licence(args.copyright), encoding="utf-8")
    print(f"wrote {len(table)} words, {len(data)} bytes to {args.out / 'lexicon.tsv.gz'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
