"""A big JSONL file is cleaned by all the workers together, chunk by chunk, with the same
outputs, logs and findings as one process gives."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import cleaner
from cleaner import batch
from cleaner.batch import Limits, Mode, run_all
from cleaner.inputs import Selector, find_inputs
from conftest import FIXTURES

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("seeds/*.txt")) if ".expected." not in p.name]


def _records(count: int) -> bytes:
    lines = []
    for i in range(count):
        if i == 40:
            lines.append('{"id": 40, "text": "' + "x" * 30_000 + '"}')  # over --max-record-mb: copied through
        elif i % 17 == 5:
            lines.append("{broken")  # passed through, reported
        elif i % 23 == 7:
            lines.append("")  # blank
        else:
            lines.append(json.dumps({"id": i, "text": f"{TEXTS[i % len(TEXTS)]}\nItem {i}."}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


def files_under(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name.endswith(".changes.json"):  # the output's own path differs between runs
                log = json.loads(data)
                log["output"] = None
                data = json.dumps(log).encode()
            found[str(path.relative_to(folder))] = data
    return found


def test_big_jsonl_shared_by_workers_equals_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "SHARED_JSONL_BYTES", 50_000)
    monkeypatch.setattr(batch, "_CHUNK_BYTES", 20_000)  # many chunks, several out at once
    shared = []
    share = batch._shared_lines

    def spy(pool, jobs, *args):
        shared.append(jobs)
        return share(pool, jobs, *args)

    monkeypatch.setattr(batch, "_shared_lines", spy)
    data = tmp_path / "data"
    data.mkdir()
    records = _records(300)
    (data / "big.jsonl").write_bytes(records)
    (data / "big.jsonl.gz").write_bytes(gzip.compress(records))
    (data / "small.jsonl").write_bytes(_records(3))
    shutil.copy(next(FIXTURES.glob("seeds/003_*[!d].txt")), data / "article.txt")
    pipeline = cleaner.Pipeline()
    found = find_inputs([data], Selector())
    limits = Limits(max_record_mb=0.02)
    results = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        seen = []
        summary = run_all(
            pipeline, found, Mode.CLEAN, out=out, log_dir=out / ".logs", jobs=jobs, limits=limits, with_findings=True, on_outcome=seen.append
        )
        results[jobs] = (files_under(out), summary, sorted((o.source, o.findings) for o in seen if o.findings))
    (one, summary1, found1), (two, summary2, found2) = results[1], results[2]
    assert shared == [2]  # the big file was shared out; the small ones (the gzipped copy is small on disk) were not
    assert one == two  # outputs and change logs, byte for byte
    assert (summary1.files, summary1.changed, summary1.records, summary1.per_rule) == (
        summary2.files, summary2.changed, summary2.records, summary2.per_rule
    )
    assert found1 == found2
    log = json.loads(two[".logs/big.jsonl.changes.json"])
    assert log["records"]["too_large"] == 1 and log["records"]["malformed"] == sum(i % 17 == 5 for i in range(300))
    assert any("line 41: record larger than" in problem for problem in log["problems"])
    assert b"x" * 30_000 in two["big.jsonl"]


def test_only_a_file_big_beside_the_run_is_shared(tmp_path):
    def task(name: str, size: int) -> batch.Task:
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.truncate(size)  # sparse: only its size matters here
        return batch.Task(path, Path(name))

    many = [task(f"part{i}.jsonl", 10_000_000) for i in range(8)]
    assert batch._to_share(many, 2) == []  # eight equal files already keep two workers busy
    huge = task("huge.jsonl", 200_000_000)
    text = task("book.txt", 200_000_000)
    assert batch._to_share([*many, huge, text], 2) == [huge]  # only JSONL is split by lines
    assert batch._to_share([task("small.jsonl", 1_000_000)], 2) == []  # below SHARED_JSONL_BYTES


def test_ctrl_c_stops_a_shared_file_and_leaves_it_whole(tmp_path):
    """Ctrl-C while the workers share a big file's lines: exit 130, the file as it was, no
    temporary file, no log, no worker left."""
    import os
    import signal
    import subprocess
    import time

    from test_cli import COMMAND

    path = tmp_path / "big.jsonl"
    line = _records(60)
    with path.open("wb") as out:
        while out.tell() < 30_000_000:  # well over SHARED_JSONL_BYTES, and seconds of work
            out.write(line)
    before = path.read_bytes()
    proc = subprocess.Popen(
        [*COMMAND, "fix", str(path), "-j", "2", "--log-dir", str(tmp_path / "logs"), "--max-record-mb", "1"],
        stderr=subprocess.PIPE, start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(2)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    err = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == 130 and err == "interrupted\n"
    time.sleep(0.3)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]
    try:
        os.killpg(proc.pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive  # no worker of that run is left
