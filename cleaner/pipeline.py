"""The pure core: compiled rules in phase order, run until the text settles.

`Pipeline.clean(text)` is the one place cleaning happens; the library functions, the CLI and
the batch runner are thin faces over it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from cleaner.budget import RuleTimeout
from cleaner.changelog import Change, FileLog, sha256
from cleaner.decode import Decision, decode
from cleaner.edits import Edit, NetChange, apply_edits, check_edits, compose
from cleaner.ruleset import Rule, builtin_rules_dir, load_rules, select_rules
from cleaner.ruleset.kinds import prepare
from cleaner.ruleset.model import DEFAULT_PROFILE
from cleaner.screens import Facts

#: Rounds of the whole rule list before the text must have settled (ftfy uses a bound too).
MAX_ROUNDS = 4
#: keep: curly quotes stay; ascii: straightened (AQ001, an unsafe rule asked for by name).
QUOTE_STYLES = ("keep", "ascii")


class QuoteStyleError(ValueError):
    """`quote_style` is none of QUOTE_STYLES: checked here, once, for every face."""


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
    #: HTML only: how the article was extracted (cleaner.html); `input` is the extracted text.
    extraction: dict[str, Any] | None = None
    _output: bytes | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def changed(self) -> bool:
        return self.text != self.input

    def output_bytes(self) -> bytes:
        """The UTF-8 to write (computed once: the batch writes it and the log hashes it)."""
        if self._output is None:
            self._output = self.text.encode("utf-8", "surrogatepass")
        return self._output

    def log(self, source: str | None = None, output: str | None = None) -> FileLog:
        raw = self.input_bytes if self.input_bytes is not None else self.input.encode("utf-8", "surrogatepass")
        return FileLog(
            source=source,
            output=output,
            decode=self.decision.to_json() if self.decision else None,
            input_sha256=sha256(raw),
            output_sha256=sha256(self.output_bytes()),
            changes=self.changes,
            rules=self.rules_run,
            problems=self.problems,
            extraction=self.extraction,
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
        profile: str = DEFAULT_PROFILE,
        screens: bool = True,
    ):
        #: The arguments, so that a worker process can build the same Pipeline.
        self.options: dict[str, Any] = {
            "select": None if select is None else list(select),
            "ignore": list(ignore),
            "extend_select": list(extend_select),
            "unsafe_fixes": unsafe_fixes,
            "quote_style": quote_style,
            "rule_dirs": [str(p) for p in rule_dirs],
            "builtin": builtin,
            "max_rounds": max_rounds,
            "profile": profile,
            "screens": screens,
        }
        if quote_style not in QUOTE_STYLES:
            raise QuoteStyleError(f"quote-style must be one of {', '.join(QUOTE_STYLES)}, not {quote_style!r}")
        paths = [builtin_rules_dir()] if builtin else []
        paths.extend(Path(p) for p in self.options["rule_dirs"])
        self.available: list[Rule] = load_rules(paths)
        chosen = select_rules(self.available, select, ignore, extend_select, unsafe_fixes, profile)
        if quote_style == "ascii":
            # Asking for ASCII quotes is asking for that unsafe rule, and for it alone.
            chosen += [r for r in self.available if r.name == "ascii-quotes" and r not in chosen]
            chosen.sort(key=lambda r: r.sort_key)
        self.rules: list[Rule] = chosen
        #: What the chosen rules share across texts (kinds' `prepare`), handed to them in Facts.
        self._shared = prepare(chosen)
        self.field_rules: list[Rule] = [rule for rule in chosen if rule.scope == "any"]
        self.max_rounds = max_rounds
        #: Skip a rule on a text its screen says it cannot change (cleaner.screens); False
        #: runs every rule on everything, the reference the screened path is tested against.
        self.screens = screens
        self._by_code = {rule.code: rule for rule in self.available}

    def clean(self, text: str) -> Result:
        """Clean a whole document: every selected rule, phase by phase, until a round changes nothing."""
        return self._run(text, self.rules)

    def clean_field(self, text: str) -> Result:
        """Clean the text of a record field: as `clean`, without file-only rules (final newline)."""
        return self._run(text, self.field_rules)

    def run_rules(self, text: str, rules: Sequence[Rule]) -> Result:
        """Run only `rules` (in the order given) until stable: rule examples use this."""
        return self._run(text, rules)

    def _run(self, text: str, rules: Sequence[Rule]) -> Result:
        current = text
        net: list[NetChange] = []
        problems: list[str] = []
        failed: set[str] = set()  # rules that ran out of time on this text: not run again on it
        facts = Facts(current, self._shared)
        for _ in range(self.max_rounds):
            changed = False
            for rule in rules:
                if rule.code in failed or (self.screens and rule.screen is not None and not rule.screen(facts)):
                    continue
                edits = self._find(rule, current, facts, failed, problems)
                edits = check_edits(current, edits)
                if edits:
                    net = compose(net, edits, current, text, rule.code)
                    current = apply_edits(current, edits)
                    facts = facts.after(current, edits)
                    changed = True
            if not changed:
                break
        else:
            problems.append(f"rules did not settle within {self.max_rounds} rounds")
        return Result(current, self._changes(text, net), text, problems=problems, rules_run=[r.code for r in rules])

    @staticmethod
    def _find(rule: Rule, text: str, facts: Facts, failed: set[str], problems: list[str]) -> Sequence[Edit]:
        """The rule's edits; a rule that runs out of time keeps what it finished, and says so."""
        try:
            return rule.find(text, facts)
        except RuleTimeout as timeout:
            what, edits = f"timed out on {timeout.where}", timeout.edits
        except TimeoutError:
            what, edits = "timed out", []
        except RecursionError:
            what, edits = "nested too deeply", []
        failed.add(rule.code)
        problems.append(f"{rule.code} ({rule.name}): {what}; left unchanged there by this rule")
        return edits

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
        problems = list(result.problems)
        if decision.warning:
            problems.append(f"decoded as {decision.encoding}: {decision.warning}")
        if decision.invalid_bytes:
            problems.append(f"{len(decision.invalid_bytes)} invalid UTF-8 byte(s), first at byte {decision.invalid_bytes[0]['offset']}")
        return replace(result, decision=decision, input_bytes=data, problems=problems)
