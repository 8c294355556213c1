"""Repairs of encoding damage: mojibake (via ftfy) and leftover HTML entities."""

from __future__ import annotations

import html

import ftfy
import regex

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
        fixed = ftfy.fix_text(line, MOJIBAKE_CONFIG)
        if fixed != line:
            edits.extend(diff_edits(line, fixed, start))
    return edits


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
