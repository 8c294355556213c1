"""Repairs of encoding damage: mojibake (via ftfy) and leftover HTML entities."""

from __future__ import annotations

import html
import re

import ftfy
import regex
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES
from ftfy.fixes import fix_c1_controls, fix_surrogates

from cleaner.edits import Edit
from cleaner.screens import trigger_screen
from cleaner.textunits import iter_lines
from cleaner.transforms import transform
from cleaner.transforms.diffing import diff_edits

# Only ftfy's encoding repairs. Its defaults would also straighten curly quotes (`China”s`
# -> `China"s`) and fold CJK punctuation to ASCII width (`，` -> `,`); the other fixes it
# bundles (ligatures, controls, NFC, line breaks) are separate rules here, each logged.
MOJIBAKE_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def _expand(char_class: str) -> str:
    return re.sub(r"(.)-(.)", lambda m: "".join(map(chr, range(ord(m[1]), ord(m[2]) + 1))), char_class)


def _mojibake_suspects() -> str:
    """Characters without which ftfy (as configured here) changes nothing.

    ftfy repairs encodings only when its badness regex matches, then fixes C1 controls and
    surrogates. Every alternative of that regex needs one character from the categories or
    literals below (the rarer member of each sequence is taken: `é’“` matches through `é`,
    so a curly quote alone is no suspect). tests/test_screens.py checks this against the
    regex itself on generated text.
    """
    categories = ("c1", "bad", "lower_accented", "upper_accented", "box", "currency", "numeric", "law")
    literals = "ŒœÂÃÎÐÄ×ØÙà√≈âóЂВГРСβΒΓΞΟā"
    surrogates = "".join(map(chr, range(0xD800, 0xE000)))
    return "".join(_expand(MOJIBAKE_CATEGORIES[name]) for name in categories) + literals + surrogates


MOJIBAKE_SUSPECTS = _mojibake_suspects()
SUSPECT = re.compile("[" + re.escape(MOJIBAKE_SUSPECTS) + "]")
C1_OR_SURROGATE = re.compile("[\x80-\x9f\ud800-\udfff]")
#: The longest match of ftfy's badness regex (`ГўВЂВ.` and a letter): 7 characters.
BADNESS_REACH = 7


def _ftfy_would_change(segment: str) -> bool:
    """Whether ftfy (as configured) can change `segment`: it has C1 controls or surrogates,
    or ftfy's badness regex matches. A match is at most 7 characters and holds a suspect,
    so searching the few characters around each suspect gives ftfy's own answer without
    scanning the whole line with its large regex."""
    if C1_OR_SURROGATE.search(segment):
        return True
    last_end = 0
    for match in SUSPECT.finditer(segment):
        start = max(match.start() - BADNESS_REACH + 1, last_end)
        end = match.end() + BADNESS_REACH - 1
        if BADNESS_RE.search(segment, start, end):
            return True
        last_end = max(start, match.start())
    return False


@transform("mojibake", screen=trigger_screen(MOJIBAKE_SUSPECTS))
def fix_mojibake(text: str) -> list[Edit]:
    """Undo text decoded with the wrong codec (`Chinaâ€™s` -> `China’s`), line by line.

    ftfy decides per line too. Only lines (and long lines' segments) in which ftfy would
    find something go to it (see `_ftfy_would_change`): it could change no other.
    """
    edits: list[Edit] = []
    for start, line in _suspect_lines(text):
        for offset, segment in _segments(line):
            if not _ftfy_would_change(segment):
                continue
            fixed = _fix_segment(segment)
            if fixed != segment:
                edits.extend(diff_edits(segment, fixed, start + offset))
    return edits


def _fix_segment(segment: str) -> str:
    """`ftfy.fix_text(segment, MOJIBAKE_CONFIG)` for one line's segment, with one full scan less.

    fix_text repeats its steps (encoding, C1 controls, surrogates; the rest is switched off)
    until a round changes nothing, and that last round scans the whole repaired line with the
    badness regex again. When `_ftfy_would_change` says no, that round is known to change
    nothing and is skipped. tests/test_screens.py checks the two agree.
    """
    if len(segment) > MOJIBAKE_CONFIG.max_decode_length:
        return ftfy.fix_text(segment, MOJIBAKE_CONFIG)
    while True:
        before = segment
        segment = fix_surrogates(fix_c1_controls(ftfy.fix_encoding(segment)))
        if segment == before or not _ftfy_would_change(segment):
            return segment


def _suspect_lines(text: str):
    """(start, line) of each line holding a suspect character, found with one regex pass."""
    position = 0
    while (match := SUSPECT.search(text, position)) is not None:
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        yield start, text[start:end]
        position = end + 1


SEGMENT = 2000
# A space after an ASCII character: mojibake never spans it (`Ã` + space can be a mangled
# no-break space, so a space after a non-ASCII character is no place to cut).
SEGMENT_BREAK = regex.compile(r"(?<=[\x00-\x7f]) ")


def _segments(line: str):
    """Cut very long lines into pieces of about SEGMENT characters at safe spaces.

    ftfy judges a line as a whole; on a multi-megabyte line that makes every repair one
    giant change. Pieces keep the log fine-grained and the diff cheap.
    """
    start = 0
    while len(line) - start > SEGMENT:
        cut = SEGMENT_BREAK.search(line, start + SEGMENT)
        if cut is None:
            break
        yield start, line[start : cut.end()]
        start = cut.end()
    yield start, line[start:]


ENTITY_RE = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@transform("html_entities", screen=trigger_screen(["&"]))
def unescape_entities(text: str) -> list[Edit]:
    """Decode entities left in plain text (`&amp;`, `&#8217;`).

    A document holding `<` may be markup where entities are meaningful: left alone, as ftfy does.
    """
    if "<" in text or "&" not in text:
        return []
    edits = []
    for match in ENTITY_RE.finditer(text):
        decoded = html.unescape(match.group())
        if decoded != match.group():
            edits.append(Edit(match.start(), match.end(), decoded))
    return edits


C1 = regex.compile(r"[\x80-\x9f]")
C1_IN_WORD = regex.compile(r"(?<=\p{L})[\x80-\x9f]+(?=\p{L})")
APOSTROPHE_ENDING = regex.compile(r"(?:s|t|d|ll|re|ve|m)\b")


def _cp1252_makes_sense(line: str, match: regex.Match) -> bool:
    """cp1252 reads these C1 characters as letters, or as an apostrophe before `s`, `t`..."""
    as_cp1252 = match.group().encode("latin-1").decode("cp1252", errors="replace")
    apostrophe = as_cp1252 == "’" and APOSTROPHE_ENDING.match(line, match.end())
    return as_cp1252.isalpha() or bool(apostrophe)


@transform("c1_letters_in_words", screen=trigger_screen(map(chr, range(0x80, 0xA0))))
def fix_c1_letters(text: str) -> list[Edit]:
    """Read C1 controls inside words as MacRoman letters when cp1252 makes no sense of them.

    `Coatl\x87n conf\x92an` was MacRoman read as latin-1: cp1252 would give `Coatl‡n conf’an`,
    MacRoman gives `Coatlán confían`. Only when every C1 character sits inside a word and at
    least one is no cp1252 letter or contraction apostrophe (`don\x92t` stays cp1252's `’`).
    """
    edits: list[Edit] = []
    for start, _, line in iter_lines(text):
        if line.isascii() or not C1.search(line):
            continue
        if ftfy.fix_text(line, MOJIBAKE_CONFIG) != fix_c1_controls(line):
            continue  # mojibake ftfy can undo (`Р\x98Р·` is UTF-8 read as cp1251): its job
        inside = list(C1_IN_WORD.finditer(line))
        if len(inside) != len(C1.findall(line)) or not inside:
            continue
        if all(_cp1252_makes_sense(line, m) for m in inside):
            continue
        for match in inside:
            letters = match.group().encode("latin-1").decode("mac_roman")
            edits.append(Edit(start + match.start(), start + match.end(), letters))
    return edits
