"""`--html-report FILE.html`: one self-contained page to review a run by eye.

The page holds the run's summary, changes per rule as bars, the files with their counts,
a sample of each rule's changes in context (removed and inserted text marked, invisible
characters made visible), filters by rule and by file, and what was skipped and why. No
network and no external assets: styles and the small filter script are inline, and the page
reads without the script too.

A run may make millions of changes, so what is embedded is capped: a random sample of each
rule's changes (the same run gives the same sample), the files with the most changes, the
first problems; the page says what it left out.
"""

from __future__ import annotations

import heapq
import html
import random
import time
import unicodedata
from collections import Counter
from typing import Sequence

from cleaner.batch import Outcome, Summary
from cleaner.findings import Finding
from cleaner.ruleset.model import Rule

#: Changes embedded per rule (a uniform sample of them when there are more).
SAMPLES_PER_RULE = 100
#: Files listed (those with most changes first).
MAX_FILES = 5000
#: Skipped files, errors and problems listed, each.
MAX_NOTES = 1000

#: How invisible or ambiguous characters are drawn inside marked text.
_SHOWN = {"\n": "↵", "\t": "⇥", "\r": "CR", " ": "·", "\u00a0": "⍽", "\u202f": "⍽", "\u00ad": "-", "\ufeff": "BOM"}


def _marked(text: str, visible_spaces: bool = False) -> str:
    """`text` as HTML, with invisible and white-space characters drawn as marks (their code point on hover)."""
    out = []
    for ch in text:
        if ch == " " and not visible_spaces:
            out.append(" ")
        elif ch in _SHOWN or not ch.isprintable() or unicodedata.category(ch) in ("Cf", "Zs"):
            name = unicodedata.name(ch, "")
            label = _SHOWN.get(ch, f"U+{ord(ch):04X}")
            out.append(f'<span class="inv" title="U+{ord(ch):04X} {html.escape(name)}">{html.escape(label)}</span>')
        else:
            out.append(html.escape(ch))
    return "".join(out)


class _Sample:
    """A uniform random sample of at most `size` items (reservoir sampling), seeded: the same run gives the same page."""

    def __init__(self, size: int, seed: str):
        self.size, self.seen, self.items = size, 0, []  # type: ignore[var-annotated]
        self.random = random.Random(seed)

    def add(self, item: Finding) -> None:
        self.seen += 1
        if len(self.items) < self.size:
            self.items.append(item)
        else:
            slot = self.random.randrange(self.seen)
            if slot < self.size:
                self.items[slot] = item


class HtmlReport:
    """Collects what the page shows as outcomes arrive, within the caps, then renders it."""

    def __init__(
        self, mode: str, rules: Sequence[Rule], command: str = "", samples_per_rule: int = SAMPLES_PER_RULE, max_files: int = MAX_FILES
    ):
        self.mode, self.command = mode, command
        self.rules = {rule.code: rule for rule in rules}
        self.samples_per_rule, self.max_files = samples_per_rule, max_files
        self.samples: dict[str, _Sample] = {}
        self.files: list[tuple[int, int, str, str]] = []  # a heap: (changes, order, path, status)
        self.file_count = 0
        self.problems: list[tuple[str, str, str]] = []  # (kind, path, reason)
        self.problem_count: Counter[str] = Counter()
        self.started = time.strftime("%Y-%m-%d %H:%M:%S")

    def add(self, outcome: Outcome) -> None:
        for finding in outcome.findings or ():
            sample = self.samples.get(finding.rule)
            if sample is None:
                sample = self.samples[finding.rule] = _Sample(self.samples_per_rule, finding.rule)
            sample.add(finding)
        if outcome.error:
            self._note("error", outcome.source, outcome.error)
        elif outcome.skipped:
            self._note("skipped", outcome.source, outcome.skipped)
        else:
            for problem in outcome.problems:
                self._note("problem", outcome.source, problem)
            status = "changed" if outcome.changed else "unchanged"
            self.file_count += 1
            entry = (outcome.changes, -self.file_count, outcome.source, status)
            if len(self.files) < self.max_files:
                heapq.heappush(self.files, entry)
            else:
                heapq.heappushpop(self.files, entry)

    def _note(self, kind: str, path: str, reason: str) -> None:
        self.problem_count[kind] += 1
        if self.problem_count[kind] <= MAX_NOTES:
            self.problems.append((kind, path, reason))

    def render(self, summary: Summary, exit_code: int) -> str:
        """The page, as one string of HTML."""
        from cleaner import __version__

        parts = [_HEAD.replace("%TITLE%", html.escape(f"cleaner {self.mode}: {summary.files} files, {summary.changes} changes"))]
        parts.append(f"<h1>cleaner {html.escape(self.mode)} report</h1>")
        parts.append(
            f'<p class="meta">cleaner {html.escape(__version__)}, run at {html.escape(self.started)}'
            + (f", <code>{html.escape(self.command)}</code>" if self.command else "") + "</p>"
        )
        parts.append(self._summary(summary, exit_code))
        parts.append(self._per_rule(summary))
        parts.append(self._filters())
        parts.append(self._samples())
        parts.append(self._files())
        parts.append(self._problems())
        parts.append(_SCRIPT)
        parts.append("</body></html>\n")
        return "\n".join(parts)

    def _summary(self, summary: Summary, exit_code: int) -> str:
        rows = [
            ("files", summary.files), ("changed", summary.changed), ("changes", summary.changes),
            ("skipped", len(summary.skipped)), ("errors", len(summary.errors)),
            ("bytes in", summary.bytes_in), ("bytes out", summary.bytes_out),
            ("seconds", f"{summary.seconds:.2f}"), ("exit code", exit_code),
        ]
        if summary.records:
            rows[3:3] = [("records", summary.records), ("records changed", summary.records_changed)]
        cells = "".join(f'<div class="stat"><b>{html.escape(str(value))}</b>{html.escape(name)}</div>' for name, value in rows)
        return f'<h2 id="summary">Summary</h2>\n<div class="summary">{cells}</div>'

    def _per_rule(self, summary: Summary) -> str:
        if not summary.per_rule:
            return '<h2 id="rules">Changes per rule</h2>\n<p>No changes.</p>'
        top = max(summary.per_rule.values())
        rows = []
        for code, count in sorted(summary.per_rule.items(), key=lambda item: (-item[1], item[0])):
            rule = self.rules.get(code)
            name = rule.name if rule else ""
            width = max(0.5, 100 * count / top)
            rows.append(
                f'<tr data-rule="{html.escape(code)}"><td><a href="#" class="pick-rule" data-rule="{html.escape(code)}">{html.escape(code)}</a></td>'
                f"<td>{html.escape(name)}</td><td class=num>{count}</td>"
                f'<td class="barcell"><div class="bar" style="width:{width:.1f}%"></div></td></tr>'
            )
        return (
            '<h2 id="rules">Changes per rule</h2>\n<table class="rules"><thead><tr><th>rule</th><th>name</th>'
            "<th>changes</th><th></th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )

    def _filters(self) -> str:
        options = "".join(
            f'<option value="{html.escape(code)}">{html.escape(code)} {html.escape(self.rules[code].name if code in self.rules else "")}</option>'
            for code in sorted(self.samples)
        )
        return (
            '<div class="filters" id="filters"><label>rule <select id="rule-filter"><option value="">all rules</option>'
            f'{options}</select></label> <label>file <input id="file-filter" type="search" placeholder="part of a path"></label> '
            '<button id="clear-filters" type="button">clear</button> <span id="filter-count"></span></div>'
        )

    def _samples(self) -> str:
        total = sum(sample.seen for sample in self.samples.values())
        shown = sum(len(sample.items) for sample in self.samples.values())
        if not total:
            return '<h2 id="changes">Changes in context</h2>\n<p>No changes.</p>'
        note = (
            f"All {total} changes are shown."
            if shown == total
            else f"{shown} of {total} changes are shown: at most {self.samples_per_rule} per rule, chosen at random."
        )
        rows = []
        for code in sorted(self.samples):
            for finding in self.samples[code].items:
                where = f"{finding.line}:{finding.column}"
                if finding.record is not None:
                    where = f"record {finding.record}, {where}"
                rule = finding.rule + "".join(f"+{other}" for other in finding.also)
                rows.append(
                    f'<tr class="change" data-rule="{html.escape(finding.rule)}" data-path="{html.escape(finding.path)}">'
                    f"<td>{html.escape(rule)}</td><td class=path>{html.escape(finding.path)}</td><td class=num>{html.escape(where)}</td>"
                    f'<td class="ctx">{_marked(finding.left)}<del>{_marked(finding.before, True)}</del>'
                    f"<ins>{_marked(finding.after, True)}</ins>{_marked(finding.right)}</td></tr>"
                )
        return (
            f'<h2 id="changes">Changes in context</h2>\n<p class="note">{html.escape(note)} Removed text is '
            "<del>struck</del>, inserted text <ins>underlined</ins>; marks stand for invisible characters "
            "(· space, ⍽ no-break space, ↵ line break, ⇥ tab; hover for the code point).</p>"
            '<table class="changes"><thead><tr><th>rule</th><th>file</th><th>where</th><th>change</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>"
        )

    def _files(self) -> str:
        listed = sorted(self.files, reverse=True)
        note = (
            f"All {self.file_count} files."
            if len(listed) == self.file_count
            else f"The {len(listed)} files with most changes of {self.file_count}."
        )
        rows = "".join(
            f'<tr class="file {status}" data-path="{html.escape(path)}"><td class=path><a href="#" class="pick-file">{html.escape(path)}</a></td>'
            f"<td>{status}</td><td class=num>{changes}</td></tr>"
            for changes, _, path, status in listed
        )
        return (
            f'<h2 id="files">Files</h2>\n<p class="note">{html.escape(note)}</p><table class="files"><thead><tr>'
            f"<th>file</th><th>status</th><th>changes</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def _problems(self) -> str:
        if not self.problems:
            return '<h2 id="problems">Skipped files and problems</h2>\n<p>None.</p>'
        left = {kind: count - MAX_NOTES for kind, count in self.problem_count.items() if count > MAX_NOTES}
        note = "".join(f"<p class=note>{count} more {kind} lines not shown.</p>" for kind, count in left.items())
        rows = "".join(
            f'<tr class="note-row {kind}" data-path="{html.escape(path)}"><td>{kind}</td><td class=path>{html.escape(path)}</td>'
            f"<td>{html.escape(reason)}</td></tr>"
            for kind, path, reason in self.problems
        )
        return (
            '<h2 id="problems">Skipped files and problems</h2>\n<table class="problems"><thead><tr><th>kind</th>'
            f"<th>file</th><th>reason</th></tr></thead><tbody>{rows}</tbody></table>{note}"
        )


_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 90em; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; } th, td { padding: 2px 8px; text-align: left; vertical-align: top; }
thead th { border-bottom: 1px solid #999; } tbody tr:nth-child(even) { background: #f6f6f6; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; }
.stat { border: 1px solid #ddd; border-radius: 4px; padding: 4px 12px; min-width: 6em; color: #555; }
.stat b { display: block; font-size: 1.3em; color: #222; font-variant-numeric: tabular-nums; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.rules td.barcell { width: 40em; } .bar { background: #4a7ab5; height: 0.9em; min-width: 1px; }
.path { font-family: ui-monospace, monospace; font-size: 0.9em; word-break: break-all; }
.ctx { font-family: ui-monospace, monospace; white-space: pre-wrap; }
del { background: #fbd0d0; color: #800; } ins { background: #c9f0c9; color: #060; text-decoration: underline; }
.inv { color: #a0a; background: #f2e6f7; border-radius: 2px; font-size: 0.85em; padding: 0 1px; }
.note, .meta { color: #555; } .filters { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #ddd; }
tr.hidden { display: none; } .skipped td:first-child, .error td:first-child { color: #a00; font-weight: bold; }
</style></head><body>"""

_SCRIPT = """<script>
(function () {
  var rule = document.getElementById("rule-filter"), file = document.getElementById("file-filter");
  var count = document.getElementById("filter-count");
  function apply() {
    var r = rule.value, f = file.value.toLowerCase(), shown = 0, total = 0;
    document.querySelectorAll("tr.change").forEach(function (row) {
      var ok = (!r || row.dataset.rule === r) && (!f || row.dataset.path.toLowerCase().indexOf(f) >= 0);
      row.classList.toggle("hidden", !ok); total++; if (ok) shown++;
    });
    document.querySelectorAll("tr.file, tr.note-row").forEach(function (row) {
      row.classList.toggle("hidden", !!f && row.dataset.path.toLowerCase().indexOf(f) < 0);
    });
    document.querySelectorAll(".rules tbody tr").forEach(function (row) {
      row.classList.toggle("hidden", !!r && row.dataset.rule !== r);
    });
    count.textContent = (r || f) ? shown + " of " + total + " sampled changes match" : "";
  }
  rule.addEventListener("change", apply);
  file.addEventListener("input", apply);
  document.getElementById("clear-filters").addEventListener("click", function () { rule.value = ""; file.value = ""; apply(); });
  document.querySelectorAll("a.pick-rule").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); rule.value = a.dataset.rule; apply(); document.getElementById("changes").scrollIntoView(); });
  });
  document.querySelectorAll("a.pick-file").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); file.value = a.closest("tr").dataset.path; apply(); document.getElementById("changes").scrollIntoView(); });
  });
  window.cleanerFilter = function (r, f) { rule.value = r || ""; file.value = f || ""; apply(); return count.textContent; };
})();
</script>"""

