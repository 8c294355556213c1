"""Turn "old string became new string" into small edits, for fixes that rewrite whole strings."""

from __future__ import annotations

from difflib import SequenceMatcher

from cleaner.cache import compiled
from cleaner.edits import Edit

#: Past this length SequenceMatcher (quadratic, and slow on repetitive text) is not used.
FINE_DIFF_LIMIT = 1000
ASCII_RUNS = compiled(r"([\x00-\x7f]+)")
#: A non-ASCII run up to this length is one edit (a word's worth of mojibake).
SHORT_RUN = 64


def diff_edits(old: str, new: str, offset: int = 0) -> list[Edit]:
    """Edits turning `old` into `new`, positioned at `offset` in the enclosing text."""
    if old == new:
        return []
    anchored = _anchored_on_ascii(old, new, offset)
    if anchored is not None:
        return anchored
    return _unanchored(old, new, offset)


def _unanchored(old: str, new: str, offset: int) -> list[Edit]:
    if len(old) <= FINE_DIFF_LIMIT and len(new) <= FINE_DIFF_LIMIT:
        matcher = SequenceMatcher(None, old, new, autojunk=False)
        return [
            Edit(offset + i1, offset + i2, new[j1:j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"
        ]
    return [_trimmed(old, new, offset)]


def _anchored_on_ascii(old: str, new: str, offset: int) -> list[Edit] | None:
    """Pair up the non-ASCII runs when both strings keep the same ASCII runs between them.

    Encoding repairs rewrite non-ASCII runs (`â€™` -> `’`) and leave the ASCII around them
    alone, so this linear alignment covers them; None when the ASCII differs. A short run
    becomes one edit between its common ends (`Ã©é` -> `éé` is `Ã©` -> `é`, as a reviewer
    reads it, not a deletion here and an insertion after the `é` a character diff would pair).
    """
    old_parts = ASCII_RUNS.split(old)
    new_parts = ASCII_RUNS.split(new)
    if len(old_parts) < 2 or len(old_parts) != len(new_parts) or old_parts[1::2] != new_parts[1::2]:
        return None
    edits = []
    position = offset
    for index, (before, after) in enumerate(zip(old_parts, new_parts)):
        if index % 2 == 0 and before != after:
            if len(before) <= SHORT_RUN and len(after) <= SHORT_RUN:
                edits.append(_trimmed(before, after, position))
            else:
                edits.extend(_unanchored(before, after, position))
        position += len(before)
    return edits


def _trimmed(old: str, new: str, offset: int) -> Edit:
    """One edit: what lies between the common prefix and the common suffix."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return Edit(offset + prefix, offset + len(old) - suffix, new[prefix : len(new) - suffix])
