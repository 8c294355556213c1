"""Turn "old line became new line" into small edits, for fixes that rewrite whole strings."""

from __future__ import annotations

from difflib import SequenceMatcher

from cleaner.edits import Edit

#: Longer strings get one prefix/suffix-trimmed edit: SequenceMatcher is quadratic.
FINE_DIFF_LIMIT = 4000


def diff_edits(old: str, new: str, offset: int = 0) -> list[Edit]:
    """Edits turning `old` into `new`, positioned at `offset` in the enclosing text."""
    if old == new:
        return []
    if len(old) > FINE_DIFF_LIMIT or len(new) > FINE_DIFF_LIMIT:
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        return [Edit(offset + prefix, offset + len(old) - suffix, new[prefix : len(new) - suffix])]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [
        Edit(offset + i1, offset + i2, new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
