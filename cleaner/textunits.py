"""Lines and paragraphs of a text, with their offsets (LF is the only line break here)."""

from __future__ import annotations

from typing import Iterator


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end including the newline, line without it) for each LF-separated line."""
    pos = 0
    size = len(text)
    while pos < size:
        nl = text.find("\n", pos)
        end = size if nl < 0 else nl + 1
        yield pos, end, text[pos : (end if nl < 0 else nl)]
        pos = end


def iter_paragraphs(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, text) of each run of non-blank lines; end includes its last newline."""
    start = None
    last_end = 0
    parts: list[str] = []
    for line_start, line_end, line in iter_lines(text):
        if line.strip():
            if start is None:
                start, parts = line_start, []
            parts.append(line)
            last_end = line_end
        elif start is not None:
            yield start, last_end, "\n".join(parts)
            start = None
    if start is not None:
        yield start, last_end, "\n".join(parts)
