"""The `regex` kind: a pattern and its replacement, over the text or line by line in blocks."""

from __future__ import annotations

from typing import Any

import regex

from cleaner.budget import RuleTimeout, seconds_for
from cleaner.edits import Edit
from cleaner.ruleset.kinds.base import Kind, KindError, compile_pattern
from cleaner.ruleset.model import Finder
from cleaner.screens import Facts

#: A `span = "line"` regex searches a text longer than this block by block.
BLOCK = 1_000_000
SPANS = ("text", "line")
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

    def find(text: str, facts: Facts | None = None) -> list[Edit]:
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


KIND = Kind({"pattern": str, "replacement": str}, {"span": str}, compile_regex)
