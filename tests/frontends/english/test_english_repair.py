"""Text repair: mojibake tables, lost quotes/apostrophes/dashes/spaces, normalisation."""

from __future__ import annotations

import importlib.util
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glrkit.english import Change, Repaired, repair


def fix(text: str) -> str:
    """Repair without ftfy, so that expectations hold on every machine."""
    return repair(text, use_ftfy=False).text


def apply_changes(text: str, changes: tuple[Change, ...]) -> str:
    """Rebuild the output from the input and the reported edits."""
    out: list[str] = []
    pos = 0
    for change in changes:
        assert change.offset >= pos, "changes overlap or are out of order"
        out.append(text[pos:change.offset])
        out.append(change.after)
        pos = change.offset + len(change.before)
    out.append(text[pos:])
    return "".join(out)


def damage(text: str, nbsp: str = "keep") -> str:
    """The real-world damage: UTF-8 read as Latin-1, then C1 control characters stripped.

    ``nbsp`` says what became of the no-break space that Latin-1 decoding leaves after
    ``Â``: kept, turned into a space, or dropped.
    """
    broken = re.sub("[\x80-\x9f]", "", text.encode("utf-8").decode("latin-1"))
    if nbsp == "space":
        broken = broken.replace("\u00a0", " ")
    elif nbsp == "drop":
        broken = broken.replace("\u00a0", "")
    return broken


def cp1252_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, undefined bytes shown as C1 controls (as browsers do)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def normalised(text: str) -> str:
    """What repair should make of clean typographic text: ASCII quotes, plain spaces."""
    return (
        text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        .replace("«", '"').replace("»", '"').replace("\u00a0", " ")
    )


# --------------------------------------------------------------------------- lone â

@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Trumpâs", "Trump's"),
        ("Trumpâs plan", "Trump's plan"),
        ("she donât know", "she don't know"),
        ("theyâre here", "they're here"),
        ("weâve seen", "we've seen"),
        ("youâll see", "you'll see"),
        ("heâd go", "he'd go"),
        ("Iâm sure", "I'm sure"),
        ("itâs", "it's"),
        ("ITâS", "IT'S"),
        ("the 1990âs boom", "the 1990's boom"),
        ("the playersâ union", "the players' union"),
        ("in the â90s", "in the '90s"),
        ("electionâa proposal", "election—a proposal"),
        ("the talks â which began Monday â stalled", "the talks — which began Monday — stalled"),
        ("in 2019âwould", "in 2019—would"),
        ("the 1990â91 season", "the 1990–91 season"),
        ("âThe talks are constructive,â he said", '"The talks are constructive," he said'),
        ("he called it âfake newsâ and left", 'he called it "fake news" and left'),
        ("he called it âfake newsâ.", 'he called it "fake news".'),
        ("âYes!â she said", '"Yes!" she said'),
        ("âWhy?â he asked", '"Why?" he asked'),
        ("(âquotedâ)", '("quoted")'),
        ("âWe won.â", '"We won."'),
        ("he said: âgo.â", 'he said: "go."'),
        ("â", "—"),
    ],
)
def test_lone_a_circumflex(damaged: str, expected: str) -> None:
    assert fix(damaged) == expected


def test_damaged_single_quote_is_restored_as_double_quote() -> None:
    # ‘ and “ are the same lone â once damaged; news quotes speech with double quotes.
    assert fix(damage("He said ‘no’ twice.")) == 'He said "no" twice.'


def test_possessive_inside_a_quotation() -> None:
    assert fix("âThe playersâ union is strong,â he said.") == (
        '"The players\' union is strong," he said.'
    )
    assert fix("called it âfake newsâ and âalternative factsâ.") == (
        'called it "fake news" and "alternative facts".'
    )


def test_quote_state_resets_at_line_break() -> None:
    # An unclosed quotation does not turn the next paragraph's possessive into a quote.
    assert fix("âWe will win\nthe playersâ union") == '"We will win\nthe players\' union'


def test_truncated_cp1252_sequence_counts_as_lone_mark() -> None:
    # ” is E2 80 9D; 9D is undefined in Windows-1252 and often lost, leaving "â€".
    assert fix("âThe end,â€ he said") == '"The end," he said'
    assert fix("Trumpâ€s") == "Trump's"


@pytest.mark.parametrize("word", ["château", "pâté", "gâteau", "Brâncuși", "théâtre"])
def test_genuine_a_circumflex_is_kept(word: str) -> None:
    assert fix(f"The {word} is old.") == f"The {word} is old."


def test_genuine_word_and_lost_apostrophe_together() -> None:
    assert fix("The châteauâs owner") == "The château's owner"


# --------------------------------------------------------------------------- lone Â

@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Mr.Â Smith", "Mr. Smith"),
        ("Mr.ÂSmith", "Mr. Smith"),
        ("10Â percent", "10 percent"),
        ("10Âpercent", "10 percent"),
        ("said.Â The", "said. The"),
        ("end.Â", "end."),
        ("Jan.Â\u00a05", "Jan. 5"),
        ("Âge", "Âge"),
    ],
)
def test_lone_capital_a_circumflex(damaged: str, expected: str) -> None:
    assert fix(damaged) == expected


# --------------------------------------------------------------------------- mojibake

@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("itâ€™s", "it's"),
        ("â€œHelloâ€\x9d", '"Hello"'),
        ("â€œHelloâ€", '"Hello"'),
        ("Trumpâ\x80s", "Trump's"),  # a stray control left by partial stripping
        ("wait â€” what", "wait — what"),
        ("1990â€“91", "1990–91"),
        ("and soâ€¦", "and so…"),
        ("cafÃ©", "café"),
        ("naÃ¯ve", "naïve"),
        ("SÃ£o Paulo", "São Paulo"),
        ("ZÃ¼rich", "Zürich"),
        ("EspaÃ±a", "España"),
        ("Â£5 and Â©2024, 40Â°C", "£5 and ©2024, 40°C"),
        ("Â«ouiÂ»", '"oui"'),
        ("â‚¬10", "€10"),
        ("Brandâ„¢", "Brand™"),
        ("â€¢ item", "• item"),
        ("it\u00e2\u0080\u0099s", "it's"),  # Latin-1 reading with the controls kept
        ("itÃ¢â‚¬â„¢s", "it's"),  # encoded twice
        ("cafÃƒÂ©", "café"),
        ("go â†’ there", "go → there"),  # not in the table: decoded from its bytes
        ("æ—¥æœ¬", "日本"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        ("ðŸ˜€", "😀"),
        ("JOSÉ’S", "JOSÉ'S"),  # one two-byte look-alike is left alone
        ("“Café—”", '"Café—"'),  # and so is one three-byte look-alike
    ],
)
def test_mojibake_table(broken: str, expected: str) -> None:
    assert fix(broken) == expected


@pytest.mark.parametrize("char", list("’‘“”—–…•€™éèàáçñöüäíóúêëïôâîûßÉÁÑÜÖ£©®°±½×·«»"))
def test_every_listed_character_survives_cp1252_mojibake(char: str) -> None:
    expected = normalised(char)
    assert fix(f"x{cp1252_mojibake(char)}y") == f"x{expected}y"


# --------------------------------------------------------------------------- normalisation

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Hi,” she said", '"Hi," she said'),
        ("it’s ‘fine’", "it's 'fine'"),
        ("„Guten Tag‟", '"Guten Tag"'),
        ("«Bonjour»", '"Bonjour"'),
        ("a\u00a0b\u2009c\u202fd\u3000e", "a b c d e"),
        ("co\u00adoperate\u200b\ufeff", "cooperate"),
        ("x\x85y", "xy"),
    ],
)
def test_normalisation(text: str, expected: str) -> None:
    assert fix(text) == expected


def test_dashes_and_ellipsis_are_kept() -> None:
    assert fix("wait — what… 1990–91") == "wait — what… 1990–91"


def test_clean_text_is_untouched() -> None:
    text = 'He said "no" -- and the pâté in the château cost $5 (or 5%).\nNext line.'
    result = repair(text, use_ftfy=False)
    assert result == Repaired(text, ())


# --------------------------------------------------------------------------- changes

def test_changes_report_offsets_into_the_input() -> None:
    result = repair("âThe talks,â he said. Trumpâs", use_ftfy=False)
    assert result.changes == (
        Change(0, "â", '"', "lost opening quote"),
        Change(11, "â", '"', "lost closing quote"),
        Change(27, "â", "'", "lost apostrophe"),
    )


def test_changes_rebuild_the_output() -> None:
    text = damage(ARTICLE) + " cafÃ© â€œokâ€\x9d\u00a0x"
    result = repair(text, use_ftfy=False)
    for change in result.changes:
        assert text[change.offset:change.offset + len(change.before)] == change.before
    assert apply_changes(text, result.changes) == result.text


# --------------------------------------------------------------------------- an article

ARTICLE = (
    "“The talks are constructive,” he said on Tuesday. Trump’s team — which met for three "
    "hours — rejected the idea.\n"
    "“We’re not going to accept that,” said a spokesman, who called the plan “a "
    "non-starter.” Officials said the election—a proposal first floated in 2019—would go "
    "ahead.\n"
    "It’s the players’ union’s view that the 1990–91 season was the best of the ’90s… He "
    "didn’t say whether he’d return; “I’ll see,” he added.\u00a0The vote is set for "
    "Jan.\u00a05, and café owners can’t wait. “Voters aren’t fooled,” she said, “and they’ll "
    "show it.”"
)


@pytest.mark.parametrize("nbsp", ["keep", "space", "drop"])
def test_damaged_article_is_fully_repaired(nbsp: str) -> None:
    broken = damage(ARTICLE, nbsp)
    assert broken.count("â") >= 25  # the damage is real: every mark became a lone â
    repaired = fix(broken)
    assert "â" not in repaired
    assert "Â" not in repaired
    assert repaired == normalised(ARTICLE)


def test_cp1252_article_is_fully_repaired() -> None:
    assert fix(cp1252_mojibake(ARTICLE)) == normalised(ARTICLE)


def test_clean_article_is_only_normalised() -> None:
    assert fix(ARTICLE) == normalised(ARTICLE)


def test_damaged_article_quotes_open_and_close_in_turn() -> None:
    quotes = [c.reason for c in repair(damage(ARTICLE), use_ftfy=False).changes
              if "quote" in c.reason]
    assert quotes == ["lost opening quote", "lost closing quote"] * (len(quotes) // 2)


# --------------------------------------------------------------------------- ftfy

def test_use_ftfy_true_without_ftfy_says_so() -> None:
    if importlib.util.find_spec("ftfy") is not None:
        pytest.skip("ftfy is installed here")
    with pytest.raises(ImportError, match="ftfy"):
        repair("x", use_ftfy=True)


def test_with_ftfy_the_article_is_repaired_too() -> None:
    pytest.importorskip("ftfy", reason="ftfy is optional and not installed")
    for broken in (damage(ARTICLE), damage(ARTICLE, "space"), cp1252_mojibake(ARTICLE)):
        result = repair(broken, use_ftfy=True)
        assert "â" not in result.text
        assert "Â" not in result.text
        assert result.text == normalised(ARTICLE)
        assert all(0 <= c.offset <= len(broken) for c in result.changes)


# --------------------------------------------------------------------------- properties

_PLAIN = list("abcdeT s'\".,!?-()\n")
# Damaged marks as they come, plus clean typography.
_DAMAGE = ["â", "Â", "\u00a0", "“", "”", "’", "—", "é"]
# Mojibake remnants and stray controls too.
_GARBAGE = [*_DAMAGE, "€", "™", "\x9d", "Ã", "©", "…", "\u200b"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(_PLAIN + _GARBAGE), max_size=40))
def test_changes_always_rebuild_the_output(text: str) -> None:
    result = repair(text, use_ftfy=False)
    assert apply_changes(text, result.changes) == result.text
    assert not re.search("[\x80-\x9f\u00a0\u200b“”’]", result.text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(_PLAIN + _DAMAGE), max_size=40))
def test_repair_is_idempotent_on_its_output(text: str) -> None:
    once = fix(text)
    assert fix(once) == once
