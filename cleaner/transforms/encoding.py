"""Repairs of encoding damage: mojibake (via ftfy) and leftover HTML entities."""

from __future__ import annotations

import functools
import html
import importlib.util
import re
import types
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from cleaner.cache import compiled, remembered
from cleaner.decode import alphabet_fit, script_of
from cleaner.edits import Edit
from cleaner.screens import trigger_screen
from cleaner.textunits import iter_lines
from cleaner.transforms import transform
from cleaner.transforms.diffing import diff_edits

if TYPE_CHECKING:
    import ftfy


@functools.cache
def _ftfy() -> types.ModuleType:
    """ftfy, imported when a text first holds a character it might repair: its import was
    a quarter of the start-up of `cleaner check` on a clean file."""
    import ftfy
    import ftfy.badness
    import ftfy.fixes

    return ftfy


@functools.cache
def mojibake_config() -> ftfy.TextFixerConfig:
    """Only ftfy's encoding repairs. Its defaults would also straighten curly quotes
    (`China”s` -> `China"s`) and fold CJK punctuation to ASCII width (`，` -> `,`); the other
    fixes it bundles (ligatures, controls, NFC, line breaks) are separate rules here, each
    logged."""
    return _ftfy().TextFixerConfig(
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
    categories_of = _ftfy().badness.MOJIBAKE_CATEGORIES
    return "".join(_expand(categories_of[name]) for name in categories) + literals + surrogates


def _installed_ftfy() -> str:
    """What names the installed ftfy's badness test (its file, as it is now) without
    importing it; empty when that cannot be told, so nothing is remembered."""
    try:
        spec = importlib.util.find_spec("ftfy")
        badness = Path(spec.origin).with_name("badness.py")
        stat = badness.stat()
        return f"{badness} {stat.st_mtime_ns} {stat.st_size}"
    except (AttributeError, TypeError, OSError, ImportError, ValueError):
        return ""


def _suspects() -> str:
    installed = _installed_ftfy()
    return remembered(f"ftfy-suspects {installed}", _mojibake_suspects) if installed else _mojibake_suspects()


MOJIBAKE_SUSPECTS = _suspects()


def _char_class(chars: str) -> str:
    """`chars` as a regex character class of ranges (the 2,000 suspects one by one took
    3 ms to compile at every start)."""
    points = sorted(set(map(ord, chars)))
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"


SUSPECT = re.compile(_char_class(MOJIBAKE_SUSPECTS))
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
        if _ftfy().badness.BADNESS_RE.search(segment, start, end):
            return True
        last_end = max(start, match.start())
    return False


@transform(screen=trigger_screen(MOJIBAKE_SUSPECTS))
def mojibake(text: str) -> list[Edit]:
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
    """`ftfy.fix_text(segment, mojibake_config())` for one line's segment, with one full scan less.

    fix_text repeats its steps (encoding, C1 controls, surrogates; the rest is switched off)
    until a round changes nothing, and that last round scans the whole repaired line with the
    badness regex again. When `_ftfy_would_change` says no, that round is known to change
    nothing and is skipped. tests/test_screens.py checks the two agree.
    """
    ftfy, config = _ftfy(), mojibake_config()
    if len(segment) > config.max_decode_length:
        return ftfy.fix_text(segment, config)
    while True:
        before = segment
        segment = ftfy.fixes.fix_surrogates(ftfy.fixes.fix_c1_controls(ftfy.fix_encoding(segment)))
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
SEGMENT_BREAK = compiled(r"(?<=[\x00-\x7f]) ")


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


ENTITY_RE = compiled(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@transform(screen=trigger_screen(["&"]))
def html_entities(text: str) -> list[Edit]:
    """Decode entities left in plain text (`&amp;`, `&#8217;`).

    A document holding `<` may be markup where entities are meaningful: left alone, as ftfy does;
    so is an entity quoted alone (`wie »&amp;«`), which a text names rather than means.
    """
    if "<" in text or "&" not in text:
        return []
    edits = []
    for match in ENTITY_RE.finditer(text):
        decoded = html.unescape(match.group())
        if decoded != match.group() and not _quoted(text, match.start(), match.end()):
            edits.append(Edit(match.start(), match.end(), decoded))
    return edits


#: Quotation marks that open a quotation and the ones that may close it.
QUOTES = {'"': '"', "'": "'", "“": "”", "„": "“", "«": "»", "»": "«", "‘": "’", "‚": "‘", "`": "`"}


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the entity stands alone between quotation marks (`»&amp;«`, `"&lt;"`): a text
    naming the entity, not one that lost its decoding."""
    before, after = text[start - 1 : start], text[end : end + 1]
    return bool(before) and QUOTES.get(before) == after


C1 = compiled(r"[\x80-\x9f]")
C1_IN_WORD = compiled(r"(?<=\p{Latin})[\x80-\x9f]+(?=\p{Latin})")  # MacRoman spells Latin words
APOSTROPHE_ENDING = compiled(r"(?:s|t|d|ll|re|ve|m)\b")


def _cp1252_makes_sense(line: str, match: regex.Match) -> bool:
    """cp1252 reads these C1 characters as letters, or as an apostrophe before `s`, `t`..."""
    as_cp1252 = match.group().encode("latin-1").decode("cp1252", errors="replace")
    apostrophe = as_cp1252 == "’" and APOSTROPHE_ENDING.match(line, match.end())
    return as_cp1252.isalpha() or bool(apostrophe)


@transform(screen=trigger_screen(map(chr, range(0x80, 0xA0))))
def macroman_c1_letters(text: str) -> list[Edit]:
    """Read C1 controls inside words as MacRoman letters when cp1252 makes no sense of them.

    `Coatl\x87n conf\x92an` was MacRoman read as latin-1: cp1252 would give `Coatl‡n conf’an`,
    MacRoman gives `Coatlán confían`. Only when every C1 character sits inside a word and at
    least one is no cp1252 letter or contraction apostrophe (`don\x92t` stays cp1252's `’`).
    """
    edits: list[Edit] = []
    for start, _, line in iter_lines(text):
        if line.isascii() or not C1.search(line):
            continue
        if _ftfy().fix_text(line, mojibake_config()) != _ftfy().fixes.fix_c1_controls(line):
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


# UTF-8 read as cp1250, MacRoman or cp1251, a few characters at a time. ftfy needs more
# evidence than one damaged word on a line (`bajtĹŻ`, `adres√°≈ôem`, `и¶…е‡є`); here each
# run of non-ASCII characters is judged on its own: it is repaired only when it does not
# read as real text and its repair does.
RUN_CODECS = ("cp1250", "mac_roman", "cp1251")
_TWO_NON_ASCII = re.compile(r"[^\x00-\x7f\s][^\x00-\x7f]")
# The characters UTF-8 lead bytes (0xC2-0xF4) become in those codecs: a run must start with one.
RUN_LEADS = "".join(sorted({bytes([b]).decode(c, "replace") for c in RUN_CODECS for b in range(0xC2, 0xF5)} - {"\ufffd"}))
_TONE_OR_MARK = compiled(r"\p{M}")
# A run of non-ASCII characters that starts with a lead character (found without visiting
# the runs that do not: Chinese text is one long run after another). A no-break space (byte
# 0xA0, a UTF-8 continuation byte) belongs to a run only inside it: at its end, `DATĂ\u00a0`
# is a Romanian word and a space. The lead comes first and the look back at the character
# before it second: `re` then skips ahead to the next lead, five times faster than trying
# the look-behind at every position.
LEAD_RUN = re.compile(  # `re`, not `regex`: its character sets scan several times faster
    "[" + re.escape(RUN_LEADS) + r"](?<![^\x00-\x7f\s].)(?:[^\x00-\x7f\s]|\u00a0(?=[^\x00-\x7f\s]))+"
)


def _reads_as_real(run: str) -> bool:
    """Whether a run of characters is plausible text as it stands: all letters, of one
    European alphabet or of one script, with no alternating lead letter (`РџСЂРё` is UTF-8
    Cyrillic read as cp1251: every other letter is Р or С)."""
    if not all(c.isalpha() or _TONE_OR_MARK.match(c) for c in run):
        return False
    scripts = {script_of(c) for c in run if c.isalpha()}
    if len(scripts) != 1:
        return False
    if scripts == {"LATIN"}:
        return alphabet_fit(run) == 1.0
    leads = run[::2]
    return not (len(run) >= 4 and len(set(leads)) <= 2 and len(set(run[1::2])) > 1)


def _ascii_letter_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isalpha()


def _fits_context(repairs: list[str], outside: str) -> bool:
    """A line's repairs agree: their letters are Latin, or of one other script that the rest
    of the line (`outside`) does not contradict, with two letters or more (a single Cyrillic
    or Hangul letter from two odd characters is too little to go on)."""
    letters = [c for repaired in repairs for c in repaired if c.isalpha()]
    scripts = {script_of(c) for c in letters}
    if scripts <= {"LATIN"}:
        return True
    around = {script_of(c) for c in outside if c.isalpha() and not c.isascii()}
    return len(scripts) == 1 and around <= scripts and len(letters) >= 2


def _good_repair(repaired: str) -> bool:
    """The repair is letters (and punctuation) of one script, spelling one alphabet."""
    if not all(c.isalpha() or _TONE_OR_MARK.match(c) or unicodedata.category(c)[0] == "P" or c in "€°\u00a0" for c in repaired):
        return False
    letters = [c for c in repaired if c.isalpha()]
    if not letters or len({script_of(c) for c in letters}) != 1:
        return not letters  # punctuation alone (’ “ ”) is a good repair too
    return script_of(letters[0]) != "LATIN" or alphabet_fit(repaired) == 1.0


@transform(screen=trigger_screen(RUN_LEADS))
def utf8_mojibake_runs(text: str) -> list[Edit]:
    """Repair UTF-8 read as cp1250 (`bÄ™dzie`), MacRoman (`K√∂ln`) or cp1251 (`и¶…е‡є`),
    one run of non-ASCII characters at a time. A run is repaired only when, as it stands,
    it is not plausible text (letters of one alphabet or script) and its repair is: real
    Polish, Czech, German, Spanish or Russian text is never touched (`CZĘŚĆ` stays; read
    as UTF-8 its bytes would be `ʌ`, which no alphabet spells). A run that says too little
    alone (a letter and a sign, `zatwierdziЕ‚`; a one-letter word, `Оџ`; two letters that
    could be a word) is repaired only on a line whose other runs are surely damaged, by the
    same codec and into the same script (`RzД…d ... zatwierdziЕ‚` is `Rząd ... zatwierdził`)."""
    if not _TWO_NON_ASCII.search(text):
        return []  # most texts: no two non-ASCII characters in a row (one fast `re` scan)
    edits: list[Edit] = []
    # One pass over the text finds the runs; only the few lines holding a candidate are read.
    by_line: dict[int, list[re.Match]] = {}
    for match in LEAD_RUN.finditer(text):
        by_line.setdefault(text.rfind("\n", 0, match.start()) + 1, []).append(match)
    for line_start, matches in by_line.items():
        line_end = text.find("\n", line_start)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        sure: list[tuple[Edit, str]] = []
        weak: list[re.Match] = []
        for match in matches:
            run, start, end = match.group(), match.start() - line_start, match.end() - line_start
            before, after = _ascii_letter_at(line, start - 1), _ascii_letter_at(line, end)
            # Glued to a Latin letter, a run of another script is no real word (`chybnГЅ`).
            if _reads_as_real(run) and not ((before or after) and any(c.isalpha() and script_of(c) != "LATIN" for c in run)):
                weak.append(match)
                continue
            repair = _repair_run(run)
            if repair is None:
                continue
            repaired, codec = repair
            if (before or after) and not _may_touch_latin(repaired):
                continue  # `d’échecs` read as MacRoman is `dՎchecs`: no Armenian inside a French word
            if not run[-1].isalpha() and run[-1] not in "\u00a0\u00ad" and not after and sum(c.isalpha() for c in repaired) < 2:
                weak.append(match)  # a word and then a sign: `NICIODATĂ™`, `SÓ…`, or a damaged letter
                continue  # (a Hebrew word read as cp1251 ends in one: `ЧђЧ™Ч©ЧЁЧ”` is `אישרה`)
            if len(repaired) == 1 and not (before or after):
                weak.append(match)  # one sign standing alone (`= √π`, `∆°`): too little to go on
                continue
            sure.append((Edit(match.start(), match.end(), repaired), codec))
        if not sure:
            continue
        line_edits = [edit for edit, _ in sure] + _like(weak, sure)
        outside = _outside(line, line_edits, line_start)
        if _consistent(outside) and _fits_context([e.replacement for e in line_edits], outside):
            edits.extend(sorted(line_edits, key=lambda edit: edit.start))
    return edits


#: Scripts whose letters stand right beside Latin ones in real text (`Apple公司`).
BESIDE_LATIN = frozenset(("LATIN", "CJK", "HANGUL"))


def _may_touch_latin(repaired: str) -> bool:
    """Whether a repair may sit glued to a Latin letter: its letters are Latin or CJK."""
    return all(script_of(c) in BESIDE_LATIN for c in repaired if c.isalpha())


def _like(weak: list[re.Match], sure: list[tuple[Edit, str]]) -> list[Edit]:
    """The weak runs of a line repaired as its sure ones were: by one of their codecs, into
    letters of their script."""
    codecs = tuple(dict.fromkeys(codec for _, codec in sure))
    scripts = {script_of(c) for edit, _ in sure for c in edit.replacement if c.isalpha()}
    edits = []
    for match in weak:
        repair = _repair_run(match.group(), codecs)
        if repair is None:
            continue
        text, start, end = match.string, match.start(), match.end()
        if (_ascii_letter_at(text, start - 1) or _ascii_letter_at(text, end)) and not _may_touch_latin(repair[0]):
            continue
        letters = [c for c in repair[0] if c.isalpha()]
        if letters and {script_of(c) for c in letters} <= scripts:
            edits.append(Edit(match.start(), match.end(), repair[0]))
    return edits


def _outside(line: str, edits: list[Edit], offset: int) -> str:
    """The line with the repaired runs blanked out."""
    rest = list(line)
    for edit in edits:
        rest[edit.start - offset : edit.end - offset] = [" "] * (edit.end - edit.start)
    return "".join(rest)


def _consistent(outside: str) -> bool:
    """Damage is consistent: any other non-ASCII character on the line reads as real text.
    A true dash or sign beside a "damaged" word (`Mccoy – Dr√§ber`) says the line was not
    mis-decoded as a whole, so its odd word is left as it is."""
    return all(c.isascii() or c.isalpha() or _TONE_OR_MARK.match(c) or c.isspace() for c in outside)


def _repair_run(run: str, codecs: tuple[str, ...] = RUN_CODECS) -> tuple[str, str] | None:
    """The first reading of `run` as UTF-8 bytes mis-decoded by one of `codecs` that is
    shorter and reads as letters of one alphabet or script, and that codec; else None."""
    for codec in codecs:
        try:
            repaired = run.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(repaired) < len(run) and _good_repair(repaired):
            return repaired, codec
    return None
