"""The `transform` kind: a named Python function (cleaner.transforms) with its params."""

from __future__ import annotations

import inspect
import typing
from typing import Any

from cleaner.edits import Edit
from cleaner.ruleset.kinds.base import Kind, KindError, span_of
from cleaner.ruleset.model import Finder
from cleaner.screens import Facts, Screen
from cleaner.textunits import lines_around, worth_narrowing


def compile_transform(params: dict[str, Any]) -> Finder:
    from cleaner.transforms import TRANSFORMS

    name = params["function"]
    if name not in TRANSFORMS:
        known = ", ".join(sorted(TRANSFORMS))
        raise KindError("function", f"unknown transform {name!r} (known: {known})")
    function = TRANSFORMS[name]
    options = params.get("params", {})
    try:
        inspect.signature(function).bind("", **options)
    except TypeError as exc:
        raise KindError("params", f"transform {name!r}: {exc}") from None
    hints = typing.get_type_hints(function)
    for key, value in options.items():
        problem = _param_problem(value, hints.get(key))
        if problem:
            raise KindError("params", f"transform {name!r}: {key} = {value!r}: {problem}")

    span = span_of(params)

    def find(text: str, facts: Facts | None = None) -> list[Edit]:
        if span == "line" and facts is not None and facts.narrow and facts.region is not None:
            # Line-local: what it does to a line depends on that line alone, so a later
            # round looks only at the lines changed since it last ran.
            lines = lines_around(text, facts.region)
            if worth_narrowing(text, lines):
                return [Edit(start + e.start, start + e.end, e.replacement) for start, end in lines for e in function(text[start:end], **options)]
        return function(text, **options)

    return find


def _param_problem(value: Any, hint: Any) -> str | None:
    """Why `value` does not fit a transform parameter's annotation (a type, or Literal choices)."""
    if typing.get_origin(hint) is typing.Literal:
        choices = typing.get_args(hint)
        return None if value in choices else f"must be one of {', '.join(map(repr, choices))}"
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return None
    if isinstance(hint, type) and (not isinstance(value, hint) or (hint is int and isinstance(value, bool))):
        return f"must be a {hint.__name__}, not {type(value).__name__}"
    return None


def transform_screen(params: dict[str, Any]) -> Screen | None:
    from cleaner.transforms import SCREENS

    return SCREENS.get(params["function"])


KIND = Kind({"function": str}, {"params": dict, "span": str}, compile_transform, transform_screen)
