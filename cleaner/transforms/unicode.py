"""Unicode normalization and invisible characters that need context to judge."""

from __future__ import annotations

import unicodedata
from typing import Literal

import regex

from cleaner.cache import compiled
from cleaner.edits import Edit
from cleaner.screens import trigger_screen
from cleaner.textunits import iter_lines
from cleaner.transforms import transform
from cleaner.transforms.diffing import diff_edits

GRAPHEME = compiled(r"\X")


@transform()
def unicode_normal_form(text: str, form: Literal["NFC", "NFKC"] = "NFC") -> list[Edit]:
    """Bring text to a Unicode normal form, one grapheme cluster at a time.

    Composition never crosses a cluster boundary, so per-cluster edits give the same text
    as normalizing the whole line, yet log `é` rather than the whole line. A line where that
    does not hold (it is checked) is logged as one edit.
    """
    if form not in ("NFC", "NFKC"):
        raise ValueError(f"form must be NFC or NFKC, not {form!r}")
    if unicodedata.is_normalized(form, text):
        return []
    edits: list[Edit] = []
    for start, _, line in iter_lines(text):
        if unicodedata.is_normalized(form, line):
            continue
        target = unicodedata.normalize(form, line)
        line_edits = []
        parts = []
        for match in GRAPHEME.finditer(line):
            cluster = match.group()
            normal = unicodedata.normalize(form, cluster)
            parts.append(normal)
            if normal != cluster:
                line_edits.append(Edit(start + match.start(), start + match.end(), normal))
        if "".join(parts) == target:
            edits.extend(line_edits)
        else:
            edits.extend(diff_edits(line, target, start))
    return edits


EMOJI_BEFORE_ZWJ = compiled(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]")
EMOJI_AFTER_ZWJ = compiled(r"[\p{Extended_Pictographic}]")
# Scripts that use ZWJ to pick letter forms (Arabic, Indic, Sinhala...) keep it too.
JOINING_CONTEXT = compiled(r"[\p{M}\p{L}--\p{Latin}--\p{Greek}--\p{Cyrillic}]", regex.V1)


@transform(screen=trigger_screen(["\u200d"]))
def stray_zero_width_joiner(text: str) -> list[Edit]:
    """Remove U+200D outside emoji sequences (👩‍💻 keeps it, `Wo\u200drd` loses it).

    A joiner beside a letter or mark of a script that shapes with it is kept, at a word's
    edge too: after a virama it asks for a half form (Kannada `ಲಿಸ್ಟ್\u200d`, Malayalam
    chillus), before or after an Arabic letter for its joining form.
    """
    edits = []
    position = text.find("\u200d")
    while position >= 0:
        before = text[position - 1] if position else ""
        after = text[position + 1] if position + 1 < len(text) else ""
        emoji = before and after and EMOJI_BEFORE_ZWJ.match(before) and EMOJI_AFTER_ZWJ.match(after)
        joining = (before and JOINING_CONTEXT.match(before)) or (after and JOINING_CONTEXT.match(after))
        if not (emoji or joining):
            edits.append(Edit(position, position + 1, ""))
        position = text.find("\u200d", position + 1)
    return edits


FULLWIDTH_ALNUM = compiled(r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+")
# Full-width ASCII punctuation with Latin letters or digits on both sides was typed in
# (or converted from) a CJK input context; between CJK characters it is correct and stays.
FULLWIDTH_PUNCTUATION = r"\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF5E"
FULLWIDTH_PUNCT_IN_LATIN = compiled(rf"(?<=[\p{{Latin}}0-9])[{FULLWIDTH_PUNCTUATION}](?=[\p{{Latin}}0-9])")


CJK = compiled(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
# The Latin words (and the spaces after or before them) on each side of a full-width sign.
LATIN_RUN_BEFORE = compiled(r"[ \t]*[\p{Latin}0-9]+\Z")
LATIN_RUN_AFTER = compiled(r"[\p{Latin}0-9]+[ \t]*")


#: Full-width punctuation and CJK symbols (brackets, quotes, the ideographic space).
FULLWIDTH_SIGN = compiled(rf"[{FULLWIDTH_PUNCTUATION}\u3000-\u303F]")


def _cjk_beside(text: str, start: int, end: int) -> bool:
    """Whether a CJK letter stands right before `start` or right after `end`, past full-width
    signs (`IP（PLIP）安装`: the brackets belong to the Chinese sentence around them)."""
    before, after = start - 1, end
    while before >= 0 and FULLWIDTH_SIGN.match(text, before):
        before -= 1
    while after < len(text) and FULLWIDTH_SIGN.match(text, after):
        after += 1
    return bool(before >= 0 and CJK.match(text, before) or after < len(text) and CJK.match(text, after))


#: A sentence's end: a CJK full stop, a Latin one before a space (not `13.0`), a blank line
#: (a hard-wrapped paragraph goes on across its line breaks).
SENTENCE_END = compiled(r"[。！？]|[.!?](?=\s)|\n[ \t\u00a0\u3000]*\n")
SENTENCE_END_BEFORE = compiled(r"(?r)[。！？]|[.!?](?=\s)|\n[ \t\u00a0\u3000]*\n")
CJK_ENDINGS = "。！？"
LATIN_LETTER = compiled(r"\p{Latin}")


def _mostly_cjk(text: str, start: int, end: int) -> bool:
    """Whether the sentence holding text[start:end] has as many CJK letters as Latin ones
    (`13 显示为 13.0，1234.567 显示为 1234.57`, where an ASCII comma would make one number of
    two), not a Latin sentence naming a place in CJK (`in 上海，中国 and Ningbo，China.`)."""
    before = SENTENCE_END_BEFORE.search(text, 0, start)
    after = SENTENCE_END.search(text, end)
    sentence = text[before.end() if before else 0 : after.start() if after else len(text)]
    return len(CJK.findall(sentence)) >= max(1, len(LATIN_LETTER.findall(sentence)))


FULLWIDTH_BRACKETS = {"（": "）", "［": "］", "｛": "｝"}


def _brackets_cjk(text: str, at: int) -> bool:
    """Whether the full-width bracket at `at` and its partner on the same line enclose CJK
    letters (`debian/changelog（debian.changelog 模块）`) or have one right outside them
    (`buzz（Debian 1.1）是太空人`): the pair is the CJK text's."""
    line_start, line_end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    sign = text[at]
    if sign in FULLWIDTH_BRACKETS:
        open_at, close_at = at, text.find(FULLWIDTH_BRACKETS[sign], at, line_end)
    else:
        opener = next((o for o, c in FULLWIDTH_BRACKETS.items() if c == sign), None)
        if opener is None:
            return False
        open_at, close_at = text.rfind(opener, line_start, at), at
    if open_at < 0 or close_at < 0:
        return False
    return CJK.search(text, open_at, close_at) is not None or CJK.match(text, close_at + 1) is not None or (open_at > 0 and CJK.match(text, open_at - 1) is not None)


def _to_ascii_width(chars: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) for c in chars)


@transform(screen=trigger_screen(map(chr, range(0xFF01, 0xFF5F))))
def fullwidth_latin(text: str, punctuation: bool = False) -> list[Edit]:
    """Full-width Latin letters and digits to ASCII (`ＡＢＣ１２３` -> `ABC123`).

    With `punctuation`, also full-width punctuation squeezed between Latin letters or digits
    (`Ningbo，China`), unless the Latin words sit in a CJK sentence: one that ends in `。`
    `！` `？` (`感谢 Daniel Phillips，Gerold Rupprecht 和 Tom Syroid。`: a list of names in a
    Chinese sentence), or one with as many CJK letters as Latin ones (`13 显示为 13.0，1234.567
    显示为 1234.57`), or a CJK word right before or after them, past brackets and quotes
    (`使用 Architecture，ALSA 驱动` and `通过 Parallel Line IP（PLIP）安装` stay, `上海 and
    Ningbo，China.` is folded).
    """
    if not punctuation:
        return [Edit(m.start(), m.end(), _to_ascii_width(m.group())) for m in FULLWIDTH_ALNUM.finditer(text)]
    edits = []
    for match in FULLWIDTH_PUNCT_IN_LATIN.finditer(text):
        ending = SENTENCE_END.search(text, match.end())
        if ending and ending.group() in CJK_ENDINGS:
            continue
        if _mostly_cjk(text, match.start(), match.end()) or _brackets_cjk(text, match.start()):
            continue
        before = LATIN_RUN_BEFORE.search(text, max(0, match.start() - 100), match.start())
        after = LATIN_RUN_AFTER.match(text, match.end())
        if _cjk_beside(text, before.start() if before else match.start(), after.end() if after else match.end()):
            continue
        edits.append(Edit(match.start(), match.end(), _to_ascii_width(match.group())))
    return edits


#: Bidirectional controls: embeddings and overrides end at PDF, isolates at PDI.
EMBEDDINGS, OVERRIDES, ISOLATES = "\u202a\u202b", "\u202d\u202e", "\u2066\u2067\u2068"
OPENERS = EMBEDDINGS + OVERRIDES + ISOLATES
PDF, PDI = "\u202c", "\u2069"
BIDI_CONTROL = compiled(r"[\u202a-\u202e\u2066-\u2069]")
RTL_LETTER = compiled(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")


@transform(screen=trigger_screen(char_class="[\u202a-\u202e\u2066-\u2069]"))
def bidi_controls(text: str) -> list[Edit]:
    """Remove bidirectional controls, except the ones a right-to-left text uses as meant.

    Overrides (U+202D, U+202E) reverse what they hold (`file\u202egnp.exe`, Trojan Source) and
    go with their PDF. An embedding or an isolate stays only when it is closed within its
    paragraph (a line here, as the Unicode bidi algorithm ends them all at a paragraph's end)
    and that paragraph holds Hebrew, Arabic or another right-to-left letter
    (`שלום \u2066www.example.com\u2069`); anywhere else it is junk (an LRE left in Italian).
    Only the lines that hold a control are read.
    """
    edits = []
    found = BIDI_CONTROL.search(text)
    while found:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.start())
        end = len(text) if end < 0 else end
        line = text[start:end]
        keep = _closed_pairs(line) if RTL_LETTER.search(line) else set()
        edits.extend(Edit(start + m.start(), start + m.end(), "") for m in BIDI_CONTROL.finditer(line) if m.start() not in keep)
        found = BIDI_CONTROL.search(text, end)
    return edits


def _closed_pairs(line: str) -> set[int]:
    """Offsets of the embeddings and isolates the line closes, and of their closers, as the
    bidi algorithm pairs them: a PDF closes the last embedding or override if no isolate was
    opened after it; a PDI closes the last isolate and cuts off what was opened after it."""
    keep: set[int] = set()
    stack: list[tuple[str, int]] = []
    for match in BIDI_CONTROL.finditer(line):
        char, at = match.group(), match.start()
        if char in OPENERS:
            stack.append((char, at))
        elif char == PDF and stack and stack[-1][0] not in ISOLATES:
            opener, where = stack.pop()
            if opener in EMBEDDINGS:
                keep.update((where, at))
        elif char == PDI and any(opener in ISOLATES for opener, _ in stack):
            while stack[-1][0] not in ISOLATES:
                stack.pop()  # unclosed: cut off by the isolate's end
            keep.update((stack.pop()[1], at))
    return keep
