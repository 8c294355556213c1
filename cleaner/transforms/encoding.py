"""Repairs of encoding damage: mojibake (via ftfy) and leftover HTML entities."""

from __future__ import annotations

import html

import ftfy
import regex
from ftfy.fixes import fix_c1_controls

from cleaner.edits import Edit
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


@transform("mojibake")
def fix_mojibake(text: str) -> list[Edit]:
    """Undo text decoded with the wrong codec (`Chinaâ€™s` -> `China’s`), line by line.

    ftfy decides per line too; pure-ASCII lines cannot hold mojibake and are skipped.
    """
    edits: list[Edit] = []
    for start, _, line in iter_lines(text):
        if line.isascii():
            continue
        for offset, segment in _segments(line):
            if segment.isascii():
                continue
            fixed = ftfy.fix_text(segment, MOJIBAKE_CONFIG)
            if fixed != segment:
                edits.extend(diff_edits(segment, fixed, start + offset))
    return edits


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


@transform("html_entities")
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


C1_IN_WORD = regex.compile(r"(?<=\p{L})[\x80-\x9f]+(?=\p{L})")
APOSTROPHE_ENDING = regex.compile(r"(?:s|t|d|ll|re|ve|m)\b")


def _cp1252_makes_sense(line: str, match: regex.Match) -> bool:
    """cp1252 reads these C1 characters as letters, or as an apostrophe before `s`, `t`..."""
    as_cp1252 = match.group().encode("latin-1").decode("cp1252", errors="replace")
    apostrophe = as_cp1252 == "’" and APOSTROPHE_ENDING.match(line, match.end())
    return as_cp1252.isalpha() or bool(apostrophe)


@transform("c1_letters_in_words")
def fix_c1_letters(text: str) -> list[Edit]:
    """Read C1 controls inside words as MacRoman letters when cp1252 makes no sense of them.

    `Coatl\x87n conf\x92an` was MacRoman read as latin-1: cp1252 would give `Coatl‡n conf’an`,
    MacRoman gives `Coatlán confían`. Only when every C1 character sits inside a word and at
    least one is no cp1252 letter or contraction apostrophe (`don\x92t` stays cp1252's `’`).
    """
    edits: list[Edit] = []
    for start, _, line in iter_lines(text):
        if line.isascii() or not regex.search(r"[\x80-\x9f]", line):
            continue
        if ftfy.fix_text(line, MOJIBAKE_CONFIG) != fix_c1_controls(line):
            continue  # mojibake ftfy can undo (`Р\x98Р·` is UTF-8 read as cp1251): its job
        inside = list(C1_IN_WORD.finditer(line))
        if len(inside) != len(regex.findall(r"[\x80-\x9f]", line)) or not inside:
            continue
        if all(_cp1252_makes_sense(line, m) for m in inside):
            continue
        for match in inside:
            letters = match.group().encode("latin-1").decode("mac_roman")
            edits.append(Edit(start + match.start(), start + match.end(), letters))
    return edits
