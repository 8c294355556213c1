"""One file of any format read and cleaned in memory: the library's `clean_file` and `explain`.

Each format is owned by its module (records: JSONL, html: pages, the core: text); this one
only picks the module by the file's name. Batch runs stream their files through the same
functions (cleaner.batch).
"""

from __future__ import annotations

import os
from pathlib import Path

from cleaner.compression import BadCompressedData, compress, compression_of, decompress
from cleaner.decode import BinaryInput, DecodeError, MissingExtra
from cleaner.html import HTML, HTML_SUFFIXES, clean_html
from cleaner.pipeline import Pipeline, Result
from cleaner.parquet import PARQUET, PARQUET_SUFFIXES, BadParquet, ParquetResult, clean_parquet_bytes
from cleaner.records import DEFAULT_TEXT_FIELD, JSONL, JSONL_SUFFIXES, JsonlResult, clean_jsonl_bytes

TEXT = "text"


def format_of(path: str | os.PathLike) -> str:
    """`jsonl` for .jsonl/.ndjson (optionally compressed: .gz .bz2 .xz .zst), `parquet`,
    `html` for .html/.htm, else `text`."""
    name = Path(path).name.lower()
    for kind, suffixes in ((JSONL, JSONL_SUFFIXES), (PARQUET, PARQUET_SUFFIXES), (HTML, HTML_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return TEXT


def clean_file(
    pipeline: Pipeline,
    path: str | os.PathLike,
    encoding: str | None = None,
    text_field: str = DEFAULT_TEXT_FIELD,
    html_field: str | None = None,
) -> Result | JsonlResult | ParquetResult:
    """Read and clean a text file, an HTML page (its article: cleaner[html]), or a JSONL
    file (.jsonl, .ndjson, optionally .gz .bz2 .xz .zst) record by record; nothing is written.

    For JSONL, `encoding` does not apply; with `html_field`, each record's article is
    extracted from that field and added as `text_field`."""
    path = Path(path)
    return clean_data(pipeline, path.read_bytes(), path.name, encoding, text_field, html_field)


def clean_data(
    pipeline: Pipeline,
    data: bytes,
    name: str,
    encoding: str | None = None,
    text_field: str = DEFAULT_TEXT_FIELD,
    html_field: str | None = None,
) -> Result | JsonlResult | ParquetResult:
    """A file's bytes cleaned as the file `name` would be (its suffix picks the format): for
    stdin, whose name `--stdin-filename` gives."""
    kind = format_of(name)
    if kind == TEXT:
        return pipeline.clean_bytes(data, encoding)
    if kind == HTML:
        return clean_html(pipeline, data, encoding)
    if kind == PARQUET:
        return clean_parquet_bytes(pipeline, data, text_field)
    data = decompress(data, compression_of(name))
    return clean_jsonl_bytes(pipeline, data, text_field, html_field)


def output_data(result: Result | JsonlResult | ParquetResult, name: str) -> bytes:
    """The bytes a result is written as under `name` (a .jsonl.gz gzipped again, and so on)."""
    output = result.output_bytes()
    return compress(output, compression_of(name)) if isinstance(result, JsonlResult) else output


#: What reading an input's content may raise: it is then skipped (exit 3), with `skip_reason`.
CONTENT_ERRORS = (DecodeError, BadCompressedData, BadParquet)


def skip_reason(exc: BaseException) -> str:
    """The one-line reason an input whose content cannot be read is skipped; the same for a
    batch's files, stdin and explain."""
    if isinstance(exc, DecodeError) and not isinstance(exc, (MissingExtra, BinaryInput)):
        return f"cannot decode: {exc}"
    return str(exc)
