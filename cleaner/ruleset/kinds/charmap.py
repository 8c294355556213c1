"""The `charmap` kind: single characters mapped to strings."""

from __future__ import annotations

from typing import Any

import regex

from cleaner.edits import Edit
from cleaner.ruleset.kinds.base import Kind, KindError
from cleaner.ruleset.model import Finder
from cleaner.screens import Facts, Screen, trigger_screen


def compile_charmap(params: dict[str, Any]) -> Finder:
    table = params["map"]
    for key, value in table.items():
        if len(key) != 1 or not isinstance(value, str):
            raise KindError("map", f"entry {key!r}: keys must be single characters mapped to strings")
    if not table:
        raise KindError("map", "the map is empty")
    char_class = regex.compile("[" + "".join(regex.escape(c) for c in table) + "]")

    def find(text: str, facts: Facts | None = None) -> list[Edit]:
        return [Edit(m.start(), m.end(), table[m.group()]) for m in char_class.finditer(text)]

    return find


def charmap_screen(params: dict[str, Any]) -> Screen | None:
    return trigger_screen(params["map"])


KIND = Kind({"map": dict}, {}, compile_charmap, charmap_screen)
