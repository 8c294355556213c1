"""The change log: what changed, where, and by which rule, exactly enough to undo it.

One JSON document per input (schema: cleaner/schema/changelog.schema.json). Offsets are in
the decoded input; `replay(input, changes)` rebuilds the output and `revert(output, changes)`
the decoded input, so a reviewer can audit and a pipeline can roll back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

from cleaner.edits import NetChange
from cleaner.edits import replay as _replay_net

LOG_VERSION = 1


@dataclass(frozen=True, slots=True)
class Change:
    """One net change. `rule` made it; `also` lists later rules that reworked the same span."""

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

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["also"] = list(self.also)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Change":
        return cls(**{**data, "also": tuple(data.get("also", ()))})


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
    """The change log of one input."""

    source: str | None
    output: str | None
    decode: dict[str, Any] | None
    input_sha256: str
    output_sha256: str
    changes: list[Change]
    rules: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "cleaner_log_version": LOG_VERSION,
            "source": self.source,
            "output": self.output,
            "decode": self.decode,
            "input_sha256": self.input_sha256,
            "output_sha256": self.output_sha256,
            "rules_run": self.rules,
            "counts": counts_by_rule(self.changes),
            "problems": self.problems,
            "changes": [c.to_json() for c in self.changes],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema every change log validates against."""
    text = resources.files("cleaner").joinpath("schema/changelog.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
