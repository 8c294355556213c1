"""`check --output-format`: findings for machines (JSON lines, GitHub annotations, SARIF)
and `--statistics`, counts per rule as ruff prints them.

JSON and GitHub lines are written as each file's findings arrive, so a big run streams;
SARIF is one document, written at the end.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import quote

from cleaner.changelog import to_json_text
from cleaner.findings import Finding, visible
from cleaner.ruleset.model import Rule

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def message(finding: Finding) -> str:
    """What a finding says in one line: the rule, and before -> after with invisibles spelled out."""
    where = f" (record {finding.record}, line {finding.line}:{finding.column} of its text)" if finding.record is not None else ""
    also = f" (then {', '.join(finding.also)})" if finding.also else ""
    return f"{finding.rule} {finding.name}{also}: '{visible(finding.before)}' -> '{visible(finding.after)}'{where}"


def json_line(finding: Finding) -> str:
    """One JSON object per change: path, line, column (record for JSONL), rule, before, after."""
    return to_json_text(finding.to_json())


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    """A GitHub Actions workflow command: the change as a warning on its file's line.

    A JSONL change is put on its record's line; the column would be inside the field, so none is given."""
    column = f",col={finding.column}" if finding.record is None else ""
    return (
        f"::warning file={_escape_property(finding.path)},line={finding.file_line}{column},"
        f"title={_escape_property(f'cleaner {finding.rule}')}::{_escape_data(message(finding))}"
    )


def _uri(path: str) -> str:
    """A SARIF artifact location: a relative path as a relative URI, an absolute one as file://."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"))


def _end(line: int, column: int, removed: str) -> tuple[int, int]:
    """Where `removed` ends when it starts at line:column (the column after its last character)."""
    breaks = removed.count("\n")
    if not breaks:
        return line, column + len(removed)
    return line + breaks, len(removed) - removed.rindex("\n")


def _result(finding: Finding, index: Mapping[str, int]) -> dict[str, Any]:
    location = {"artifactLocation": {"uri": _uri(finding.path)}}
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": "warning",
        "message": {"text": message(finding)},
        "locations": [{"physicalLocation": {**location, "region": {"startLine": finding.file_line}}}],
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.record is not None:
        result["properties"] = {"record": finding.record, "textLine": finding.line, "textColumn": finding.column}
        return result
    region = result["locations"][0]["physicalLocation"]["region"]
    region["startColumn"] = finding.column
    end_line, end_column = _end(finding.line, finding.column, finding.before)
    deleted = {"startLine": finding.line, "startColumn": finding.column, "endLine": end_line, "endColumn": end_column}
    result["fixes"] = [{
        "description": {"text": f"{finding.rule} {finding.name}"},
        "artifactChanges": [{**location, "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": finding.after}}]}],
    }]
    return result


def sarif(found: Iterable[Finding], rules: Sequence[Rule], version: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log of the findings: one run, the rules described, each change a result
    with its fix (for text files: the region replaced and the text put in)."""
    descriptors = []
    for rule in rules:
        descriptor: dict[str, Any] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "properties": {"phase": rule.phase, "safety": rule.safety},
        }
        if rule.description:
            descriptor["fullDescription"] = {"text": rule.description}
        descriptors.append(descriptor)
    index = {rule.code: i for i, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cleaner", "version": version, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(finding, index) for finding in found],
        }],
    }


def statistics_lines(per_rule: Mapping[str, int], names: Mapping[str, str]) -> list[str]:
    """Changes per rule, most first, as `ruff check --statistics` lists them."""
    if not per_rule:
        return []
    width = len(str(max(per_rule.values())))
    ordered = sorted(per_rule.items(), key=lambda item: (-item[1], item[0]))
    return [f"{count:>{width}}\t{code}\t{names.get(code, '')}" for code, count in ordered]


class Emitter:
    """Writes findings in one of the machine formats as they arrive (SARIF: all at the end)."""

    def __init__(self, form: str, rules: Sequence[Rule], version: str, write: Callable[[str], Any]):
        if form not in FORMATS:
            raise ValueError(f"{form!r} is not an output format ({', '.join(FORMATS)})")
        self.form, self.rules, self.version, self.write = form, rules, version, write
        self.kept: list[Finding] = []

    def add(self, found: Iterable[Finding]) -> None:
        if self.form == "sarif":
            self.kept.extend(found)
        elif self.form in ("json", "github"):
            line = json_line if self.form == "json" else github_line
            for finding in found:
                self.write(line(finding) + "\n")

    def close(self) -> None:
        if self.form == "sarif":
            self.write(to_json_text(sarif(self.kept, self.rules, self.version), indent=1) + "\n")
