"""Edits and their composition into one net change list against the input.

Every rule reports what it wants to change as `Edit`s on the text it was given. The pipeline
folds those edits, rule after rule, into a list of `NetChange`s whose offsets refer to the
decoded *input*. That list is what makes the change log exact: splicing each `after` into
the input gives the output, splicing each `before` into the output gives the input back.

When a later rule touches text an earlier rule produced (mojibake repaired into `China”s`,
then the quote turned into an apostrophe), the two become one net change that names both
rules, so offsets never point into text that did not exist in the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `text[start:end]` of the current text with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class NetChange:
    """`input[start:end]` became `after`; `rules` lists the codes that took part, in order."""

    start: int
    end: int
    after: str
    rules: tuple[str, ...]


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to `text`."""
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def check_edits(text: str, edits: Sequence[Edit]) -> list[Edit]:
    """Drop no-op edits and verify the rest are in bounds, sorted and non-overlapping.

    Rules are user-extensible, so a transform that reports overlapping edits must fail loudly
    here rather than corrupt the change log.
    """
    kept: list[Edit] = []
    pos = 0
    for edit in edits:
        if not (pos <= edit.start <= edit.end <= len(text)):
            raise ValueError(f"edit {edit} is out of order or out of bounds")
        if text[edit.start : edit.end] != edit.replacement:
            kept.append(edit)
        pos = edit.end
    return kept


def _overlaps(cluster_start: int, cluster_end: int, start: int, end: int) -> bool:
    """Whether the interval [start, end) (start >= cluster_start) joins the cluster.

    Non-empty intervals join when they share a character; an empty interval (an insertion
    point, or what is left of a deletion) joins only when it lies strictly inside.
    """
    if start == end:
        return cluster_start < start < cluster_end
    return start < cluster_end


def compose(
    net: Sequence[NetChange],
    edits: Sequence[Edit],
    current: str,
    original: str,
    code: str,
) -> list[NetChange]:
    """Fold `edits` (made by rule `code` on `current`) into `net` (input -> `current`)."""
    items: list[tuple[int, int, int, object]] = []
    delta = 0
    for change in net:
        out_start = change.start + delta
        items.append((out_start, out_start + len(change.after), 0, change))
        delta += len(change.after) - (change.end - change.start)
    items.extend((e.start, e.end, 1, e) for e in edits)
    items.sort(key=lambda item: (item[0], item[1], item[2]))

    result: list[NetChange] = []
    # Maps a position in `current` back to the input: len(after) - len(before), summed over
    # the old net changes passed so far (the new edits are in `current` coordinates too).
    delta = 0
    i = 0
    while i < len(items):
        start, end, _, _ = items[i]
        group = [items[i]]
        i += 1
        while i < len(items) and _overlaps(start, end, items[i][0], items[i][1]):
            end = max(end, items[i][1])
            group.append(items[i])
            i += 1
        if len(group) == 1 and group[0][2] == 0:
            change = group[0][3]
            assert isinstance(change, NetChange)
            result.append(change)
            delta += len(change.after) - (change.end - change.start)
            continue
        in_start = start - delta
        rules: list[str] = []
        piece: list[str] = []
        pos = start
        for _, _, kind, obj in group:
            if kind == 0:
                assert isinstance(obj, NetChange)
                delta += len(obj.after) - (obj.end - obj.start)
                rules.extend(r for r in obj.rules if r not in rules)
            else:
                assert isinstance(obj, Edit)
                piece.append(current[pos : obj.start])
                piece.append(obj.replacement)
                pos = obj.end
        piece.append(current[pos:end])
        in_end = end - delta
        after = "".join(piece)
        if code not in rules:
            rules.append(code)
        if original[in_start:in_end] != after:
            result.append(NetChange(in_start, in_end, after, tuple(rules)))
    return result


def replay(original: str, changes: Iterable[NetChange]) -> str:
    """The output: every change's `after` spliced into the input."""
    parts: list[str] = []
    pos = 0
    for change in changes:
        if change.start < pos:
            raise ValueError(f"change at {change.start} overlaps the one before it")
        parts.append(original[pos : change.start])
        parts.append(change.after)
        pos = change.end
    parts.append(original[pos:])
    return "".join(parts)


def touched_after(ranges: Sequence[tuple[int, int]], edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """`ranges` (sorted spans of the text before `edits`) carried into the text after them,
    together with the spans the edits wrote, merged: where the text may now differ from what
    a rule last saw. A range an edit cuts into grows to hold the edit's new text."""
    spans: list[tuple[int, int]] = []
    delta, k = 0, 0
    shifted: list[tuple[int, int]] = []
    for edit in edits:
        new_start = edit.start + delta
        spans.append((new_start, new_start + len(edit.replacement)))
        shifted.append((edit.start, edit.end, delta, new_start + len(edit.replacement) - edit.end))
        delta += len(edit.replacement) - (edit.end - edit.start)

    def carry(position: int, side: int) -> int:
        """`position` in the new text; inside an edit, its new start (side 0) or end (1)."""
        nonlocal k
        while k < len(shifted) and shifted[k][1] <= position:
            k += 1
        if k < len(shifted) and shifted[k][0] < position < shifted[k][1]:
            start, _, before, after = shifted[k]
            return start + before if side == 0 else shifted[k][1] + after
        moved = shifted[k - 1][3] if k else 0
        return position + moved

    for start, end in ranges:
        spans.append((carry(start, 0), carry(end, 1)))
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, those that overlap or touch made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


#: The whitespace a layout edit may move: what no line's words or indentation are made of.
_LAYOUT_SPACE = frozenset(" \t\n")


def layout_only(text: str, edits: Sequence[Edit]) -> bool:
    """Whether `edits` change nothing but layout: spaces and tabs at a line's end, how many
    blank lines part two paragraphs (not whether one does), blank lines before the first
    line. Every line's words and indentation, where paragraphs break and whether the text
    ends in a newline stay as they were, so a rule that reads lines and paragraphs finds in
    the text after them what it found before (the pipeline's settling relies on it)."""
    for edit in edits:
        old, new = text[edit.start : edit.end], edit.replacement
        if not _LAYOUT_SPACE.issuperset(old) or not _LAYOUT_SPACE.issuperset(new):
            return False
        first = text.rfind("\n", 0, edit.start) + 1
        last = text.find("\n", edit.end)
        last = len(text) if last < 0 else last
        if last == len(text) and edit.end == len(text):
            return False  # the text's last line or final newline: some rules look at how it ends
        before = text[first:last]
        after = text[first : edit.start] + new + text[edit.end : last]
        if _lines(before, first == 0) != _lines(after, first == 0):
            return False
    return True


def _lines(region: str, at_start: bool) -> list[str]:
    """A region's lines as a reader of lines and paragraphs sees them: without spaces at their
    ends, a run of blank lines as one, none before the text's first line."""
    lines: list[str] = []
    for line in region.split("\n"):
        line = line.rstrip(" \t")
        if line or (lines and lines[-1]) or (not lines and not at_start):
            lines.append(line)
    return lines
