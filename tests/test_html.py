"""HTML in (cleaner[html]): pages read as browsers read them, the article extracted, the
default rules run on it, the extraction in the change log; nothing of the page rewritten."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.changelog import replay, schema
from cleaner.html import clean_html, declared_encoding, decode_html
from conftest import FIXTURES, shared_dir
from test_cli import run as run_bytes


def run(*args: str) -> subprocess.CompletedProcess:
    result = run_bytes(*args)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())


PAGE = FIXTURES / "html" / "de-news.html"
DECODE = FIXTURES / "decode"


def test_a_page_becomes_its_article_as_read_by_eye(tmp_path: Path):
    result = run("clean", str(PAGE), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    output = (tmp_path / "out" / "de-news.txt").read_text(encoding="utf-8")
    assert output == (FIXTURES / "html" / "de-news.expected.txt").read_text(encoding="utf-8")
    # Menus, cookie banner, related links, the comment form and the footer are not the article.
    for furniture in ("Startseite", "Cookies", "Das könnte Sie", "Kommentar", "Impressum"):
        assert furniture not in output


def test_the_log_records_the_extraction_and_replays_on_the_extracted_text(tmp_path: Path):
    run("clean", str(PAGE), "--out", str(tmp_path / "out"))
    log = json.loads((tmp_path / "out" / ".cleaner-logs" / "de-news.txt.changes.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema())
    assert log["format"] == "html" and log["source"] == str(PAGE)
    assert log["extraction"]["extractor"] == "trafilatura" and log["extraction"]["settings"]["include_comments"] is False
    assert log["input_sha256"] == hashlib.sha256(PAGE.read_bytes()).hexdigest()
    result = clean_html(cleaner.Pipeline(), PAGE.read_bytes())
    assert hashlib.sha256(result.input.encode()).hexdigest() == log["extraction"]["text_sha256"]
    output = (tmp_path / "out" / "de-news.txt").read_text(encoding="utf-8")
    assert replay(result.input, log["changes"]) == output
    assert {change["rule"] for change in log["changes"]} >= {"BP008"}  # the German copyright line


def test_without_the_extra_a_page_gets_one_line_saying_what_to_install(tmp_path: Path):
    code = (
        "import sys; sys.modules['trafilatura'] = None\n"  # as if cleaner[html] were not installed
        "from cleaner.cli import main\n"
        f"sys.exit(main(['clean', {str(PAGE)!r}, {str(FIXTURES / 'seeds')!r}, '--out', {str(tmp_path / 'out')!r}, '-q']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 3
    assert result.stderr.strip() == f"skipped {PAGE}: HTML input needs the html extra: pip install 'cleaner[html]'"
    assert (tmp_path / "out" / "000_ca59fd22e45bec74.txt").exists()  # the rest of the batch went on
    assert not (tmp_path / "out" / "de-news.txt").exists()


def test_clean_takes_pages_by_default_check_and_fix_do_not(tmp_path: Path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "page.html").write_bytes(PAGE.read_bytes())
    (folder / "page.htm").write_bytes(PAGE.read_bytes())
    before = PAGE.read_bytes()
    assert run("check", str(folder)).returncode == 0  # nothing taken: no page would be "fixed"
    assert run("fix", str(folder)).returncode == 0
    refused = run("fix", "--include", "*.html", str(folder))
    assert refused.returncode == 3 and "never rewritten in place" in refused.stderr
    assert (folder / "page.html").read_bytes() == before
    cleaned = run("clean", str(folder), "--out", str(tmp_path / "out"))
    assert cleaned.returncode == 3 and "already written from" in cleaned.stderr  # page.htm and page.html -> page.txt
    assert (tmp_path / "out" / "page.txt").exists()


def test_revert_refuses_an_output_made_from_a_page(tmp_path: Path):
    run("clean", str(PAGE), "--out", str(tmp_path / "out"))
    result = run("revert", str(tmp_path / "out"), "--log-dir", str(tmp_path / "out" / ".cleaner-logs"), "--out", str(tmp_path / "back"))
    assert "made from HTML by extraction" in result.stderr + result.stdout
    assert not (tmp_path / "back" / "de-news.txt").exists()


def test_a_page_without_an_article_gives_an_empty_text_and_says_so():
    result = clean_html(cleaner.Pipeline(), b"<html><head><title>Gallery</title></head><body><img src='a.png'></body></html>")
    assert result.text == "" and any("no article text" in problem for problem in result.problems)


# Decoding: the declaration is evidence, weighed against what the bytes read as.

DECODE_CASES = sorted(p for p in DECODE.glob("*.txt") if not p.name.endswith(".expected.txt"))
LABELS = {"cp1256": "windows-1256", "cp1255": "windows-1255", "cp1254": "windows-1254", "cp1258": "windows-1258",
          "iso8859_7": "iso-8859-7", "iso8859_2": "iso-8859-2", "iso8859_5": "iso-8859-5", "cp866": "ibm866",
          "mac_cyrillic": "x-mac-cyrillic", "tis_620": "tis-620", "euc_kr": "euc-kr", "iso2022_jp": "iso-2022-jp"}


def page_in(path: Path, declared: str | None) -> tuple[bytes, str]:
    codec = path.name.split(".")[1]
    text = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8")
    meta = f'<meta charset="{declared}">' if declared else ""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines())
    page = f"<!DOCTYPE html>\n<html><head>{meta}<title>t</title></head>\n<body>\n{body}</body></html>\n"
    return page.encode(codec), page


@pytest.mark.parametrize("path", DECODE_CASES, ids=lambda p: p.stem)
def test_a_page_declaring_its_codec_reads_exactly(path: Path):
    data, page = page_in(path, LABELS[path.name.split(".")[1]])
    assert decode_html(data)[0] == page


@pytest.mark.parametrize("path", DECODE_CASES, ids=lambda p: p.stem)
def test_a_page_declaring_a_wrong_codec_is_never_read_silently_in_another_script(path: Path):
    # A template's default left in place: the bytes are not windows-1252 text.
    data, page = page_in(path, "windows-1252")
    text, decision = decode_html(data)
    assert text == page or decision.warning
    if text == page and path.name.split(".")[1] not in ("cp1254", "cp1258", "iso8859_2"):
        assert "the page declares cp1252" in decision.warning  # not Latin: the dispute is said


def test_declared_labels_are_read_as_browsers_read_them():
    assert declared_encoding(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert declared_encoding(b"<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>") == "gb18030"
    assert declared_encoding(b'<?xml version="1.0" encoding="Shift_JIS"?>') == "cp932"
    assert declared_encoding(b'<meta charset="utf-16">') == "utf_8"
    assert declared_encoding(b'<meta charset="no-such-codec">') is None
    assert declared_encoding(b"<p>charset=latin1 in the body text</p>") is None


def test_utf8_bytes_win_over_a_legacy_declaration():
    page = '<meta charset="iso-8859-1"><p>Zażółć gęślą jaźń — 12 €</p>'
    text, decision = decode_html(page.encode("utf-8"))
    assert (text, decision.method, decision.encoding) == (page, "utf-8", "utf_8")


# JSONL with an HTML field: the article is added, nothing is overwritten.


def test_jsonl_html_field_adds_the_article_and_keeps_every_other_byte(tmp_path: Path):
    page = PAGE.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": 1, "html": page}, ensure_ascii=False),
        json.dumps({"id": 2, "html": page, "text": "kept as it is"}),
        json.dumps({"id": 3, "url": "https://example.org/"}),
    ]
    source = tmp_path / "pages.jsonl.gz"
    source.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    result = run("clean", str(source), "--html-field", "html", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    out = gzip.decompress((tmp_path / "out" / "pages.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
    first = json.loads(out[0])
    expected = (FIXTURES / "html" / "de-news.expected.txt").read_text(encoding="utf-8").rstrip("\n")
    assert first == {"id": 1, "html": page, "text": expected}
    assert out[0].startswith(lines[0][:-1])  # the record's own bytes, then the added field
    assert out[1:] == lines[1:]
    assert "has a field 'text' already; not overwritten" in result.stderr
    log = json.loads((tmp_path / "out" / ".cleaner-logs" / "pages.jsonl.gz.changes.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema())
    assert log["html_field"] == "html" and log["extraction"]["extractor"] == "trafilatura"
    assert {change["record"] for change in log["changes"]} == {1}


# Measured on the article extraction benchmark's HTML (the figures are in the README).


def test_on_the_benchmark_pages_cleaner_html_beats_trafilatura_alone():
    sys.path.insert(0, str(Path(__file__).parent))
    from test_decode import _load_script

    eval_aeb = _load_script("eval_aeb")
    root = shared_dir("data", "aeb")
    ours = eval_aeb.evaluate(root, "html", "default")
    alone = eval_aeb.extractors_alone(root)
    for part in ("dev", "test"):
        assert ours[part, "cleaned"]["f1"] > alone[part, "trafilatura"]["f1"], part
        assert ours[part, "cleaned"]["f1"] > alone[part, "justext"]["f1"], part
    assert ours["all", "cleaned"]["recall"] > ours["all", "raw"]["recall"] - 0.002  # the rules cost no article text beyond copyright lines


def test_explain_shows_a_records_changes_in_its_extracted_article(tmp_path: Path):
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"id": 1, "html": PAGE.read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    result = run("explain", "--html-field", "html", str(source))
    assert result.returncode == 0, result.stderr
    assert "record 1" in result.stdout and "BP008  copyright-line" in result.stdout
    assert "© 2026 Stadtkurier" in result.stdout  # context from the article, not from the HTML


# Any bytes named .html: a Result or a one-line DecodeError, never another exception.

_PIECES = st.sampled_from(
    ["<html>", "</html>", "<body>", "<p>", "</p>", "<div>", "<script>", "</script>", "<!--", "-->", "<title>",
     "<meta charset='shift_jis'>", "<?xml version='1.0' encoding='utf-16'?>", "<![CDATA[", "&amp;", "&#0;", "\x00"]
)
_PAGES = st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(_PAGES.map(lambda page: page.encode("utf-8", "surrogatepass")), st.binary(max_size=300)))
def test_any_page_is_cleaned_or_refused_in_one_line(data: bytes):
    pipeline = _PIPELINE
    try:
        result = clean_html(pipeline, data)
    except cleaner.DecodeError as exc:
        assert "\n" not in str(exc)
        return
    assert result.text == replay(result.input, result.changes)


_PIPELINE = cleaner.Pipeline()
