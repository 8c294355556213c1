"""The `transform` kind: a named Python function (cleaner.transforms) with its params."""

from __future__ import annotations

import inspect
import typing
from typing import Any

from cleaner.edits import Edit
from cleaner.ruleset.kinds.base import Kind, KindError
from cleaner.ruleset.model import Finder
from cleaner.screens import Facts, Screen


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

    def find(text: str, facts: Facts | None = None) -> list[Edit]:
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


KIND = Kind({"function": str}, {"params": dict}, compile_transform, transform_screen)
