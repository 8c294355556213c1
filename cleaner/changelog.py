"""The change log: what changed, where, and by which rule, exactly enough to undo it.

One JSON document per input (schema: cleaner/schema/changelog.schema.json). Offsets are in
the decoded input; `replay(input, changes)` rebuilds the output and `revert(output, changes)`
the decoded input, so a reviewer can audit and a pipeline can roll back.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import IO, Any, Iterable, Iterator, Mapping, Sequence

from cleaner.edits import NetChange
from cleaner.edits import replay as _replay_net

LOG_VERSION = 1


@dataclass(frozen=True, slots=True)
class Change:
    """One net change. `rule` made it; `also` lists later rules that reworked the same span.

    In a JSONL file's log, `record` is the line of the record, and offsets, `line` and
    `column` are inside that record's text field.
    """

    rule: str
    name: str
    phase: str
    line: int
    column: int
    start: int
    end: int
    before: str
    after: str
    also: tuple[str, ...] = ()
    record: int | None = None
    #: JSONL only, on a record's first change, when needed: how the field's value was spelled
    #: in the input line (escapes), where writing the reverted value anew would differ.
    field_json: str | None = None

    def to_json(self) -> dict[str, Any]:
        # Built by hand: dataclasses.asdict deep-copies every field, which shows in big runs.
        data = {name: getattr(self, name) for name in _CHANGE_FIELDS}
        data["also"] = list(self.also)
        if self.record is not None:
            data["record"] = self.record
        if self.field_json is not None:
            data["field_json"] = self.field_json
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Change":
        return cls(**{**data, "also": tuple(data.get("also", ()))})


_CHANGE_FIELDS = ("rule", "name", "phase", "line", "column", "start", "end", "before", "after")


def _as_change(change: Change | Mapping[str, Any]) -> Change:
    return change if isinstance(change, Change) else Change.from_json(change)


def replay(original: str, changes: Iterable[Change | Mapping[str, Any]]) -> str:
    """The output, rebuilt from the decoded input and the log's changes."""
    net = []
    for change in map(_as_change, changes):
        if original[change.start : change.end] != change.before:
            raise ValueError(f"change at line {change.line} col {change.column}: input does not match 'before'")
        net.append(NetChange(change.start, change.end, change.after, ()))
    return _replay_net(original, net)


def revert(output: str, changes: Iterable[Change | Mapping[str, Any]]) -> str:
    """The decoded input, rebuilt from the output and the log's changes."""
    parts: list[str] = []
    pos = 0
    delta = 0
    for change in map(_as_change, changes):
        out_start = change.start + delta
        out_end = out_start + len(change.after)
        if out_start < pos or output[out_start:out_end] != change.after:
            raise ValueError(f"change at line {change.line} col {change.column}: output does not match 'after'")
        parts.append(output[pos:out_start])
        parts.append(change.before)
        pos = out_end
        delta += len(change.after) - len(change.before)
    parts.append(output[pos:])
    return "".join(parts)


def by_record(changes: Iterable[Change | Mapping[str, Any]]) -> dict[int | None, list[Change]]:
    """A JSONL log's changes grouped by record, for replaying or reverting each record's field."""
    groups: dict[int | None, list[Change]] = {}
    for change in map(_as_change, changes):
        groups.setdefault(change.record, []).append(change)
    return groups


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def counts_by_rule(changes: Sequence[Change]) -> dict[str, int]:
    """Changes per rule code; a change reworked by several rules counts for each."""
    counts: dict[str, int] = {}
    for change in changes:
        for code in (change.rule, *change.also):
            counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items()))


@dataclass
class FileLog:
    """The change log of one input (a text file, or a JSONL file with `records` set)."""

    source: str | None
    output: str | None
    decode: dict[str, Any] | None
    input_sha256: str
    output_sha256: str
    changes: list[Change]
    rules: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    text_field: str | None = None
    records: dict[str, int] | None = None
    #: An HTML input (or a JSONL file's HTML field): the extractor, its version and settings;
    #: offsets are then in the extracted text, and `text_sha256` is that text's hash.
    extraction: dict[str, Any] | None = None
    html_field: str | None = None
    #: A format with records other than JSONL (parquet); None: worked out from the fields.
    format: str | None = None
    #: Parquet: the hash of the input's text column values (a table is rewritten, not spliced).
    values_sha256: str | None = None

    def header(self, counts: Mapping[str, int]) -> dict[str, Any]:
        """Everything but the changes; `counts` are passed in so a streamed log can supply them."""
        data = {
            "cleaner_log_version": LOG_VERSION,
            "format": self.format or ("jsonl" if self.records is not None else "html" if self.extraction else "text"),
            "source": self.source,
            "output": self.output,
            "decode": self.decode,
            "input_sha256": self.input_sha256,
            "output_sha256": self.output_sha256,
            "rules_run": self.rules,
            "counts": dict(sorted(counts.items())),
            "problems": self.problems,
        }
        if self.records is not None:
            data["text_field"] = self.text_field
            data["records"] = self.records
        if self.html_field is not None:
            data["html_field"] = self.html_field
        if self.extraction is not None:
            data["extraction"] = self.extraction
        if self.values_sha256 is not None:
            data["values_sha256"] = self.values_sha256
        return data

    def to_json(self) -> dict[str, Any]:
        return {**self.header(counts_by_rule(self.changes)), "changes": [c.to_json() for c in self.changes]}

    def dumps(self) -> str:
        out = io.StringIO()
        write_log(out, self.header(counts_by_rule(self.changes)), (_line(c) for c in self.changes))
        return out.getvalue()


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json_text(value: Any, **options: Any) -> str:
    """JSON for a log, readable UTF-8 where possible. Text holding a lone surrogate (a JSONL
    field with `"\\ud800"`, a file name that is not UTF-8) is written with \\u escapes, which
    JSON allows and json.loads reads back exactly, so the log holds any text the input holds."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return json.dumps(value, **options) if _SURROGATE.search(text) else text


def _line(change: Change) -> str:
    return to_json_text(change.to_json())


def write_log(out: IO[str], header: Mapping[str, Any], change_lines: Iterable[str]) -> None:
    """Write a log as JSON: header keys one per line, then one change per line (easy to grep)."""
    out.write("{\n")
    for key, value in header.items():
        out.write(f" {json.dumps(key)}: {to_json_text(value)},\n")
    out.write(' "changes": [')
    separator = "\n  "
    for line in change_lines:
        out.write(separator)
        out.write(line)
        separator = ",\n  "
    out.write("\n ]\n}\n" if separator != "\n  " else "]\n}\n")


class ChangeSpool:
    """Changes of a large input kept on disk as they come, with running counts (bounded memory)."""

    def __init__(self) -> None:
        import tempfile  # here, not at start-up: a check writes no log

        self._file = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8", newline="\n")
        self.counts: Counter[str] = Counter()
        self.total = 0

    def add(self, changes: Iterable[Change]) -> None:
        for change in changes:
            self._file.write(_line(change))
            self._file.write("\n")
            self.counts.update((change.rule, *change.also))
            self.total += 1

    def lines(self) -> Iterator[str]:
        self._file.seek(0)
        for line in self._file:
            yield line.rstrip("\n")

    def close(self) -> None:
        self._file.close()


def schema() -> dict[str, Any]:
    """The JSON Schema every change log validates against."""
    from importlib import resources

    text = resources.files("cleaner").joinpath("schema/changelog.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
