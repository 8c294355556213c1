"""`check --output-format json|github|sarif` and `--statistics`, through the real entry point.

Each format is checked against what the library says about the same files (every change,
where it is, what it does), and SARIF against the SARIF 2.1.0 schema, its fixes applied to
the input giving the cleaned output.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

import cleaner
from cleaner.emit import sarif
from cleaner.findings import findings
from conftest import FIXTURES, ROOT
from test_cli import run

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-2.1.0-rtm.4.json"
PIPELINE = cleaner.Pipeline()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "examples", folder)
    shutil.copy(next(FIXTURES.glob("seeds/003_*[!d].txt")), folder / "news" / "seed, with: comma.txt")
    (folder / "clean.txt").write_text("Nothing to do here.\n", encoding="utf-8")
    return folder


def expected_changes(folder: Path) -> list[tuple]:
    """(path, record, line, column, rule, before, after) of every change, from the library."""
    rows = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for change in cleaner.clean_file(path).changes:
            rows.append((str(path), change.record, change.line, change.column, change.rule, change.before, change.after))
    return sorted(rows, key=repr)


def test_json_is_one_object_per_change_with_place_and_rule(data: Path):
    proc = run("check", str(data), "--output-format", "json", "-j", "1")
    assert proc.returncode == 1, proc.stderr
    objects = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    got = sorted(
        ((o["path"], o.get("record"), o["line"], o["column"], o["rule"], o["before"], o["after"]) for o in objects), key=repr
    )
    assert got == expected_changes(data)
    assert {o["path"] for o in objects if "record" in o} == {str(data / "records.jsonl")}
    assert "would clean" in proc.stderr.decode()  # the per-file lines stay on stderr


def test_github_annotations_name_file_line_and_column(data: Path):
    proc = run("check", str(data), "--output-format", "github")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == len(expected_changes(data))
    assert all(line.startswith("::warning file=") for line in lines)
    # ',' and ':' in a property are escaped, as GitHub's workflow commands require.
    seed = [line for line in lines if "seed%2C with%3A comma.txt" in line]
    assert seed and all(",line=" in line and ",col=" in line for line in seed)
    assert any("::BP001 comment-form-footer: 'Leave a Comment\\n\\n' -> ''" in line for line in seed)
    # A JSONL change is put on its record's line, without a column (that is inside the field).
    record = [line for line in lines if "records.jsonl" in line]
    assert record and all(",col=" not in line for line in record)
    assert any(",line=3," in line and "(record 3, line " in line for line in record)


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return starts[line - 1] + column - 1


def rebuilt_by(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with the edits (in the log's order) applied from the last to the first, so that
    two insertions at one place keep their order."""
    for _, (start, end, inserted) in sorted(enumerate(edits), key=lambda item: (item[1][0], item[0]), reverse=True):
        text = text[:start] + inserted + text[end:]
    return text


def test_sarif_is_valid_and_its_fixes_rebuild_the_output(data: Path):
    proc = run("check", str(data), "--output-format", "sarif")
    assert proc.returncode == 1, proc.stderr
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    run_ = log["runs"][0]
    assert run_["tool"]["driver"]["name"] == "cleaner"
    rules = run_["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run_["results"])
    assert len(run_["results"]) == len(expected_changes(data))
    # For UTF-8 text files, applying every fix to the input gives what `clean` writes.
    by_file: dict[str, list] = {}
    for result in run_["results"]:
        for fix in result.get("fixes", ()):
            for change in fix["artifactChanges"]:
                by_file.setdefault(change["artifactLocation"]["uri"], []).extend(change["replacements"])
    seed = data / "news" / "seed, with: comma.txt"
    uri = seed.as_uri()
    assert uri in by_file
    text = seed.read_text(encoding="utf-8")
    edits = [
        (_offset(text, r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]),
         _offset(text, r["deletedRegion"]["endLine"], r["deletedRegion"]["endColumn"]),
         r["insertedContent"]["text"])
        for r in by_file[uri]
    ]
    assert rebuilt_by(text, edits) == cleaner.clean_file(seed).text
    # JSONL changes sit on their record's line, with the place in the field as properties.
    jsonl = [r for r in run_["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("records.jsonl")]
    assert jsonl and all("record" in r["properties"] and "fixes" not in r for r in jsonl)


def test_statistics_counts_per_rule_most_first(data: Path):
    proc = run("check", str(data), "--statistics")
    assert proc.returncode == 1, proc.stderr
    rows = [line.split("\t") for line in proc.stdout.decode().splitlines()]
    counts = Counter()
    for path in data.rglob("*"):
        if path.is_file():
            for change in cleaner.clean_file(path).changes:
                counts.update((change.rule, *change.also))
    assert {code: int(count) for count, code, _ in rows} == dict(counts)
    assert [int(count) for count, _, _ in rows] == sorted(counts.values(), reverse=True)
    assert ["BP001", "comment-form-footer"] in [row[1:] for row in rows]


def test_stdin_takes_the_formats_too():
    text = "The council”s vote\u00a0\n".encode()
    proc = run("check", "-", "--stdin-filename", "notes/a.txt", "--output-format", "github", stdin=text)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.decode().splitlines()[0].startswith("::warning file=notes/a.txt,line=1,col=12,title=cleaner QT001::QT001")
    proc = run("check", "-", "--output-format", "json", "--statistics", stdin=text)
    lines = proc.stdout.decode().splitlines()
    assert json.loads(lines[0])["rule"] == "QT001" and lines[-1].split("\t")[1] in {"QT001", "SP001", "WS002"}


def test_unchanged_files_give_empty_output_and_exit_0(data: Path):
    proc = run("check", str(data / "clean.txt"), "--output-format", "sarif")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["runs"][0]["results"] == []
    proc = run("check", str(data / "clean.txt"), "--output-format", "json", "--statistics")
    assert proc.returncode == 0 and proc.stdout == b""


@pytest.mark.parametrize(
    "args, message",
    [
        (["--output-format", "xml"], "error: --output-format: 'xml' is not a format (text, json, github, sarif)"),
        (["--output-format", "json", "--diff"], "error: --diff goes with --output-format text"),
    ],
)
def test_bad_format_options_are_one_line_usage_errors(data: Path, args: list[str], message: str):
    proc = run("check", str(data), *args)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith(message) and proc.stderr.decode().count("\n") == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["word", "It”s", "\u00a0", "  ", "\n", "\r\n", "\n\n\n", "Caf\u00c3\u00a9", "é", "\u200b", "\t"]), max_size=25).map("".join))
def test_sarif_fixes_rebuild_the_output_of_any_text(text):
    """Whatever the changes (several lines long, at line ends, next to each other), the
    regions SARIF names, replaced by its inserted text, give the cleaned text."""
    result = PIPELINE.clean(text)
    log = sarif(findings("a.txt", result.changes, result.input), PIPELINE.rules, "0")
    edits = []
    for item in log["runs"][0]["results"]:
        for replacement in item["fixes"][0]["artifactChanges"][0]["replacements"]:
            region = replacement["deletedRegion"]
            start = _offset(text, region["startLine"], region["startColumn"])
            end = _offset(text, region["endLine"], region["endColumn"])
            edits.append((start, end, replacement["insertedContent"]["text"]))
    assert rebuilt_by(text, edits) == result.text
