"""Cheap screens that let a rule skip a text it cannot change.

Most rules look for characters most texts lack (a no-break space, a ligature, `\\r`, `&`).
Rather than let each rule scan the whole text, a rule declares its *triggers*: strings, or a
character class, at least one of which must occur for the rule to change anything. What a
text contains is worked out once per text version (`Facts`) and shared by every rule, so a
clean text costs one pass over its unusual characters instead of one pass per rule.

A screen must never hide a change: `cleaner rules test` fails a changing example whose input
the screen would skip, and the test suite compares the screened pipeline with one that runs
every rule on everything (`Pipeline(screens=False)`).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, Callable, Hashable, Iterable, Mapping

#: Anything but printable ASCII and the newline: the characters screens ask about.
UNUSUAL = re.compile(r"[^\n\x20-\x7e]")
SAMPLE = 4096

Screen = Callable[["Facts"], bool]


class Facts:
    """What one version of a text contains, computed on first use, and what the rules of
    its pipeline share."""

    __slots__ = ("text", "shared", "narrow", "region", "__dict__")

    def __init__(self, text: str, shared: Mapping[str, Any] | None = None, narrow: bool = True):
        self.text = text
        #: What a pipeline's rules share, made once per pipeline by their kinds' `prepare`
        #: (the drop rules' union); the same for every version of the text.
        self.shared: Mapping[str, Any] = shared or {}
        #: Whether a rule may look only where its triggers are (a line-local rule on the
        #: lines holding one); False in the unscreened reference pipeline.
        self.narrow = narrow
        #: In a round after the first, the spans changed since the previous round began: a
        #: line-local rule that ran then need look only at the lines they touch. None: all.
        self.region: list[tuple[int, int]] | None = None

    def memo(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """A value computed once for this version of the text (the drop rules' line index),
        gone with it when a rule changes the text."""
        memos = self.__dict__.setdefault("_memos", {})
        if key not in memos:
            memos[key] = make()
        return memos[key]

    def carried(self, key: Hashable) -> dict:
        """A dict that lives on from this version of the text to the next ones a rule makes
        of it: for facts about pieces of the text that do not depend on where the piece is
        (a line's verdict under a pattern), so an unchanged line is not asked again."""
        carried = self.__dict__.setdefault("_carried", {})
        return carried.setdefault(key, {})

    @cached_property
    def chars(self) -> frozenset[str]:
        """The distinct unusual characters (not printable ASCII, not newline) in the text."""
        text = self.text
        # Mostly non-ASCII text (Chinese) is cheaper as one set() than as a regex findall.
        if len(UNUSUAL.findall(text[:SAMPLE])) * 10 > min(len(text), SAMPLE):
            return frozenset(set(text)).difference(PRINTABLE)
        return frozenset(UNUSUAL.findall(text))

    def after(self, text: str, edits: Iterable) -> "Facts":
        """The facts of `text`, made from this one by `edits`. Characters an edit removed
        may still be listed: a screen may let a text through needlessly, never wrongly,
        and the character set is not recomputed after every rule that changed something."""
        facts = Facts(text, self.shared, self.narrow)
        if "_carried" in self.__dict__:
            facts.__dict__["_carried"] = self.__dict__["_carried"]
        if "chars" in self.__dict__:
            added = "".join(edit.replacement for edit in edits)
            facts.__dict__["chars"] = self.chars.union(UNUSUAL.findall(added))
        return facts

    def has(self, string: str) -> bool:
        """`string` occurs in the text; a trigger ending in a newline also matches at its end."""
        if len(string) == 1 and UNUSUAL.match(string):
            return string in self.chars
        return string in self.text or (string.endswith("\n") and self.text.endswith(string[:-1]))


PRINTABLE = frozenset(chr(c) for c in range(0x20, 0x7F)) | {"\n"}


def trigger_screen(triggers: Iterable[str] = (), char_class: str | None = None) -> Screen | None:
    """A screen passing texts that hold one of `triggers` or a character of `char_class`."""
    strings = tuple(triggers)
    single = frozenset(s for s in strings if len(s) == 1 and UNUSUAL.match(s))
    others = tuple(s for s in strings if s not in single)
    pattern = re.compile(char_class) if char_class else None
    if pattern is not None and any(pattern.fullmatch(c) for c in PRINTABLE):
        raise ValueError("a trigger class may only hold characters other than printable ASCII and newline")
    if not strings and pattern is None:
        return None

    def screen(facts: Facts) -> bool:
        if single and not single.isdisjoint(facts.chars):
            return True
        if any(facts.has(s) for s in others):
            return True
        return pattern is not None and any(pattern.fullmatch(c) for c in facts.chars)

    return screen
