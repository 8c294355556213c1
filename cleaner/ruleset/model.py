"""The frozen Rule and its examples."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from cleaner.edits import Edit
from cleaner.screens import Facts, Screen

PHASES: tuple[str, ...] = ("decode", "repair", "normalize", "boilerplate", "structure", "layout")
#: "any": the rule runs on whole files and on record fields; "file": on whole files only
#: (a final newline belongs to a file, not to the text field of a JSON record).
SCOPES: tuple[str, ...] = ("any", "file")
DEFAULT_PROFILE = "default"

#: A compiled rule: the edits it makes in a text. `facts` (optional) carries what the rule's
#: pipeline shares and what was worked out about this version of the text already.
Finder = Callable[[str, "Facts | None"], Sequence[Edit]]


@dataclass(frozen=True, slots=True)
class Example:
    """`input` must become `output`; an `unchanged` example has output == input."""

    input: str
    output: str

    @property
    def unchanged(self) -> bool:
        return self.input == self.output


@dataclass(frozen=True)
class Rule:
    """One declarative rule, compiled: `find(text, facts=None)` returns the edits it would make."""

    code: str
    name: str
    summary: str
    phase: str
    order: int
    safety: str
    default: bool
    kind: str
    params: dict[str, Any]
    examples: tuple[Example, ...]
    source: Path | None
    find: Finder = field(repr=False, compare=False)
    scope: str = "any"
    #: Profiles in which the rule is on by default; empty means every profile.
    profiles: tuple[str, ...] = ()
    #: Passes the texts the rule may change (see cleaner.screens); None: every text.
    screen: Screen | None = field(default=None, repr=False, compare=False)
    #: What the rule does, why it exists and when it is risky (`cleaner rule CODE`).
    description: str = ""

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (PHASES.index(self.phase), self.order, self.code)

    @property
    def unsafe(self) -> bool:
        return self.safety == "unsafe"
