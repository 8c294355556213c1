"""Parquet tables (`cleaner[parquet]`, pyarrow): the text column cleaned row by row.

A table is read and written one row group at a time, so memory is bounded by the largest
row group, not the file. Only the text column's values change: every other column, the
schema (its metadata included, such as a Hugging Face dataset's) and the row groups' sizes
are written as they came, with the input's compression. A null or a row whose text column is
not a string passes through and is counted, as in JSONL. The change log names each change's
row (`record`, 1-based across row groups). Row groups are read without Arrow's thread pool:
its threads, still alive as the process exits, sometimes abort it after the work is done
(SIGABRT, "terminate called without an active exception": apache/arrow#34314, seen here once
in the test suite), and one text column gains nothing from them.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING, Any, Callable

from cleaner.changelog import Change, revert
from cleaner.decode import MissingExtra
from cleaner.records import MAX_PROBLEMS, RecordFile, field_note

if TYPE_CHECKING:
    from cleaner.pipeline import Pipeline

PARQUET = "parquet"
PARQUET_SUFFIXES = (".parquet",)
INSTALL_HINT = "Parquet input needs the parquet extra: pip install 'cleaner[parquet]'"


class BadParquet(ValueError):
    """The file is not a Parquet table pyarrow can read (skipped and named, like a broken gzip)."""


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingExtra(INSTALL_HINT) from None
    return pyarrow, pyarrow.parquet


class _Hashing:
    """A file-like sink that hashes and counts what goes through it (for the log's
    output_sha256), and that pyarrow cannot close: the caller commits the real file."""

    def __init__(self, sink: IO[bytes] | None):
        self.sink, self.sha, self.size, self.closed = sink, hashlib.sha256(), 0, False

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        self.size += len(data)
        if self.sink is not None:
            self.sink.write(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True  # the caller closes the real file


def values_digest(digest: Any, value: Any) -> None:
    """Add one text column value to `digest`: its length and UTF-8 bytes, or a mark for null."""
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(data) + data)
    else:
        digest.update(b"-")


def _compression(metadata: Any) -> str:
    """The codec the input's first column chunk uses, as ParquetWriter names it."""
    if metadata.num_row_groups == 0 or metadata.num_columns == 0:
        return "snappy"
    codec = metadata.row_group(0).column(0).compression.lower()
    return {"uncompressed": "none", "lz4_raw": "lz4"}.get(codec, codec)


def clean_parquet(
    pipeline: Pipeline,
    source: IO[bytes],
    sink: IO[bytes] | None,
    text_field: str = "text",
    on_row: Callable[[int, str, list[Change]], None] = lambda row, text, changes: None,
) -> RecordFile:
    """Clean a Parquet table from `source` (seekable) into `sink` (None: nowhere), row group by
    row group. `on_row(row, text, changes)` sees each changed row's input text and changes."""
    pa, pq = _pyarrow()
    result = RecordFile(text_field, [rule.code for rule in pipeline.field_rules], format=PARQUET)
    for chunk in iter(lambda: source.read(1 << 20), b""):
        result.sha_in.update(chunk)
        result.bytes_in += len(chunk)
    source.seek(0)
    try:
        table = pq.ParquetFile(source)
        schema = table.schema_arrow
    except (pa.ArrowException, OSError) as exc:
        raise BadParquet(f"not a valid Parquet file: {exc}") from None
    column = schema.get_field_index(text_field)
    if column < 0 or not (pa.types.is_string(schema.field(column).type) or pa.types.is_large_string(schema.field(column).type)):
        what = "no column" if column < 0 else f"a {schema.field(column).type} column, not text,"
        result.problems.append(f"{what} {text_field!r}; the table is passed through unchanged")
        result.counts.total = table.metadata.num_rows
        result.sha_out, result.bytes_out = result.sha_in.copy(), result.bytes_in
        return result
    result.values = hashlib.sha256()
    out = _Hashing(sink)
    unreported = 0

    def clean(row: int, value: Any) -> Any:
        nonlocal unreported
        result.counts.total += 1
        values_digest(result.values, value)
        if not isinstance(value, str):
            result.counts.without_field += 1
            if result.counts.first_without_field is None:
                result.counts.first_without_field = row
            return value
        done = pipeline.clean_field(value)
        if len(result.problems) < MAX_PROBLEMS:
            result.problems.extend(f"row {row}: {problem}" for problem in done.problems)
        else:
            unreported += len(done.problems)
        if done.changed:
            result.counts.changed += 1
            changes = [replace(change, record=row) for change in done.changes]
            result.spool.add(changes)
            on_row(row, value, changes)
        return done.text

    _rewrite(table, column, out, clean)
    if unreported:
        result.problems.append(f"... and {unreported} more problem(s) like these")
    result.problems.extend(field_note(result.counts, text_field, "row"))
    if result.changed:
        result.sha_out, result.bytes_out = out.sha, out.size
    else:  # nothing changed: the input's own bytes are the output (callers copy them)
        result.sha_out, result.bytes_out = result.sha_in.copy(), result.bytes_in
    return result


def values_hash(source: IO[bytes], text_field: str) -> str:
    """The hash of a table's text column values (values_digest), read row group by row group."""
    pa, pq = _pyarrow()
    try:
        table = pq.ParquetFile(source)
        digest = hashlib.sha256()
        for group in range(table.num_row_groups):
            for value in table.read_row_group(group, columns=[text_field], use_threads=False).column(0).to_pylist():
                values_digest(digest, value)
    except (pa.ArrowException, OSError, KeyError) as exc:
        raise BadParquet(f"not a valid Parquet file: {exc}") from None
    return digest.hexdigest()


def _rewrite(table: Any, column: int, sink: Any, change: Callable[[int, Any], Any]) -> None:
    """Write `table` to `sink` one row group at a time, each value of `column` replaced by
    `change(row, value)` (rows count from 1 across groups); the schema, the row groups' sizes
    and the compression as they came."""
    pa, pq = _pyarrow()
    schema = table.schema_arrow
    field = schema.field(column)
    writer = pq.ParquetWriter(sink, schema, compression=_compression(table.metadata))
    row = 0
    try:
        for group in range(table.num_row_groups):
            batch = table.read_row_group(group, use_threads=False)
            values = []
            for value in batch.column(column).to_pylist():
                row += 1
                values.append(change(row, value))
            batch = batch.set_column(column, field, pa.array(values, type=field.type))
            writer.write_table(batch, row_group_size=max(1, batch.num_rows))
    except (pa.ArrowException, OSError) as exc:
        raise BadParquet(f"not a valid Parquet file: {exc}") from None
    finally:
        writer.close()


def revert_parquet(source: IO[bytes], sink: IO[bytes], text_field: str, changes: dict[int, list[Any]]) -> str:
    """Write the table `source` holds to `sink` with each row's text reverted by its changes
    (`changes` by row, as changelog.by_record groups them); every other value, the schema,
    the row groups and the compression as they are. Returns the hash of the rebuilt text
    column (values_digest), for the caller to check against the log's `values_sha256`."""
    pa, pq = _pyarrow()
    try:
        table = pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as exc:
        raise BadParquet(f"not a valid Parquet file: {exc}") from None
    schema = table.schema_arrow
    column = schema.get_field_index(text_field)
    if column < 0:
        raise BadParquet(f"the table has no column {text_field!r}")
    digest = hashlib.sha256()

    def restore(row: int, value: Any) -> Any:
        if row in changes:
            value = revert(value, changes[row])
        values_digest(digest, value)
        return value

    _rewrite(table, column, _Hashing(sink), restore)
    return digest.hexdigest()


@dataclass
class ParquetResult:
    """A Parquet file cleaned in memory (library, stdin, explain): the output's bytes, each
    change naming its row, and the input text of each changed row (for context)."""

    output: bytes
    changes: list[Change]
    texts: dict[int, str]
    problems: list[str]
    records: dict[str, int]
    table: RecordFile
    decision: None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def output_bytes(self) -> bytes:
        return self.output

    def field_text(self, record: int) -> str | None:
        return self.texts.get(record)

    def log(self, source: str | None = None, output: str | None = None) -> Any:
        log = self.table.log(source, output)
        log.changes = self.changes
        return log


def clean_parquet_bytes(pipeline: Pipeline, data: bytes, text_field: str = "text") -> ParquetResult:
    """A whole Parquet file's bytes cleaned in memory, through the same walk as a file."""
    changes: list[Change] = []
    texts: dict[int, str] = {}

    def keep(row: int, text: str, found: list[Change]) -> None:
        texts[row] = text
        changes.extend(found)

    sink = io.BytesIO()
    table = clean_parquet(pipeline, io.BytesIO(data), sink, text_field, keep)
    table.spool.close()
    output = sink.getvalue() if table.changed else data
    return ParquetResult(output, changes, texts, table.problems, table.counts.to_json(), table)
