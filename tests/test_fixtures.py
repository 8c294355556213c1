"""Input/expected pairs read by eye: the seed articles, one file per rule family, one per headline
failure mode, and whole pages for the web profile."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner import replay, revert

from conftest import FIXTURES

PAIRS = sorted(
    [
        (p, p.with_name(p.name.replace(".txt", ".expected.txt")))
        for p in (FIXTURES / "seeds").glob("*.txt")
        if not p.name.endswith(".expected.txt")
    ]
    + [
        (p, p.with_name(p.name.replace(".input.", ".expected.")))
        for folder in ("families", "headlines", "web")
        for p in (FIXTURES / folder).glob("*.input.txt")
    ]
)


def profile_of(source: Path) -> str:
    """Pages under fixtures/web are whole-page text, cleaned with the web profile."""
    return "web" if source.parent.name == "web" else "default"


@pytest.mark.parametrize(("source", "expected"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_fixture_cleans_to_expected(source: Path, expected: Path):
    profile = profile_of(source)
    result = cleaner.clean_file(source, profile=profile)
    assert result.text == expected.read_bytes().decode("utf-8")
    assert replay(result.input, result.changes) == result.text
    assert revert(result.text, result.changes) == result.input
    assert cleaner.clean_text(result.text, profile=profile).text == result.text  # a second pass changes nothing


def seed(prefix: str) -> tuple[str, cleaner.Result]:
    source = next(p for p in (FIXTURES / "seeds").glob(f"{prefix}_*.txt") if not p.name.endswith(".expected.txt"))
    return source.read_text(encoding="utf-8"), cleaner.clean_file(source)


def test_seed_000_apostrophes_fixed_quotations_kept():
    original, result = seed("000")
    for word in ("China’s", "Xi’s", "party’s", "Trump’s", "government’s"):
        assert word in result.text
    assert "”s" not in result.text
    assert "“profound and complex”" in result.text
    fixes = [c for c in result.changes if c.rule == "QT001"]
    # One log entry per apostrophe: the seed has ten of them.
    assert len(fixes) == original.count("”s") == 10
    assert all((c.before, c.after) == ("”", "’") for c in fixes)


def test_seed_001_has_no_trailing_white_space():
    _, result = seed("001")
    assert all(line == line.rstrip() for line in result.text.split("\n"))
    assert "“trade war.”\n" in result.text


def test_seed_002_headline_is_its_own_paragraph():
    _, result = seed("002")
    head, rest = result.text.split("\n\n", 1)
    assert head == "China Strengthens Commitment to Technological Self-Reliance Amid U.S. Trade Tensions"
    assert rest.startswith("China has intensified its pursuit")


def test_seed_003_cluster_and_footer_gone_headline_split():
    _, result = seed("003")
    paragraphs = result.text.split("\n\n")
    assert paragraphs[0] == "China Charts Sovereign Tech Future in New Five-Year Plan"
    assert paragraphs[1].startswith("China is drafting a new five-year plan")
    assert "Bold Tech Independence Push" not in result.text
    assert "Leave a Comment" not in result.text and "email address" not in result.text
    assert result.text.endswith("more resilient in the long term.\n")


def test_seed_004_keeps_every_sentence():
    original, result = seed("004")
    assert result.text == original + "\n"
