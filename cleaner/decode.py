"""bytes -> str, and a record of how.

The chain: a byte-order mark decides first; binary formats are refused by magic number;
then strict UTF-8 (a few NUL bytes allowed: a database export); UTF-16/32 without a BOM only
when the reading is plausible text in one script; mostly-UTF-8 with stray bytes stays UTF-8;
then chardet 7, which knows ~99 encodings and says the language and, for binary data, the
MIME type. cleaner corrects it in two known places (single-byte Latin readings re-ranked by
which one spells one European alphabet, never Western text as cp1250; lone high bytes are
Latin, not CJK pairs), narrows a CJK superset when the bytes fit the narrower codec, and
records its confidence, language and, when the call was close, the runner-up. A weak call
with a runner-up in another script gets a warning, shown for the file and kept in the log.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any


class DecodeError(ValueError):
    """The bytes cannot be read as text; `reason` is a one-line explanation."""


class MissingExtra(DecodeError):
    """The input needs an optional extra that is not installed (HTML, zstd); the message says which."""


class BinaryInput(DecodeError):
    """The bytes are a binary file (image, archive, executable...), not text."""


BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf_32_le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf_32_be"),
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)

MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (8, b"WEBP", "WebP image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"BM", ""),  # too short to trust alone; checked with a NUL below
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive (or docx/xlsx/jar)"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"BZh", ""),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"(\xb5/\xfd", "zstd archive"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"OggS", "Ogg media"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"ID3", "MP3 audio"),
    (4, b"ftyp", "MP4/QuickTime media"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document (doc/xls/msg)"),
)

# Single-byte Latin codecs decode almost any byte string, so the detector's pick among them
# is a judgement; cleaner re-ranks them by which reading spells one European alphabet.
LATIN_SINGLE_BYTE = (
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "iso8859_16", "cp1257", "iso8859_13", "iso8859_4",
)
#: Western European readings: on a tie, text is never read as another Latin codec instead.
WESTERN = ("cp1252", "latin_1", "iso8859_15")
ALPHABETS: dict[str, frozenset[str]] = {
    language: frozenset(letters)
    for language, letters in {
        "German": "äöüß",
        "French": "éèêëàâîïôûùçœæÿ",
        "Spanish": "áéíóúñü¿¡",
        "Catalan": "àèéíïòóúüç·",
        "Portuguese": "áâãàéêíóôõúç",
        "Italian": "àèéìíòóùú",
        "Nordic": "åæøäöéüðþáíóúý",
        "Dutch": "ëïéèáóöü",
        "Hungarian": "áéíóöőúüű",
        "Czech": "áčďéěíňóřšťúůýž",
        "Slovak": "áäčďéíĺľňóôŕšťúýž",
        "Polish": "ąćęłńóśźż",
        "Lithuanian": "ąčęėįšųūž",
        "Latvian": "āčēģīķļņšūž",
        "Estonian": "äöüõšž",
        "Romanian": "ăâîșțşţ",
        "Turkish": "çğıöşüâîû",
        "Vietnamese": "àáâãèéêìíòóôõùúýăđĩũơư",
        "Croatian": "čćđšž",
        "Slovene": "čšž",
    }.items()
}
ADJACENT_HIGH_BYTES = re.compile(rb"[\x80-\xff]{2}")
# Narrower legacy codecs whose mapping differs from their superset for a few code points.
NARROWER = {"gb18030": ("gb2312", "gbk"), "cp932": ("shift_jis",), "cp949": ("euc_kr",), "big5hkscs": ("big5",)}
# When the detector gives up, multi-byte codecs that decode strictly are tried in this order.
FALLBACK = ("cp932", "euc_jp", "gb18030", "big5", "euc_kr")
#: chardet's language codes -> the alphabet their text is written in (for the Latin tie-break).
LANGUAGE_ALPHABETS = {
    "de": "German", "fr": "French", "es": "Spanish", "ca": "Catalan", "pt": "Portuguese", "it": "Italian",
    "da": "Nordic", "sv": "Nordic", "no": "Nordic", "nb": "Nordic", "fi": "Nordic", "is": "Nordic",
    "nl": "Dutch", "hu": "Hungarian", "cs": "Czech", "sk": "Slovak", "pl": "Polish", "lt": "Lithuanian",
    "lv": "Latvian", "et": "Estonian", "ro": "Romanian", "hr": "Croatian", "bs": "Croatian", "sl": "Slovene",
    "tr": "Turkish", "vi": "Vietnamese",
}
#: 7-bit encodings announce themselves with escape sequences; UTF-8 would accept them as ASCII.
ISO_2022 = (("iso2022_jp", (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I")), ("iso2022_kr", (b"\x1b$)C",)), ("iso2022_jp_2", (b"\x1b$A", b"\x1b$(C", b"\x1b$(D")))
#: A language guess below this confidence does not override the Western tie rule: on a few
#: words chardet names Latvian for `très bien`.
SURE_LANGUAGE = 0.1
#: Below this confidence a non-Latin reading is always reported: too few bytes to tell.
VERY_LOW = 0.1
#: Below this confidence, a reading in another script close behind is reported as a dispute.
LOW_CONFIDENCE = 0.5
#: Scripts and plausibility are judged on the first this many characters: plenty of
#: evidence, and a cost that does not grow with the file.
JUDGED = 16384


def alphabet_fit(text: str) -> float:
    """Share of non-ASCII letters a single European alphabet covers (best language)."""
    return _fit(Counter(non_ascii(text)))


def non_ascii(text: str) -> str:
    """The text's non-ASCII characters, in order: one C-speed pass, where a findall would
    build a string object per character."""
    return _ASCII_RUN.sub("", text)


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, as surrogateescape keeps them
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ODD = re.compile(r"[^\t\n\r\x20-\x7e]")  # anything a plain ASCII text line would not hold
_LETTER_LIKE = "±³¶¼¿¹¾¤¦¨"  # what Central European letters look like read as Western: counted, to lose


def _fit(chars: Counter) -> float:
    """alphabet_fit over a count of non-ASCII characters."""
    letters: Counter = Counter()
    for char, count in chars.items():
        lower = char.lower()
        if lower.isalpha() or not lower.isprintable() or lower in _LETTER_LIKE:
            letters[lower] += count
    total = sum(letters.values())
    if not total:
        return 1.0
    return max(sum(n for c, n in letters.items() if c in alphabet) for alphabet in ALPHABETS.values()) / total


@dataclass(frozen=True)
class Decision:
    """How the bytes were read, for the change log."""

    encoding: str
    method: str  # empty | given | bom | utf-8 | utf-8-repaired | detected
    bom: bool
    newline: str  # none | lf | crlf | cr | mixed
    reason: str = ""
    confidence: float | None = None
    invalid_bytes: list[dict[str, Any]] = field(default_factory=list)
    #: Set when the call was weak or disputed: the file may be in the wrong script.
    warning: str = ""
    #: The language the detector saw, if it said.
    language: str | None = None
    #: When the call was close: the next reading that gives another text, {encoding, confidence}.
    runner_up: dict[str, Any] | None = None
    #: Characters that do not encode back to the bytes they were read from (cp932 reads two
    #: byte pairs as one character): {offset, length, bytes} each, so a revert is exact.
    unmatched: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("confidence", "language", "runner_up"):
            if data[key] is None:
                del data[key]
        if not self.unmatched:
            del data["unmatched"]
        if not self.warning:
            del data["warning"]
        return data


def newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [name for name, count in (("crlf", crlf), ("lf", lf), ("cr", cr)) if count]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def binary_kind(data: bytes) -> str | None:
    """A description of the binary format, or None if the bytes may be text."""
    for offset, magic, label in MAGIC:
        if data[offset : offset + len(magic)] == magic and (label or b"\x00" in data[:4096]):
            return label or "binary data"
    return None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, Decision]:
    """Decode `data`, or raise BinaryInput / DecodeError with a one-line reason.

    The decision lets the exact bytes be rebuilt from the text: a reading that does not
    encode back to them lists the characters that differ (`unmatched`)."""
    text, decision = _read(data, encoding)
    if decision.method in ("empty", "utf-8", "utf-8-repaired"):
        return text, decision  # strict UTF-8 always encodes back; repaired bytes are listed
    prefix = "\ufeff" if decision.bom else ""
    try:
        same = (prefix + text).encode(decision.encoding) == data
    except UnicodeEncodeError:
        same = False
    if same:
        return text, decision
    return text, replace(decision, unmatched=_unmatched(data, decision.encoding, len(prefix)))


def _unmatched(data: bytes, codec: str, skip: int) -> list[dict[str, Any]]:
    """Where the text read from `data` does not encode back to it: each group of characters
    the decoder gave for some bytes, with those bytes (only for such files). Lines that
    encode back are skipped whole; the others are read a byte at a time."""
    if skip == 0 and not codec.startswith(_NOT_BY_LINES):
        found: list[dict[str, Any]] = []
        offset = 0
        try:
            for raw in data.splitlines(keepends=True):
                line = raw.decode(codec)
                if line.encode(codec) != raw:
                    found.extend({**item, "offset": item["offset"] + offset} for item in _unmatched_bytes(raw, codec, 0))
                offset += len(line)
        except (UnicodeDecodeError, UnicodeEncodeError):
            pass  # a line cut inside a character after all: read the whole a byte at a time
        else:
            return found
    return _unmatched_bytes(data, codec, skip)


#: Codecs whose line-break bytes may belong to other characters (UTF-16/32), or that carry a
#: state across lines (ISO-2022, HZ, UTF-7): never split by lines.
_NOT_BY_LINES = ("utf-16", "utf_16", "utf-32", "utf_32", "iso2022", "iso-2022", "hz", "utf-7", "utf_7")


def _unmatched_bytes(data: bytes, codec: str, skip: int) -> list[dict[str, Any]]:
    decoder = codecs.getincrementaldecoder(codec)()
    found: list[dict[str, Any]] = []
    offset, pending = -skip, bytearray()
    for byte in data:
        pending.append(byte)
        chars = decoder.decode(bytes((byte,)))
        if not chars:
            continue
        try:
            back = chars.encode(codec)
        except UnicodeEncodeError:
            back = b""
        if back != pending and offset >= 0:
            found.append({"offset": offset, "length": len(chars), "bytes": pending.hex()})
        offset += len(chars)
        pending.clear()
    return found


def _read(data: bytes, encoding: str | None) -> tuple[str, Decision]:
    if not data:
        return "", Decision("utf_8", "empty", False, "none")
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {codec}: {exc.reason} at byte {exc.start}") from None
        bom = text.startswith("\ufeff")
        text = text[1:] if bom else text
        return text, Decision(codec, "given", bom, newline_style(text), reason="--encoding")

    failed = None
    for bom, codec in BOMS:
        if data.startswith(bom):
            # UTF-32-LE's mark begins with UTF-16-LE's: `FF FE 00 00` may be UTF-16 text
            # whose first character is U+0000. The longer mark is tried first, then the next.
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                failed = failed or f"has a {codec} byte-order mark but is not valid {codec} at byte {exc.start}"
                continue
            return text, Decision(codec, "bom", True, newline_style(text), reason="byte-order mark")
    if failed:
        raise DecodeError(failed)

    kind = binary_kind(data)
    if kind:
        raise BinaryInput(f"binary file ({kind})")

    seven_bit = _iso_2022(data)
    if seven_bit is not None:
        text, codec = seven_bit
        return text, Decision(codec, "detected", False, newline_style(text), reason="7-bit text with ISO-2022 escape sequences")
    nuls = data.count(0)
    if nuls <= len(data) // 10:
        # No NUL, or a few among text (a database export): UTF-16/32 text would have a NUL in
        # most code units, binary data would not decode. The NULs are removed by CC002, logged.
        try:
            text = data.decode("utf_8")
        except UnicodeDecodeError:
            pass
        else:
            # With NULs, the rest must read as text: UTF-16 of Cyrillic or Greek is valid
            # "UTF-8" too, all control characters.
            if not nuls or plausible_share(text.replace("\x00", "")) >= 0.95:
                reason = f"valid UTF-8 with {nuls} NUL byte(s)" if nuls else "valid UTF-8"
                return text, Decision("utf_8", "utf-8", False, newline_style(text), reason=reason)
    if nuls:
        wide = _wide(data)
        if wide is None:
            raise BinaryInput("binary file (NUL bytes, and no UTF-16/32 reading is plausible text)")
        text, codec = wide
        return text, Decision(codec, "detected", False, newline_style(text), reason="UTF-16/32 without a byte-order mark: plausible text in one script")
    else:
        repaired = _mostly_utf8(data)
        if repaired:
            text, invalid = repaired
            return text, Decision(
                "utf_8",
                "utf-8-repaired",
                False,
                newline_style(text),
                reason=f"UTF-8 with {len(invalid)} invalid byte(s), each read as cp1252 or U+FFFD",
                invalid_bytes=invalid,
            )
    return _detect(data)


def _mostly_utf8(data: bytes) -> tuple[str, list[dict[str, Any]]] | None:
    """Text that is UTF-8 but for a few stray bytes, or None.

    Re-reading such text as cp1252 would turn every real `é` into `Ã©`: keep the UTF-8 and
    read only the bad bytes as cp1252 (a stray `\\x92` is usually an apostrophe), else U+FFFD.
    """
    if not _UTF8_SEQUENCE.search(data):
        return None  # not one valid multi-byte UTF-8 character: legacy bytes, not stray ones
    loose = data.decode("utf_8", errors="surrogateescape")
    invalid_count = len(_ESCAPED.findall(loose))
    valid_multibyte = len(non_ascii(loose)) - invalid_count
    if valid_multibyte < invalid_count or not valid_multibyte:
        return None
    parts: list[str] = []
    invalid: list[dict[str, Any]] = []
    offset = 0
    for char in loose:
        if "\udc80" <= char <= "\udcff":
            byte = ord(char) - 0xDC00
            try:
                replacement = bytes([byte]).decode("cp1252")
            except UnicodeDecodeError:
                replacement = "\ufffd"
            invalid.append({"offset": offset, "byte": f"{byte:02x}", "as": replacement})
            parts.append(replacement)
            offset += 1
        else:
            parts.append(char)
            offset += len(char.encode("utf_8", errors="surrogatepass"))
    return "".join(parts), invalid


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The script a letter belongs to, by its Unicode name (LATIN, CYRILLIC, CJK, HANGUL...)."""
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return "CJK" if first in ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "IDEOGRAPHIC") else first


def dominant_script(text: str) -> tuple[str, float]:
    """The script most non-ASCII letters are in (among the first JUDGED characters), and
    their share (1.0 for ASCII-only text)."""
    counts: dict[str, int] = {}
    for char, count in Counter(non_ascii(text[:JUDGED])).items():
        if char.isalpha():
            script = script_of(char)
            counts[script] = counts.get(script, 0) + count
    if not counts:
        return "ASCII", 1.0
    script = max(counts, key=counts.__getitem__)
    return script, counts[script] / sum(counts.values())


def script_family(text: str) -> str:
    """The text's dominant script, ASCII counted as Latin (a quote read as `ö` is a Latin
    mistake, not a change of script)."""
    script = dominant_script(text)[0]
    return "LATIN" if script == "ASCII" else script


def plausible_share(text: str) -> float:
    """Share of characters a text file plausibly holds: printable, or tab and line breaks."""
    if not text:
        return 0.0
    odd = Counter(_ODD.findall(text))
    bad = sum(n for c, n in odd.items() if not c.isprintable() or "\ue000" <= c <= "\uf8ff")
    return 1 - bad / len(text)


def _wide(data: bytes) -> tuple[str, str] | None:
    """UTF-16/32 without a byte-order mark, only when the reading is plausible text in one
    script; between readings, the one with more ASCII wins (`a\\0b\\0` is `ab`, not CJK)."""
    best = None
    for codec in ("utf_32_le", "utf_32_be", "utf_16_le", "utf_16_be"):
        text = _strict(data, codec)
        if text is None or plausible_share(text) < 0.97:
            continue
        letters = [c for c in text if c.isalpha()]
        if letters and dominant_script("".join(c for c in letters if not c.isascii()) or "a")[1] < 0.8:
            continue
        ascii_share = sum(c.isascii() for c in text) / len(text)
        if best is None or ascii_share > best[0]:
            best = (ascii_share, text, codec)
    return None if best is None else (best[1], best[2])


def _iso_2022(data: bytes) -> tuple[str, str] | None:
    """ISO-2022-JP/KR text: all bytes 7-bit, escape sequences that switch to a CJK set."""
    if b"\x1b" not in data or not data.isascii():
        return None
    for codec, escapes in ISO_2022:
        if any(escape in data for escape in escapes):
            text = _strict(data, codec)
            if text is not None and dominant_script(text)[0] in ("CJK", "HANGUL"):
                return text, codec
    return None


def _codec(name: str | None) -> str | None:
    """Python's name for a detector's encoding name, or None if Python cannot decode it."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detect(data: bytes) -> tuple[str, Decision]:
    """chardet 7 proposes; cleaner corrects within Latin, narrows, and says when it is unsure."""
    import chardet  # here, not at the top: UTF-8 input (most of it) never needs a detector

    results = chardet.detect_all(data, prefer_superset=False)
    top = results[0] if results else {}
    if top.get("encoding") is None and top.get("mime_type") and not str(top["mime_type"]).startswith("text/"):
        raise BinaryInput(f"binary file ({top['mime_type']})")
    readings: list[tuple[str, str, float, str | None]] = []  # codec, text, confidence, language
    for result in results[:3]:
        codec = _codec(result.get("encoding"))
        text = _strict(data, codec) if codec else None
        if text is not None and all(text != seen for _, seen, _, _ in readings):
            readings.append((codec, text, float(result.get("confidence") or 0.0), result.get("language")))
    if not readings:
        for codec in FALLBACK:
            text = _strict(data, codec)
            if text is not None:
                reason = "detector undecided; first multi-byte codec that decodes strictly"
                return text, Decision(codec, "detected", False, newline_style(text), reason=reason, warning="detector undecided")
        # Single-byte Latin as the last resort: latin_1 decodes any byte string.
        codec = "cp1252" if _strict(data, "cp1252") is not None else "latin_1"
        text = data.decode(codec)
        return text, Decision(codec, "detected", False, newline_style(text), reason="detector undecided; single-byte fallback", warning="detector undecided")
    codec, text, confidence, language = readings[0]
    reason = f"chardet {chardet.__version__}"
    odd = implausibility(text)
    if odd > (0, MIXED_LIMIT):
        # Control characters in words (`m\x8emoire`) or letters of another script inside
        # Latin words (`pΣivΣ`): the marks of a wrong single-byte reading. Take the reading
        # with the fewest, if one has fewer.
        better = _most_plausible(data, [r["encoding"] for r in results if r.get("encoding")], text)
        if better is not None:
            reason += f"; {codec} puts control characters or other scripts inside words, {better[0]} does not"
            codec, text = better
            confidence, language = 0.0, None
            odd = implausibility(text)
    if not ADJACENT_HIGH_BYTES.search(data) and dominant_script(text)[0] == "CJK":
        # Every non-ASCII byte stands alone between ASCII bytes: Latin text with accents
        # (`tr\xe8s bien`), which CJK codecs also "decode" by pairing a byte with a letter.
        codec = "cp1252" if _strict(data, "cp1252") is not None else "latin_1"
        text = data.decode(codec)
        reason += "; isolated high bytes read as single-byte Latin, not as CJK pairs"
    weak_exotic = (
        codec not in LATIN_SINGLE_BYTE and confidence < SURE_LANGUAGE and len(text) == len(data)
        and dominant_script(text)[0] in ("LATIN", "ASCII")
    )
    if codec in LATIN_SINGLE_BYTE or weak_exotic:
        # A single-byte Latin reading: weigh it against the others (a weak MacIceland or
        # cp437 guess on a few words of German too: `Grüße aus Köln`).
        chosen, chosen_text = _latin(data, codec, text, language if confidence >= SURE_LANGUAGE else None, weak_exotic)
        if chosen != codec:
            reason += f"; {chosen} spells one alphabet better than {codec}"
            codec, text = chosen, chosen_text
            odd = implausibility(text)
    for narrower in NARROWER.get(codec, ()):
        narrow_text = _strict(data, narrower)
        if narrow_text is not None:
            # The bytes fit the narrower codec: read them with its mapping (gb2312's `―`
            # for A1AA where gbk has `—`), as text labelled with it was written.
            reason += f"; the bytes fit the narrower {narrower}"
            codec, text = narrower, narrow_text
            break
    runner_up, warning = _doubt(data, text, confidence, [r for r in readings if r[1] != text])
    if not warning and odd > (0, MIXED_LIMIT):
        warning = f"unsure: the {codec} reading still has control characters or other scripts inside words"
    return text, Decision(
        codec, "detected", False, newline_style(text), reason=reason, confidence=round(confidence, 3),
        language=language, runner_up=runner_up, warning=warning,
    )


_WORD = re.compile(r"[^\W\d_]+")
_ADJACENT = re.compile(r"[A-Za-z][^\x00-\x7f]|[^\x00-\x7f][A-Za-z]")
_C1 = re.compile(r"[\x80-\x9f]")
#: Scripts written without spaces between words: Latin words run into them legitimately.
UNSPACED = {"CJK", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN"}
#: Latin letters, plain or full-width (`Ｐ`, common in Chinese and Japanese text).
LATIN_FORMS = {"LATIN", "FULLWIDTH"}
#: A reading with more mixed-script words than this share is implausible.
MIXED_LIMIT = 0.3


def mixed_words(text: str) -> float:
    """Share of words with non-ASCII letters that also hold ASCII letters while their
    non-ASCII letters are of a spaced non-Latin script: `pΣivΣ`, `fran\u0637ais`. Real
    Greek, Cyrillic or Arabic words are not spelled with ASCII letters inside them (Chinese
    and Thai, written without spaces, are left out)."""
    text = text[:JUDGED]
    if not _ADJACENT.search(text):
        return 0.0  # no ASCII letter touches a non-ASCII character: no word can mix
    foreign = {c for c in set(non_ascii(text)) if c.isalpha() and script_of(c) not in UNSPACED | LATIN_FORMS}
    if not foreign:
        return 0.0
    # A mixed word has an ASCII letter and a foreign one with only non-ASCII letters between
    # them, in one order or the other: two linear searches rule most texts out at once.
    between = "[^\\W\\d_\\x00-\\x7f]*"
    one_way = re.compile(f"[A-Za-z]{between}[{re.escape(''.join(sorted(foreign)))}]")
    if not one_way.search(text) and not one_way.search(text[::-1]):
        return 0.0
    words = [word for word in _WORD.findall(text) if not word.isascii()]
    mixed = sum(1 for word in words if _ASCII_RUN.search(word) and not foreign.isdisjoint(word))
    return mixed / len(words) if words else 0.0


# DOS box drawing and math signs glued to a Latin letter (`m└moire`, `co√te`, `╟a`): what
# accented letters look like read in the wrong DOS code page, never seen in real words.
_DOS_SIGNS = "[\u2500-\u259f√∞≈≠≤≥∑∏∫∂∆∩⌠⌡ⁿ]"
_BOX_IN_WORD = re.compile(f"(?<=[A-Za-z]){_DOS_SIGNS}|{_DOS_SIGNS}(?=[A-Za-z])")
_DOS_SIGN = re.compile(_DOS_SIGNS)  # a quick test before the slower search above


def implausibility(text: str) -> tuple[int, float]:
    """(C1 control characters and DOS signs glued to Latin letters, share of mixed-script
    words) in the first JUDGED characters: (0, 0.0) for plausible text."""
    text = text[:JUDGED]
    boxes = len(_BOX_IN_WORD.findall(text)) if _DOS_SIGN.search(text) else 0
    return len(_C1.findall(text)) + boxes, mixed_words(text)


def _most_plausible(data: bytes, names: list, text: str) -> tuple[str, str] | None:
    """Among the detector's other readings, charset-normalizer's, and the common Western
    ones, the most plausible reading, if it is more plausible than `text`."""
    import charset_normalizer

    second = charset_normalizer.from_bytes(data).best()
    candidates = [_codec(n) for n in names] + ([_codec(second.encoding)] if second else []) + ["cp1252", "mac_roman", "cp850"]
    best, best_score = None, implausibility(text)
    for codec in dict.fromkeys(c for c in candidates if c):
        reading = _strict(data, codec)
        if reading is None or reading == text:
            continue
        score = implausibility(reading)
        if score < best_score:
            best, best_score = (codec, reading), score
    return best


def _latin(data: bytes, codec: str, text: str, language: str | None, only_western: bool = False) -> tuple[str, str]:
    """Among the single-byte Latin readings, the one that spells a single alphabet best.

    On a tie the detector's pick stays, except that Western European text is never read as
    a Central European or Baltic codec (`très` as `trčs`): there cp1252 wins, unless the
    detector's language is written in an alphabet the other reading fits and cp1252's does
    not (Croatian `Čč`, not `Èè`)."""
    # Single-byte codecs differ only on the high bytes: judge each reading by those alone.
    high = Counter(b for b in data if b >= 0x80)
    high_bytes = bytes(high)

    def chars(reading: str) -> Counter:
        return Counter({char: high[byte] for byte, char in zip(high_bytes, reading)})

    best, best_chars = codec, chars(high_bytes.decode(codec))
    best_fit = _fit(best_chars)
    letters = sum(n for c, n in best_chars.items() if c.isalpha())
    for other in ("cp1252",) if only_western else LATIN_SINGLE_BYTE:
        try:
            reading = high_bytes.decode(other)
        except UnicodeDecodeError:
            continue
        other_chars = chars(reading)
        if other_chars == best_chars:
            continue
        fit = _fit(other_chars)
        if only_western and (fit < 1.0 or sum(n for c, n in other_chars.items() if c.isalpha()) < letters):
            continue
        western_tie = fit == best_fit and best not in WESTERN and other == "cp1252"
        if western_tie and _spells(language, best_chars) and not _spells(language, other_chars):
            western_tie = False
        if fit > best_fit or western_tie:
            best, best_chars, best_fit = other, other_chars, fit
    return best, text if best == codec else data.decode(best)


def _spells(language: str | None, chars: Counter) -> bool:
    """Whether every non-ASCII letter among `chars` is in the alphabet of `language`."""
    alphabet = ALPHABETS.get(LANGUAGE_ALPHABETS.get(language or "", ""))
    return alphabet is not None and all(c.lower() in alphabet for c in chars if c.isalpha())


def _doubt(data: bytes, text: str, confidence: float, others: list[tuple[str, str, float, str | None]]) -> tuple[dict | None, str]:
    """The runner-up when the call was close, and a warning when it was weak, the runner-up
    reads as another script, and charset-normalizer (asked only then) does not side with us."""
    if confidence < VERY_LOW:
        script = dominant_script(text)[0]
        if script not in ("LATIN", "ASCII"):
            # A few bytes of a single-byte non-Latin codec read as almost any script (`ГОСТ`
            # in cp1251 is `цняр` in KOI8-U): say so rather than pick one silently.
            runner_up = {"encoding": others[0][0], "confidence": round(others[0][2], 3)} if others else None
            return runner_up, f"unsure: confidence {confidence:.2f}, too little text to be sure it is {script.lower()}"
    if not others:
        return None, ""
    codec, other_text, other_confidence, _ = others[0]
    if other_confidence < confidence * 0.8 or implausibility(other_text) > (0, MIXED_LIMIT):
        return None, ""  # not close, or a reading already ruled out (other scripts inside words)
    runner_up = {"encoding": codec, "confidence": round(other_confidence, 3)}
    if confidence >= LOW_CONFIDENCE:
        return runner_up, ""
    script, other_script = dominant_script(text)[0], dominant_script(other_text)[0]
    if script == other_script:
        return runner_up, ""
    import charset_normalizer

    second = charset_normalizer.from_bytes(data).best()
    if second is not None and str(second) == text:
        return runner_up, ""  # the other detector agrees
    return runner_up, f"unsure: read as {script.lower()} text, could be {other_script.lower()} ({codec})"
