"""The README's library example runs, and prints what its comments say it prints."""

from __future__ import annotations

import contextlib
import io
import re

from conftest import ROOT


def test_library_example_runs_and_prints_its_comments(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    library = readme.split("\n## Library\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", library, re.S)  # the Library section's example
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {})
    assert printed.getvalue().splitlines() == expected


def test_writing_rules_example_tests_a_users_pack(tmp_path, monkeypatch):
    # The README's pytest snippet for a user's own pack runs, and fails when an example does.
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Writing rules\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", section, re.S)
    (tmp_path / "test_pack.py").write_text(block, encoding="utf-8")
    (tmp_path / "cleaning-rules").mkdir()
    rule = (
        '[[rule]]\ncode = "MY001"\nname = "no-lorem"\nsummary = "Drop lorem ipsum lines"\nphase = "boilerplate"\n'
        'order = 50\nsafety = "safe"\nkind = "drop"\npattern = \'(?i)lorem ipsum.*\'\n\n'
        '[[rule.example]]\ninput = "Real text.\\nLorem ipsum dolor\\n"\noutput = "{output}"\n\n'
        '[[rule.example]]\nunchanged = "Real text about lorem ipsum.\\n"\n'
    )
    pack = tmp_path / "cleaning-rules" / "mine.toml"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_pack.py"]
    pack.write_text(rule.format(output="Real text.\\n"), encoding="utf-8")
    assert subprocess.run(command, cwd=tmp_path, capture_output=True).returncode == 0
    pack.write_text(rule.format(output="Wrong.\\n"), encoding="utf-8")
    failed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert failed.returncode == 1 and "MY001[example-1]" in failed.stdout


def test_hugging_face_example_runs_and_prints_its_comments(monkeypatch, tmp_path):
    import pytest

    pytest.importorskip("datasets")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n### Compressed JSONL and Parquet\n", 1)[1].split("\n### ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", section, re.S)
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {})
    assert printed.getvalue().splitlines() == expected
