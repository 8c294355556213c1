"""Cleaning many files: tasks, worker processes, atomic writes, and the run summary.

No cleaning happens here: text files go through `Pipeline.clean_bytes`, JSONL files through
`records.clean_lines`. This module decides what is read and written where, runs the work in
worker processes, and keeps going when one input is bad: each file ends as an `Outcome`.

Three modes share one path: `clean` writes to an output folder, `fix` rewrites in place,
`check` writes nothing.
"""

from __future__ import annotations

import difflib
import io
import os
import shutil
import signal
import sys
import threading
import time
from collections import Counter, deque
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Iterator

from cleaner.changelog import FileLog, counts_by_rule, write_log
from cleaner.compression import compression_of, reader, writer as compressing
from cleaner.files import CONTENT_ERRORS, clean_data, format_of, skip_reason
from cleaner.findings import Finding, findings
from cleaner.fsutil import (
    AtomicFile,
    ChangedWhileCleaning,
    WriteError,
    commit_together,
    identity,
    locked_input,
    sweep_stale,
)
from cleaner.inputs import Found
from cleaner.names import shown
from cleaner.parquet import PARQUET, clean_parquet
from cleaner.pipeline import Options, Pipeline
from cleaner.html import HTML
from cleaner.records import JSONL, MAX_RECORD_MB, Line, LongLine, RecordFile, clean_jsonl, clean_line, too_large

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


class Mode(str, Enum):
    """What a run does with what it cleans (a str: it is written as such in --report)."""

    CLEAN = "clean"  # write to an output folder; inputs never change
    CHECK = "check"  # write nothing
    FIX = "fix"  # rewrite in place, atomically


LOG_SUFFIX = ".changes.json"
DEFAULT_LOG_DIR = ".cleaner-logs"  # inside --out; hidden, so a later walk of --out skips it


#: A text file larger than this is not read whole (cleaning holds several copies of it).
MAX_FILE_MB = 256


@dataclass(frozen=True)
class Limits:
    """How much of one input is read into memory; larger inputs are passed through and reported."""

    max_file_mb: float = MAX_FILE_MB
    max_record_mb: float = MAX_RECORD_MB


@dataclass(frozen=True)
class Task:
    """One input: where it is read, where its output and log go (None: not written).

    `root` and `log_root` are the folders outputs and logs are written under: no folder
    between them and the file may be a symbolic link."""

    source: Path
    relative: Path
    target: Path | None = None
    log: Path | None = None
    in_place: bool = False
    diff: bool = False
    root: Path | None = None
    log_root: Path | None = None
    limits: Limits = Limits()
    #: Send back each change in context (`Outcome.findings`), for --output-format and --html-report.
    findings: bool = False


class OverlapError(ValueError):
    """An output or a change log would be written over an input: the run is refused whole."""


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
    findings: list[Finding] | None = None


@dataclass
class Summary:
    """The whole run, for the closing table and `--report`."""

    mode: Mode
    files: int = 0
    changed: int = 0
    records: int = 0
    records_changed: int = 0
    #: JSONL records read without the text field (when it is every record, the field is wrong).
    records_without_field: int = 0
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
        records = outcome.records or {}
        self.records += records.get("total", 0)
        self.records_changed += records.get("changed", 0)
        self.records_without_field += records.get("without_field", 0)
        self.bytes_in += outcome.bytes_in
        self.bytes_out += outcome.bytes_out
        self.per_rule.update(outcome.per_rule)
        self.problems.extend((outcome.source, problem) for problem in outcome.problems)

    def to_json(self) -> dict:
        data = asdict(self)
        data["mode"] = self.mode.value
        data["per_rule"] = dict(sorted(self.per_rule.items()))
        for key in ("skipped", "errors", "problems"):
            data[key] = [{"path": path, "reason": reason} for path, reason in data[key]]
        data["seconds"] = round(self.seconds, 3)
        return data


def plan(
    found: Found,
    mode: Mode,
    out: Path | None = None,
    log_dir: Path | None = None,
    diff: bool = False,
    limits: Limits = Limits(),
    with_findings: bool = False,
) -> tuple[list[Task], list[Outcome]]:
    """Tasks for the inputs found, and refusals (a link out of the tree, two inputs for one output).

    Raises OverlapError when an output or log would land on an input (`--out` the input
    folder itself): nothing is written then.
    """
    tasks: list[Task] = []
    refused = [Outcome(path, skipped=reason) for path, reason in found.refused]
    refused += [Outcome(path, error=reason) for path, reason in found.unreadable]
    inputs = {os.path.realpath(item.path): item.path for item in found.inputs}
    written: dict[str, Path] = {}
    for item in found.inputs:
        html = format_of(item.path) == HTML
        if html and mode is Mode.FIX:
            refused.append(Outcome(str(item.path), skipped="HTML is extracted to text, never rewritten in place (use 'cleaner clean --out')"))
            continue
        # A page's article is text: written (and logged) as .txt where the page would go, so
        # `revert` finds the log of each output.
        named = item.relative.with_suffix(".txt") if html else item.relative
        if mode is Mode.CLEAN:
            assert out is not None
            target: Path | None = out / named
        else:
            target = item.path if mode is Mode.FIX else None
        log = log_dir / (str(named) + LOG_SUFFIX) if log_dir is not None else None
        written_here = [("change log", log)] + ([("output", target)] if mode is Mode.CLEAN else [])
        for what, path in written_here:
            if path is not None and (key := os.path.realpath(path)) in inputs:
                raise OverlapError(f"the {what} of {item.path} would overwrite the input {inputs[key]}; choose another folder")
        if target is not None:
            key = os.path.realpath(target)
            if key in written:
                refused.append(Outcome(str(item.path), skipped=f"output {target} already written from {written[key]}"))
                continue
            written[key] = item.path
        root = out if mode is Mode.CLEAN else None
        tasks.append(Task(item.path, item.relative, target, log, mode is Mode.FIX, diff, root, log_dir, limits, with_findings))
    return tasks, refused


def unified_diff(name: str, before: str, after: str) -> str:
    """A unified diff `patch -p1` applies, a missing final newline marked as diff marks it."""
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _log_file(task: Task, stat: os.stat_result) -> AtomicFile:
    """The change log's file: readable by at most those who can read the input."""
    assert task.log is not None
    return AtomicFile(task.log, mode=stat.st_mode & 0o666, durable=task.in_place, root=task.log_root)


def _output_file(task: Task, stat: os.stat_result) -> AtomicFile:
    """The output's file, with the input's permission bits (a 0600 input gives a 0600 output)."""
    assert task.target is not None
    expect = identity(stat) if task.in_place else None
    return AtomicFile(task.target, mode=stat.st_mode & 0o7777, expect=expect, durable=task.in_place, root=task.root)


def _open_input(task: Task):
    """The input open for reading, with its stat; locked while `fix` may rewrite it."""
    if task.in_place:
        return locked_input(task.source)
    return _plain_input(task.source)


@contextmanager
def _plain_input(path: Path) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    with open(path, "rb") as handle:
        yield handle, os.fstat(handle.fileno())


def _write_log(handle: BinaryIO, log: FileLog, counts: dict[str, int], change_lines: Iterable[str]) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
    write_log(text, log.header(counts), change_lines)
    text.detach()


def _too_large(task: Task, handle: BinaryIO, stat: os.stat_result, limit_mb: float) -> Outcome:
    """An input over the size limit: `clean` copies it unchanged (so --out is complete), the others leave it."""
    what = "copied unchanged" if task.target is not None and not task.in_place else "left as it is"
    outcome = Outcome(str(task.source), skipped=f"larger than {limit_mb:g} MB (max-file-mb); {what}")
    if task.target is not None and not task.in_place:
        with _output_file(task, stat) as out:
            shutil.copyfileobj(handle, out, 1 << 20)
    return outcome


def _clean_text_file(pipeline: Pipeline, task: Task, encoding: str | None) -> Outcome:
    """A text file, or an HTML page (its article, extracted): read whole, cleaned, written."""
    html = format_of(task.source) == HTML
    with _open_input(task) as (source, stat):
        if stat.st_size > task.limits.max_file_mb * 1_000_000:
            if html:  # a page is not copied as its text would be: there is no text yet
                return Outcome(str(task.source), skipped=f"larger than {task.limits.max_file_mb:g} MB (max-file-mb); not extracted")
            return _too_large(task, source, stat, task.limits.max_file_mb)
        data = source.read()
        result = clean_data(pipeline, data, task.source.name, encoding)
        output = result.output_bytes()
        outcome = Outcome(
            str(task.source),
            format=HTML if html else "text",
            changed=output != data,
            changes=len(result.changes),
            per_rule=counts_by_rule(result.changes),
            bytes_in=len(data),
            bytes_out=len(output),
            encoding=result.decision.encoding if result.decision else None,
            problems=list(result.problems),
        )
        write_output = task.target is not None and (outcome.changed or not task.in_place)
        with ExitStack() as stack:
            files = []
            if task.log is not None:
                log_file = _log_file(task, stat)
                handle = stack.enter_context(log_file)
                target = str(task.target) if write_output else None
                handle.write(result.log(source=str(task.source), output=target).dumps().encode("utf-8"))
                files.append(log_file)
            if write_output:
                out_file = _output_file(task, stat)
                stack.enter_context(out_file).write(output)
                files.append(out_file)
            commit_together(*files)  # the log first: a file never changes without its record
        if write_output:
            outcome.target = str(task.target)
    if task.diff and outcome.changed:
        outcome.diff = unified_diff(_diff_name(task.source), result.input, result.text)
    if task.findings:
        outcome.findings = findings(str(task.source), result.changes, result.input)
    return outcome


def _clean_jsonl_file(
    pipeline: Pipeline, task: Task, text_field: str, html_field: str | None = None, lines_by: LinesBy | None = None
) -> Outcome:
    """Stream the records through the pipeline (records.clean_jsonl) into the output file;
    `lines_by` cleans the lines elsewhere (in the workers: see `_shared_lines`)."""
    diff: list[str] = []
    found: list[Finding] | None = [] if task.findings else None

    def add_to_diff(line: Line) -> None:
        if line.status != "cleaned":
            return
        if task.diff:
            diff.append(f"@@ -{line.number} +{line.number} @@\n-{_text(line.raw)}+{_text(line.out)}")
        if found is not None:
            found.extend(findings(str(task.source), line.changes, line.text))

    with ExitStack() as stack:
        raw_source, stat = stack.enter_context(_open_input(task))
        source = reader(raw_source, compression_of(task.source))
        out_file = _output_file(task, stat) if task.target is not None else None
        handle = stack.enter_context(out_file) if out_file is not None else None
        writer: BinaryIO | None = handle
        if handle is not None:
            writer = compressing(handle, compression_of(task.target))
        result = clean_jsonl(pipeline, source, writer, text_field, html_field, task.limits.max_record_mb, add_to_diff, lines_by)
        stack.callback(result.spool.close)
        if writer is not None and writer is not handle:
            writer.close()
        write_output = out_file is not None and (result.changed or not task.in_place)
        if out_file is not None and not write_output:
            out_file.discard()
        outcome = _commit_records(stack, task, stat, result, out_file if write_output else None, found)
    if diff:
        name = _diff_name(task.source)
        outcome.diff = f"--- a/{name}\n+++ b/{name}\n" + "".join(diff)
    return outcome


def _clean_parquet_file(pipeline: Pipeline, task: Task, text_field: str) -> Outcome:
    """A Parquet table, row group by row group (cleaner.parquet), into the output file; a
    table with nothing to change is copied byte for byte."""
    found: list[Finding] | None = [] if task.findings else None

    def add_findings(row: int, text: str, changes: list) -> None:
        if found is not None:
            found.extend(findings(str(task.source), changes, text))

    with ExitStack() as stack:
        source, stat = stack.enter_context(_open_input(task))
        out_file = _output_file(task, stat) if task.target is not None else None
        handle = stack.enter_context(out_file) if out_file is not None else None
        result = clean_parquet(pipeline, source, handle, text_field, add_findings)
        stack.callback(result.spool.close)
        write_output = out_file is not None and (result.changed or not task.in_place)
        if out_file is not None and not write_output:
            out_file.discard()
        elif handle is not None and not result.changed:  # unchanged: the input's own bytes
            handle.seek(0)
            handle.truncate()
            source.seek(0)
            shutil.copyfileobj(source, handle, 1 << 20)
        return _commit_records(stack, task, stat, result, out_file if write_output else None, found)


def _commit_records(
    stack: ExitStack, task: Task, stat: os.stat_result, result: RecordFile, output: AtomicFile | None, found: list[Finding] | None
) -> Outcome:
    """A file of records is written: its log (from the spooled changes) first, then the output
    (None: not written), and what happened as an Outcome."""
    files = []
    if task.log is not None:
        log_file = _log_file(task, stat)
        log = result.log(str(task.source), str(task.target) if output is not None else None)
        _write_log(stack.enter_context(log_file), log, result.spool.counts, result.spool.lines())
        files.append(log_file)
    if output is not None:
        files.append(output)
    commit_together(*files)  # the log first: a file never changes without its record
    return Outcome(
        str(task.source),
        target=str(task.target) if output is not None else None,
        format=result.format,
        changed=result.changed,
        changes=result.spool.total,
        per_rule=dict(result.spool.counts),
        records=result.counts.to_json(),
        bytes_in=result.bytes_in,
        bytes_out=result.bytes_out,
        problems=result.problems,
        findings=found,
    )


def _diff_name(path: Path) -> str:
    """The path a diff names: relative to the current folder, so `patch -p1` applies it here."""
    try:
        name = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        name = str(path)
    return shown(name.replace(os.sep, "/"))


def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return text if text.endswith("\n") else text + "\n\\ No newline at end of file\n"


def process(
    pipeline: Pipeline,
    task: Task,
    encoding: str | None = None,
    text_field: str = "text",
    html_field: str | None = None,
    lines_by: LinesBy | None = None,
) -> Outcome:
    """Clean one input as its task says. Never raises: every failure becomes the Outcome's reason."""
    try:
        kind = format_of(task.source)
        if kind == JSONL:
            return _clean_jsonl_file(pipeline, task, text_field, html_field, lines_by)
        if kind == PARQUET:
            return _clean_parquet_file(pipeline, task, text_field)
        return _clean_text_file(pipeline, task, encoding)
    except CONTENT_ERRORS as exc:
        return Outcome(str(task.source), skipped=skip_reason(exc))
    except ChangedWhileCleaning:
        return Outcome(str(task.source), skipped="changed while it was being cleaned; left as it is")
    except WriteError as exc:
        return Outcome(str(task.source), error=f"cannot write {shown(exc.filename)}: {exc.strerror or exc}")
    except OSError as exc:
        return Outcome(str(task.source), error=f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a bug: report it on one line and let the batch go on
        return Outcome(str(task.source), error=f"internal error ({type(exc).__name__}: {exc}); please report it")


_worker: Pipeline | None = None
_parent: int | None = None


def _start_worker(options: Options, parent: int) -> None:
    """Set up a worker: it dies with its parent, leaves Ctrl-C to the parent, and builds its
    Pipeline unless it came with the fork (the parent's, already compiled)."""
    global _worker, _parent
    _parent = parent
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the run and says so, once
    if _worker is None or _worker.options != options:
        _worker = Pipeline(options)


def _die_with_parent() -> None:
    """On Linux the kernel kills this process when its parent dies (kill -9 included), so no
    worker goes on rewriting files after the run was stopped; elsewhere each task checks."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes  # in the worker only: not every start needs it

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    _check_parent()


def _check_parent() -> None:
    if _parent is not None and os.getppid() != _parent:
        os._exit(1)  # the parent is gone: the run was stopped


def _process_in_worker(task: Task, encoding: str | None, text_field: str, html_field: str | None) -> Outcome:
    assert _worker is not None
    _check_parent()
    return process(_worker, task, encoding, text_field, html_field)


#: A JSONL file at least this large, and large beside the run (a good part of one worker's
#: share), is cleaned by all the workers together, in chunks of lines: alone it would keep one
#: worker busy and leave the others idle. Other files go to one worker each (many files keep
#: every worker busy with less traffic). Each chunk is about _CHUNK_BYTES of lines; at most
#: two per worker are out at a time, so memory stays bounded whatever the file's size.
SHARED_JSONL_BYTES = 8_000_000
_CHUNK_BYTES = 1_000_000

LinesBy = Callable[[Iterable[bytes | LongLine]], Iterable[Line]]


def _to_share(tasks: list[Task], jobs: int) -> list[Task]:
    """The big JSONL files whose lines all the workers should clean together."""
    if not any(format_of(task.source) == JSONL for task in tasks):
        return []  # no need to look at every file's size
    sizes = {}
    for task in tasks:
        try:
            sizes[task] = task.source.stat().st_size
        except OSError:
            sizes[task] = 0  # process() reports it
    floor = max(SHARED_JSONL_BYTES, sum(sizes.values()) / (2 * jobs))
    return [task for task in tasks if sizes[task] >= floor and format_of(task.source) == JSONL]


def _clean_chunk(first: int, raw_lines: list[bytes], text_field: str, html_field: str | None, keep_text: bool) -> list[Line]:
    """In a worker: JSONL lines `first`, `first + 1`... cleaned (records.clean_line). What the
    parent has already, or does not need, does not travel back: the raw line, the output when
    it is the same, the field's text unless findings were asked for."""
    assert _worker is not None
    _check_parent()
    lines = []
    for i, raw in enumerate(raw_lines):
        line = clean_line(_worker, first + i, raw, text_field, html_field)
        line.out = b"" if line.out is raw else line.out
        line.raw = b""
        if not keep_text:
            line.text = None
        lines.append(line)
    return lines


def _rejoined(raw_lines: list[bytes], lines: list[Line]) -> list[Line]:
    """The parent's side of _clean_chunk: each Line with its raw bytes (and output) again."""
    for raw, line in zip(raw_lines, lines):
        line.raw = raw
        if line.status != "cleaned":
            line.out = raw
    return lines


def _shared_lines(
    pool: ProcessPoolExecutor,
    jobs: int,
    text_field: str,
    html_field: str | None,
    task: Task,
    lines: Iterable[bytes | LongLine],
) -> Iterator[Line]:
    """A big JSONL file's lines cleaned by the pool's workers, chunk by chunk, in order.

    A line over the record limit is never sent: the chunks before it are waited for, then it
    is handed on to be copied through from the file (records.too_large)."""
    pending: deque = deque()  # (the chunk's raw lines, the future of its Lines)
    chunk: list[bytes] = []
    size = number = 0

    def send(first: int) -> None:
        pending.append((chunk, pool.submit(_clean_chunk, first, chunk, text_field, html_field, task.findings)))

    def receive() -> list[Line]:
        raw_lines, future = pending.popleft()
        return _rejoined(raw_lines, future.result())

    for raw in lines:
        number += 1
        if isinstance(raw, LongLine):
            if chunk:
                send(number - len(chunk))
                chunk, size = [], 0
            while pending:
                yield from receive()
            yield too_large(number, raw, task.limits.max_record_mb)
            continue
        chunk.append(raw)
        size += len(raw)
        if size >= _CHUNK_BYTES:
            send(number - len(chunk) + 1)
            chunk, size = [], 0
            if len(pending) > 2 * jobs:
                yield from receive()
    if chunk:
        send(number - len(chunk) + 1)
    while pending:
        yield from receive()


def run(
    pipeline: Pipeline,
    tasks: list[Task],
    jobs: int = 1,
    encoding: str | None = None,
    text_field: str = "text",
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
    html_field: str | None = None,
) -> None:
    """Process every task, in `jobs` worker processes (each compiles the rules once): big
    JSONL files first, their lines shared out to every worker (the outputs and logs written
    here, in order), then the other files, one worker each, in order.

    Interrupted (Ctrl-C), the workers are killed at once: a stopped run stays stopped."""
    shared = _to_share(tasks, jobs) if jobs > 1 else []
    if jobs <= 1 or (len(tasks) <= 1 and not shared):
        for task in tasks:
            on_outcome(process(pipeline, task, encoding, text_field, html_field))
        return
    global _worker
    _worker = pipeline  # forked workers start with it; spawned ones build their own
    work = partial(_process_in_worker, encoding=encoding, text_field=text_field, html_field=html_field)
    rest = [task for task in tasks if task not in shared]
    # Tasks go out in chunks: one round trip per small file would cost more than cleaning it.
    chunk = max(1, min(32, len(rest) // (jobs * 8)))
    from concurrent.futures import ProcessPoolExecutor  # here: a one-process run never starts a pool

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(pipeline.options, os.getpid()))
    try:
        for task in shared:
            lines_by = partial(_shared_lines, pool, jobs, text_field, html_field, task)
            on_outcome(process(pipeline, task, encoding, text_field, html_field, lines_by))
        for outcome in pool.map(work, rest, chunksize=chunk):
            on_outcome(outcome)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers and wait for them: none may go on writing after we return.

    The pool's manager thread then finds its workers gone and may fail to mark a cancelled
    future as broken (`InvalidStateError`, Python 3.11): a stopped run has no use for that
    report, so the thread's errors are not printed."""
    threading.excepthook = lambda args: None
    workers = list((getattr(pool, "_processes", None) or {}).values())
    # The pool's manager thread closes its wake-up pipe as it ends, and at exit the pool's
    # own hook writes to that pipe unlocked: on Python 3.11 the two race (`OSError: Bad file
    # descriptor` printed after the run). It is let end first; shutdown forgets it, so it
    # is taken now.
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    for worker in workers:
        worker.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.join(timeout=10)
    # A worker killed while sending a large result leaves half a message in the result pipe,
    # and the manager thread waits in recv() for the rest forever: this process holds the
    # pipe's write end too, so no end of file comes, and exit would hang joining the thread.
    # With the workers dead, closing that end ends the wait.
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()
    if manager is not None:
        manager.join(timeout=10)


def run_all(
    pipeline: Pipeline,
    found: Found,
    mode: Mode,
    out: Path | None = None,
    log_dir: Path | None = None,
    diff: bool = False,
    jobs: int = 1,
    encoding: str | None = None,
    text_field: str = "text",
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
    runner: Callable[..., None] | None = None,
    limits: Limits = Limits(),
    html_field: str | None = None,
    with_findings: bool = False,
) -> Summary:
    """Plan, run and sum up a batch: the one entry the command line (and a library user) calls.

    `runner` replaces the local `run` (same arguments): cleaner.adapters.ray_data's spreads
    the tasks over a Ray cluster.
    """
    started = time.perf_counter()
    mode = Mode(mode)  # a library caller may pass "clean": checked once, here
    summary = Summary(mode, excluded=list(found.excluded))

    def collect(outcome: Outcome) -> None:
        summary.add(outcome)
        on_outcome(outcome)

    tasks, refused = plan(found, mode, out, log_dir, diff, limits, with_findings)
    for outcome in refused:
        collect(outcome)
    # Temporary files a killed run left where this one writes.
    folders = {path.parent for task in tasks for path in (task.target, task.log) if path is not None}
    for folder in folders:
        sweep_stale(folder)
    try:
        (runner or run)(pipeline, tasks, jobs, encoding, text_field, collect, html_field)
    except KeyboardInterrupt:
        for folder in folders:  # what the killed workers, or this process, were writing
            sweep_stale(folder, own=True)
        raise
    summary.seconds = time.perf_counter() - started
    return summary
