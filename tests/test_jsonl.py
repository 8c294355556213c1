"""JSONL records: only the text field changes, byte for byte everything else stays."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.changelog import by_record, replay, revert, schema
from cleaner.records import clean_lines, value_span

PIPELINE = cleaner.Pipeline()


def cleaned(*lines: bytes, field: str = "text") -> list:
    return list(clean_lines(PIPELINE, lines, field))


def test_only_the_text_value_is_rewritten():
    raw = b'{ "n":1.50 ,"big": 1E5, "url":"a\\/b", "text" : "China\xe2\x80\x9ds party", "other": "\\u00e9", "z":[1,{"text":"x"}]}\r\n'
    (line,) = cleaned(raw)
    assert line.status == "cleaned"
    assert line.out == raw.replace("China\u201ds".encode(), "China\u2019s".encode())
    assert [(c.record, c.rule, c.before, c.after) for c in line.changes] == [(1, "QT001", "\u201d", "\u2019")]


def test_escaped_ascii_style_is_kept():
    (line,) = cleaned(b'{"text": "caf\\u00c3\\u00a9 \\u201cok\\u201d"}\n')
    assert line.out == b'{"text": "caf\\u00e9 \\u201cok\\u201d"}\n'


def test_field_keeps_its_ending_no_final_newline_added():
    (line,) = cleaned(b'{"text": "Title\\n\\nBody.\\u00a0"}')
    assert json.loads(line.out) == {"text": "Title\n\nBody."}
    assert line.out.endswith(b"}")  # no newline was added to the file's last line either


def test_malformed_lines_pass_through_and_are_reported():
    lines = [
        b'{"text": "a\xe2\x80\x9ds"}\n',
        b"{broken\n",
        b"\xff\xfe not utf-8\n",
        b"[1, 2]\n",
        b"\n",
        b'{"id": 7}\n',
        b'{"text": 5}\n',
        b'{"text": "fine"}\n',
    ]
    out = cleaned(*lines)
    assert [line.status for line in out] == ["cleaned", "malformed", "malformed", "malformed", "blank", "no-field", "no-field", "unchanged"]
    assert out[0].out == '{"text": "a’s"}\n'.encode()
    assert all(line.out == line.raw for line in out[1:])
    assert out[1].problems == ["line 2: invalid JSON (Expecting property name enclosed in double quotes at column 2); passed through"]
    assert out[2].problems == ["line 3: not UTF-8 (byte 0); passed through"]
    assert out[3].problems == ["line 4: not a JSON object; passed through"]


def test_a_text_field_of_your_choice_and_the_last_duplicate_key():
    (line,) = cleaned(b'{"body": "x\xc2\xa0", "text": "y\xc2\xa0", "body": "it\xe2\x80\x9ds"}\n', field="body")
    assert line.out == '{"body": "x\u00a0", "text": "y\u00a0", "body": "it\u2019s"}\n'.encode()


def test_value_span_finds_top_level_keys_only():
    text = '{"a": {"text": "inner"}, "text": "outer"}'
    start, end = value_span(text, "text")
    assert text[start:end] == '"outer"'
    assert value_span('{"a": 1}', "text") is None


def test_bom_on_the_first_line_is_kept():
    (line,) = cleaned(b'\xef\xbb\xbf{"text": "it\xe2\x80\x9ds"}\n')
    assert line.out == b'\xef\xbb\xbf{"text": "it\xe2\x80\x99s"}\n'


def test_lines_stream_lazily():
    """An endless input yields its first records: nothing reads ahead (bounded memory)."""
    endless = (b'{"text": "it\xe2\x80\x9ds"}\n' for _ in itertools.count())
    first = list(itertools.islice(clean_lines(PIPELINE, endless), 3))
    assert [line.number for line in first] == [1, 2, 3]


def test_clean_records_library():
    records = [{"id": 1, "text": "China\u201ds\u00a0"}, {"id": 2}]
    out = list(cleaner.clean_records(records, pipeline=PIPELINE))
    assert out[0].record == {"id": 1, "text": "China\u2019s"}
    assert [c.rule for c in out[0].changes] == ["QT001", "SP001"]
    assert out[1].record == {"id": 2} and out[1].result is None
    assert records[0]["text"] == "China\u201ds\u00a0"  # inputs not modified


def test_clean_file_reads_jsonl_and_gzip(tmp_path: Path):
    body = b'{"id": 1, "text": "China\xe2\x80\x9ds"}\n{oops\n{"id": 3, "text": "ok"}\n'
    (tmp_path / "a.jsonl").write_bytes(body)
    with gzip.open(tmp_path / "b.jsonl.gz", "wb") as handle:
        handle.write(body)
    for name in ("a.jsonl", "b.jsonl.gz"):
        result = cleaner.clean_file(tmp_path / name)
        assert result.text == body.decode().replace("\u201d", "\u2019")
        assert [(c.record, c.rule) for c in result.changes] == [(1, "QT001")]
        assert result.records == {"total": 3, "changed": 1, "malformed": 1, "without_field": 0}
        log = result.log(source=name).to_json()
        jsonschema.validate(log, schema())
        assert log["format"] == "jsonl" and log["text_field"] == "text"


records = st.dictionaries(
    st.sampled_from(["id", "text", "meta", "title"]),
    st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none(), st.lists(st.text(max_size=5), max_size=3)),
)


@given(st.lists(records, max_size=6), st.booleans())
@settings(max_examples=150, deadline=None)
def test_any_jsonl_round_trips(rows: list[dict], ascii_style: bool):
    """Each output line parses to the input record with only its text cleaned; logs replay and revert per record."""
    raw = [(json.dumps(row, ensure_ascii=ascii_style) + "\n").encode("utf-8", "surrogatepass") for row in rows]
    out = cleaned(*raw)
    for row, line in zip(rows, out):
        if line.status == "malformed":  # lone surrogates from st.text() are not UTF-8
            assert line.out == line.raw
            continue
        expected = dict(row)
        if isinstance(row.get("text"), str):
            expected["text"] = PIPELINE.clean_field(row["text"]).text
        assert json.loads(line.out) == expected
        for record, changes in by_record(line.changes).items():
            assert record == line.number
            assert replay(row["text"], changes) == expected["text"]
            assert revert(expected["text"], changes) == row["text"]


def test_many_broken_lines_are_reported_up_to_a_cap(tmp_path: Path):
    from cleaner.batch import Task, process
    from cleaner.records import MAX_PROBLEMS

    (tmp_path / "broken.jsonl").write_bytes(b"{oops\n" * (MAX_PROBLEMS + 50) + b'{"text": "it\xe2\x80\x9ds"}\n')
    outcome = process(PIPELINE, Task(tmp_path / "broken.jsonl", Path("broken.jsonl")))
    assert len(outcome.problems) == MAX_PROBLEMS + 1
    assert outcome.problems[-1] == "... and 50 more problem line(s) like these"
    assert outcome.records == {"total": MAX_PROBLEMS + 51, "changed": 1, "malformed": MAX_PROBLEMS + 50, "without_field": 0}
