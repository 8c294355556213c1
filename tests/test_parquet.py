"""Parquet tables (cleaner[parquet]): the text column cleaned, everything else kept."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

import cleaner
from cleaner.changelog import schema
from test_cli import run

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TEXTS = ["China”s growth\u00a0", None, "nothing to do", "It”s here", "Caf\u00c3\u00a9 owners", "x"]


def _table():
    table = pa.table(
        {
            "id": pa.array(range(len(TEXTS)), pa.int64()),
            "text": pa.array(TEXTS, pa.large_string()),
            "blob": pa.array([bytes([i, 255, 0]) for i in range(len(TEXTS))]),
            "meta": pa.array([{"lang": "en", "score": i / 3} for i in range(len(TEXTS))]),
            "tags": pa.array([["a”s"], [], None, ["b"], ["c"], ["d"]]),
        }
    )
    return table.replace_schema_metadata({b"huggingface": b'{"info": {"features": {}}}'})


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    pq.write_table(_table(), folder / "corpus.parquet", row_group_size=4, compression="zstd")
    pq.write_table(pa.table({"text": ["Nothing to do here."]}), folder / "clean.parquet")
    return folder


def test_text_column_cleaned_everything_else_kept(data, tmp_path):
    proc = run("clean", str(data), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    before, after = pq.ParquetFile(data / "corpus.parquet"), pq.ParquetFile(tmp_path / "out" / "corpus.parquet")
    old, new = before.read(), after.read()
    assert new.schema.equals(old.schema, check_metadata=True)
    for name in ("id", "blob", "meta", "tags"):  # values outside the text column: identical
        assert new.column(name).equals(old.column(name)), name
    pipeline = cleaner.Pipeline()
    expected = [value if value is None else pipeline.clean_field(value).text for value in TEXTS]
    assert new.column("text").to_pylist() == expected == ["China’s growth", None, "nothing to do", "It’s here", "Café owners", "x"]
    # The row groups and the compression are the input's.
    assert [after.metadata.row_group(i).num_rows for i in range(after.num_row_groups)] == [4, 2]
    assert after.metadata.row_group(0).column(1).compression == "ZSTD"
    # A table with nothing to change is copied byte for byte.
    assert (tmp_path / "out" / "clean.parquet").read_bytes() == (data / "clean.parquet").read_bytes()


def test_log_names_rows_across_row_groups_and_validates(data, tmp_path):
    assert run("clean", str(data / "corpus.parquet"), "--out", str(tmp_path / "out")).returncode == 0
    log = json.loads((tmp_path / "out" / ".cleaner-logs" / "corpus.parquet.changes.json").read_text())
    jsonschema.validate(log, schema())
    assert log["format"] == "parquet" and log["text_field"] == "text"
    assert log["records"] == {"total": 6, "changed": 3, "malformed": 0, "without_field": 1}
    assert sorted({change["record"] for change in log["changes"]}) == [1, 4, 5]  # row 5 is in the second row group
    assert log["problems"] == ["1 record(s) have no string field 'text' (first at row 2); passed through"]
    by_row = cleaner.changelog.by_record(log["changes"])
    assert cleaner.revert("Café owners", by_row[5]) == TEXTS[4]  # each row's text reverts from the log


def test_fix_rewrites_in_place_and_leaves_clean_tables_alone(data):
    clean_before = (data / "clean.parquet").stat()
    proc = run("fix", str(data))
    assert proc.returncode == 1, proc.stderr
    assert "cleaned" in proc.stderr.decode() and "corpus.parquet (4 changes in 3 records)" in proc.stderr.decode()
    assert pq.read_table(data / "corpus.parquet").column("text").to_pylist()[0] == "China’s growth"
    after = (data / "clean.parquet").stat()
    assert (after.st_mtime_ns, after.st_ino) == (clean_before.st_mtime_ns, clean_before.st_ino)
    assert run("check", str(data)).returncode == 0  # settled


def test_json_findings_and_library(data):
    proc = run("check", str(data / "corpus.parquet"), "--output-format", "json")
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert {(row["record"], row["rule"]) for row in rows} >= {(1, "QT001"), (4, "QT001"), (5, "EN001")}
    result = cleaner.clean_file(data / "corpus.parquet")
    assert isinstance(result, cleaner.ParquetResult) and result.records["changed"] == 3
    assert pq.read_table(pa.BufferReader(result.output_bytes())).column("id").to_pylist() == list(range(6))
    out = run("explain", str(data / "corpus.parquet")).stdout.decode()
    assert "record 4 1:3" in out and "It[” → ’]s here" in out


@pytest.mark.parametrize("table, problem", [
    (lambda: pa.table({"body": ["It”s"]}), "no column 'text'; the table is passed through unchanged"),
    (lambda: pa.table({"text": [1, 2]}), "a int64 column, not text, 'text'; the table is passed through unchanged"),
])
def test_a_table_without_a_text_column_passes_through(tmp_path, table, problem):
    path = tmp_path / "t.parquet"
    pq.write_table(table(), path)
    proc = run("clean", str(path), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert problem in proc.stderr.decode()
    assert (tmp_path / "out" / "t.parquet").read_bytes() == path.read_bytes()


def test_broken_parquet_is_skipped_and_named(data, tmp_path):
    (data / "broken.parquet").write_bytes(b"PAR1 not really")
    proc = run("clean", str(data), "--out", str(tmp_path / "out"))
    assert proc.returncode == 3
    assert f"skipped {data / 'broken.parquet'}: not a valid Parquet file" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_revert_rebuilds_the_values_of_a_fixed_table(data, tmp_path):
    path = data / "corpus.parquet"
    before = pq.read_table(path)
    assert run("fix", str(path), "--log-dir", str(tmp_path / "logs")).returncode == 1
    assert pq.read_table(path).column("text").to_pylist() != before.column("text").to_pylist()
    proc = run("revert", str(path), "--log-dir", str(tmp_path / "logs"))
    assert proc.returncode == 0, proc.stderr
    after = pq.ParquetFile(path)
    assert after.read().equals(before) and after.schema_arrow.equals(before.schema, check_metadata=True)
    assert [after.metadata.row_group(i).num_rows for i in range(after.num_row_groups)] == [4, 2]
    assert "1 reverted" in proc.stderr.decode()
    # A second revert finds the input's values there already.
    again = run("revert", str(path), "--log-dir", str(tmp_path / "logs"))
    assert again.returncode == 0 and "0 reverted, 1 already as their input" in again.stderr.decode()
    # A table edited since is refused, never guessed at.
    pq.write_table(before.set_column(1, "text", pa.array(["edited"] * 6, pa.large_string())), path)
    edited = run("revert", str(path), "--log-dir", str(tmp_path / "logs"))
    assert edited.returncode == 3 and "differ from the output" in edited.stderr.decode()


def test_revert_refuses_a_log_that_does_not_rebuild_the_values(data, tmp_path):
    path = data / "corpus.parquet"
    assert run("fix", str(path), "--log-dir", str(tmp_path / "logs")).returncode == 1
    log_path = tmp_path / "logs" / "corpus.parquet.changes.json"
    log = json.loads(log_path.read_text())
    log["values_sha256"] = "0" * 64
    log_path.write_text(json.dumps(log))
    fixed = path.read_bytes()
    proc = run("revert", str(path), "--log-dir", str(tmp_path / "logs"))
    assert proc.returncode == 3 and "does not rebuild the table's text values exactly" in proc.stderr.decode()
    assert path.read_bytes() == fixed  # left as it was
    assert not [p for p in data.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_without_pyarrow_a_table_is_skipped_with_what_to_install(data):
    hide = "import sys; sys.modules['pyarrow'] = None; from cleaner.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", hide, "check", str(data / "clean.parquet")], capture_output=True, timeout=120)
    assert proc.returncode == 3
    assert "Parquet input needs the parquet extra: pip install 'cleaner[parquet]'" in proc.stderr.decode()


def test_revert_into_a_folder_writes_every_table_changed_or_not(data, tmp_path):
    out = tmp_path / "out"
    assert run("clean", str(data), "--out", str(out)).returncode == 0
    proc = run("revert", str(out), "--log-dir", str(out / ".cleaner-logs"), "--out", str(tmp_path / "back"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "back" / "clean.parquet").read_bytes() == (data / "clean.parquet").read_bytes()
    assert pq.read_table(tmp_path / "back" / "corpus.parquet").equals(pq.read_table(data / "corpus.parquet"))
    assert "1 reverted, 1 already as their input" in proc.stderr.decode()
