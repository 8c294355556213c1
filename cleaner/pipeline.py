"""The pure core: compiled rules in phase order, run until the text settles.

`Pipeline.clean(text)` is the one place cleaning happens; the library functions, the CLI and
the batch runner are thin faces over it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

from cleaner.budget import RuleTimeout
from cleaner.changelog import Change, FileLog, sha256
from cleaner.decode import Decision, decode
from cleaner.edits import Edit, NetChange, apply_edits, check_edits, compose, layout_only, touched_after
from cleaner.ruleset import Rule, builtin_rules_dir, load_rules, select_rules
from cleaner.ruleset.kinds import prepare
from cleaner.ruleset.model import DEFAULT_PROFILE
from cleaner.screens import Facts

#: The rule that owns line endings: it makes them LF for the other rules, then writes `line_ending`.
LINE_ENDINGS_RULE = "WS001"
#: The phase whose rules read layout whitespace; the rules of the others read words and lines.
LAYOUT_PHASE = "layout"
#: Rounds of the whole rule list before the text must have settled (ftfy uses a bound too).
MAX_ROUNDS = 4
#: keep: curly quotes stay; ascii: straightened (AQ001, an unsafe rule asked for by name).
QUOTE_STYLES = ("keep", "ascii")
#: What WS001 (line-endings) writes: lf; crlf; keep: the ending most lines of the input have
#: (pre-commit's mixed-line-ending --fix=auto), LF on a tie.
LINE_ENDINGS = ("lf", "crlf", "keep")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class OptionError(ValueError):
    """An option's value is not one it takes: checked here, once, for every face; `option`
    is its name as the configuration file spells it."""

    def __init__(self, option: str, value: str, allowed: Sequence[str]):
        super().__init__(f"{option} must be one of {', '.join(allowed)}, not {value!r}")
        self.option = option


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


@dataclass(frozen=True)
class Options:
    """Everything a Pipeline is built from: one frozen, hashable, picklable value, checked
    once here. A worker process, the Ray adapter and the library's cache build the same
    Pipeline from it."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    quote_style: str = "keep"
    rule_dirs: tuple[str, ...] = ()
    builtin: bool = True
    max_rounds: int = MAX_ROUNDS
    profile: str = DEFAULT_PROFILE
    screens: bool = True
    line_ending: str = "lf"

    def __post_init__(self) -> None:
        # Lists and paths given by a caller become tuples of strings: hashable, comparable.
        for name in ("ignore", "extend_select"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.select is not None:
            object.__setattr__(self, "select", tuple(self.select))
        object.__setattr__(self, "rule_dirs", tuple(str(p) for p in self.rule_dirs))
        if self.quote_style not in QUOTE_STYLES:
            raise OptionError("quote-style", self.quote_style, QUOTE_STYLES)
        if self.line_ending not in LINE_ENDINGS:
            raise OptionError("line-ending", self.line_ending, LINE_ENDINGS)


class Pipeline:
    """Rules loaded, validated and compiled once; reuse one Pipeline across many documents.

    `Pipeline(select=[...], profile="web")` or `Pipeline(Options(...))`."""

    def __init__(self, options: Options | None = None, **values: Any):
        if options is not None and values:
            raise TypeError("give Options or keyword options, not both")
        #: What this Pipeline was built from (a worker process builds the same one from it).
        self.options: Options = options if options is not None else Options(**values)
        opts = self.options
        paths = [builtin_rules_dir()] if opts.builtin else []
        paths.extend(Path(p) for p in opts.rule_dirs)
        self.available: list[Rule] = load_rules(paths)
        chosen = select_rules(self.available, opts.select, opts.ignore, opts.extend_select, opts.unsafe_fixes, opts.profile)
        if opts.quote_style == "ascii":
            # Asking for ASCII quotes is asking for that unsafe rule, and for it alone.
            chosen += [r for r in self.available if r.name == "ascii-quotes" and r not in chosen]
            chosen.sort(key=lambda r: r.sort_key)
        self.rules: list[Rule] = chosen
        #: What the chosen rules share across texts (kinds' `prepare`), handed to them in Facts.
        self._shared = prepare(chosen)
        self.field_rules: list[Rule] = [rule for rule in chosen if rule.scope == "any"]
        self.max_rounds = opts.max_rounds
        #: Skip a rule on a text its screen says it cannot change (cleaner.screens); False
        #: runs every rule on everything, the reference the screened path is tested against.
        self.screens = opts.screens
        self._by_code = {rule.code: rule for rule in self.available}
        self.line_ending = opts.line_ending

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
        """Rounds of the rules until one changes nothing. A round after the first proves the
        text settled without redoing the first's work: a rule that found nothing in the text
        as it still is (`settled`) is not run again, and a line-local rule looks only at the
        lines changed since the previous round began (`Facts.region`); the unscreened
        reference pipeline runs everything everywhere."""
        current = text
        net: list[NetChange] = []
        problems: list[str] = []
        failed: set[str] = set()  # rules that ran out of time on this text: not run again on it
        facts = Facts(current, self._shared, narrow=self.screens)
        version = 0  # how many times a rule has changed the text
        # ... and how many times it changed more than layout (edits.layout_only): a rule of
        # an earlier phase reads words, lines and paragraphs, not the spaces at a line's end
        # nor how many blank lines part two paragraphs, so what it found nothing in before a
        # layout rule's edit it finds nothing in after it.
        wording = 0
        settled: dict[str, int] = {}  # rule -> the version (its phase's kind) it found nothing in
        # Spans changed since the previous round began (the region a line-local rule that
        # ran then must look at again), and spans changed in this round (the next one's).
        earlier: list[tuple[int, int]] = []
        later: list[tuple[int, int]] = []
        for round_number in range(self.max_rounds):
            if round_number and self.screens:
                earlier, later = later, []
                facts.region = earlier
            changed = False
            for rule in rules:
                now = version if rule.phase == LAYOUT_PHASE else wording
                if rule.code in failed or (self.screens and settled.get(rule.code) == now):
                    continue
                if self.screens and rule.screen is not None and not rule.screen(facts):
                    settled[rule.code] = now  # its triggers are nowhere in the text
                    continue
                edits = self._find(rule, current, facts, failed, problems)
                edits = check_edits(current, edits)
                if not edits:
                    settled[rule.code] = now
                    continue
                net = compose(net, edits, current, text, rule.code)
                if not (self.screens and rule.phase == LAYOUT_PHASE and layout_only(current, edits)):
                    wording += 1
                current = apply_edits(current, edits)
                facts = facts.after(current, edits)
                version += 1
                changed = True
                if self.screens:
                    later = touched_after(later, edits)
                    if round_number:
                        earlier = facts.region = touched_after(earlier, edits)  # it holds `later`'s spans too
            if not changed:
                break
        else:
            problems.append(f"rules did not settle within {self.max_rounds} rounds")
        ending = self._line_ending(text, rules)
        if ending != "\n" and "\n" in current:
            # WS001 made every line end in LF for the other rules; now it writes the ending asked for.
            edits = [Edit(at.start(), at.end(), ending) for at in re.finditer("\n", current)]
            net = compose(net, edits, current, text, LINE_ENDINGS_RULE)
            current = apply_edits(current, edits)
        return Result(current, self._changes(text, net), text, problems=problems, rules_run=[r.code for r in rules])

    def _line_ending(self, text: str, rules: Sequence[Rule]) -> str:
        """The line ending the output gets: LF unless `line_ending` says otherwise and WS001 runs."""
        if self.line_ending == "lf" or not any(rule.code == LINE_ENDINGS_RULE for rule in rules):
            return "\n"
        if self.line_ending == "crlf":
            return "\r\n"
        if "\r" not in text:
            return "\n"
        counts = Counter(found.group() for found in _LINE_BREAK.finditer(text))
        return max(("\n", "\r\n", "\r"), key=lambda ending: counts[ending])  # LF first: it wins a tie

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
