"""The library face: clean_text / clean_bytes / clean_file, Pipeline reuse, options, the log."""

from __future__ import annotations

import json

import jsonschema

import cleaner
from cleaner import Pipeline
from cleaner.changelog import schema

from conftest import FIXTURES


def test_clean_text_returns_text_and_changes():
    result = cleaner.clean_text("China”s party\u00a0")
    assert result.text == "China’s party\n"
    assert [(c.rule, c.name, c.line, c.column, c.before, c.after) for c in result.changes] == [
        ("QT001", "quote-as-apostrophe", 1, 6, "”", "’"),
        ("SP001", "no-break-space", 1, 14, "\u00a0", ""),
        ("WS005", "final-newline", 1, 15, "", "\n"),
    ]
    assert result.changes[1].also == ("WS002",)  # the space SP001 made, WS002 then removed


def test_defaults_keep_curly_quotes_and_quote_style_ascii_straightens():
    assert cleaner.clean_text("“It’s”").text == "“It’s”\n"
    assert cleaner.clean_text("“It’s”", quote_style="ascii").text == "\"It's\"\n"


def test_unsafe_rules_only_when_asked():
    assert cleaner.clean_text("① – x", select=["UN101", "AQ002"]).text == "① – x"
    assert cleaner.clean_text("① – x", select=["UN101", "AQ002"], unsafe_fixes=True).text == "1 - x"


def test_ignore_rules():
    assert cleaner.clean_text("a\u00a0b", ignore=["SP001"]).text == "a\u00a0b\n"


def test_pipeline_is_reusable_and_records_line_numbers():
    pipeline = Pipeline()
    first = pipeline.clean("one\ntwo China”s\n")
    second = pipeline.clean("x\n\ny\nXi“s\n")
    assert (first.changes[0].line, first.changes[0].column) == (2, 10)
    assert (second.changes[0].line, second.changes[0].column) == (4, 3)


def test_clean_file_log_is_complete_and_valid():
    source = next((FIXTURES / "seeds").glob("003_*[!d].txt"))
    result = cleaner.clean_file(source)
    log = json.loads(result.log(source=str(source), output="out.txt").dumps())
    jsonschema.Draft202012Validator(schema()).validate(log)
    assert log["decode"]["encoding"] == "utf_8" and log["decode"]["newline"] == "lf"
    assert log["counts"]["HL001"] == 1 and log["counts"]["BP001"] == 3  # the gap before the footer, and its two lines
    assert len(log["input_sha256"]) == 64
    assert cleaner.replay(result.input, log["changes"]) == result.text
    assert cleaner.revert(result.text, log["changes"]) == source.read_text(encoding="utf-8")


def test_replay_refuses_a_log_for_other_text():
    result = cleaner.clean_text("China”s")
    try:
        cleaner.replay("Chinese", result.changes)
    except ValueError as exc:
        assert "does not match" in str(exc)
    else:
        raise AssertionError("replay accepted a log for different text")


def test_decode_decision_is_in_the_log():
    result = cleaner.clean_bytes("très bien\r\n".encode("cp1252"))
    log = result.log().to_json()
    assert log["decode"]["encoding"] == "cp1252"
    assert log["decode"]["method"] == "detected"
    assert log["decode"]["newline"] == "crlf"
    assert result.text == "très bien\n"


def test_a_long_line_logs_each_repair_separately():
    line = "Chinaâ€™s plan, China”s party. " * 3000  # ~100 KB on one line
    result = cleaner.clean_text(line)
    assert result.text == "China’s plan, China’s party. " * 2999 + "China’s plan, China’s party.\n"
    counts = result.log().to_json()["counts"]
    assert counts["EN001"] == 3000 and counts["QT001"] == 3000
    assert cleaner.revert(result.text, result.changes) == line


def test_the_package_docstring_example_runs():
    import doctest

    assert doctest.testmod(cleaner).failed == 0
