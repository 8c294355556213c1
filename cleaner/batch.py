"""Cleaning many inputs: walking folders, mapping inputs to outputs and logs, a summary.

No cleaning happens here: each file goes through `Pipeline.clean_bytes`; this module only
decides where things are read and written and keeps going when one input is bad.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from cleaner.changelog import counts_by_rule
from cleaner.decode import BinaryInput, DecodeError
from cleaner.fsutil import atomic_write
from cleaner.pipeline import Pipeline, Result

LOG_SUFFIX = ".changes.json"
DEFAULT_LOG_DIR = ".cleaner-logs"  # inside --out; hidden, so a later walk of --out skips it


@dataclass(frozen=True)
class Job:
    """One input file, where its output goes, and where its change log goes."""

    source: Path
    relative: Path


@dataclass
class Summary:
    files: int = 0
    changed: int = 0
    changes: int = 0
    per_rule: Counter = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def walk(root: Path, exclude: tuple[Path, ...] = ()) -> Iterator[Path]:
    """Regular files under `root`, sorted, skipping hidden entries and the excluded folders."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() not in exclude)
        for name in sorted(files):
            path = here / name
            if not name.startswith(".") and path.is_file():
                yield path


def plan(paths: list[Path], exclude: tuple[Path, ...] = ()) -> list[Job]:
    """Map each input to its path relative to the folder given (a single file: its name)."""
    jobs = []
    for path in paths:
        if path.is_dir():
            jobs.extend(Job(p, p.relative_to(path)) for p in walk(path, exclude))
        else:
            jobs.append(Job(path, Path(path.name)))
    return jobs


class Skip(Exception):
    """This input is skipped; the message says why, in one line."""


def _clean_one(pipeline: Pipeline, source: Path, encoding: str | None) -> Result:
    try:
        return pipeline.clean_bytes(source.read_bytes(), encoding)
    except BinaryInput as exc:
        raise Skip(str(exc)) from None
    except DecodeError as exc:
        raise Skip(f"cannot decode: {exc}") from None
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror or exc}") from None


def clean_tree(
    pipeline: Pipeline,
    paths: list[Path],
    out: Path,
    log_dir: Path,
    encoding: str | None = None,
    report: Callable[[str], None] = lambda message: None,
) -> Summary:
    """Clean every input into `out`, with one change log per input under `log_dir`."""
    summary = Summary()
    written: dict[Path, Path] = {}
    exclude = (out.resolve(), log_dir.resolve())
    for job in plan(paths, exclude):
        target = out / job.relative
        resolved = target.resolve()
        try:
            if resolved in written:
                raise Skip(f"output {target} already written from {written[resolved]}")
            result = _clean_one(pipeline, job.source, encoding)
        except Skip as skip:
            summary.skipped.append((str(job.source), str(skip)))
            report(f"skipped {job.source}: {skip}")
            continue
        atomic_write(target, result.text.encode("utf-8"))
        written[resolved] = job.source
        log = result.log(source=str(job.source), output=str(target))
        atomic_write(log_dir / (str(job.relative) + LOG_SUFFIX), log.dumps().encode("utf-8"))
        summary.files += 1
        summary.changed += result.changed
        summary.changes += len(result.changes)
        summary.per_rule.update(counts_by_rule(result.changes))
        for problem in result.problems:
            summary.problems.append((str(job.source), problem))
            report(f"{job.source}: {problem}")
    return summary
