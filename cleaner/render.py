"""Text for people: per-file messages, the closing summary, and `explain`'s change listing.

Kept apart from cli.py so that the wording is tested without running a command, and apart
from batch.py so that the batch runner stays free of presentation.
"""

from __future__ import annotations

import textwrap
from typing import Iterable, Sequence

from cleaner.batch import Mode, Outcome, Summary
from cleaner.findings import Finding, visible
from cleaner.ruleset import builtin_rules_dir
from cleaner.ruleset.model import Rule

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


def explain_lines(source: str, found: Sequence[Finding], how: str) -> Iterable[str]:
    """One line per change: where (record, line:column), which rule, and the change in context."""
    yield f"{source}: {plural(len(found), 'change')}{how}"
    if not found:
        return
    rows = []
    for finding in found:
        where = f"{finding.line}:{finding.column}"
        if finding.record is not None:
            where = f"record {finding.record} {where}"
        rule = finding.rule + (f"+{'+'.join(finding.also)}" if finding.also else "")
        rows.append((where, rule, finding.name, _in_context(finding)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        yield "  " + "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3]


def _in_context(finding: Finding, around: int = 18) -> str:
    """`…words [before → after] words…`, with a little of the line on each side."""
    edit = f"[{visible(finding.before)} → {visible(finding.after)}]"
    return f"{visible(finding.left[-around:], around)}{edit}{visible(finding.right[:around], around)}"


def rule_doc(rule: Rule, runs: bool, width: int = 88) -> list[str]:
    """`cleaner rule CODE`: what the rule does, why and when it is risky, how it is set, its examples."""
    lines = [f"{rule.code} {rule.name}", "", *textwrap.wrap(rule.summary.rstrip(".") + ".", width)]
    if rule.description:
        lines += ["", *textwrap.wrap(rule.description, width)]
    profiles = ", ".join(rule.profiles) if rule.profiles else "all"
    lines += [
        "",
        f"phase: {rule.phase}    safety: {rule.safety}    kind: {rule.kind}    profiles: {profiles}",
        f"on by default: {'yes' if rule.default else 'no'}    runs with this configuration: {'yes' if runs else 'no'}",
    ]
    if rule.source is not None:
        builtin = rule.source.parent.resolve() == builtin_rules_dir().resolve()
        lines.append(f"defined in: {rule.source.name} (built in)" if builtin else f"defined in: {rule.source}")
    lines += ["", "Examples:"]
    for example in rule.examples:
        if example.unchanged:
            lines.append(f"  unchanged: {visible(example.input, 100)}")
        else:
            lines.append(f"  {visible(example.input, 100)}")
            lines.append(f"    -> {visible(example.output, 100)}")
    return lines


def rules_markdown(rules: Sequence[Rule]) -> list[str]:
    """The README's rule table: every rule in run order, with its profile and whether it runs by default."""
    lines = ["| code | name | phase | on by default | summary |", "| --- | --- | --- | --- | --- |"]
    for rule in rules:
        default = "no (unsafe)" if rule.unsafe else "yes" if rule.default else "no"
        if rule.profiles:
            default += f", profile {', '.join(rule.profiles)}"
        summary = rule.summary.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|")
        lines.append(f"| {rule.code} | {rule.name} | {rule.phase} | {default} | {summary} |")
    return lines
