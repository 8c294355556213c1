"""What every kind shares: the Kind record, its error, and the pattern compiler."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Callable

import regex

from cleaner.cache import compiled
from cleaner.ruleset.model import Finder
from cleaner.screens import Screen


#: What a rule's edits depend on: the whole text, or (`span = "line"`) each line alone.
SPANS = ("text", "line")


def span_of(params: dict[str, Any]) -> str:
    """A rule's `span`, checked."""
    span = params.get("span", "text")
    if span not in SPANS:
        raise KindError("span", f"span must be one of {', '.join(SPANS)}")
    return span


class KindError(ValueError):
    """A parameter of a rule kind is missing or invalid; `key` names it."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Kind:
    required: dict[str, type]
    optional: dict[str, type]
    compile: Callable[[dict[str, Any]], Finder]
    #: The screen a rule of this kind gets when it declares no triggers (None: runs always).
    screen: Callable[[dict[str, Any]], Screen | None] = lambda params: None
    #: What a pipeline's rules of this kind share, made once from their params (the drop
    #: rules' union); finders find it in `facts.shared`.
    prepare: Callable[[list[dict[str, Any]]], dict[str, Any]] = lambda params: {}


#: False while the loader reads a rule file it has read without error before (the same
#: bytes: cleaner.ruleset.loader): patterns are then compiled on first use, not at start-up.
EAGER: ContextVar[bool] = ContextVar("eager", default=True)


def compile_pattern(params: dict[str, Any], key: str = "pattern") -> regex.Pattern:
    if not EAGER.get():
        return LazyPattern(params[key])  # type: ignore[return-value]
    try:
        return compiled(params[key])
    except regex.error as exc:
        raise KindError(key, f"invalid regex: {exc}") from None


class LazyPattern:
    """A pattern compiled when first used: a large phrase list costs a pipeline nothing
    until a text gets past the rule's screen (a pre-commit hook on a clean file)."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled: regex.Pattern | None = None

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = compiled(self.source)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def resolved(pattern: "regex.Pattern | LazyPattern") -> regex.Pattern:
    """The compiled pattern: finders take it once per call, so a line loop calls the
    regex itself (through LazyPattern every call costs a Python lookup, 0.8 µs measured)."""
    return pattern.compiled() if isinstance(pattern, LazyPattern) else pattern
