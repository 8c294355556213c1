"""The Ray Data adapter on a local Ray cluster (started once per session, 2 CPUs): files, JSONL
and a Dataset of records come out byte for byte as the local pipeline makes them.

CI installs the `ray` extra, so this runs there; it is not skipped when Ray is missing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import ray

import cleaner
from cleaner.adapters.ray_data import clean_dataset, connect, ray_runner
from cleaner.batch import Mode, run_all
from cleaner.inputs import Selector, find_inputs

from conftest import FIXTURES, ROOT
from test_cli import run


@pytest.fixture(scope="session")
def local_cluster():
    connect(num_cpus=2)
    yield
    ray.shutdown()


def corpus(folder: Path) -> Path:
    """Seeds, the web page, a JSONL file with a broken line, a binary file and a cp1252 file."""
    shutil.copytree(FIXTURES / "seeds", folder / "news")
    shutil.copy(FIXTURES / "web" / "harbour-page.input.txt", folder / "page.txt")
    records = (ROOT / "examples" / "records.jsonl").read_bytes()
    (folder / "records.jsonl").write_bytes(records + b"{broken\n" + records)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "latin.txt").write_bytes("Caf\u00e9 \u201cquoted\u201d\u00a0\n".encode("cp1252"))
    return folder


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_through_ray_equals_the_local_run(local_cluster, tmp_path: Path):
    data = corpus(tmp_path / "data")
    out = tmp_path / "out"
    pipeline = cleaner.Pipeline()
    found = find_inputs([data], Selector())
    local = run_all(pipeline, found, Mode.CLEAN, out=out, jobs=1)
    local_files = files_under(out)
    shutil.rmtree(out)
    seen = []
    remote = run_all(pipeline, found, Mode.CLEAN, out=out, jobs=2, runner=ray_runner(), on_outcome=seen.append)
    assert files_under(out) == local_files  # outputs and change logs, byte for byte
    assert len(seen) == len(found.inputs) == 14  # 10 seed files (inputs and expected outputs) and 4 more
    assert (remote.files, remote.changed, remote.skipped, remote.per_rule) == (
        local.files, local.changed, local.skipped, local.per_rule
    )
    assert any(name.endswith("records.jsonl") for name in local_files) and len(local.skipped) == 1  # the binary


def test_a_dataset_of_records(local_cluster):
    records = [json.loads(line) for line in (ROOT / "examples" / "records.jsonl").read_text().splitlines()]
    records.append({"id": 99, "text": None})
    dataset = ray.data.from_items(records)
    rows = clean_dataset(dataset, text_field="text", concurrency=2, batch_size=2).take_all()
    pipeline = cleaner.Pipeline()
    assert [row["id"] for row in rows] == [r["id"] for r in records]  # order kept
    for row, original in zip(rows, records):
        if isinstance(original.get("text"), str):
            result = pipeline.clean_field(original["text"])
            assert row["text"] == result.text
            assert json.loads(row["cleaner_changes"]) == [c.to_json() for c in result.changes]
        else:
            assert row["cleaner_changes"] == "[]"
    assert any(json.loads(row["cleaner_changes"]) for row in rows)  # something was cleaned


def test_invalid_options_fail_on_the_driver(local_cluster):
    with pytest.raises(cleaner.SelectionError):
        clean_dataset(ray.data.from_items([{"text": "x"}]), profile="nope")


def test_engine_ray_on_the_command_line(tmp_path: Path):
    data = corpus(tmp_path / "data")
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert run("clean", str(data), "--out", str(local), "-q", "--jobs", "1").returncode == 3  # the binary
    proc = run("clean", str(data), "--out", str(remote), "--engine", "ray", "--jobs", "2")
    assert proc.returncode == 3, proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()
    assert "cleaned 13 files" in proc.stderr.decode()  # and the binary one skipped
    strip = {name: body for name, body in files_under(local).items() if not name.startswith(".cleaner-logs")}
    assert {n: b for n, b in files_under(remote).items() if not n.startswith(".cleaner-logs")} == strip


def test_engine_options_are_checked_before_any_work(tmp_path: Path):
    proc = run("clean", str(FIXTURES / "seeds"), "--out", str(tmp_path / "o"), "--engine", "spark")
    assert proc.returncode == 2 and "'spark' is not an engine (local, ray)" in proc.stderr.decode()
    proc = run("clean", str(FIXTURES / "seeds"), "--out", str(tmp_path / "o"), "--address", "auto")
    assert proc.returncode == 2 and "--address goes with --engine ray" in proc.stderr.decode()
    assert not (tmp_path / "o").exists()
