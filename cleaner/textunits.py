"""Lines and paragraphs of a text, with their offsets (LF is the only line break here)."""

from __future__ import annotations

from typing import Iterator

import regex

#: Letters of scripts written without spaces between words (Chinese, Japanese, Thai...).
UNSPACED_LETTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
SPACED_TOKEN = regex.compile(r"\S+")


def word_count(text: str, word: regex.Pattern = SPACED_TOKEN) -> int:
    """Words of a text in any script: `word` matches among spaced text, and letters of
    unspaced scripts count two to a word (a Chinese word is one to three characters)."""
    unspaced = len(UNSPACED_LETTER.findall(text))
    if not unspaced:
        return len(word.findall(text))
    return len(word.findall(UNSPACED_LETTER.sub(" ", text))) + unspaced // 2


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


#: What looking at one run of lines costs beyond its characters (a call, a search set up),
#: counted as this many characters of the text.
RUN_COST = 100


def narrowing_cost(lines: list[tuple[int, int]]) -> int:
    """What looking at `lines` alone costs, in characters: theirs, and RUN_COST per run."""
    return sum(end - start for start, end in lines) + RUN_COST * len(lines)


def worth_narrowing(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether a rule looks at `lines` alone sooner than at the whole text: they cost under
    three quarters of it (the changed lines of a text with mojibake every fourth line are
    thousands of runs: a whole search is quicker)."""
    return narrowing_cost(lines) < len(text) * 3 // 4


def lines_around(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The whole lines (start, end after the newline) that sorted `spans` touch, runs of
    them merged; an empty span touches the line it lies on."""
    lines: list[tuple[int, int]] = []
    for start, end in spans:
        if lines and start < lines[-1][1]:
            if end <= lines[-1][1]:
                continue  # on lines already taken (many spans on one long line cost nothing)
            start = lines[-1][1]
        first = text.rfind("\n", 0, start) + 1
        newline = text.find("\n", max(end - 1, start))
        last = len(text) if newline < 0 else newline + 1
        if lines and first <= lines[-1][1]:
            lines[-1] = (lines[-1][0], max(lines[-1][1], last))
        else:
            lines.append((first, last))
    return lines
