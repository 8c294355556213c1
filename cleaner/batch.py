"""Cleaning many files: tasks, worker processes, atomic writes, and the run summary.

No cleaning happens here: text files go through `Pipeline.clean_bytes`, JSONL files through
`records.clean_lines`. This module decides what is read and written where, runs the work in
worker processes, and keeps going when one input is bad: each file ends as an `Outcome`.

Three modes share one path: `clean` writes to an output folder, `fix` rewrites in place,
`check` writes nothing.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import io
import os
import time
import zlib
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from cleaner.changelog import ChangeSpool, FileLog, counts_by_rule, write_log
from cleaner.decode import BinaryInput, DecodeError
from cleaner.fsutil import AtomicFile, ChangedWhileCleaning, atomic_write, identity, sweep_stale
from cleaner.inputs import Found
from cleaner.pipeline import Pipeline
from cleaner.records import JSONL, RecordCounts, clean_lines, field_note, format_of, is_gzip, open_lines, tally

LOG_SUFFIX = ".changes.json"
DEFAULT_LOG_DIR = ".cleaner-logs"  # inside --out; hidden, so a later walk of --out skips it
MAX_PROBLEMS = 100  # per file: a JSONL file of broken lines reports the first ones and a count


@dataclass(frozen=True)
class Task:
    """One input: where it is read, where its output and log go (None: not written)."""

    source: Path
    relative: Path
    target: Path | None = None
    log: Path | None = None
    in_place: bool = False
    diff: bool = False


@dataclass
class Outcome:
    """What happened to one input; small and picklable, it travels back from a worker."""

    source: str
    target: str | None = None
    format: str = "text"
    changed: bool = False
    changes: int = 0
    per_rule: dict[str, int] = field(default_factory=dict)
    records: dict[str, int] | None = None
    bytes_in: int = 0
    bytes_out: int = 0
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)
    skipped: str | None = None  # binary, undecodable, changed while cleaning: exit code 3
    error: str | None = None  # unreadable, unwritable: exit code 2
    diff: str | None = None


@dataclass
class Summary:
    """The whole run, for the closing table and `--report`."""

    mode: str
    files: int = 0
    changed: int = 0
    records: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    changes: int = 0
    per_rule: Counter = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, outcome: Outcome) -> None:
        if outcome.error:
            self.errors.append((outcome.source, outcome.error))
            return
        if outcome.skipped:
            self.skipped.append((outcome.source, outcome.skipped))
            return
        self.files += 1
        self.changed += outcome.changed
        self.changes += outcome.changes
        self.records += (outcome.records or {}).get("total", 0)
        self.bytes_in += outcome.bytes_in
        self.bytes_out += outcome.bytes_out
        self.per_rule.update(outcome.per_rule)
        self.problems.extend((outcome.source, problem) for problem in outcome.problems)

    def to_json(self) -> dict:
        data = asdict(self)
        data["per_rule"] = dict(sorted(self.per_rule.items()))
        for key in ("skipped", "errors", "problems"):
            data[key] = [{"path": path, "reason": reason} for path, reason in data[key]]
        data["seconds"] = round(self.seconds, 3)
        return data


def plan(
    found: Found, mode: str, out: Path | None = None, log_dir: Path | None = None, diff: bool = False
) -> tuple[list[Task], list[Outcome]]:
    """Tasks for the inputs found, and refusals (a link out of the tree, two inputs for one output)."""
    tasks: list[Task] = []
    refused = [Outcome(path, skipped=reason) for path, reason in found.refused]
    refused += [Outcome(path, error=reason) for path, reason in found.unreadable]
    written: dict[str, Path] = {}
    for item in found.inputs:
        if mode == "clean":
            assert out is not None
            target: Path | None = out / item.relative
        else:
            target = item.path if mode == "fix" else None
        if target is not None:
            key = os.path.realpath(target)
            if key in written:
                refused.append(Outcome(str(item.path), skipped=f"output {target} already written from {written[key]}"))
                continue
            written[key] = item.path
        log = log_dir / (str(item.relative) + LOG_SUFFIX) if log_dir is not None else None
        tasks.append(Task(item.path, item.relative, target, log, in_place=mode == "fix", diff=diff))
    return tasks, refused


def _diff(name: str, before: str, after: str) -> str:
    """A unified diff `patch -p1` applies, a missing final newline marked as diff marks it."""
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _write_log(path: Path, log: FileLog, counts: dict[str, int], change_lines: Iterable[str], durable: bool) -> None:
    with AtomicFile(path, durable=durable) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
        write_log(text, log.header(counts), change_lines)
        text.detach()


def _clean_text_file(pipeline: Pipeline, task: Task, encoding: str | None) -> Outcome:
    stat = os.stat(task.source)
    data = task.source.read_bytes()
    result = pipeline.clean_bytes(data, encoding)
    output = result.output_bytes()
    outcome = Outcome(
        str(task.source),
        changed=output != data,
        changes=len(result.changes),
        per_rule=counts_by_rule(result.changes),
        bytes_in=len(data),
        bytes_out=len(output),
        encoding=result.decision.encoding if result.decision else None,
        problems=list(result.problems),
    )
    if task.target is not None and (outcome.changed or not task.in_place):
        outcome.target = str(task.target)
        expect = identity(stat) if task.in_place else None
        with AtomicFile(task.target, expect=expect, durable=task.in_place) as handle:
            handle.write(output)
    if task.log is not None:
        log = result.log(source=str(task.source), output=outcome.target).dumps().encode("utf-8")
        atomic_write(task.log, log, durable=task.in_place)
    if task.diff and outcome.changed:
        outcome.diff = _diff(str(task.relative), result.input, result.text)
    return outcome


def _clean_jsonl_file(pipeline: Pipeline, task: Task, text_field: str) -> Outcome:
    """Stream the records through the pipeline: memory stays bounded whatever the file's size."""
    stat = os.stat(task.source)
    counts, spool = RecordCounts(), ChangeSpool()
    hash_in, hash_out = hashlib.sha256(), hashlib.sha256()
    outcome = Outcome(str(task.source), format=JSONL)
    diff: list[str] = []
    unreported = 0
    sink = (
        AtomicFile(task.target, expect=identity(stat) if task.in_place else None, durable=task.in_place)
        if task.target
        else nullcontext()
    )
    try:
        with sink as handle, open_lines(task.source) as source:
            writer: BinaryIO | None = handle
            if handle is not None and is_gzip(task.target):
                writer = gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0)
            for line in clean_lines(pipeline, source, text_field):
                tally(counts, line)
                hash_in.update(line.raw)
                hash_out.update(line.out)
                outcome.bytes_in += len(line.raw)
                outcome.bytes_out += len(line.out)
                spool.add(line.changes)
                if len(outcome.problems) < MAX_PROBLEMS:
                    outcome.problems.extend(line.problems)
                else:
                    unreported += len(line.problems)
                if writer is not None:
                    writer.write(line.out)
                if task.diff and line.status == "cleaned":
                    diff.append(f"@@ -{line.number} +{line.number} @@\n-{_text(line.raw)}+{_text(line.out)}")
            if writer is not None and writer is not handle:
                writer.close()
            if isinstance(sink, AtomicFile):
                if task.in_place and not counts.changed:
                    sink.discard()
                else:
                    outcome.target = str(task.target)
        outcome.changed = counts.changed > 0
        outcome.changes = spool.total
        outcome.per_rule = dict(spool.counts)
        outcome.records = counts.to_json()
        if unreported:
            outcome.problems.append(f"... and {unreported} more problem line(s) like these")
        outcome.problems.extend(field_note(counts, text_field))
        if task.log is not None:
            log = FileLog(
                source=str(task.source),
                output=outcome.target,
                decode=None,
                input_sha256=hash_in.hexdigest(),
                output_sha256=hash_out.hexdigest(),
                changes=[],
                rules=[rule.code for rule in pipeline.field_rules],
                problems=outcome.problems,
                text_field=text_field,
                records=outcome.records,
            )
            _write_log(task.log, log, spool.counts, spool.lines(), durable=task.in_place)
    finally:
        spool.close()
    if diff:
        outcome.diff = f"--- a/{task.relative}\n+++ b/{task.relative}\n" + "".join(diff)
    return outcome


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return text if text.endswith("\n") else text + "\n\\ No newline at end of file\n"


def process(pipeline: Pipeline, task: Task, encoding: str | None = None, text_field: str = "text") -> Outcome:
    """Clean one input as its task says. Never raises: every failure becomes the Outcome's reason."""
    try:
        if format_of(task.source) == JSONL:
            return _clean_jsonl_file(pipeline, task, text_field)
        return _clean_text_file(pipeline, task, encoding)
    except BinaryInput as exc:
        return Outcome(str(task.source), skipped=str(exc))
    except DecodeError as exc:
        return Outcome(str(task.source), skipped=f"cannot decode: {exc}")
    except ChangedWhileCleaning:
        return Outcome(str(task.source), skipped="changed while it was being cleaned; left as it is")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return Outcome(str(task.source), skipped=f"not a valid gzip file: {exc}")
    except OSError as exc:
        path = exc.filename or task.source
        what = "cannot read" if str(path) == str(task.source) else f"cannot write {path}"
        return Outcome(str(task.source), error=f"{what}: {exc.strerror or exc}")
    except Exception as exc:  # a bug: report it on one line and let the batch go on
        return Outcome(str(task.source), error=f"internal error ({type(exc).__name__}: {exc}); please report it")


_worker: Pipeline | None = None


def _start_worker(options: dict) -> None:
    """Build the worker's Pipeline, unless it came with the fork (the parent's, already compiled)."""
    global _worker
    if _worker is None or _worker.options != options:
        _worker = Pipeline(**options)


def _process_in_worker(task: Task, encoding: str | None, text_field: str) -> Outcome:
    assert _worker is not None
    return process(_worker, task, encoding, text_field)


def run(
    pipeline: Pipeline,
    tasks: list[Task],
    jobs: int = 1,
    encoding: str | None = None,
    text_field: str = "text",
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> None:
    """Process every task, in `jobs` worker processes (each compiles the rules once), in order."""
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            on_outcome(process(pipeline, task, encoding, text_field))
        return
    global _worker
    _worker = pipeline  # forked workers start with it; spawned ones build their own
    work = partial(_process_in_worker, encoding=encoding, text_field=text_field)
    # Tasks go out in chunks: one round trip per small file would cost more than cleaning it.
    chunk = max(1, min(32, len(tasks) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(pipeline.options,)) as pool:
        for outcome in pool.map(work, tasks, chunksize=chunk):
            on_outcome(outcome)


def run_all(
    pipeline: Pipeline,
    found: Found,
    mode: str,
    out: Path | None = None,
    log_dir: Path | None = None,
    diff: bool = False,
    jobs: int = 1,
    encoding: str | None = None,
    text_field: str = "text",
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
    runner: Callable[..., None] | None = None,
) -> Summary:
    """Plan, run and sum up a batch: the one entry the command line (and a library user) calls.

    `runner` replaces the local `run` (same arguments): cleaner.adapters.ray_data's spreads
    the tasks over a Ray cluster.
    """
    started = time.perf_counter()
    summary = Summary(mode, excluded=list(found.excluded))

    def collect(outcome: Outcome) -> None:
        summary.add(outcome)
        on_outcome(outcome)

    tasks, refused = plan(found, mode, out, log_dir, diff)
    for outcome in refused:
        collect(outcome)
    # Temporary files a killed run left where this one writes.
    for folder in {path.parent for task in tasks for path in (task.target, task.log) if path is not None}:
        sweep_stale(folder)
    (runner or run)(pipeline, tasks, jobs, encoding, text_field, collect)
    summary.seconds = time.perf_counter() - started
    return summary
