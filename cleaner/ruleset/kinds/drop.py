"""The `drop` kind: whole lines or paragraphs that match, gated by length and position.

Drop rules run one after another over the same short lines, and nearly all of those lines
match none of them. So the rules of a pipeline share two things, neither kept in the rules
themselves: the text's line index (made once per version of the text, in `Facts.memo`) and
one union of their patterns (made once per pipeline by `prepare`, in `Facts.shared`), which
settles most lines for every rule in one match.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable

import regex

from cleaner.budget import Budget, RuleTimeout
from cleaner.edits import Edit
from cleaner.ruleset.kinds.base import Kind, KindError, LazyPattern, compile_pattern, resolved
from cleaner.ruleset.model import Finder
from cleaner.screens import Facts
from cleaner.textunits import iter_lines, iter_paragraphs

POSITIONS = ("any", "start", "end", "from")
TAIL_FROM = 0.4  # position "from": the marker must come after this share of the text
WEAK_REACH = 3  # position "from": a weak marker cuts when a strong one follows within this many lines
UNITS = ("line", "paragraph")
UNION = "drop-union"  # its key in Facts.shared
HEADING_WORDS = 5  # keep_as_heading: a title line has this many words at most
MIN_HEADINGS = 3  # keep_as_heading: a text with this many other titles over prose heads its paragraphs


def compile_drop(params: dict[str, Any]) -> Finder:
    pattern = compile_pattern(params)
    unit = params.get("unit", "line")
    position = params.get("position", "any")
    max_length = params.get("max_length", 200)
    min_before = params.get("min_before", 500)
    if unit not in UNITS:
        raise KindError("unit", f"unit must be one of {', '.join(UNITS)}")
    if position not in POSITIONS:
        raise KindError("position", f"position must be one of {', '.join(POSITIONS)}")
    if max_length < 1:
        raise KindError("max_length", "max_length must be positive")
    member = _member(params)
    weak = compile_pattern(params, "weak") if "weak" in params else None
    as_heading = params.get("keep_as_heading", False)

    def find(text: str, facts: Facts | None = None) -> list[Edit]:
        index = facts.memo(("drop-units", unit), lambda: _UnitIndex(text, unit)) if facts is not None else _UnitIndex(text, unit)
        units = index.units
        if position in ("end", "from"):
            return _find_tail(text, units, _Verdicts(facts.carried(pattern) if facts is not None else {}))
        union = facts.shared.get(UNION) if facts is not None else None
        candidates = index.matching(union, facts.carried(union)) if union is not None and member in union.members else None
        if candidates is None:
            candidates = range(len(units))
        short = [i for i in candidates if len(units[i][3]) <= max_length]
        if not short:
            return []
        budget = Budget.for_text(text)
        compiled = resolved(pattern)
        try:
            # One budget for the whole text: thirty lines do not get thirty time limits.
            matched = {i for i in short if compiled.fullmatch(units[i][3], timeout=budget.left()) is not None and not _belongs(text, units, i)}
        except TimeoutError:
            raise RuleTimeout("the whole text") from None
        if weak is not None:
            matched = _with_company(units, matched, resolved(weak))
        if as_heading and matched:
            matched = _not_headings(units, matched)
        if not matched:
            return []
        if len(matched) == len(units):
            return []  # boilerplate is around a text: a text that is nothing but a match stays
        hits = [i in matched for i in range(len(units))]
        if position == "start":
            stop = 0
            while stop < len(hits) and hits[stop]:
                stop += 1
            hits = [i < stop for i in range(len(hits))]
        return [Edit(s, e, "") for (s, _, e, _), hit in zip(units, hits) if hit]

    def _find_tail(text: str, units: list, verdicts: "_Verdicts") -> list[Edit]:
        """Tail rules look only where they may act: an `end` rule at the trailing lines, back
        to the first that does not match; a `from` rule at the text's late part, up to its
        first match. A long rule (a phrase list in sixty languages) is never run on the rest,
        nor again on a line an earlier version of the text had."""
        budget = Budget.for_text(text)

        def is_weak(i: int) -> bool:
            return weak is not None and resolved(weak).fullmatch(units[i][3]) is not None

        def hit(i: int) -> bool:
            body = units[i][3]
            if len(body) > max_length:
                return False  # before the pattern is compiled: a text ending in prose never needs it
            return verdicts.of(body, lambda: resolved(pattern).fullmatch(body, timeout=budget.left()) is not None) and not _belongs(text, units, i)

        try:
            if position == "end":
                # Only the trailing run of matches: a match followed by body text is kept,
                # and so is a run of weak lines alone (a help page ending in `URL`).
                keep_from = len(units)
                while keep_from and hit(keep_from - 1):
                    keep_from -= 1
                if all(is_weak(i) for i in range(keep_from, len(units))):
                    return []
                return _drop_tail(text, units, keep_from)
            # A strong end marker late in the text (after `min_before` characters and 40% of
            # it: not a link in a page's menu): it and everything after it go. A weak one (a
            # bare `Comments` heading) only when a strong one follows within a few lines.
            late = max(min_before, len(text) * TAIL_FROM)
            first = next(
                (
                    i for i in range(len(units))
                    if units[i][0] >= late and hit(i)
                    and (not is_weak(i) or any(hit(j) and not is_weak(j) for j in range(i + 1, min(i + 1 + WEAK_REACH, len(units)))))
                ),
                None,
            )
        except TimeoutError:
            raise RuleTimeout("the whole text") from None
        finally:
            verdicts.keep()
        return [] if first is None else _drop_tail(text, units, first)

    return find


def _with_company(units: list, matched: set[int], weak: regex.Pattern) -> set[int]:
    """`matched` without the lines that match only weakly and stand alone: a lone `Print`
    or `Privacy Settings` is a key in a table or a document's title as often as a button,
    while one beside another match (`Facebook⏎Twitter`, a banner and its `Accept all`) is
    page furniture. The neighbours are the non-blank units right above and below."""
    return {i for i in matched if weak.fullmatch(units[i][3]) is None or i - 1 in matched or i + 1 in matched}


def _belongs(text: str, units: list[tuple[int, int, int, str]], i: int, min_words: int = 8) -> bool:
    """Whether line `i` is part of the text around it, whatever a pattern says about it
    alone: an indented line (a field's value, a changelog entry's `See also:`, a licence's
    `ACCEPT`, verse); a line with an indented block right under it (`Comment:` heading a
    copyright file's field, not a comment section); or a line carrying on the sentence of
    the prose line right above it (`...and ask for⏎more from her?`): it opens in lower case
    under a line of eight words or more ending without a full stop. Page furniture stands
    on its own lines, flush left."""
    start, _, end, body = units[i]
    if text[start : start + 1] in (" ", "\t"):
        return True
    if i + 1 < len(units) and units[i + 1][0] == end and text[end : end + 1] in (" ", "\t"):
        return True
    if i == 0 or units[i - 1][2] != start or not body[:1].islower():
        return False
    above = units[i - 1][3]
    return (above[-1:].isalpha() or above[-1:] in ",;") and len(above.split()) >= min_words


def _heads_prose(units: list[tuple[int, int, int, str]], i: int) -> bool:
    """Whether line `i` is a short title over prose: HEADING_WORDS words at most, no
    punctuation at its end, and a sentence of six words or more on the next line."""
    body = units[i][3]
    if len(body.split()) > HEADING_WORDS or body[-1] in ".!?…:;,·" or i + 1 == len(units):
        return False
    below = units[i + 1][3]
    return len(below.split()) >= 6 and below.rstrip("\"'”’»)")[-1:] in (".", "!", "?", "…", "。")


def _in_capitals(body: str) -> bool:
    """Whether a line is a short title in capitals (`OPIS`, `ZOBACZ TAKŻE`)."""
    return len(body.split()) <= HEADING_WORDS and body.isupper() and sum(c.isalpha() for c in body) >= 2


def _not_headings(units: list[tuple[int, int, int, str]], matched: set[int]) -> set[int]:
    """The matches less the text's own titles. In a text that heads MIN_HEADINGS or more other
    paragraphs with short titles, a match over prose is one of them (a lone `Anzeige` is
    LibreOffice's display options' title like `Hilfslinien` and `Tabellen` around it, not an
    ad's marker between a news story's paragraphs); in a text whose titles are in capitals
    (a man page's `NAZWA`, `OPIS`), a match in capitals is one (`ZOBACZ TAKŻE`, see also). A
    match said MIN_HEADINGS times or more is no title: a text does not title three of its
    sections alike, while a page puts its `Advertisement` marker between paragraph after
    paragraph."""
    others = [i for i in range(len(units)) if i not in matched]
    over_prose = sum(_heads_prose(units, i) for i in others) >= MIN_HEADINGS
    capitals = sum(_in_capitals(units[i][3]) for i in others) >= MIN_HEADINGS
    said = Counter(units[i][3] for i in matched)
    return {
        i for i in matched
        if said[units[i][3]] >= MIN_HEADINGS or not (over_prose and _heads_prose(units, i) or capitals and _in_capitals(units[i][3]))
    }


def _member(params: dict[str, Any]) -> str | None:
    """A rule's pattern as it stands in the union, or None when it cannot join one: tail
    rules (they match few lines on their own) and patterns that mean something else inside
    an alternation."""
    if params.get("position", "any") in ("end", "from"):
        return None
    return _scoped(params["pattern"])


def prepare_drop(rules: list[dict[str, Any]]) -> dict[str, Any]:
    """The union of a pipeline's drop patterns (the params of its drop rules)."""
    members = [(member, params.get("max_length", 200)) for params in rules if (member := _member(params))]
    if not members:
        return {}
    return {UNION: DropUnion(members)}


def _scoped(source: str) -> str | None:
    """`source` as a group that means the same inside an alternation, or None if it cannot be:
    leading inline flags become scoped `(?flags:...)` (scoped ones inside stay as they are);
    other inline flags or numbered back-references (their numbers would shift) keep a
    pattern out."""
    flags = regex.match(r"\(\?([aiLmsux]+)\)", source)
    body = source[flags.end() :] if flags else source
    plain = regex.sub(r"\(\?[aiLmsux]*-?[imsx]*:", "", body)  # scoped flags keep their scope
    if "(?" in plain.replace("(?=", "").replace("(?!", "").replace("(?<", ""):
        return None
    if regex.search(r"\\(?:[1-9]|g<)", body):
        return None
    # In verbose mode a comment runs to the end of the line: end it before the `)`.
    ending = "\n" if flags and "x" in flags.group(1) else ""
    return f"(?{flags.group(1)}:{body}{ending})" if flags else f"(?:{body})"


class DropUnion:
    """The drop patterns of one pipeline in one alternation. It only says "maybe": each rule
    still decides on the lines that pass. A line longer than all but the longest-reaching
    patterns take is asked only about those (a 300-character paragraph only about the rule
    taking such lines): two alternations, compiled when first needed."""

    def __init__(self, members: list[tuple[str, int]]):
        self.members = frozenset(member for member, _ in members)
        lengths = sorted({length for _, length in members})
        self.max_length = lengths[-1]
        everything = LazyPattern("|".join(member for member, _ in members))
        if len(lengths) == 1:
            self.tiers = [(lengths[-1], everything)]
        else:
            longest = LazyPattern("|".join(member for member, length in members if length > lengths[-2]))
            self.tiers = [(lengths[-2], everything), (lengths[-1], longest)]

    def fullmatch(self, line: str, timeout: float) -> bool:
        """Whether some member may match the whole `line` (no longer than max_length)."""
        pattern = next(pattern for tier, pattern in self.tiers if len(line) <= tier)
        return resolved(pattern).fullmatch(line, timeout=timeout) is not None


class _UnitIndex:
    """A text's non-blank lines (or paragraphs) as (start, end of content, end with newline,
    stripped body), and which of them a union matches: computed once per text."""

    def __init__(self, text: str, unit: str):
        self.text, self.unit = text, unit
        units_of = iter_lines if unit == "line" else iter_paragraphs
        self.units = [(s, s + len(raw.rstrip("\r\n")), e, body) for s, e, raw in units_of(text) if (body := raw.strip())]
        self._matches: dict[DropUnion, list[int] | None] = {}

    def matching(self, union: DropUnion, known: dict[str, bool]) -> list[int] | None:
        """The units the union may match; None when it ran out of its budget (then each rule
        looks at every unit itself, within its own). `known` holds verdicts on lines of
        earlier versions of the text: a line no rule changed is not matched again."""
        if union not in self._matches:
            budget = Budget.for_text(self.text)
            verdicts = _Verdicts(known)
            try:
                self._matches[union] = [
                    i for i, (*_, body) in enumerate(self.units)
                    if len(body) <= union.max_length and verdicts.of(body, lambda body=body: union.fullmatch(body, budget.left()))
                ]
            except TimeoutError:
                self._matches[union] = None
                return None
            verdicts.keep()
        return self._matches[union]


class _Verdicts:
    """A pattern's verdicts on lines, carried from one version of a text to the next (a
    line's verdict depends on the line alone): a line an earlier version had is not asked
    again. Only earlier versions' verdicts are looked up, so a line repeated within one
    version is still asked each time (a benchmark of one text repeated gains nothing)."""

    def __init__(self, known: dict[str, bool]):
        self.known = known
        self.now: dict[str, bool] = {}

    def of(self, line: str, ask: Callable[[], bool]) -> bool:
        verdict = self.known.get(line)
        if verdict is None:
            verdict = ask()
        self.now[line] = verdict
        return verdict

    def keep(self) -> None:
        """This version's verdicts become the known ones for the next."""
        self.known.clear()
        self.known.update(self.now)


def _drop_tail(text: str, units: list[tuple[int, int, int, str]], first: int) -> list[Edit]:
    """Drop units[first:] and the blank lines before them, so the text ends as it ended before.

    One edit that closes the gap after the last kept unit, keeping the text's final newline
    if it had one ("quarter.\n\nLeave a Reply" -> "quarter."), and one per dropped unit with
    the blank lines after it (the last reaching the end of the text). A text that would be
    dropped whole is left alone.
    """
    if first == 0 or first >= len(units):
        return []  # nothing to drop, or nothing left: a footer needs a text before it
    ending = "\n" if text.endswith("\n") else ""
    edits = [Edit(units[first - 1][1], units[first][0], ending)]
    # Each dropped unit takes the blank lines after it; the last one takes the rest of the text.
    starts = [unit[0] for unit in units[first:]] + [len(text)]
    edits.extend(Edit(start, following, "") for start, following in zip(starts, starts[1:]))
    return edits


def _two_lines(facts: Facts) -> bool:
    """Whether the text has two non-blank lines: a drop rule leaves a text of one alone (a
    text that is nothing but a match stays, and a tail needs a text before it), and a short
    JSONL record is often one line."""
    return facts.memo("two-lines", lambda: "\n" in facts.text.strip())


KIND = Kind(
    {"pattern": str},
    {"unit": str, "position": str, "max_length": int, "min_before": int, "weak": str, "keep_as_heading": bool},
    compile_drop,
    screen=lambda params: _two_lines,
    prepare=prepare_drop,
)
