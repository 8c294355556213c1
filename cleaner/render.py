"""Text for people: per-file messages, the closing summary, and `explain`'s change listing.

Kept apart from cli.py so that the wording is tested without running a command, and apart
from batch.py so that the batch runner stays free of presentation.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from cleaner.batch import Mode, Outcome, Summary
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


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def outcome_message(outcome: Outcome, mode: Mode) -> str | None:
    """The one line a file earns, or None when there is nothing to say about it."""
    if outcome.error:
        return f"error: {outcome.source}: {outcome.error}"
    if outcome.skipped:
        return f"skipped {outcome.source}: {outcome.skipped}"
    if mode is Mode.CLEAN or not outcome.changed:
        return None
    what = plural(outcome.changes, "change")
    if outcome.records is not None:
        what += f" in {plural(outcome.records['changed'], 'record')}"
    if outcome.encoding and outcome.encoding not in ("utf_8", "ascii"):
        what += f", {outcome.encoding} to UTF-8"
    verb = "would clean" if mode is Mode.CHECK else "cleaned"
    return f"{verb} {outcome.source} ({what})"


def summary_line(summary: Summary) -> str:
    """black-style closing line for check and fix."""
    unchanged = summary.files - summary.changed
    if summary.mode is Mode.CHECK:
        parts = [f"{plural(summary.changed, 'file')} would be cleaned", f"{plural(unchanged, 'file')} would be left unchanged"]
    else:
        parts = [f"{plural(summary.changed, 'file')} cleaned", f"{plural(unchanged, 'file')} left unchanged"]
    return _with_tail(", ".join(parts), summary)


def _with_tail(text: str, summary: Summary) -> str:
    if summary.skipped:
        text += f", {len(summary.skipped)} skipped"
    if summary.errors:
        text += f", {plural(len(summary.errors), 'error')}"
    if summary.excluded:
        text += f" ({len(summary.excluded)} named file(s) left out by include/exclude)"
    return text + "."


def _size(count: int) -> str:
    if count < 1000:
        return f"{count} B"
    for unit in ("kB", "MB"):
        count /= 1000
        if count < 1000:
            return f"{count:.1f} {unit}"
    return f"{count / 1000:.1f} GB"


def summary_table(summary: Summary, rule_names: dict[str, str], logs: str | None) -> list[str]:
    """The closing summary of `clean`: totals, changes per rule, what was skipped and why."""
    records = f", {plural(summary.records, 'record')} ({summary.records_changed} changed)" if summary.records else ""
    lines = [
        _with_tail(
            f"cleaned {plural(summary.files, 'file')} ({summary.changed} changed){records}, "
            f"{_size(summary.bytes_in)} in, {_size(summary.bytes_out)} out, "
            f"{plural(summary.changes, 'change')} in {summary.seconds:.2f} s",
            summary,
        )
    ]
    if summary.per_rule:
        width = max(len(str(n)) for n in summary.per_rule.values())
        lines.append(f"  {'rule':<6} {'changes':>{max(width, 7)}}  name")
        for code, count in sorted(summary.per_rule.items()):
            lines.append(f"  {code:<6} {count:>{max(width, 7)}}  {rule_names.get(code, '')}")
    for path, reason in summary.skipped:
        lines.append(f"  skipped {path}: {reason}")
    for path, reason in summary.errors:
        lines.append(f"  error {path}: {reason}")
    if logs:
        lines.append(f"change logs in {logs}")
    return lines


def explain_lines(
    source: str, changes: Sequence[Change], how: str, text_of: Callable[[Change], str | None]
) -> Iterable[str]:
    """One line per change: where (record, line:column), which rule, and the change in context.

    `text_of(change)` is the text the change's offsets point into (the document, or the
    record's field), for the context shown around the change.
    """
    yield f"{source}: {plural(len(changes), 'change')}{how}"
    if not changes:
        return
    rows = []
    for change in changes:
        where = f"{change.line}:{change.column}"
        if change.record is not None:
            where = f"record {change.record} {where}"
        rule = change.rule + (f"+{'+'.join(change.also)}" if change.also else "")
        rows.append((where, rule, change.name, _in_context(change, text_of(change))))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        yield "  " + "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3]


def _in_context(change: Change, text: str | None, around: int = 18) -> str:
    """`…words [before → after] words…`, context from the text the change was made in."""
    edit = f"[{visible(change.before)} → {visible(change.after)}]"
    if text is None:
        return edit
    left = text[max(0, change.start - around) : change.start]
    right = text[change.end : change.end + around]
    left = left.rsplit("\n", 1)[-1]
    right = right.split("\n", 1)[0]
    return f"{visible(left, around)}{edit}{visible(right, around)}"
