"""Built-in Python transforms, for what a pattern cannot express.

A transform is `function(text, **params) -> list[Edit]`: it reports the edits it would make
rather than returning new text, so every change can be logged and reverted. Rules name a
transform with `kind = "transform"` and `function = "<name>"`.
"""

from __future__ import annotations

from typing import Callable

from cleaner.edits import Edit

Transform = Callable[..., list[Edit]]
TRANSFORMS: dict[str, Transform] = {}


def transform(name: str) -> Callable[[Transform], Transform]:
    """Register a transform under the name rule files use."""

    def register(function: Transform) -> Transform:
        TRANSFORMS[name] = function
        return function

    return register


# Importing the modules registers their transforms.
from cleaner.transforms import encoding, headlines, unicode, webpage  # noqa: E402,F401
