"""bytes -> str, and a record of how.

The chain (DESIGN.md section 4): a byte-order mark decides first; then strict UTF-8 (not
when the bytes hold NUL, which is UTF-16/32 or binary); then charset-normalizer restricted to
a candidate list, because its unrestricted guess reads short Western European text as cp1250
about half the time (`très` -> `trčs`). Binary files are recognised and refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import charset_normalizer


class DecodeError(ValueError):
    """The bytes cannot be read as text; `reason` is a one-line explanation."""


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

# What the detector may choose from. Western European first: ties go to cp1252.
CANDIDATES: tuple[str, ...] = (
    "cp1252",
    "latin_1",
    "gb18030",
    "big5",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "cp1257",
    "utf_16_le",
    "utf_16_be",
    "utf_32_le",
    "utf_32_be",
)
# Single-byte Latin codecs decode almost any byte string, so the detector's pick among them
# is a judgement; cleaner re-ranks them by which reading spells one European alphabet.
LATIN_SINGLE_BYTE = ("cp1252", "latin_1", "cp1250", "iso8859_2", "cp1257")
ALPHABETS: dict[str, frozenset[str]] = {
    language: frozenset(letters)
    for language, letters in {
        "German": "äöüß",
        "French": "éèêëàâîïôûùçœæÿ",
        "Spanish": "áéíóúñü¿¡",
        "Portuguese": "áâãàéêíóôõúç",
        "Italian": "àèéìíòóùú",
        "Nordic": "åæøäöéüðþ",
        "Dutch": "ëïéèáóöü",
        "Hungarian": "áéíóöőúüű",
        "Czech": "áčďéěíňóřšťúůýž",
        "Slovak": "áäčďéíĺľňóôŕšťúýž",
        "Polish": "ąćęłńóśźż",
        "Lithuanian": "ąčęėįšųūž",
        "Latvian": "āčēģīķļņšūž",
        "Estonian": "äöüõšž",
        "Romanian": "ăâîșțşţ",
        "Croatian": "čćđšž",
    }.items()
}
ADJACENT_HIGH_BYTES = re.compile(rb"[\x80-\xff]{2}")
UTF_16_32 = re.compile(r"utf[_-]?(16|32)")
# Narrower legacy codecs whose mapping differs from their superset for a few code points.
NARROWER = {"gb18030": ("gb2312", "gbk"), "cp932": ("shift_jis",), "cp949": ("euc_kr",)}
# When the detector gives up, multi-byte codecs that decode strictly are tried in this order.
FALLBACK = ("cp932", "euc_jp", "gb18030", "big5", "euc_kr")


def alphabet_fit(text: str) -> float:
    """Share of non-ASCII letters a single European alphabet covers (best language)."""
    letters = [c for c in text.lower() if not c.isascii() and (c.isalpha() or not c.isprintable() or c in "±³¶¼¿¹¾¤¦¨")]
    if not letters:
        return 1.0
    return max(sum(c in alphabet for c in letters) for alphabet in ALPHABETS.values()) / len(letters)


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

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if self.confidence is None:
            del data["confidence"]
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
    """Decode `data`, or raise BinaryInput / DecodeError with a one-line reason."""
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

    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"has a {codec} byte-order mark but is not valid {codec} at byte {exc.start}") from None
            return text, Decision(codec, "bom", True, newline_style(text), reason="byte-order mark")

    kind = binary_kind(data)
    if kind:
        raise BinaryInput(f"binary file ({kind})")

    nuls = data.count(0)
    if nuls <= len(data) // 10:
        # No NUL, or a few among text (a database export): UTF-16/32 text would have a NUL in
        # most code units, binary data would not decode. The NULs are removed by CC002, logged.
        try:
            text = data.decode("utf_8")
        except UnicodeDecodeError:
            pass
        else:
            reason = f"valid UTF-8 with {nuls} NUL byte(s)" if nuls else "valid UTF-8"
            return text, Decision("utf_8", "utf-8", False, newline_style(text), reason=reason)
    if not nuls:
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
    loose = data.decode("utf_8", errors="surrogateescape")
    invalid_count = sum(1 for c in loose if "\udc80" <= c <= "\udcff")
    valid_multibyte = sum(1 for c in loose if ord(c) > 0x7F and not ("\udc80" <= c <= "\udcff"))
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


def _detect(data: bytes) -> tuple[str, Decision]:
    results = charset_normalizer.from_bytes(data, cp_isolation=list(CANDIDATES))
    best = results.best()
    reason = "charset-normalizer, restricted candidates"
    if best is None:
        if b"\x00" in data:
            raise BinaryInput("binary file (NUL bytes, no text encoding fits)")
        for codec in FALLBACK:
            text = _strict(data, codec)
            if text is not None:
                reason = "detector undecided; first multi-byte codec that decodes strictly"
                return text, Decision(codec, "detected", False, newline_style(text), reason=reason)
        # Single-byte Latin as the last resort: latin_1 decodes any byte string.
        codec = "cp1252" if _strict(data, "cp1252") is not None else "latin_1"
        text = data.decode(codec)
        return text, Decision(codec, "detected", False, newline_style(text), reason="detector undecided; single-byte fallback")
    codec = codecs.lookup(best.encoding).name
    text = _strict(data, codec)
    if text is None:
        text = str(best)
    if codec not in LATIN_SINGLE_BYTE and not UTF_16_32.match(codec) and not ADJACENT_HIGH_BYTES.search(data):
        # Every non-ASCII byte stands alone between ASCII bytes: Latin text with accents
        # (`tr\xe8s bien`), which CJK codecs also "decode" by pairing a byte with a letter.
        codec = "cp1252"
        reason += "; isolated high bytes read as single-byte Latin, not as CJK pairs"
    if codec in LATIN_SINGLE_BYTE:
        # Re-rank the Latin readings: the one that spells a single alphabet wins; ties go to
        # the order of LATIN_SINGLE_BYTE, so Western European text never comes out as cp1250.
        readings = [(c, t) for c in LATIN_SINGLE_BYTE if (t := _strict(data, c)) is not None]
        chosen, chosen_text = max(readings, key=lambda r: alphabet_fit(r[1]))
        if chosen != codec:
            reason += f"; {chosen} spells one alphabet better than {codec}"
        codec, text = chosen, chosen_text
    for narrower in NARROWER.get(codec, ()):
        narrow_text = _strict(data, narrower)
        if narrow_text is not None:
            reason += f"; the bytes fit the narrower {narrower}"
            codec, text = narrower, narrow_text
            break
    confidence = round(max(0.0, 1.0 - best.chaos), 3)
    return text, Decision(codec, "detected", False, newline_style(text), reason=reason, confidence=confidence)
