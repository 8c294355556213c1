"""Compressed JSONL (.gz .bz2 .xz .zst): cleaned as the plain file is, written back in its
compression, reverted, and a damaged stream skipped with one line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cleaner
from cleaner.compression import compress, decompress
from test_cli import run

KINDS = {"gz": "gzip", "bz2": "bzip2", "xz": "xz", "zst": "zstd"}
RECORDS = "".join(
    json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n"
    for i, text in enumerate(["China”s growth\u00a0", "Caf\u00c3\u00a9 owners", "clean already", "It”s here"] * 50)
).encode()


@pytest.mark.parametrize("suffix", sorted(KINDS))
def test_clean_keeps_the_compression_and_matches_the_plain_file(tmp_path, suffix):
    data = tmp_path / "data"
    data.mkdir()
    (data / "plain.jsonl").write_bytes(RECORDS)
    (data / f"packed.jsonl.{suffix}").write_bytes(compress(RECORDS, KINDS[suffix]))
    proc = run("clean", str(data), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    plain = (tmp_path / "out" / "plain.jsonl").read_bytes()
    assert plain != RECORDS
    assert decompress((tmp_path / "out" / f"packed.jsonl.{suffix}").read_bytes(), KINDS[suffix]) == plain
    logs = tmp_path / "out" / ".cleaner-logs"
    assert json.loads((logs / f"packed.jsonl.{suffix}.changes.json").read_text())["counts"] == json.loads(
        (logs / "plain.jsonl.changes.json").read_text()
    )["counts"]
    # The library and stdin read it too.
    assert cleaner.clean_file(data / f"packed.jsonl.{suffix}").output_bytes() == plain
    proc = run("clean", "-", "--stdin-filename", f"x.jsonl.{suffix}", stdin=(data / f"packed.jsonl.{suffix}").read_bytes())
    assert decompress(proc.stdout, KINDS[suffix]) == plain


@pytest.mark.parametrize("suffix", sorted(KINDS))
def test_fix_in_place_then_revert_gives_the_content_back(tmp_path, suffix):
    path = tmp_path / f"records.ndjson.{suffix}"
    path.write_bytes(compress(RECORDS, KINDS[suffix]))
    assert run("fix", str(path), "--log-dir", str(tmp_path / "logs")).returncode == 1
    assert decompress(path.read_bytes(), KINDS[suffix]) != RECORDS
    proc = run("revert", str(path), "--log-dir", str(tmp_path / "logs"))
    assert proc.returncode == 0, proc.stderr
    assert decompress(path.read_bytes(), KINDS[suffix]) == RECORDS


@pytest.mark.parametrize("suffix", sorted(KINDS))
def test_a_damaged_stream_is_skipped_and_named_and_the_rest_goes_on(tmp_path, suffix):
    data = tmp_path / "data"
    data.mkdir()
    packed = compress(RECORDS, KINDS[suffix])
    (data / f"broken.jsonl.{suffix}").write_bytes(packed[: len(packed) // 2] + b"\x00garbage" * 8)
    (data / f"cut.jsonl.{suffix}").write_bytes(packed[: len(packed) // 2])  # truncated: never written out short
    (data / "good.txt").write_text("It”s fine\n", encoding="utf-8")
    proc = run("clean", str(data), "--out", str(tmp_path / "out"))
    assert proc.returncode == 3, proc.stderr
    for name in (f"broken.jsonl.{suffix}", f"cut.jsonl.{suffix}"):
        lines = [line for line in proc.stderr.decode().splitlines() if name in line]
        assert len(lines) == 2 and lines[0].startswith(f"skipped {data / name}: not a valid {KINDS[suffix]} file")
        assert not (tmp_path / "out" / name).exists()
    assert "Traceback" not in proc.stderr.decode()
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "It’s fine\n"


def test_zst_without_its_extra_is_skipped_with_what_to_install(tmp_path):
    path = tmp_path / "r.jsonl.zst"
    path.write_bytes(compress(RECORDS, "zstd"))
    hide = "import sys; sys.modules['zstandard'] = None; from cleaner.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", hide, "check", str(path)], capture_output=True, timeout=120)
    assert proc.returncode == 3
    assert f"skipped {path}: zstd-compressed input needs the zstd extra: pip install 'cleaner[zstd]'" in proc.stderr.decode()
