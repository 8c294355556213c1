"""The few kinds a rule can be, each compiled once into a finder: (text, facts) -> edits.

Kinds stay few on purpose (as in Vale): `regex` replace, `charmap` (character map), `drop`
(whole lines or paragraphs, gated by length and position) and `transform` (a named Python
function for what a pattern cannot say), one module each. Each kind declares the keys it
accepts so the loader can reject anything else, and may declare what a pipeline's rules of
that kind share (`prepare`: the drop rules' union), which finders read in `facts.shared`.
"""

from __future__ import annotations

from typing import Any, Iterable

from cleaner.ruleset.kinds import charmap, drop, replace, transform
from cleaner.ruleset.kinds.base import Kind, KindError

KINDS: dict[str, Kind] = {
    "regex": replace.KIND,
    "charmap": charmap.KIND,
    "drop": drop.KIND,
    "transform": transform.KIND,
}

__all__ = ["KINDS", "Kind", "KindError", "prepare"]


def prepare(rules: Iterable[Any]) -> dict[str, Any]:
    """What a pipeline's rules share, from each kind's `prepare` over its rules' params."""
    chosen = list(rules)
    shared: dict[str, Any] = {}
    for name, kind in KINDS.items():
        shared.update(kind.prepare([rule.params for rule in chosen if rule.kind == name]))
    return shared
