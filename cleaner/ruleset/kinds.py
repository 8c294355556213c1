"""The few kinds a rule can be, each compiled once into a finder: text -> edits.

Kinds stay few on purpose (as in Vale): `regex` replace, `charmap` (character map), `drop`
(whole lines or paragraphs, gated by length and position) and `transform` (a named Python
function for what a pattern cannot say). Each kind declares the keys it accepts so the
loader can reject anything else.
"""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass
from typing import Any, Callable

import regex

from cleaner.budget import Budget, RuleTimeout, seconds_for
from cleaner.edits import Edit
from cleaner.ruleset.model import Finder
from cleaner.screens import Screen, trigger_screen
from cleaner.textunits import iter_lines, iter_paragraphs

#: A `span = "line"` regex searches a text longer than this block by block.
BLOCK = 1_000_000
SPANS = ("text", "line")


class KindError(ValueError):
    """A parameter of a rule kind is missing or invalid; `key` names it."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Kind:
    required: dict[str, type]
    optional: dict[str, type]
    compile: Callable[[dict[str, Any]], Finder]
    #: The screen a rule of this kind gets when it declares no triggers (None: runs always).
    screen: Callable[[dict[str, Any]], Screen | None] = lambda params: None


def _compile_pattern(params: dict[str, Any], key: str = "pattern") -> regex.Pattern:
    try:
        return regex.compile(params[key])
    except regex.error as exc:
        raise KindError(key, f"invalid regex: {exc}") from None


_GROUP_REF = regex.compile(r"\\(\d+)|\\g<([^>]*)>")


def blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of pieces of about BLOCK characters, each ending just after a line break
    (the last at the end of the text), so no line is ever cut."""
    spans, start, length, size = [], 0, len(text), BLOCK
    while start < length:
        newline = text.find("\n", start + size) if start + size < length else -1
        end = length if newline < 0 else newline + 1
        spans.append((start, end))
        start = end
    return spans


def lines_of(text: str, spans: list[tuple[int, int]]) -> str:
    """`lines 3-9, 20-31`: where in the text some spans are, for a person."""
    parts = []
    for start, end in spans:
        first = text.count("\n", 0, start) + 1
        last = first + text.count("\n", start, max(start, end - 1))
        parts.append(f"{first}-{last}")
    return "lines " + ", ".join(parts)


def _compile_regex(params: dict[str, Any]) -> Finder:
    pattern = _compile_pattern(params)
    replacement = params["replacement"]
    span = params.get("span", "text")
    if span not in SPANS:
        raise KindError("span", f"span must be one of {', '.join(SPANS)}")
    for number, name in _GROUP_REF.findall(replacement):
        known = int(number) <= pattern.groups if number else (
            name in pattern.groupindex or (name.isdigit() and int(name) <= pattern.groups)
        )
        if not known:
            raise KindError("replacement", f"refers to group {number or name!r}, which the pattern lacks")

    def search(text: str, start: int, end: int) -> list[Edit]:
        return [
            Edit(m.start(), m.end(), m.expand(replacement))
            for m in pattern.finditer(text, start, end, timeout=seconds_for(end - start))
        ]

    def find(text: str) -> list[Edit]:
        if span == "text" or len(text) <= BLOCK:
            try:
                return search(text, 0, len(text))
            except TimeoutError:
                raise RuleTimeout("the whole text") from None
        # Matches never cross a line break: each block is searched with its own budget, so
        # a large text is cleaned whole and a slow block costs only itself.
        edits: list[Edit] = []
        failed = []
        for start, end in blocks(text):
            try:
                edits.extend(search(text, start, end))
            except TimeoutError:
                failed.append((start, end))
        if failed:
            raise RuleTimeout(lines_of(text, failed), edits)
        return edits

    return find


def _compile_charmap(params: dict[str, Any]) -> Finder:
    table = params["map"]
    for key, value in table.items():
        if len(key) != 1 or not isinstance(value, str):
            raise KindError("map", f"entry {key!r}: keys must be single characters mapped to strings")
    if not table:
        raise KindError("map", "the map is empty")
    char_class = regex.compile("[" + "".join(regex.escape(c) for c in table) + "]")

    def find(text: str) -> list[Edit]:
        return [Edit(m.start(), m.end(), table[m.group()]) for m in char_class.finditer(text)]

    return find


POSITIONS = ("any", "start", "end", "from")
TAIL_FROM = 0.4  # position "from": the marker must come after this share of the text
UNITS = ("line", "paragraph")


def _compile_drop(params: dict[str, Any]) -> Finder:
    pattern = _compile_pattern(params)
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

    def find(text: str) -> list[Edit]:
        index = _units(text, unit)
        units = index.units
        if position in ("end", "from"):
            return _find_tail(text, units)
        candidates = index.matching(find.union) if find.union is not None else None
        if candidates is None:
            candidates = range(len(units))
        short = [i for i in candidates if len(units[i][3]) <= max_length]
        if not short:
            return []
        budget = Budget.for_text(text)
        try:
            # One budget for the whole text: thirty lines do not get thirty time limits.
            matched = {i for i in short if pattern.fullmatch(units[i][3], timeout=budget.left()) is not None}
        except TimeoutError:
            raise RuleTimeout("the whole text") from None
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

    def _find_tail(text: str, units: list) -> list[Edit]:
        """Tail rules look only where they may act: an `end` rule at the trailing lines, back
        to the first that does not match; a `from` rule at the text's late part, up to its
        first match. A long rule (a phrase list in sixty languages) is never run on the rest."""
        budget = Budget.for_text(text)

        def hit(i: int) -> bool:
            body = units[i][3]
            return len(body) <= max_length and pattern.fullmatch(body, timeout=budget.left()) is not None

        try:
            if position == "end":
                # Only the trailing run of matches: a match followed by body text is kept.
                keep_from = len(units)
                while keep_from and hit(keep_from - 1):
                    keep_from -= 1
                return _drop_tail(text, units, keep_from)
            # A strong end marker late in the text (after `min_before` characters and 40% of
            # it: not a link in a page's menu): it and everything after it go.
            late = max(min_before, len(text) * TAIL_FROM)
            first = next((i for i in range(len(units)) if units[i][0] >= late and hit(i)), None)
        except TimeoutError:
            raise RuleTimeout("the whole text") from None
        return [] if first is None else _drop_tail(text, units, first)

    # Tail rules match few lines on their own; the others share one union (DropUnion).
    find.drop_source = None if position in ("end", "from") else (params["pattern"], max_length)  # type: ignore[attr-defined]
    find.union = None  # type: ignore[attr-defined]  # set by DropUnion.join for a pipeline
    return find


def _scoped(source: str) -> str | None:
    """`source` as a group that means the same inside an alternation, or None if it cannot be:
    inline flags become scoped `(?flags:...)`; other inline flags or numbered back-references
    (their numbers would shift) keep a pattern out."""
    flags = regex.match(r"\(\?([aiLmsux]+)\)", source)
    body = source[flags.end() :] if flags else source
    if "(?" in body.replace("(?:", "").replace("(?=", "").replace("(?!", "").replace("(?<", ""):
        return None
    if regex.search(r"\\(?:[1-9]|g<)", body):
        return None
    # In verbose mode a comment runs to the end of the line: end it before the `)`.
    ending = "\n" if flags and "x" in flags.group(1) else ""
    return f"(?{flags.group(1)}:{body}{ending})" if flags else f"(?:{body})"


class DropUnion:
    """The drop rules of one pipeline in one alternation, to rule out most lines in one match.

    Drop rules run one after another over the same short lines, and nearly all of those lines
    match none of them: one fullmatch against the union settles such a line for every rule.
    It only says "maybe"; each rule still decides on the lines that pass.
    """

    def __init__(self, sources: list[str], max_length: int):
        self.regex = regex.compile("|".join(sources))
        self.max_length = max_length

    @staticmethod
    def join(finders: list[Finder]) -> None:
        """Give the drop finders among `finders` (a pipeline's rules) their shared union."""
        members = [f for f in finders if getattr(f, "drop_source", None) and _scoped(f.drop_source[0])]
        if not members:
            return
        union = DropUnion([_scoped(f.drop_source[0]) for f in members], max(f.drop_source[1] for f in members))
        for finder in members:
            finder.union = union


class _UnitIndex:
    """A text's non-blank lines (or paragraphs) as (start, end of content, end with newline,
    stripped body), and which of them a union matches: computed once per text."""

    def __init__(self, text: str, unit: str):
        self.text, self.unit = text, unit
        units_of = iter_lines if unit == "line" else iter_paragraphs
        self.units = [(s, s + len(raw.rstrip("\r\n")), e, body) for s, e, raw in units_of(text) if (body := raw.strip())]
        # Keyed by the union itself (not its id, which a later union could reuse).
        self._matches: dict[DropUnion, list[int] | None] = {}

    def matching(self, union: DropUnion) -> list[int] | None:
        """The units the union may match; None when it ran out of its budget (then each rule
        looks at every unit itself, within its own)."""
        if union not in self._matches:
            budget = Budget.for_text(self.text)
            try:
                self._matches[union] = [
                    i for i, (*_, body) in enumerate(self.units)
                    if len(body) <= union.max_length and union.regex.fullmatch(body, timeout=budget.left()) is not None
                ]
            except TimeoutError:
                self._matches[union] = None
        return self._matches[union]


_INDEX_CACHE: list[_UnitIndex] = []


def _units(text: str, unit: str) -> _UnitIndex:
    """Every drop rule asks for the same text in turn, so the last index of each unit is kept."""
    for index in _INDEX_CACHE:
        if index.text is text and index.unit == unit:
            return index
    index = _UnitIndex(text, unit)
    _INDEX_CACHE[:] = [entry for entry in _INDEX_CACHE if entry.unit != unit][:1] + [index]
    return index


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


def _compile_transform(params: dict[str, Any]) -> Finder:
    from cleaner.transforms import TRANSFORMS

    name = params["function"]
    if name not in TRANSFORMS:
        known = ", ".join(sorted(TRANSFORMS))
        raise KindError("function", f"unknown transform {name!r} (known: {known})")
    function = TRANSFORMS[name]
    options = params.get("params", {})
    try:
        inspect.signature(function).bind("", **options)
    except TypeError as exc:
        raise KindError("params", f"transform {name!r}: {exc}") from None
    hints = typing.get_type_hints(function)
    for key, value in options.items():
        problem = _param_problem(value, hints.get(key))
        if problem:
            raise KindError("params", f"transform {name!r}: {key} = {value!r}: {problem}")

    def find(text: str) -> list[Edit]:
        return function(text, **options)

    return find


def _param_problem(value: Any, hint: Any) -> str | None:
    """Why `value` does not fit a transform parameter's annotation (a type, or Literal choices)."""
    if typing.get_origin(hint) is typing.Literal:
        choices = typing.get_args(hint)
        return None if value in choices else f"must be one of {', '.join(map(repr, choices))}"
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return None
    if isinstance(hint, type) and (not isinstance(value, hint) or (hint is int and isinstance(value, bool))):
        return f"must be a {hint.__name__}, not {type(value).__name__}"
    return None


def _charmap_screen(params: dict[str, Any]) -> Screen | None:
    return trigger_screen(params["map"])


def _transform_screen(params: dict[str, Any]) -> Screen | None:
    from cleaner.transforms import SCREENS

    return SCREENS.get(params["function"])


KINDS: dict[str, Kind] = {
    "regex": Kind({"pattern": str, "replacement": str}, {"span": str}, _compile_regex),
    "charmap": Kind({"map": dict}, {}, _compile_charmap, _charmap_screen),
    "drop": Kind(
        {"pattern": str},
        {"unit": str, "position": str, "max_length": int, "min_before": int},
        _compile_drop,
    ),
    "transform": Kind({"function": str}, {"params": dict}, _compile_transform, _transform_screen),
}
