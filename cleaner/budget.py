"""Time limits for rules: one slow pattern costs that rule on that span, never the batch.

A regex can take exponential time on some inputs (`(a|aa)+b` over a line of `a`s). Every
regex a rule runs gets what is left of the rule's budget for the text (not a fresh limit
per call: thirty short lines must not add up to thirty limits), and the budget grows with
the text, so a large document is not cut short for being large.

A rule that runs out raises `RuleTimeout`, carrying the edits it did finish (line-local
rules work block by block, so a timeout costs one block) and where it gave up; the pipeline
keeps those edits, skips the rule for the rest of that text, and reports it.
"""

from __future__ import annotations

import time

#: Seconds any rule may spend on a text, plus this much per megabyte of it.
BASE_SECONDS = 2.0
SECONDS_PER_MB = 1.0


def seconds_for(size: int) -> float:
    """The budget for a text (or a block of one) of `size` characters."""
    return BASE_SECONDS + SECONDS_PER_MB * size / 1_000_000


class RuleTimeout(TimeoutError):
    """A rule ran out of time on part of a text: `edits` are what it finished, `where` what it did not."""

    def __init__(self, where: str, edits: list | None = None):
        super().__init__(where)
        self.where = where
        self.edits = edits or []


class Budget:
    """A deadline; `left()` is the timeout to give the next regex call."""

    __slots__ = ("deadline",)

    def __init__(self, seconds: float):
        self.deadline = time.perf_counter() + seconds

    @classmethod
    def for_text(cls, text: str) -> "Budget":
        return cls(seconds_for(len(text)))

    def left(self) -> float:
        """Seconds remaining; TimeoutError when none are."""
        remaining = self.deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError("rule budget spent")
        return remaining
