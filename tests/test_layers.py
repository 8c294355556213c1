"""The layers README's Layout describes: the core imports no format and no face, the formats
import no face. A test, so that the house keeps the shape the README says it has."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
FORMATS = {"records", "html", "files"}
FACES = {"batch", "cli", "config", "render", "inputs", "restore", "adapters", "fsutil", "__init__"}
CORE = [
    p
    for p in PACKAGE.rglob("*.py")
    if {"ruleset", "transforms"} & set(p.relative_to(PACKAGE).parts)
    or p.stem in ("pipeline", "edits", "changelog", "decode", "screens", "textunits", "budget")
]


def imported(path: Path) -> set[str]:
    """The cleaner modules a file imports (first part after `cleaner.`), at any depth."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cleaner."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[1] for alias in node.names if alias.name.startswith("cleaner."))
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_core_imports_no_format_and_no_face(path: Path):
    assert not imported(path) & (FORMATS | FACES)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_format_imports_no_face(name: str):
    assert not imported(PACKAGE / f"{name}.py") & FACES
