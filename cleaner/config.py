"""Project settings: `[tool.cleaner]` in pyproject.toml, or a cleaner.toml, found upward.

The file is looked for from the current folder up to the root: the first `cleaner.toml`
(top-level keys, or a `[tool.cleaner]` table) or `pyproject.toml` with a `[tool.cleaner]` table
wins; in one folder `cleaner.toml` comes first. Keys are kebab-case, as in ruff; an unknown
key is an error that names it. Command-line flags override the file.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from cleaner.batch import MAX_FILE_MB, Limits, Mode
from cleaner.pipeline import Options
from cleaner.inputs import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, HTML_INCLUDE, Selector
from cleaner.records import DEFAULT_TEXT_FIELD, MAX_RECORD_MB
from cleaner.ruleset.model import DEFAULT_PROFILE

CONFIG_NAMES = ("cleaner.toml", "pyproject.toml")


class ConfigError(ValueError):
    """The configuration is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with; defaults are cleaner's own."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_rules: tuple[Path, ...] = ()
    profile: str = DEFAULT_PROFILE
    quote_style: str = "keep"
    line_ending: str = "lf"
    unsafe_fixes: bool = False
    include: tuple[str, ...] = DEFAULT_INCLUDE
    extend_include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    text_field: str = DEFAULT_TEXT_FIELD
    #: JSONL: a field holding HTML; its article, extracted and cleaned, is added as text_field.
    html_field: str | None = None
    max_file_mb: float = MAX_FILE_MB
    max_record_mb: float = MAX_RECORD_MB
    #: The file these settings came from, if any.
    source: Path | None = field(default=None, compare=False)

    def pipeline_options(self) -> Options:
        """The Pipeline's options these settings make (checked there, once)."""
        return Options(
            select=self.select,
            ignore=self.ignore,
            extend_select=self.extend_select,
            unsafe_fixes=self.unsafe_fixes,
            quote_style=self.quote_style,
            line_ending=self.line_ending,
            rule_dirs=tuple(str(p) for p in self.extend_rules),
            profile=self.profile,
        )

    def limits(self) -> Limits:
        return Limits(self.max_file_mb, self.max_record_mb)

    def selector(self, mode: Mode = Mode.CLEAN) -> Selector:
        """The files a run takes. `clean` also takes HTML pages by default (their article is
        extracted); `check` and `fix` do not, as a page is never rewritten as text."""
        include = self.include
        if mode is Mode.CLEAN and include == DEFAULT_INCLUDE:
            include += HTML_INCLUDE
        return Selector(include + self.extend_include, self.exclude + self.extend_exclude)

    def override(self, **values: Any) -> "Settings":
        """These settings with each value that is not None put in place (command-line flags)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


#: TOML key -> (Settings field, expected type).
KEYS: dict[str, tuple[str, type]] = {
    f.name.replace("_", "-"): (f.name, {"bool": bool, "str": str, "str | None": str, "float": float}.get(f.type, list))  # the rest are lists
    for f in fields(Settings)
    if f.name != "source"
}


def find_config(start: Path) -> Path | None:
    """The nearest cleaner.toml, or pyproject.toml holding [tool.cleaner], at or above `start`."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name == "cleaner.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "cleaner" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # not ours to judge; a broken pyproject.toml is reported when named


def load_config(path: Path) -> Settings:
    """Settings from one file; relative `extend-rules` folders are relative to the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    where = f"{path}: [tool.cleaner]"
    if path.name == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("cleaner")
        if table is None:
            raise ConfigError(f"{path}: no [tool.cleaner] table")
    else:
        table, where = data, str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(KEYS)})"
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")
        name, expected = KEYS[key]
        if expected is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: {key!r} must be a list of strings")
            value = tuple(value)
        elif expected is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ConfigError(f"{where}: {key!r} must be a positive number")
            value = float(value)
        elif not isinstance(value, expected):
            raise ConfigError(f"{where}: {key!r} must be a {expected.__name__}, not {type(value).__name__}")
        values[name] = value
    if "extend_rules" in values:
        values["extend_rules"] = tuple(path.parent / p for p in values["extend_rules"])
    return Settings(**values, source=path)


def settings_for(config: Path | None, start: Path | None = None) -> Settings:
    """The given config file, or the one found from `start` (default: the current folder), or defaults."""
    path = config if config is not None else find_config(start or Path.cwd())
    return load_config(path) if path is not None else Settings()
