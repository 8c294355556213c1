"""The two input formats: text documents, and JSONL files whose records carry a text field.

A JSONL file is cleaned record by record as a stream, so its size does not matter. Only the
text field of each record changes: its value is spliced into the original line, so every
other byte of the line (key order, spacing, number spelling, other strings' escapes) stays.
A line that is not a JSON object is passed through byte for byte and reported.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field, replace
from json.decoder import scanstring
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Iterator, Mapping

from cleaner.changelog import Change, ChangeSpool, FileLog, revert
from cleaner.compression import SUFFIXES
from cleaner.html import clean_html_field, extractor

if TYPE_CHECKING:
    from cleaner.pipeline import Pipeline, Result

JSONL = "jsonl"
JSONL_SUFFIXES = tuple(f"{name}{packed}" for name in (".jsonl", ".ndjson") for packed in ("", *SUFFIXES))
DEFAULT_TEXT_FIELD = "text"
UTF8_BOM = b"\xef\xbb\xbf"


#: The largest JSONL line (one record) read into memory; longer ones stream through untouched.
MAX_RECORD_MB = 64
#: Problem lines kept per file: a file of broken lines reports the first ones and a count.
MAX_PROBLEMS = 100
_COPY_CHUNK = 1 << 20


@dataclass
class RecordCounts:
    total: int = 0
    changed: int = 0
    malformed: int = 0
    without_field: int = 0
    too_large: int = 0
    first_without_field: int | None = None

    def to_json(self) -> dict[str, int]:
        data = {"total": self.total, "changed": self.changed, "malformed": self.malformed, "without_field": self.without_field}
        if self.too_large:
            data["too_large"] = self.too_large
        return data


class LongLine:
    """A line over the record limit: its bytes, read in chunks as they are consumed, never held whole."""

    def __init__(self, head: bytes, handle: IO[bytes]):
        self.head, self.handle = head, handle

    def chunks(self) -> Iterator[bytes]:
        chunk = self.head
        while True:
            yield chunk
            if chunk.endswith(b"\n"):
                return
            chunk = self.handle.readline(_COPY_CHUNK)
            if not chunk:
                return


def read_lines(handle: IO[bytes], max_bytes: int) -> Iterator[bytes | LongLine]:
    """The file's lines (endings kept); a line longer than `max_bytes` comes as a LongLine,
    whose chunks must be consumed before the next line is asked for."""
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            yield LongLine(raw, handle)
        else:
            yield raw


@dataclass
class Line:
    """One line of a JSONL file: what came in, what goes out, and why."""

    number: int
    raw: bytes
    out: bytes
    status: str  # "cleaned", "unchanged", "blank", "malformed", "no-field", "too-large"
    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: "too-large" only: the line's bytes, to be copied through (raw and out are empty).
    long: LongLine | None = None
    #: "cleaned" only: the text the changes' offsets point into (the field's input value, or
    #: the article extracted from the HTML field), for showing them in context.
    text: str | None = None


_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def value_span(line: str, key: str) -> tuple[int, int] | None:
    """Where the value of top-level `key` sits in a JSON object's text (the last one wins, as in json.loads)."""
    pos = _WS.match(line, 0).end()
    if line[pos : pos + 1] != "{":
        return None
    pos = _WS.match(line, pos + 1).end()
    found = None
    while line[pos : pos + 1] == '"':
        name, pos = scanstring(line, pos + 1)
        pos = _WS.match(line, pos).end()
        if line[pos : pos + 1] != ":":
            return None
        start = _WS.match(line, pos + 1).end()
        _, end = _DECODER.raw_decode(line, start)
        if name == key:
            found = (start, end)
        pos = _WS.match(line, end).end()
        if line[pos : pos + 1] != ",":
            break
        pos = _WS.match(line, pos + 1).end()
    return found


SURROGATE = re.compile("[\ud800-\udfff]")


def encode_string(value: str, like: str) -> str:
    """`value` as a JSON string in the style of `like`: \\u-escaped if that was pure-ASCII escaped."""
    ascii_style = like.isascii() and "\\u" in like
    has_surrogate = SURROGATE.search(value) is not None
    return json.dumps(value, ensure_ascii=ascii_style or has_surrogate)


def clean_line(pipeline: Pipeline, number: int, raw: bytes, text_field: str, html_field: str | None = None) -> Line:
    """Clean one JSONL line; anything that is not an object with a string `text_field` passes through.

    With `html_field`, the article of that field's HTML is extracted, cleaned and added to
    the record as `text_field` (the last key); a record that has `text_field` already is
    left as it is and reported: nothing is overwritten."""
    body = raw.rstrip(b"\r\n")
    ending = raw[len(body) :]
    bom = UTF8_BOM if number == 1 and body.startswith(UTF8_BOM) else b""
    body = body[len(bom) :]
    if not body.strip():
        return Line(number, raw, raw, "blank")
    try:
        text = body.decode("utf-8")
        record = json.loads(text)
    except UnicodeDecodeError as exc:
        return Line(number, raw, raw, "malformed", problems=[f"line {number}: not UTF-8 (byte {exc.start}); passed through"])
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        where = f" at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        return Line(number, raw, raw, "malformed", problems=[f"line {number}: invalid JSON ({reason}{where}); passed through"])
    if not isinstance(record, dict):
        return Line(number, raw, raw, "malformed", problems=[f"line {number}: not a JSON object; passed through"])
    if html_field is not None:
        return _add_article(pipeline, number, raw, text, record, text_field, html_field, bom, ending)
    value = record.get(text_field)
    if not isinstance(value, str):
        return Line(number, raw, raw, "no-field")
    result = pipeline.clean_field(value)
    problems = [f"line {number}: {problem}" for problem in result.problems]
    if not result.changed:
        return Line(number, raw, raw, "unchanged", problems=problems)
    start, end = value_span(text, text_field)  # type: ignore[misc]  # json.loads found it, so will this
    spelled = text[start:end]
    written = encode_string(result.text, spelled)
    spliced = text[:start] + written + text[end:]
    out = bom + spliced.encode("utf-8") + ending
    changes = [replace(change, record=number) for change in result.changes]
    if encode_string(value, written) != spelled:
        # Reverting would spell the value differently (other escapes): keep the input's spelling.
        changes[0] = replace(changes[0], field_json=spelled)
    return Line(number, raw, out, "cleaned", changes, problems, text=value)


def _add_article(
    pipeline: Pipeline, number: int, raw: bytes, text: str, record: dict, text_field: str, html_field: str, bom: bytes, ending: bytes
) -> Line:
    """The record with its HTML field's article, cleaned, added as `text_field`."""
    page = record.get(html_field)
    if not isinstance(page, str):
        return Line(number, raw, raw, "no-field")
    if text_field in record:
        problem = f"line {number}: has a field {text_field!r} already; not overwritten, nothing extracted"
        return Line(number, raw, raw, "unchanged", problems=[problem])
    result = clean_html_field(pipeline, page)
    problems = [f"line {number}: {problem}" for problem in result.problems]
    if not result.input:
        problems.append(f"line {number}: no article text found in {html_field!r}; {text_field!r} added empty")
    close = text.rstrip().rindex("}")  # a JSON object with at least the HTML field in it
    added = f", {encode_string(text_field, text)}: {encode_string(result.text, text)}"
    out = bom + (text[:close] + added + text[close:]).encode("utf-8") + ending
    changes = [replace(change, record=number) for change in result.changes]
    return Line(number, raw, out, "cleaned", changes, problems, text=result.input)


def clean_lines(
    pipeline: Pipeline,
    lines: Iterable[bytes | LongLine],
    text_field: str = DEFAULT_TEXT_FIELD,
    max_mb: float = MAX_RECORD_MB,
    html_field: str | None = None,
) -> Iterator[Line]:
    """Clean a stream of JSONL lines (bytes, endings kept), one Line out per line in."""
    for number, raw in enumerate(lines, 1):
        if isinstance(raw, LongLine):
            yield too_large(number, raw, max_mb)
        else:
            yield clean_line(pipeline, number, raw, text_field, html_field)


def too_large(number: int, raw: LongLine, max_mb: float) -> Line:
    """A line over the record limit: passed through in chunks, and reported."""
    problem = f"line {number}: record larger than {max_mb:g} MB (max-record-mb); passed through unchanged"
    return Line(number, b"", b"", "too-large", problems=[problem], long=raw)


def tally(counts: RecordCounts, line: Line) -> None:
    """Add one line's outcome to the file's record counts."""
    if line.status == "blank":
        return
    counts.total += 1
    if line.status == "cleaned":
        counts.changed += 1
    elif line.status == "malformed":
        counts.malformed += 1
    elif line.status == "too-large":
        counts.too_large += 1
    elif line.status == "no-field":
        counts.without_field += 1
        if counts.first_without_field is None:
            counts.first_without_field = line.number


def field_note(counts: RecordCounts, text_field: str, unit: str = "line") -> list[str]:
    """One problem line for all records that lack the field, rather than one per record."""
    if not counts.without_field:
        return []
    return [
        f"{counts.without_field} record(s) have no string field {text_field!r} "
        f"(first at {unit} {counts.first_without_field}); passed through"
    ]


@dataclass
class RecordFile:
    """A file of records (JSONL lines, Parquet rows) cleaned as a stream: what its log needs,
    with the changes spooled to disk as they come (memory stays bounded whatever the file's size)."""

    text_field: str
    rules: list[str]
    format: str = JSONL
    html_field: str | None = None
    counts: RecordCounts = field(default_factory=RecordCounts)
    spool: ChangeSpool = field(default_factory=ChangeSpool)
    problems: list[str] = field(default_factory=list)
    bytes_in: int = 0
    bytes_out: int = 0
    sha_in: Any = field(default_factory=hashlib.sha256)
    sha_out: Any = field(default_factory=hashlib.sha256)
    #: Parquet: the input's text column values hashed (cleaner.parquet.values_digest).
    values: Any = None

    @property
    def changed(self) -> bool:
        return self.counts.changed > 0

    def log(self, source: str | None, output: str | None) -> FileLog:
        """The log's header (its changes are in the spool: `write_log(..., spool.lines())`)."""
        return FileLog(
            source=source,
            output=output,
            decode=None,
            input_sha256=self.sha_in.hexdigest(),
            output_sha256=self.sha_out.hexdigest(),
            changes=[],
            rules=self.rules,
            problems=self.problems,
            text_field=self.text_field,
            records=self.counts.to_json(),
            html_field=self.html_field,
            extraction=extractor() if self.html_field else None,
            format=self.format,
            values_sha256=self.values.hexdigest() if self.values is not None else None,
        )


def clean_jsonl(
    pipeline: Pipeline,
    source: IO[bytes],
    sink: BinaryIO | None,
    text_field: str = DEFAULT_TEXT_FIELD,
    html_field: str | None = None,
    max_mb: float = MAX_RECORD_MB,
    on_line: Callable[[Line], None] = lambda line: None,
    lines_by: Callable[[Iterable[bytes | LongLine]], Iterable[Line]] | None = None,
) -> RecordFile:
    """Clean a JSONL stream into `sink` (None: nowhere), line by line; the one walk over
    records that the batch, the library and `explain` share. The caller closes the spool.

    `lines_by` cleans the raw lines into Lines, in order (default: `clean_lines` here; the
    batch passes one that shares a big file's lines out to its worker processes)."""
    result = RecordFile(text_field, [rule.code for rule in pipeline.field_rules], html_field=html_field)
    unreported = 0
    raw_lines = read_lines(source, int(max_mb * 1_000_000))
    if lines_by is None:
        cleaned = clean_lines(pipeline, raw_lines, text_field, max_mb, html_field)
    else:
        cleaned = lines_by(raw_lines)
    for line in cleaned:
        tally(result.counts, line)
        if line.long is not None:
            for chunk in line.long.chunks():  # copied through, never held whole
                result.sha_in.update(chunk)
                result.sha_out.update(chunk)
                result.bytes_in += len(chunk)
                result.bytes_out += len(chunk)
                if sink is not None:
                    sink.write(chunk)
        result.sha_in.update(line.raw)
        result.sha_out.update(line.out)
        result.bytes_in += len(line.raw)
        result.bytes_out += len(line.out)
        result.spool.add(line.changes)
        if len(result.problems) < MAX_PROBLEMS:
            result.problems.extend(line.problems)
        else:
            unreported += len(line.problems)
        if sink is not None:
            sink.write(line.out)
        on_line(line)
    if unreported:
        result.problems.append(f"... and {unreported} more problem line(s) like these")
    result.problems.extend(field_note(result.counts, html_field or text_field))
    return result


@dataclass
class JsonlResult:
    """A JSONL file cleaned in memory: the whole file as text (bytes that are not UTF-8 kept
    as surrogate escapes), each change naming its `record`."""

    text: str
    changes: list[Change]
    input: str
    problems: list[str]
    rules_run: list[str]
    input_bytes: bytes
    text_field: str
    records: dict[str, int]
    html_field: str | None = None
    decision: None = None

    @property
    def changed(self) -> bool:
        return self.text != self.input

    def output_bytes(self) -> bytes:
        return self.text.encode("utf-8", "surrogateescape")

    def field_text(self, record: int) -> str | None:
        """The text a record's changes are offsets into: its field in the input line, or with
        `html_field` the article extracted from it (the output's field, its changes undone)."""
        lines = (self.text if self.html_field else self.input).splitlines()
        try:
            value = json.loads(lines[record - 1])[self.text_field]
        except (IndexError, TypeError, ValueError, KeyError):
            return None
        if not isinstance(value, str) or not self.html_field:
            return value if isinstance(value, str) else None
        return revert(value, [change for change in self.changes if change.record == record])

    def log(self, source: str | None = None, output: str | None = None) -> FileLog:
        return FileLog(
            source=source,
            output=output,
            decode=None,
            input_sha256=hashlib.sha256(self.input_bytes).hexdigest(),
            output_sha256=hashlib.sha256(self.output_bytes()).hexdigest(),
            changes=self.changes,
            rules=self.rules_run,
            problems=self.problems,
            text_field=self.text_field,
            records=self.records,
            html_field=self.html_field,
            extraction=extractor() if self.html_field else None,
        )


def clean_jsonl_bytes(
    pipeline: Pipeline, data: bytes, text_field: str = DEFAULT_TEXT_FIELD, html_field: str | None = None
) -> JsonlResult:
    """A whole JSONL file's bytes cleaned in memory, through the same walk as a stream."""
    changes: list[Change] = []
    sink = io.BytesIO()
    result = clean_jsonl(pipeline, io.BytesIO(data), sink, text_field, html_field, on_line=lambda line: changes.extend(line.changes))
    result.spool.close()
    return JsonlResult(
        text=sink.getvalue().decode("utf-8", "surrogateescape"),
        changes=changes,
        input=data.decode("utf-8", "surrogateescape"),
        problems=result.problems,
        rules_run=result.rules,
        input_bytes=data,
        text_field=text_field,
        records=result.counts.to_json(),
        html_field=html_field,
    )


def clean_value(pipeline: Pipeline, value: Any) -> tuple[Any, Result | None]:
    """A record's field value cleaned, and its Result; anything but a string passes through
    (None), as in a JSONL file. Records in memory and in Ray Data batches go through here."""
    if not isinstance(value, str):
        return value, None
    result = pipeline.clean_field(value)
    return result.text, result


def clean_records(pipeline: Pipeline, records: Iterable[Mapping[str, Any]], text_field: str) -> Iterator[CleanedRecord]:
    """Each record copied with its text field cleaned (the inputs are not changed)."""
    for record in records:
        value, result = clean_value(pipeline, record.get(text_field))
        yield CleanedRecord({**record, text_field: value} if result else dict(record), result)


@dataclass
class CleanedRecord:
    """A record with its text field cleaned; `result` is None when it had no string field."""

    record: dict[str, Any]
    result: Result | None

    @property
    def changes(self) -> list[Change]:
        return self.result.changes if self.result else []
