"""Bad input: each case ends with a one-line message naming the file, never a traceback,
and the rest of the batch goes on."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

import cleaner
from cleaner.batch import Task, process
from test_cli import COMMAND, run

GOOD = "It\u201ds fine.\n"


def messages(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err
    return err


def test_binary_file_named_like_text_is_skipped_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    proc = run("clean", "in", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 3
    assert "skipped in/photo.txt: binary file (JPEG image)" in messages(proc)
    assert (tmp_path / "out" / "good.txt").read_text() == "It\u2019s fine.\n"
    assert not (tmp_path / "out" / "photo.txt").exists()


def test_empty_files_stay_empty(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    proc = run("clean", "empty.txt", "empty.jsonl", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, messages(proc)
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""
    assert (tmp_path / "out" / "empty.jsonl").read_bytes() == b""
    assert run("check", "empty.txt", "empty.jsonl", cwd=tmp_path).returncode == 0


def test_undecodable_bytes_are_reported(tmp_path: Path):
    (tmp_path / "mixed.txt").write_bytes("caf\u00e9 \u2014 ok ".encode() * 20 + b"\x81 stray\n")
    proc = run("clean", "mixed.txt", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0
    assert "mixed.txt: 1 invalid UTF-8 byte(s), first at byte" in messages(proc)


def test_unreadable_input_exits_2_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")  # named, but cannot be read
    (tmp_path / "good.txt").write_text(GOOD)
    proc = run("clean", "gone.txt", "good.txt", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 2
    lines = messages(proc).splitlines()
    assert "error: gone.txt: cannot read: No such file or directory" in lines
    assert (tmp_path / "out" / "good.txt").exists()


def test_missing_path_and_unwritable_output_exit_2(tmp_path: Path):
    (tmp_path / "good.txt").write_text(GOOD)
    proc = run("fix", "good.txt", "nope.txt", cwd=tmp_path)
    assert proc.returncode == 2 and messages(proc).strip() == "error: nope.txt: no such file or folder"
    (tmp_path / "blocker").write_text("a file where a folder should be")
    proc = run("clean", "good.txt", "--out", "blocker/out", cwd=tmp_path)
    assert proc.returncode == 2 and len(messages(proc).strip().splitlines()) == 1
    assert (tmp_path / "good.txt").read_text() == GOOD


def test_broken_gzip_is_skipped(tmp_path: Path):
    (tmp_path / "bad.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"garbage" * 10)
    proc = run("check", "bad.jsonl.gz", cwd=tmp_path)
    assert proc.returncode == 3
    assert "skipped bad.jsonl.gz: not a valid gzip file" in messages(proc)


def test_twenty_megabyte_single_line_is_linear():
    """One line, no newline: the cost per megabyte stays flat (quadratic would be 10x worse)."""
    sentence = "The central bank\u201ds rate decision, \u201cexpected\u201d by markets, moved prices. "
    timings = {}
    for megabytes in (2, 20):
        text = sentence * (megabytes * 1_000_000 // len(sentence.encode()))
        started = time.perf_counter()
        result = cleaner.clean_text(text)
        timings[megabytes] = time.perf_counter() - started
        assert result.text.count("\u2019") == text.count("\u201ds")
    assert timings[20] < 20 * timings[2], timings  # linear is 10x; allow noise, not a quadratic


def test_file_changed_while_fixing_is_left_alone(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)

    class EditsMidway(cleaner.Pipeline):
        def clean_bytes(self, data, encoding=None):
            result = super().clean_bytes(data, encoding)
            path.write_text("someone saved a new version\u201ds\n")  # lands between read and rename
            return result

    outcome = process(EditsMidway(), Task(path, Path("a.txt"), target=path, in_place=True))
    assert outcome.skipped == "changed while it was being cleaned; left as it is"
    assert path.read_text() == "someone saved a new version\u201ds\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".cleaner-tmp")]


@pytest.mark.parametrize("name", ["big.txt", "big.jsonl"])
def test_fix_killed_at_any_moment_leaves_old_or_new(tmp_path: Path, name: str):
    """SIGKILL `fix` at several moments: the file is always the original or the cleaned one, whole."""
    line = "Markets\u201d reaction was \u201cmuted\u201d, analysts said.\u00a0"
    if name.endswith(".jsonl"):
        original = ('{"text": "' + line + '"}\n').encode() * 15_000
    else:
        original = ((line + "\n") * 40_000).encode()
    path = tmp_path / name
    path.write_bytes(original)
    expected = cleaner.clean_file(path).output_bytes()
    assert expected != original
    rng = random.Random(7)
    outcomes = set()
    for delay in [0.05, 0.3, 0.6] + [rng.uniform(0.1, 2.5) for _ in range(4)]:
        path.write_bytes(original)
        proc = subprocess.Popen([*COMMAND, "fix", "-q", name], cwd=tmp_path, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = path.read_bytes()
        assert now in (original, expected), f"torn file after {delay:.2f} s"
        outcomes.add(now == expected)
    assert False in outcomes  # at least one kill landed before the rename, not only after the work
    finished = run("fix", name, cwd=tmp_path)  # the next run cleans up after the killed ones
    assert finished.returncode in (0, 1)
    assert path.read_bytes() == expected
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".cleaner-tmp")]


def test_atomic_write_makes_a_folder_again_after_it_was_removed(tmp_path: Path):
    from cleaner.fsutil import atomic_write

    target = tmp_path / "out" / "a.txt"
    atomic_write(target, b"one")
    shutil.rmtree(tmp_path / "out")  # folders are made once per process: this must still work
    atomic_write(target, b"two", durable=False)
    assert target.read_bytes() == b"two"
