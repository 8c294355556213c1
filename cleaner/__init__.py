"""cleaner: rule-driven text normalization and encoding repair with reversible change logs.

    >>> import cleaner
    >>> result = cleaner.clean_text("China”s party\\u00a0")
    >>> result.text
    'China’s party\\n'
    >>> [(c.rule, c.before, c.after) for c in result.changes]
    [('QT001', '”', '’'), ('SP001', '\\xa0', ''), ('WS005', '', '\\n')]
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Each public name and the module it lives in: imported on first use (PEP 562), so the
#: command line's entry (cleaner.entry) and a caller of one function load only what they use.
_EXPORTS = {
    "Change": "cleaner.changelog", "FileLog": "cleaner.changelog", "replay": "cleaner.changelog", "revert": "cleaner.changelog",
    "BinaryInput": "cleaner.decode", "Decision": "cleaner.decode", "DecodeError": "cleaner.decode",
    "Options": "cleaner.pipeline", "Pipeline": "cleaner.pipeline", "Result": "cleaner.pipeline",
    "ParquetResult": "cleaner.parquet",
    "CleanedRecord": "cleaner.records", "JsonlResult": "cleaner.records",
    "Rule": "cleaner.ruleset", "RuleError": "cleaner.ruleset",
    "SelectionError": "cleaner.ruleset.select",
    "clean_bytes": "cleaner.api", "clean_file": "cleaner.api", "clean_records": "cleaner.api", "clean_text": "cleaner.api",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from cleaner.api import clean_bytes, clean_file, clean_records, clean_text  # noqa: F401
    from cleaner.changelog import Change, FileLog, replay, revert  # noqa: F401
    from cleaner.decode import BinaryInput, Decision, DecodeError  # noqa: F401
    from cleaner.parquet import ParquetResult  # noqa: F401
    from cleaner.pipeline import Options, Pipeline, Result  # noqa: F401
    from cleaner.records import CleanedRecord, JsonlResult  # noqa: F401
    from cleaner.ruleset import Rule, RuleError  # noqa: F401
    from cleaner.ruleset.select import SelectionError  # noqa: F401


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
