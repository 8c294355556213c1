"""The `regex` kind: a pattern and its replacement, over the text or line by line in blocks."""

from __future__ import annotations

import re
from typing import Any, Callable

import regex

from cleaner.budget import Budget, RuleTimeout, seconds_for
from cleaner.edits import Edit
from cleaner.ruleset.kinds.base import EAGER, Kind, KindError, compile_pattern, resolved, span_of
from cleaner.ruleset.model import Finder
from cleaner.screens import Facts
from cleaner.textunits import lines_around, narrowing_cost, worth_narrowing

#: A `span = "line"` regex searches a text longer than this block by block.
BLOCK = 1_000_000
#: A line-local rule with triggers searches a text longer than this on its trigger lines only.
LOCATE_FROM = 64_000
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


def compile_regex(params: dict[str, Any]) -> Finder:
    pattern = compile_pattern(params)
    replacement = params["replacement"]
    span = span_of(params)
    for number, name in _GROUP_REF.findall(replacement) if EAGER.get() else ():
        known = int(number) <= pattern.groups if number else (
            name in pattern.groupindex or (name.isdigit() and int(name) <= pattern.groups)
        )
        if not known:
            raise KindError("replacement", f"refers to group {number or name!r}, which the pattern lacks")

    def search(compiled: regex.Pattern, text: str, start: int, end: int, timeout: float) -> list[Edit]:
        return [Edit(m.start(), m.end(), m.expand(replacement)) for m in compiled.finditer(text, start, end, timeout=timeout)]

    locate = _trigger_lines(params) if span == "line" else None

    def find(text: str, facts: Facts | None = None) -> list[Edit]:
        compiled = resolved(pattern)
        if span == "line" and facts is not None and facts.narrow:
            # The lines changed since it last ran, or those holding a trigger: the cheaper.
            choices = []
            if facts.region is not None:
                choices.append(lines_around(text, facts.region))
            if locate is not None and len(text) > LOCATE_FROM:
                choices.append(locate(text))
            lines = min(choices, key=narrowing_cost, default=None)
            if lines is not None and worth_narrowing(text, lines):
                return search_lines(compiled, text, lines)
        if span == "text" or len(text) <= BLOCK:
            try:
                return search(compiled, text, 0, len(text), seconds_for(len(text)))
            except TimeoutError:
                raise RuleTimeout("the whole text") from None
        # Matches never cross a line break: each block is searched with its own budget, so
        # a large text is cleaned whole and a slow block costs only itself.
        edits: list[Edit] = []
        failed = []
        for start, end in blocks(text):
            try:
                edits.extend(search(compiled, text, start, end, seconds_for(end - start)))
            except TimeoutError:
                failed.append((start, end))
        if failed:
            raise RuleTimeout(lines_of(text, failed), edits)
        return edits

    def search_lines(compiled: regex.Pattern, text: str, lines: list[tuple[int, int]]) -> list[Edit]:
        """Only these lines (those holding a trigger, or changed since the rule last ran), one
        budget for them all."""
        budget = Budget.for_text(text)
        edits: list[Edit] = []
        for number, (start, end) in enumerate(lines):
            try:
                edits.extend(search(compiled, text, start, end, budget.left()))
            except TimeoutError:
                raise RuleTimeout(lines_of(text, lines[number:]), edits) from None
        return edits

    find.locate = locate  # type: ignore[attr-defined]  # `rules test` holds a line rule's triggers to its lines
    return find


def _trigger_lines(params: dict[str, Any]) -> Callable[[str], list[tuple[int, int]]] | None:
    """For a line-local rule with triggers: where in a text the lines holding one are, as
    (start, end after the newline) runs. Its matches lie on such lines (a trigger is what a
    match needs: `rules test` and the screen tests hold the rules to it), so a large text
    with a few such lines is searched there only, not whole."""
    strings = tuple(params.get("triggers", ()))
    char_class = params.get("trigger_class")
    if not strings and not char_class:
        return None
    chars = re.compile(char_class) if char_class else None

    def locate(text: str) -> list[tuple[int, int]]:
        positions = []
        for string in strings:
            at = text.find(string)
            while at >= 0:
                positions.append(at)
                at = text.find(string, at + 1)
            if string.endswith("\n") and text.endswith(string[:-1]):
                positions.append(len(text) - 1)  # a trigger ending in a newline also matches at the end
        if chars is not None:
            positions.extend(m.start() for m in chars.finditer(text))
        return lines_around(text, [(at, at + 1) for at in sorted(positions)])

    return locate


KIND = Kind({"pattern": str, "replacement": str}, {"span": str, "triggers": list, "trigger_class": str}, compile_regex)
