"""The pure core: compiled rules in phase order, run until the text settles.

`Pipeline.clean(text)` is the one place cleaning happens; the library functions, the CLI and
the batch runner are thin faces over it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from cleaner.changelog import Change, FileLog, sha256
from cleaner.decode import Decision, decode
from cleaner.edits import NetChange, apply_edits, check_edits, compose
from cleaner.ruleset import Rule, builtin_rules_dir, load_rules, select_rules

#: Rounds of the whole rule list before the text must have settled (ftfy uses a bound too).
MAX_ROUNDS = 4
QUOTE_STYLES = ("keep", "ascii")


class RuleFailure(Exception):
    """A rule could not finish on this text (a regex timed out); the text is left unchanged."""


@dataclass
class Result:
    """The cleaned text, the changes that made it, and what went wrong if anything did."""

    text: str
    changes: list[Change]
    input: str
    decision: Decision | None = None
    problems: list[str] = field(default_factory=list)
    rules_run: list[str] = field(default_factory=list)
    input_bytes: bytes | None = None

    @property
    def changed(self) -> bool:
        return self.text != self.input

    def log(self, source: str | None = None, output: str | None = None) -> FileLog:
        raw = self.input_bytes if self.input_bytes is not None else self.input.encode("utf-8", "surrogatepass")
        return FileLog(
            source=source,
            output=output,
            decode=self.decision.to_json() if self.decision else None,
            input_sha256=sha256(raw),
            output_sha256=sha256(self.text.encode("utf-8", "surrogatepass")),
            changes=self.changes,
            rules=self.rules_run,
            problems=self.problems,
        )


class Pipeline:
    """Rules loaded, validated and compiled once; reuse one Pipeline across many documents."""

    def __init__(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        unsafe_fixes: bool = False,
        quote_style: str = "keep",
        rule_dirs: Iterable[str | os.PathLike] = (),
        builtin: bool = True,
        max_rounds: int = MAX_ROUNDS,
    ):
        if quote_style not in QUOTE_STYLES:
            raise ValueError(f"quote_style must be one of {', '.join(QUOTE_STYLES)}, not {quote_style!r}")
        paths = [builtin_rules_dir()] if builtin else []
        paths.extend(Path(p) for p in rule_dirs)
        self.available: list[Rule] = load_rules(paths)
        chosen = select_rules(self.available, select, ignore, extend_select, unsafe_fixes)
        if quote_style == "ascii":
            # Asking for ASCII quotes is asking for that unsafe rule, and for it alone.
            chosen += [r for r in self.available if r.name == "ascii-quotes" and r not in chosen]
            chosen.sort(key=lambda r: r.sort_key)
        self.rules: list[Rule] = chosen
        self.max_rounds = max_rounds
        self._by_code = {rule.code: rule for rule in self.available}

    def clean(self, text: str) -> Result:
        """Run every selected rule, phase by phase, until a round changes nothing."""
        return self._run(text, self.rules)

    def run_rules(self, text: str, rules: Sequence[Rule]) -> Result:
        """Run only `rules` (in the order given) until stable: rule examples use this."""
        return self._run(text, rules)

    def _run(self, text: str, rules: Sequence[Rule]) -> Result:
        current = text
        net: list[NetChange] = []
        problems: list[str] = []
        try:
            for _ in range(self.max_rounds):
                changed = False
                for rule in rules:
                    edits = check_edits(current, self._find(rule, current))
                    if edits:
                        net = compose(net, edits, current, text, rule.code)
                        current = apply_edits(current, edits)
                        changed = True
                if not changed:
                    break
            else:
                problems.append(f"rules did not settle within {self.max_rounds} rounds")
        except RuleFailure as failure:
            return Result(text, [], text, problems=[str(failure)], rules_run=[r.code for r in rules])
        return Result(current, self._changes(text, net), text, problems=problems, rules_run=[r.code for r in rules])

    @staticmethod
    def _find(rule: Rule, text: str):
        try:
            return rule.find(text)
        except TimeoutError:
            raise RuleFailure(f"{rule.code} ({rule.name}): regex timed out; document left unchanged") from None
        except RecursionError:
            raise RuleFailure(f"{rule.code} ({rule.name}): too deeply nested; document left unchanged") from None

    def _changes(self, original: str, net: Sequence[NetChange]) -> list[Change]:
        changes = []
        line, line_start, scanned = 1, 0, 0
        for change in net:
            # Walk forward to the change's line: one pass over the input for all changes.
            while True:
                newline = original.find("\n", scanned, change.start)
                if newline < 0:
                    break
                line += 1
                line_start = scanned = newline + 1
            scanned = max(scanned, change.start)
            first = self._by_code[change.rules[0]]
            changes.append(
                Change(
                    rule=first.code,
                    name=first.name,
                    phase=first.phase,
                    line=line,
                    column=change.start - line_start + 1,
                    start=change.start,
                    end=change.end,
                    before=original[change.start : change.end],
                    after=change.after,
                    also=change.rules[1:],
                )
            )
        return changes

    def clean_bytes(self, data: bytes, encoding: str | None = None) -> Result:
        """Decode (recording how), then clean. Raises cleaner.DecodeError for binary/undecodable input."""
        text, decision = decode(data, encoding)
        result = self.clean(text)
        result.decision = decision
        result.input_bytes = data
        if decision.invalid_bytes:
            result.problems.append(
                f"{len(decision.invalid_bytes)} invalid UTF-8 byte(s), first at byte {decision.invalid_bytes[0]['offset']}"
            )
        return result

    def clean_file(self, path: str | os.PathLike, encoding: str | None = None) -> Result:
        return self.clean_bytes(Path(path).read_bytes(), encoding)
