"""Which files a run reads: folders walked, include/exclude globs, symlinks kept inside the tree.

Patterns are gitignore-style (pathspec): `*.txt` matches at any depth, `drafts/` a folder
anywhere, `/top.md` only at the top. They are matched against the path relative to the folder
given; a file named directly is matched against its path relative to the current folder, so
a pre-commit run (which names every staged file) sees the same set as a walk of the repo.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pathspec

from cleaner.records import JSONL_SUFFIXES

#: Text-like files cleaned by default: documents, JSON Lines (plain or compressed), Parquet tables.
DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.txt",
    "*.text",
    "*.md",
    "*.markdown",
    "*.rst",
    *(f"*{name}" for name in JSONL_SUFFIXES),
    "*.parquet",
)
#: HTML pages: taken by `clean` by default (their article is extracted, cleaner[html]).
HTML_INCLUDE: tuple[str, ...] = ("*.html", "*.htm")
#: Hidden files and folders (VCS metadata, caches, our own temporary files) and the usual
#: generated folders are never read unless the user replaces `exclude`.
DEFAULT_EXCLUDE: tuple[str, ...] = (".*", "CVS/", "_darcs/", "__pycache__/", "node_modules/")


@dataclass(frozen=True)
class Input:
    """A file to read, and its path relative to the folder it was found in (or its name)."""

    path: Path
    relative: Path


@dataclass
class Found:
    inputs: list[Input] = field(default_factory=list)
    #: (path, reason) for files that match but cannot be taken: symlinks out of the tree, broken links.
    refused: list[tuple[str, str]] = field(default_factory=list)
    #: Files named directly that the include/exclude patterns leave out.
    excluded: list[str] = field(default_factory=list)
    #: (path, reason) for folders that could not be listed.
    unreadable: list[tuple[str, str]] = field(default_factory=list)


class Selector:
    """include/exclude patterns, compiled once."""

    def __init__(self, include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = DEFAULT_EXCLUDE):
        self.include = pathspec.GitIgnoreSpec.from_lines(include)
        self.exclude = pathspec.GitIgnoreSpec.from_lines(exclude)

    def wants_file(self, relative: str) -> bool:
        return self.include.match_file(relative) and not self.exclude.match_file(relative)

    def wants_folder(self, relative: str) -> bool:
        return not self.exclude.match_file(relative.rstrip("/") + "/")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _as_given(path: Path) -> str:
    """A named file's path for matching: relative to the current folder when under it, else its name."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.name


def find_inputs(
    paths: Sequence[Path],
    selector: Selector,
    skip_folders: Sequence[Path] = (),
    follow_file_links: bool = True,
) -> Found:
    """The files to clean under `paths`, sorted per folder; folders in `skip_folders` are not entered.

    Symlinked folders are never entered (so a link loop cannot hang the walk); a symlinked
    file is taken only when it points to a file inside the folder given, and only when
    `follow_file_links` (`fix` rewrites files in place and does not write through links).
    """
    found = Found()
    skip = {os.path.realpath(p) for p in skip_folders}
    for path in paths:
        if not path.is_dir():
            relative = _as_given(path)
            if not selector.wants_file(relative):
                found.excluded.append(str(path))
            elif path.is_symlink() and not follow_file_links:
                found.refused.append((str(path), "symlink: not rewritten in place (fix the file it points to)"))
            else:
                found.inputs.append(Input(path, Path(path.name)))
            continue
        root = os.path.realpath(path)

        def unreadable(error: OSError) -> None:
            found.unreadable.append((str(error.filename), f"cannot read folder: {error.strerror or error}"))

        for folder, dirs, files in os.walk(path, onerror=unreadable):
            here = Path(folder)
            rel_here = here.relative_to(path)
            dirs[:] = sorted(
                d
                for d in dirs
                if not (here / d).is_symlink()
                and selector.wants_folder((rel_here / d).as_posix())
                and os.path.realpath(here / d) not in skip
            )
            for name in sorted(files):
                file = here / name
                relative = rel_here / name
                if not selector.wants_file(relative.as_posix()):
                    continue
                if file.is_symlink():
                    target = os.path.realpath(file)
                    if not follow_file_links:
                        found.refused.append((str(file), "symlink: not rewritten in place"))
                        continue
                    if not _inside(target, root):
                        found.refused.append((str(file), f"symlink to {target}, outside {path}"))
                        continue
                    if not os.path.isfile(target):
                        found.refused.append((str(file), "broken symlink"))
                        continue
                found.inputs.append(Input(file, relative))
    return found
