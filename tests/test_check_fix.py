"""check, fix, explain, --jobs, --report and the progress bar, through the installed command."""

from __future__ import annotations

import gzip
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner
from conftest import FIXTURES
from test_cli import COMMAND, run

DIRTY = "China\u201ds party\u00a0\n"  # a wrong-quote apostrophe and a trailing no-break space
CLEAN = "China\u2019s party\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes("caf\xe9 cr\xe8me\n".encode("cp1252"))
    (tmp_path / "script.py").write_text("x = 'China\u201ds'  \n")  # not text-like: never touched
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_reports_and_writes_nothing(repo: Path):
    before = snapshot(repo)
    proc = run("check", ".", cwd=repo)
    assert proc.returncode == 1
    err = proc.stderr.decode().splitlines()
    assert err == [
        "would clean dirty.txt (2 changes)",
        "would clean legacy.txt (0 changes, cp1252 to UTF-8)",
        "2 files would be cleaned, 1 file would be left unchanged.",
    ]
    assert snapshot(repo) == before


def test_check_passes_on_clean_files(repo: Path):
    proc = run("check", "clean.txt", cwd=repo)
    assert proc.returncode == 0
    assert proc.stderr.decode() == "0 files would be cleaned, 1 file would be left unchanged.\n"


def test_check_diff_is_a_unified_diff(repo: Path):
    proc = run("check", "--diff", "-q", "dirty.txt", cwd=repo)
    assert proc.returncode == 1
    assert proc.stdout.decode() == (
        "--- a/dirty.txt\n+++ b/dirty.txt\n@@ -1 +1 @@\n-China\u201ds party\u00a0\n+China\u2019s party\n"
    )
    assert proc.stderr == b""
    patch = shutil.which("patch")
    if patch:  # the diff applies with the standard tool and gives the cleaned file
        copy = repo / "copy"
        copy.mkdir()
        shutil.copy(repo / "dirty.txt", copy / "dirty.txt")
        subprocess.run([patch, "-p1", "-s"], input=proc.stdout, cwd=copy, check=True)
        assert (copy / "dirty.txt").read_text(encoding="utf-8") == CLEAN


def test_diff_of_a_file_without_final_newline_applies(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Title\n\nIt\u201ds here", encoding="utf-8")
    proc = run("check", "--diff", "-q", "a.txt", cwd=tmp_path)
    assert proc.stdout.decode().endswith("-It\u201ds here\n\\ No newline at end of file\n+It\u2019s here\n")
    patch = shutil.which("patch")
    if patch:
        subprocess.run([patch, "-p1", "-s"], input=proc.stdout, cwd=tmp_path, check=True)
        assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Title\n\nIt\u2019s here\n"


def test_fix_rewrites_in_place_then_passes(repo: Path):
    (repo / "dirty.txt").chmod(0o640)
    untouched_inode = (repo / "clean.txt").stat().st_ino
    proc = run("fix", ".", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.decode().splitlines() == [
        "cleaned dirty.txt (2 changes)",
        "cleaned legacy.txt (0 changes, cp1252 to UTF-8)",
        "2 files cleaned, 1 file left unchanged.",
    ]
    assert (repo / "dirty.txt").read_text(encoding="utf-8") == CLEAN
    assert (repo / "legacy.txt").read_text(encoding="utf-8") == "café crème\n"
    assert (repo / "dirty.txt").stat().st_mode & 0o777 == 0o640
    assert (repo / "clean.txt").stat().st_ino == untouched_inode  # an unchanged file is not rewritten
    assert (repo / "script.py").read_text() == "x = 'China\u201ds'  \n"
    assert not [p for p in repo.iterdir() if p.name.endswith(".cleaner-tmp")]
    again = run("fix", ".", cwd=repo)
    assert again.returncode == 0
    assert again.stderr.decode() == "0 files cleaned, 3 files left unchanged.\n"


def test_fix_writes_logs_only_when_asked(repo: Path, tmp_path: Path):
    proc = run("fix", "dirty.txt", "--log-dir", str(tmp_path / "logs"), cwd=repo)
    assert proc.returncode == 1
    log = json.loads((tmp_path / "logs" / "dirty.txt.changes.json").read_text())
    assert [c["rule"] for c in log["changes"]] == ["QT001", "SP001"]
    assert cleaner.revert(CLEAN, log["changes"]) == DIRTY


def test_fix_removes_temporary_files_of_dead_runs(repo: Path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = repo / f".dirty.txt.{dead.stdout.strip()}.abc123.cleaner-tmp"
    live = repo / f".dirty.txt.{os.getpid()}.def456.cleaner-tmp"  # this test's process is alive
    stale.write_text("half a fi")
    live.write_text("in progress")
    run("fix", ".", cwd=repo)
    assert not stale.exists() and live.exists()


def test_fix_and_check_on_jsonl_and_gzip(tmp_path: Path):
    body = b'{"id": 1, "text": "China\xe2\x80\x9ds"}\n{not json\n{"id": 3, "text": "fine"}\n'
    (tmp_path / "a.jsonl").write_bytes(body)
    with gzip.open(tmp_path / "b.jsonl.gz", "wb") as handle:
        handle.write(body)
    proc = run("check", "--diff", ".", cwd=tmp_path)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "would clean a.jsonl (1 change in 1 record)" in err and "would clean b.jsonl.gz (1 change in 1 record)" in err
    assert "a.jsonl: line 2: invalid JSON" in err
    assert '@@ -1 +1 @@\n-{"id": 1, "text": "China\u201ds"}\n+{"id": 1, "text": "China\u2019s"}\n' in proc.stdout.decode()
    assert run("fix", ".", cwd=tmp_path).returncode == 1
    expected = body.replace("\u201d".encode(), "\u2019".encode())
    assert (tmp_path / "a.jsonl").read_bytes() == expected
    assert gzip.decompress((tmp_path / "b.jsonl.gz").read_bytes()) == expected
    assert run("fix", ".", cwd=tmp_path).returncode == 0


def test_explain_lists_each_change(repo: Path):
    (repo / "r.jsonl").write_text('{"text": "x"}\n{"text": "it\u201ds\u00a0"}\n', encoding="utf-8")
    proc = run("explain", "dirty.txt", "r.jsonl", cwd=repo)
    assert proc.returncode == 0
    assert proc.stdout.decode().splitlines() == [
        "dirty.txt: 2 changes (read as utf_8, utf-8)",
        "  1:6   QT001        quote-as-apostrophe  China[\u201d \u2192 \u2019]s party\\u00a0",
        "  1:14  SP001+WS002  no-break-space       China\u201ds party[\\u00a0 \u2192 ]",
        "r.jsonl: 2 changes",
        "  record 2 1:3  QT001        quote-as-apostrophe  it[\u201d \u2192 \u2019]s\\u00a0",
        "  record 2 1:5  SP001+WS002  no-break-space       it\u201ds[\\u00a0 \u2192 ]",
    ]
    assert snapshot(repo)["dirty.txt"] == DIRTY.encode()


def test_jobs_give_the_same_outputs_and_logs(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "seeds", data)
    (data / "r.jsonl").write_text('{"text": "it\u201ds"}\n')
    for jobs in ("1", "2"):
        proc = run("clean", "data", "--out", f"out{jobs}", "--jobs", jobs, "-q", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
    one, two = snapshot(tmp_path / "out1"), snapshot(tmp_path / "out2")
    assert one.keys() == two.keys() and len(one) == 2 * 11
    for name in one:
        a, b = one[name], two[name]
        if name.endswith(".changes.json"):
            a, b = (json.loads(x) for x in (a, b))
            assert a.pop("output").replace("out1", "out2") == b.pop("output")
        assert a == b, name


def test_report_json(repo: Path, tmp_path: Path):
    (repo / "scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    proc = run("clean", ".", "--out", str(tmp_path / "out"), "--report", str(tmp_path / "report.json"), cwd=repo)
    assert proc.returncode == 3
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["mode"] == "clean" and report["exit_code"] == 3
    # legacy.txt changes by being re-encoded only; SP001's change was then trimmed by WS002 (one entry)
    assert (report["files"], report["changed"], report["changes"]) == (3, 2, 2)
    assert report["per_rule"] == {"QT001": 1, "SP001": 1, "WS002": 1}
    assert report["skipped"] == [{"path": "scan.txt", "reason": "binary file (PDF document)"}]
    assert report["bytes_in"] == sum(len((repo / n).read_bytes()) for n in ("dirty.txt", "clean.txt", "legacy.txt"))


def test_progress_bar_on_a_terminal_only(repo: Path, tmp_path: Path):
    for n in range(5):
        (repo / f"more{n}.txt").write_text(DIRTY)
    piped = run("clean", ".", "--out", ".out-a", cwd=repo)  # hidden: the second run does not read it
    assert "\x1b[" not in piped.stderr.decode() and "cleaning" not in piped.stderr.decode()
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [*COMMAND, "clean", ".", "--out", ".out-b"], cwd=repo, stderr=follower, stdout=subprocess.PIPE, timeout=60
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert proc.returncode == 0
    assert b"cleaning" in seen, seen  # the bar
    assert b"cleaned 8 files" in seen, seen  # and the summary
