"""What every kind shares: the Kind record, its error, and the pattern compiler."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import regex

from cleaner.ruleset.model import Finder
from cleaner.screens import Screen


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


def compile_pattern(params: dict[str, Any], key: str = "pattern") -> regex.Pattern:
    try:
        return regex.compile(params[key])
    except regex.error as exc:
        raise KindError(key, f"invalid regex: {exc}") from None
