"""Built-in Python transforms, for what a pattern cannot express.

A transform is `function(text, **params) -> list[Edit]`: it reports the edits it would make
rather than returning new text, so every change can be logged and reverted. Rules name a
transform with `kind = "transform"` and `function = "<name>"`.
"""

from __future__ import annotations

from typing import Callable

from cleaner.edits import Edit
from cleaner.screens import Screen

Transform = Callable[..., list[Edit]]
TRANSFORMS: dict[str, Transform] = {}
#: Each transform's screen (cleaner.screens): the texts it may change. A rule's own
#: `triggers` replace it.
SCREENS: dict[str, Screen] = {}


def transform(screen: Screen | None = None) -> Callable[[Transform], Transform]:
    """Register a transform under its own name, the one rule files use (`function = "..."`):
    the rule's name in snake case, or a family's for a function several rules share with
    their own params (`unicode_normal_form`, `fullwidth_latin`); with the screen it can be
    skipped by."""

    def register(function: Transform) -> Transform:
        TRANSFORMS[function.__name__] = function
        if screen is not None:
            SCREENS[function.__name__] = screen
        return function

    return register


# Importing the modules registers their transforms.
from cleaner.transforms import encoding, headlines, unicode, webpage  # noqa: E402,F401
