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


def transform(name: str, screen: Screen | None = None) -> Callable[[Transform], Transform]:
    """Register a transform under the name rule files use, with the screen it can be skipped by."""

    def register(function: Transform) -> Transform:
        TRANSFORMS[name] = function
        if screen is not None:
            SCREENS[name] = screen
        return function

    return register


# Importing the modules registers their transforms.
from cleaner.transforms import encoding, headlines, unicode, webpage  # noqa: E402,F401
