"""`line-ending = "lf" | "crlf" | "keep"`: what WS001 writes, exactly logged and reversible."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

import cleaner
from cleaner import Pipeline
from test_cli import run

PIPELINES = {ending: Pipeline(line_ending=ending) for ending in ("lf", "crlf", "keep")}


@pytest.mark.parametrize(
    "ending, text, expected",
    [
        ("lf", "a\r\nb”s\r\nc\n", "a\nb’s\nc\n"),
        ("crlf", "a\nb\r\nc\n", "a\r\nb\r\nc\r\n"),
        ("crlf", "one line", "one line\r\n"),  # the final newline is written as CRLF too
        ("keep", "a\r\nb”s\r\nc\n", "a\r\nb’s\r\nc\r\n"),  # the majority (CRLF) wins
        ("keep", "a\nb\r\nc\n", "a\nb\nc\n"),
        ("keep", "a\r\nb\n", "a\nb\n"),  # a tie goes to LF
        ("keep", "a\rb\rc\n", "a\rb\rc\r"),  # old Mac files stay old Mac files
        ("keep", "x  \r\ny\r\n", "x\r\ny\r\n"),  # only the trailing spaces change
    ],
)
def test_line_ending_setting(ending: str, text: str, expected: str):
    result = PIPELINES[ending].clean(text)
    assert result.text == expected
    assert cleaner.replay(text, result.changes) == expected
    assert cleaner.revert(expected, result.changes) == text


def test_a_crlf_file_kept_as_crlf_has_no_line_ending_changes():
    result = PIPELINES["keep"].clean("The council”s vote\r\nwas close.\r\n")
    assert [(c.rule, c.before, c.after) for c in result.changes] == [("QT001", "”", "’")]


def test_without_ws001_line_endings_are_not_touched():
    text = "a\r\nb\n"
    assert Pipeline(line_ending="crlf", ignore=["WS001"]).clean(text).text == text


def test_bad_value_is_an_error_naming_the_option():
    with pytest.raises(ValueError, match="line-ending must be one of lf, crlf, keep, not 'dos'"):
        Pipeline(line_ending="dos")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["word", "Mot”s", "  ", "\u00a0", "", "é"]), max_size=6).map(" ".join),
    st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=8),
    st.sampled_from(sorted(PIPELINES)),
)
def test_endings_are_uniform_exact_and_idempotent(words: str, breaks: list[str], ending: str):
    text = "".join(f"{words}{i}{brk}" for i, brk in enumerate(breaks))
    result = PIPELINES[ending].clean(text)
    written = set(re.findall(r"\r\n|\r|\n", result.text))
    assert len(written) <= 1
    if ending == "crlf":
        assert written <= {"\r\n"}
    elif ending == "lf":
        assert written <= {"\n"}
    assert cleaner.replay(text, result.changes) == result.text
    assert cleaner.revert(result.text, result.changes) == text
    again = PIPELINES[ending].clean(result.text)
    assert again.text == result.text and again.changes == []


def test_config_and_flag_through_the_command(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_bytes(b"one\r\ntwo\n")
    (tmp_path / "cleaner.toml").write_text('line-ending = "crlf"\n')
    proc = run("fix", str(data))
    assert proc.returncode == 1, proc.stderr
    assert (data / "a.txt").read_bytes() == b"one\r\ntwo\r\n"
    proc = run("fix", str(data), "--line-ending", "lf")  # the flag overrides the file
    assert proc.returncode == 1 and (data / "a.txt").read_bytes() == b"one\ntwo\n"
    (tmp_path / "cleaner.toml").write_text('line-ending = "dos"\n')
    proc = run("check", str(data))
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"error: {tmp_path / 'cleaner.toml'}: line-ending must be one of lf, crlf, keep, not 'dos'\n"
