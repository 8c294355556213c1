"""The library's functions: clean a string, bytes, a file or records with the default rules.

`cleaner/__init__.py` exports these lazily (see there), so `import cleaner` costs little.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

from cleaner.files import clean_file as _clean_file
from cleaner.parquet import ParquetResult
from cleaner.pipeline import Options, Pipeline, Result
from cleaner.records import DEFAULT_TEXT_FIELD, CleanedRecord, JsonlResult
from cleaner.records import clean_records as _clean_records


@lru_cache(maxsize=16)
def _cached_pipeline(options: Options) -> Pipeline:
    return Pipeline(options)


def _pipeline(options: dict[str, Any]) -> Pipeline:
    """One compiled Pipeline per distinct set of options, reused across calls."""
    return _cached_pipeline(Options(**options))


def clean_text(text: str, **options: Any) -> Result:
    """Clean a string with the safe default rules (options as for `Pipeline`)."""
    return _pipeline(options).clean(text)


def clean_bytes(data: bytes, encoding: str | None = None, **options: Any) -> Result:
    """Decode bytes (BOM, UTF-8, restricted detection) and clean them."""
    return _pipeline(options).clean_bytes(data, encoding)


def clean_file(
    path: str | os.PathLike,
    encoding: str | None = None,
    text_field: str = DEFAULT_TEXT_FIELD,
    html_field: str | None = None,
    pipeline: Pipeline | None = None,
    **options: Any,
) -> Result | JsonlResult | ParquetResult:
    """Read and clean one text, HTML, JSONL or Parquet file (see `cleaner.files.clean_file`);
    nothing is written. `pipeline` reuses a Pipeline of yours, else one is built from `options`."""
    return _clean_file(pipeline or _pipeline(options), path, encoding, text_field, html_field)


def clean_records(
    records: Iterable[Mapping[str, Any]], field: str = DEFAULT_TEXT_FIELD, pipeline: Pipeline | None = None, **options: Any
) -> Iterator[CleanedRecord]:
    """Yield each record (a new dict) with its `field` cleaned, and that field's Result."""
    return _clean_records(pipeline or _pipeline(options), records, field)
