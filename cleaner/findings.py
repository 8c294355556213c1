"""Changes as a reviewer reads them: each with its file, its place and the words around it.

A change log's offsets point into the decoded input (or a JSONL record's field); a reviewer,
a CI annotation or the HTML report wants the file, the line and a little context instead.
`Finding` carries that, small and picklable, from a worker to whatever shows it
(cleaner.emit for --output-format, cleaner.report for --html-report).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from cleaner.changelog import Change

_VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str, limit: int = 40) -> str:
    """`text` with line breaks, controls and invisible characters spelled out; long text cut in the middle."""
    out = []
    for ch in text:
        if ch in _VISIBLE:
            out.append(_VISIBLE[ch])
        elif not ch.isprintable() or ch in "\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    shown = "".join(out)
    if len(shown) > limit:
        half = (limit - 1) // 2
        shown = f"{shown[:half]}…{shown[-half:]}"
    return shown


#: Characters of context kept on each side of a change (within its line).
CONTEXT = 40


@dataclass(frozen=True, slots=True)
class Finding:
    """One change in one file. `line`/`column` are in the text the change was made in (the
    document, or for JSONL the record's field, `record` being the record's line)."""

    path: str
    rule: str
    name: str
    line: int
    column: int
    before: str
    after: str
    left: str = ""
    right: str = ""
    also: tuple[str, ...] = ()
    record: int | None = None

    @property
    def file_line(self) -> int:
        """The line of the file the change is on: a JSONL record's own line."""
        return self.record if self.record is not None else self.line

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "line": self.line, "column": self.column}
        if self.record is not None:
            data["record"] = self.record
        data.update(rule=self.rule, name=self.name, also=list(self.also), before=self.before, after=self.after)
        return data


def findings(path: str, changes: Iterable[Change], text: str | None, context: int = CONTEXT) -> list[Finding]:
    """The changes of one text as findings; `text` is what their offsets point into (None: no context)."""
    out = []
    for change in changes:
        left = right = ""
        if text is not None:
            left = text[max(0, change.start - context) : change.start].rsplit("\n", 1)[-1]
            right = text[change.end : change.end + context].split("\n", 1)[0]
        out.append(
            Finding(path, change.rule, change.name, change.line, change.column, change.before, change.after,
                    left, right, change.also, change.record)
        )
    return out
