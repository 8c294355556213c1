"""Strict loading of rule packs: TOML files -> compiled Rules.

Every mistake is an error at load time naming the file, the rule and the key, so a bad rule
never surprises a batch halfway through.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any, Iterable

import regex

from cleaner.cache import directory, remembered
from cleaner.ruleset.kinds import KINDS, KindError
from cleaner.ruleset.kinds.base import EAGER
from cleaner.ruleset.model import PHASES, SCOPES, Example, Rule
from cleaner.screens import trigger_screen

CODE_RE = regex.compile(r"[A-Z]{1,4}[0-9]{3}")
NAME_RE = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
SAFETIES = ("safe", "unsafe")

COMMON_KEYS: dict[str, type] = {
    "code": str,
    "name": str,
    "summary": str,
    "phase": str,
    "order": int,
    "safety": str,
    "kind": str,
    "example": list,
}
OPTIONAL_KEYS: dict[str, type] = {
    "description": str,
    "default": bool,
    "scope": str,
    "profiles": list,
    "triggers": list,
    "trigger_class": str,
}


class RuleError(ValueError):
    """A rule file is invalid; the message names file, rule and key on one line."""


def builtin_rules_dir() -> Path:
    """The shipped packs: inside the wheel as cleaner/_rules, or rules/ in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError(f"{package}: the built-in rule packs are missing (no _rules or ../rules folder)")


def rule_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise RuleError(f"{path}: no such rule file or folder")
    return sorted(p for p in path.rglob("*.toml") if p.is_file())


def load_rules(paths: Iterable[Path | str]) -> list[Rule]:
    """Load every rule in the given files/folders; codes and names must be unique across all."""
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in paths:
        for file in rule_files(Path(path)):
            for rule in load_file(file):
                for ident in (rule.code, rule.name):
                    if ident in seen:
                        raise RuleError(
                            f"{file}: rule {rule.code}: duplicate {'code' if ident == rule.code else 'name'} "
                            f"{ident!r} (already defined in {seen[ident]})"
                        )
                    seen[ident] = file
                rules.append(rule)
    return sorted(rules, key=lambda r: r.sort_key)


def load_file(file: Path) -> list[Rule]:
    """The rules of one file, every key checked. A file whose exact bytes loaded without
    error before (a marker named by their hash in the user's cache) has its patterns
    compiled on first use; any other file, at once, so a bad pattern is reported here."""
    try:
        raw = file.read_bytes()
        data = remembered(f"toml {hashlib.sha256(raw).hexdigest()}", lambda: tomllib.loads(raw.decode("utf-8")))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{file}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{file}: invalid TOML: {exc}") from None
    unknown = set(data) - {"rule"}
    if unknown:
        raise RuleError(f"{file}: unknown top-level key {sorted(unknown)[0]!r} (rules go in [[rule]] tables)")
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise RuleError(f"{file}: 'rule' must be an array of tables ([[rule]])")
    marker = _loaded_marker(raw)
    eager = EAGER.set(marker is None or not marker.exists())
    try:
        rules = [parse_rule(file, index, table) for index, table in enumerate(tables, 1)]
    finally:
        EAGER.reset(eager)
    if marker is not None and not marker.exists():
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # no cache: the next start-up compiles at once again
    return rules


def _loaded_marker(raw: bytes) -> Path | None:
    """Where the marker for a rule file's bytes lives (keyed with cleaner's and regex's
    versions, whose checks they passed), or None when caching is off (CLEANER_NO_CACHE)."""
    folder = directory()
    if folder is None:
        return None
    from cleaner import __version__

    key = hashlib.sha256(raw + f"|{__version__}|{regex.__version__}".encode()).hexdigest()
    return folder / "rules-loaded" / key


def parse_rule(file: Path, index: int, table: dict[str, Any]) -> Rule:
    label = table.get("code") if isinstance(table.get("code"), str) else f"#{index}"

    def fail(key: str, message: str) -> RuleError:
        return RuleError(f"{file}: rule {label}: key {key!r}: {message}")

    kind_name = table.get("kind")
    if kind_name not in KINDS:
        raise fail("kind", f"must be one of {', '.join(KINDS)}, not {kind_name!r}")
    kind = KINDS[kind_name]
    allowed = {**COMMON_KEYS, **OPTIONAL_KEYS, **kind.required, **kind.optional}
    for key in table:
        if key not in allowed:
            raise fail(key, f"unknown key for a {kind_name} rule")
    for key in {**COMMON_KEYS, **kind.required}:
        if key not in table:
            raise fail(key, "is missing")
    for key, value in table.items():
        expected = allowed[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise fail(key, f"must be a {expected.__name__}, not {type(value).__name__}")

    code, name, phase, safety = table["code"], table["name"], table["phase"], table["safety"]
    if not CODE_RE.fullmatch(code):
        raise fail("code", "must be 1-4 capital letters and 3 digits, like WS001")
    if not NAME_RE.fullmatch(name):
        raise fail("name", "must be kebab-case, like trailing-whitespace")
    if phase not in PHASES:
        raise fail("phase", f"must be one of {', '.join(PHASES)}")
    if safety not in SAFETIES:
        raise fail("safety", "must be 'safe' or 'unsafe'")
    scope = table.get("scope", "any")
    if scope not in SCOPES:
        raise fail("scope", f"must be one of {', '.join(SCOPES)}, not {scope!r}")
    profiles = table.get("profiles")
    if profiles is not None and not (profiles and all(isinstance(p, str) and NAME_RE.fullmatch(p) for p in profiles)):
        raise fail("profiles", 'must be a non-empty list of kebab-case profile names, like ["web"]')

    params = {k: v for k, v in table.items() if k in kind.required or k in kind.optional}
    try:
        find = kind.compile(params)
    except KindError as exc:
        raise fail(exc.key, str(exc)) from None
    triggers = table.get("triggers", [])
    if not all(isinstance(t, str) and t for t in triggers):
        raise fail("triggers", "must be a list of non-empty strings")
    try:
        screen = trigger_screen(triggers, table.get("trigger_class")) or kind.screen(params)
    except (ValueError, re.error) as exc:
        raise fail("trigger_class", str(exc)) from None

    examples = tuple(parse_example(fail, n, ex) for n, ex in enumerate(table["example"], 1))
    if not any(not ex.unchanged for ex in examples):
        raise fail("example", "needs at least one example that changes (input and output)")
    if not any(ex.unchanged for ex in examples):
        raise fail("example", "needs at least one 'unchanged' example")

    return Rule(
        code=code,
        name=name,
        summary=table["summary"],
        description=" ".join(table.get("description", "").split()),  # one paragraph, wrapped where shown
        phase=phase,
        order=table["order"],
        safety=safety,
        default=table.get("default", True),
        kind=kind_name,
        params=params,
        examples=examples,
        source=file,
        find=find,
        scope=scope,
        profiles=tuple(profiles or ()),
        screen=screen,
    )


def parse_example(fail, number: int, example: Any) -> Example:
    if not isinstance(example, dict):
        raise fail("example", f"example {number} must be a table")
    keys = set(example)
    if keys == {"unchanged"} and isinstance(example["unchanged"], str):
        return Example(example["unchanged"], example["unchanged"])
    if keys == {"input", "output"} and all(isinstance(v, str) for v in example.values()):
        if example["input"] == example["output"]:
            raise fail("example", f"example {number}: input equals output; write it as 'unchanged'")
        return Example(example["input"], example["output"])
    raise fail("example", f"example {number} must have 'input' and 'output', or only 'unchanged' (strings)")
