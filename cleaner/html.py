"""HTML in: a page's bytes read as a browser reads them, its article taken out by trafilatura.

The extraction is the optional `html` extra (`pip install 'cleaner[html]'`); without it an
HTML input is refused with a one-line message saying so. After extraction the text goes
through the pipeline like any other, and the change log records the extraction (extractor,
version, settings, the extracted text's hash) and the rule changes on the extracted text.
The page itself is never rewritten: its text is written beside it, as `.txt`.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import regex

from cleaner.decode import (
    ALPHABETS,
    JUDGED,
    LANGUAGE_ALPHABETS,
    Decision,
    MissingExtra,
    alphabet_fit,
    decode,
    implausibility,
    newline_style,
    non_ascii,
    script_family,
)

if TYPE_CHECKING:
    from cleaner.pipeline import Pipeline, Result

HTML = "html"
HTML_SUFFIXES = (".html", ".htm")
INSTALL_HINT = "HTML input needs the html extra: pip install 'cleaner[html]'"

#: trafilatura.extract's settings: comments are not the article (the benchmark's truth and
#: a corpus's readers agree); tables are. `favor_precision` scored higher on the benchmark's
#: dev part but drops article text (recall 0.982 -> 0.968 on its test part): not taken.
SETTINGS: dict[str, Any] = {"output_format": "txt", "include_comments": False, "include_tables": True}

#: Where the HTML standard's prescan looks for a declared encoding (it stops at 1024 bytes;
#: real pages put long scripts first, so a little further).
PRESCAN = 4096
_META = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]+)", re.I)
_XML = re.compile(rb"<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:+-]+)", re.I)
#: Labels the HTML standard reads as a superset (browsers do the same, and pages count on it).
_SUPERSET_LABELS = {
    "latin_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "utf_16": "utf_8",  # a page cannot declare UTF-16 in a <meta>: the standard says UTF-8
    "utf_16_le": "utf_8",
    "utf_16_be": "utf_8",
}


@functools.cache
def _supersets() -> dict[str, str]:
    """The table by codec name (looked up when a page first needs it: each lookup imports a codec)."""
    return {codecs.lookup(label).name: codec for label, codec in _SUPERSET_LABELS.items()}


def declared_encoding(data: bytes) -> str | None:
    """The codec a page declares in a <meta> (or an XML declaration), as browsers read it."""
    head = data[:PRESCAN]
    match = _META.search(head) or _XML.search(head)
    if not match:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _supersets().get(codec, codec)


def decode_html(data: bytes, encoding: str | None = None) -> tuple[str, Decision]:
    """The page's text: a byte-order mark or (nearly) valid UTF-8 first; else the encoding
    the page declares, when its bytes read in it as well as in the one detected without it.

    Declarations are often wrong (a template's default left in place), and chardet reads
    them too: so detection runs on the page with its declaration blanked out, and the
    declared reading must be in the same script, spell one alphabet (and the detected
    language's) as well, and glue no more symbols inside words. Otherwise the detected
    reading is taken and the disagreement reported."""
    declared = declared_encoding(data) if encoding is None else None
    if declared is None:
        return decode(data, encoding)
    _, decision = decode(_hidden(data))  # one detector call, blind to the declaration
    if decision.method != "detected":
        return decode(data)  # a byte-order mark or UTF-8: the declaration does not matter
    try:
        text = data.decode(decision.encoding)
    except UnicodeDecodeError:
        return decode(data)  # blanking changed how a multi-byte reading aligns
    if declared == decision.encoding:
        return text, decision
    try:
        reading = data.decode(declared)
    except UnicodeDecodeError:
        return text, replace(decision, warning=_join(decision.warning, f"the page declares {declared}, but its bytes are not valid {declared}"))
    if reading == text:
        return text, decision
    if _reads_as_well(reading, text, decision.language):
        reason = f"declared in the page; reads as well as the detected {decision.encoding}"
        return reading, Decision(declared, "declared", False, newline_style(reading), reason=reason)
    return text, replace(decision, warning=_join(decision.warning, f"the page declares {declared}, but its text reads as {decision.encoding}"))


def _hidden(data: bytes) -> bytes:
    """The page with its encoding declarations blanked out (same length), for the detector."""
    head = data[:PRESCAN]
    for pattern in (_META, _XML):
        head = pattern.sub(lambda m: b" " * len(m.group(0)) if m.group(0).isascii() else m.group(0), head)
    return head + data[PRESCAN:]


#: A symbol between two ASCII letters (`caf‚`, `na‹ve`): a letter read in the wrong codec.
_SYMBOL_IN_WORD = regex.compile(r"(?<=[A-Za-z])[^\x00-\x7f\p{L}\p{M}](?=[A-Za-z])")


def _reads_as_well(declared: str, detected: str, language: str | None) -> bool:
    """Whether the declared reading is as plausible as the detected one on every count."""
    if script_family(declared) != script_family(detected) or implausibility(declared) > implausibility(detected):
        return False
    symbols = len(_SYMBOL_IN_WORD.findall(declared[:JUDGED])), len(_SYMBOL_IN_WORD.findall(detected[:JUDGED]))
    fit = alphabet_fit(declared), alphabet_fit(detected)
    if symbols[0] > symbols[1] or fit[0] < fit[1]:
        return False
    if fit[0] > fit[1]:
        return True
    # Even: the language the detector saw decides (its alphabet spelled at least as well).
    alphabet = ALPHABETS.get(LANGUAGE_ALPHABETS.get(language or "", ""))
    return alphabet is None or _share_in(declared, alphabet) >= _share_in(detected, alphabet)


def _share_in(text: str, alphabet: frozenset[str]) -> float:
    letters = [char.lower() for char in non_ascii(text[:JUDGED]) if char.isalpha()]
    return sum(char in alphabet for char in letters) / len(letters) if letters else 1.0


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise MissingExtra(INSTALL_HINT) from None
    return trafilatura


def extractor() -> dict[str, Any]:
    """The extractor, its version and settings, for the change log."""
    return {"extractor": "trafilatura", "version": _trafilatura().__version__, "settings": SETTINGS}


def extract(page: str) -> tuple[str, dict[str, Any]]:
    """The article's text (empty when none is found) and the record of how it was extracted."""
    text = _trafilatura().extract(page, **SETTINGS) or ""
    return text, {**extractor(), "text_sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()}


def clean_html(pipeline: Pipeline, data: bytes, encoding: str | None = None) -> Result:
    """Decode a page, extract its article and clean that text; offsets in the Result's
    changes are in the extracted text (`result.input`)."""
    page, decision = decode_html(data, encoding)
    text, extraction = extract(page)
    result = pipeline.clean(text)
    problems = list(result.problems)
    if decision.warning:
        problems.append(f"decoded as {decision.encoding}: {decision.warning}")
    if not text:
        problems.append("no article text found in the page; the output is empty")
    return replace(result, decision=decision, input_bytes=data, extraction=extraction, problems=problems)


def clean_html_field(pipeline: Pipeline, page: str) -> Result:
    """A record's HTML field: its article, cleaned as a field (no final-newline rule); the
    file's log names the extractor once (records.RecordFile.log)."""
    return pipeline.clean_field(extract(page)[0])
