"""The command line, through the real entry point (the installed `cleaner` script)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

SCRIPT = Path(sys.executable).parent / "cleaner"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "cleaner"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES / "seeds", folder / "news")
    for expected in folder.rglob("*.expected.txt"):
        expected.unlink()
    (folder / "notes.txt").write_bytes("caf\xe9 cr\xe8me\r\n".encode("latin-1"))
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # not a text-like name: not read
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # named like text, but binary
    return folder


def test_clean_folder_writes_outputs_and_logs(data: Path, tmp_path: Path):
    out = tmp_path / "out"
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    proc = run("clean", str(data), "--out", str(out))
    assert proc.returncode == 3, proc.stderr  # the binary .txt was skipped
    stderr = proc.stderr.decode()
    assert "skipped" in stderr and "scan.txt: binary file (PNG image)" in stderr
    assert "logo.png" not in stderr
    assert "cleaned 6 files (6 changed)" in stderr
    assert "  QT001       10  quote-as-apostrophe" in stderr
    assert "Traceback" not in stderr
    seed003 = next(out.glob("news/003_*.txt"))
    expected = next(FIXTURES.glob("seeds/003_*.expected.txt")).read_bytes()
    assert seed003.read_bytes() == expected
    assert (out / "notes.txt").read_bytes() == "café crème\n".encode()
    log = json.loads((out / ".cleaner-logs" / "news" / (seed003.name + ".changes.json")).read_text())
    assert log["counts"]["HL001"] == 1
    assert json.loads((out / ".cleaner-logs" / "notes.txt.changes.json").read_text())["decode"]["encoding"] == "cp1252"
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before  # inputs untouched


def test_single_file_lands_under_its_name_and_log_dir_option(data: Path, tmp_path: Path):
    proc = run("clean", str(data / "notes.txt"), "--out", str(tmp_path / "o"), "--log-dir", str(tmp_path / "logs"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "notes.txt").exists()
    assert (tmp_path / "logs" / "notes.txt.changes.json").exists()


def test_stdin_to_stdout():
    proc = run("clean", "-", stdin="China”s\u00a0\r\n".encode())
    assert proc.returncode == 0
    assert proc.stdout.decode() == "China’s\n"


def test_every_command_reads_stdin():
    dirty = "China”s\u00a0\n".encode()
    check = run("check", "-", stdin=dirty)
    assert (check.returncode, check.stdout) == (1, b"") and check.stderr.decode().startswith("would clean - (2 changes)")
    assert run("check", "-", stdin="China’s\n".encode()).returncode == 0
    diff = run("check", "-", "--diff", stdin=dirty)
    assert diff.stdout.decode().splitlines()[-2:] == ["-China”s\u00a0", "+China’s"]
    fix = run("fix", "-", stdin=dirty)
    assert (fix.returncode, fix.stdout.decode()) == (1, "China’s\n")  # changed: 1, as fix on files
    explain = run("explain", "-", stdin=dirty)
    assert explain.returncode == 0 and explain.stdout.decode().startswith("-: 2 changes (read as utf_8, utf-8)")


def test_stdin_filename_picks_the_format_and_names_the_input(tmp_path: Path):
    record = '{"id": 7, "text": "it”s"}\n'.encode()
    proc = run("clean", "-", "--stdin-filename", "data/part-1.jsonl", "--log-dir", str(tmp_path / "logs"), stdin=record)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == '{"id": 7, "text": "it’s"}\n'  # the record's other bytes kept
    log = json.loads((tmp_path / "logs" / "part-1.jsonl.changes.json").read_text(encoding="utf-8"))
    assert log["format"] == "jsonl" and log["source"] == "data/part-1.jsonl" and log["changes"][0]["record"] == 1
    gz = run("fix", "-", "--stdin-filename", "d.jsonl.gz", stdin=gzip.compress(record))
    assert gzip.decompress(gz.stdout) == '{"id": 7, "text": "it’s"}\n'.encode()
    explain = run("explain", "-", "--stdin-filename", "d.jsonl", stdin=record)
    assert explain.stdout.decode().splitlines()[1].startswith("  record 1 1:3  QT001")
    broken = run("clean", "-", "--stdin-filename", "d.jsonl.gz", stdin=b"not gzip")
    assert broken.returncode == 3 and broken.stderr.decode().startswith("skipped d.jsonl.gz: not a valid gzip file:")
    # explain says the same as the batch does (it reported a bad gzip as an unreadable file)
    explained = run("explain", "-", "--stdin-filename", "d.jsonl.gz", stdin=b"not gzip")
    assert explained.returncode == 3 and explained.stderr.decode().startswith("skipped d.jsonl.gz: not a valid gzip file:")


def test_encoding_option(tmp_path: Path):
    (tmp_path / "cz.txt").write_bytes("trčs".encode("cp1250"))
    proc = run("clean", str(tmp_path / "cz.txt"), "--out", str(tmp_path / "o"), "--encoding", "cp1250")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "cz.txt").read_text(encoding="utf-8") == "trčs\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("clean", "missing-folder", "--out", "o"), "missing-folder: no such file or folder"),
        (("clean", "."), "--out is required"),
        (("clean", ".", "--out", "o", "--select", "NOPE1"), "'NOPE1' matches no rule"),
        (("clean", ".", "--out", "o", "--quote-style", "fancy"), "--quote-style must be one of"),
        (("clean", ".", "--out", "o", "--rules", "no-such-rules"), "no-such-rules: no such rule file or folder"),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, args, message):
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and message in lines[0], proc.stderr


def test_bad_rule_file_exits_2(tmp_path: Path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad.toml").write_text('[[rule]]\ncode = "ZZ001"\nkind = "regex"\ncolour = 1\n')
    proc = run("clean", ".", "--out", "o", "--rules", "rules", cwd=tmp_path)
    assert proc.returncode == 2
    assert "bad.toml: rule ZZ001: key 'colour'" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_unwritable_output_exits_2(tmp_path: Path, data: Path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    proc = run("clean", str(data / "notes.txt"), "--out", str(blocker / "sub"))
    assert proc.returncode == 2
    assert "cannot create output folder" in proc.stderr.decode()


def test_rules_list_and_rules_test():
    listing = run("rules")
    assert listing.returncode == 0
    text = listing.stdout.decode()
    assert "QT001  quote-as-apostrophe" in text and "unsafe  no" in text
    web_rule = next(line for line in text.splitlines() if line.startswith("WB004"))
    assert " no " in web_rule and web_rule.endswith("[profile: web]")
    with_web = run("rules", "--profile", "web").stdout.decode()
    assert " yes " in next(line for line in with_web.splitlines() if line.startswith("WB004"))
    tested = run("rules", "test")
    assert tested.returncode == 0
    assert tested.stdout.decode().strip().endswith(" passed, 0 failed")


def test_web_profile_through_the_command_line(tmp_path: Path):
    page = FIXTURES / "web" / "harbour-page.input.txt"
    out = tmp_path / "out"
    assert run("clean", str(page), "--out", str(out), "--profile", "web").returncode == 0
    expected = (FIXTURES / "web" / "harbour-page.expected.txt").read_bytes()
    assert (out / page.name).read_bytes() == expected
    unknown = run("check", str(page), "--profile", "webb")
    assert unknown.returncode == 2 and "'webb' is not a known profile (default, web)" in unknown.stderr.decode()


def test_rules_test_on_a_users_folder(tmp_path: Path):
    (tmp_path / "mine.toml").write_text(
        '[[rule]]\ncode = "MY001"\nname = "no-lorem"\nsummary = "Drop lorem ipsum lines"\nphase = "boilerplate"\n'
        'order = 1\nsafety = "safe"\nkind = "drop"\npattern = \'(?i).*lorem ipsum.*\'\n'
        '[[rule.example]]\ninput = "Text.\\nLorem ipsum dolor\\n"\noutput = "Text.\\n"\n'
        '[[rule.example]]\nunchanged = "Intro.\\nText about lorem ipsum, the filler.\\n"\n'
    )
    proc = run("rules", "test", str(tmp_path))
    assert proc.returncode == 1  # the unchanged example is a full line matching the pattern
    assert "FAIL MY001[example-2]" in proc.stdout.decode()
    (tmp_path / "mine.toml").write_text((tmp_path / "mine.toml").read_text().replace("'(?i).*lorem ipsum.*'", "'(?i)lorem ipsum dolor'"))
    proc = run("rules", "test", str(tmp_path))
    assert proc.returncode == 0, proc.stdout
    assert "2 passed, 0 failed" in proc.stdout.decode()


def test_help_names_the_extras_with_their_brackets():
    """Help is plain text: `pip install 'cleaner[ray]'` is shown as typed (rich markup ate
    the brackets)."""
    result = run("clean", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.decode().split())
    assert "pip install 'cleaner[ray]'" in text and "pip install 'cleaner[html]'" in text


def test_version():
    import cleaner

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"cleaner {cleaner.__version__}"


def _complete(words: str) -> list[str]:
    """What the shell completion offers for the last of `words` (bash's protocol, as installed)."""
    env = {**os.environ, "_CLEANER_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    proc = subprocess.run(COMMAND, capture_output=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode().split()


def test_shell_completion_script_and_what_it_completes():
    # The shell named, not detected: shellingham finds none when the suite runs detached
    # from a terminal (typer's own switch for its tests makes the option take a value).
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    proc = subprocess.run([*COMMAND, "--show-completion", "bash"], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 0 and "_CLEANER_COMPLETE=complete_bash" in proc.stdout.decode()
    assert _complete("cleaner ch") == ["check"]
    assert _complete("cleaner check --output-format ") == ["text", "json", "github", "sarif"]
    assert _complete("cleaner fix --line-ending c") == ["crlf"]
