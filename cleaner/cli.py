"""The `cleaner` command: a thin typer face over Pipeline and the batch runner.

Exit codes live here, in one place (when several apply, the first in this list wins):
  2  usage or configuration error, missing path, unreadable input, unwritable output
  1  check: some file would change; fix: some file was changed
  3  some inputs were skipped (binary, undecodable, changed while cleaning); each is named
  0  done, nothing to report
  130  interrupted (Ctrl-C); workers are stopped too
Messages go to stderr, one line each, never a traceback; diffs and listings go to stdout.
"""

from __future__ import annotations

import codecs
import difflib
import functools
import inspect
import os
import sys
from pathlib import Path
from typing import Any, Callable, List, NoReturn, Optional

import typer

from cleaner.batch import (
    Mode,
    unified_diff,
    DEFAULT_LOG_DIR,
    LOG_SUFFIX,
    Outcome,
    OverlapError,
    Summary,
    run_all,
)
from cleaner.changelog import by_record, counts_by_rule, to_json_text
from cleaner.emit import FORMATS, Emitter, statistics_lines
from cleaner.findings import Finding, findings
from cleaner.config import ConfigError, Settings, settings_for
from cleaner.fsutil import atomic_write
from cleaner.inputs import Selector, find_inputs
from cleaner.names import shown
from cleaner.files import CONTENT_ERRORS, clean_data, output_data, skip_reason
from cleaner.pipeline import LINE_ENDINGS, QUOTE_STYLES, OptionError, Pipeline, Result
from cleaner.parquet import ParquetResult
from cleaner.records import JsonlResult
from cleaner.render import explain_lines, outcome_message, plural, rule_doc, rules_markdown, summary_line, summary_table
from cleaner.restore import RevertError, load_log, restore_file
from cleaner.ruleset import RuleError
from cleaner.ruleset.examples import check_examples
from cleaner.ruleset.select import SelectionError
from cleaner import entry

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = entry.EXIT_INTERRUPTED  # the entry point says it too, for a Ctrl-C while loading

app = typer.Typer(
    add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish, PowerShell)
    no_args_is_help=True,
    rich_markup_mode=None,  # help text is plain: `cleaner[ray]` keeps its brackets
    pretty_exceptions_enable=False,
    help="Repair encoding damage, normalize Unicode and layout, strip boilerplate; log every change.",
)
rules_app = typer.Typer(help="List the rules, or run their examples as tests.", invoke_without_command=True)
app.add_typer(rules_app, name="rules")


def _print_version(value: bool) -> None:
    if value:
        from cleaner import __version__

        typer.echo(f"cleaner {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _app_options(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
) -> None:
    """Repair encoding damage, normalize Unicode and layout, strip boilerplate; log every change."""


class Failure(Exception):
    """A one-line error that ends the command with `code`."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


class Interrupted(Exception):
    """Ctrl-C: the run was stopped (its workers too); exit 130 with one line."""


def guarded(command: Callable) -> Callable:
    """Turn Ctrl-C and a closed stdout inside a command into our one-line endings (typer
    would end the first silently and the second with exit 1)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            raise Interrupted() from None
        except BrokenPipeError:  # `cleaner check --diff | head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # quiet at exit too
            raise Failure("standard output was closed") from None

    return run


def say(message: str) -> None:
    """One line on stderr, whatever the file names in it hold (see cleaner.names)."""
    typer.echo(shown(message), err=True)


def _split(values: Optional[List[str]]) -> Optional[tuple[str, ...]]:
    """`--select A,B` as well as repeated `--select A --select B`; None when not given."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


# Options shared by the commands, as name -> (type, typer option). Each defaults to None
# (or False), meaning "as configured": the configuration file, else cleaner's defaults.
RULE_OPTIONS: dict[str, tuple[Any, Any]] = {
    "config": (Optional[Path], typer.Option(None, "--config", help="Settings file (default: cleaner.toml, or pyproject.toml with [tool.cleaner], found upward).")),
    "select": (Optional[List[str]], typer.Option(None, "--select", help="Rule codes, code prefixes or names to run (replaces the defaults).")),
    "ignore": (Optional[List[str]], typer.Option(None, "--ignore", help="Rule codes, prefixes or names not to run.")),
    "extend_select": (Optional[List[str]], typer.Option(None, "--extend-select", help="Rules to run in addition to the defaults.")),
    "unsafe_fixes": (Optional[bool], typer.Option(None, "--unsafe-fixes/--no-unsafe-fixes", help="Also run selected rules that may change meaning.")),
    "quote_style": (Optional[str], typer.Option(None, "--quote-style", autocompletion=lambda: list(QUOTE_STYLES), help="keep: curly quotes stay (default); ascii: straighten them (AQ001).")),
    "profile": (Optional[str], typer.Option(None, "--profile", help="Rule profile (default: 'default').")),
    "line_ending": (Optional[str], typer.Option(None, "--line-ending", autocompletion=lambda: list(LINE_ENDINGS), help="lf (default), crlf, or keep: each file's most common line ending (WS001).")),
    "rules_dirs": (Optional[List[Path]], typer.Option(None, "--rules", help="A folder (or file) of your own TOML rules, added to the built-in ones.")),
    "text_field": (Optional[str], typer.Option(None, "--text-field", help="JSONL: the field of each record to clean (default: text).")),
    "html_field": (Optional[str], typer.Option(None, "--html-field", help="JSONL: a field holding HTML; its article, extracted and cleaned, is added as the text field (pip install 'cleaner[html]').")),
    "stdin_filename": (Optional[str], typer.Option(None, "--stdin-filename", help="With '-': the file stdin stands for; its suffix picks the format (.jsonl, .html...) and it names the input in messages and logs.")),
    "encoding": (Optional[str], typer.Option(None, "--encoding", help="Read text files in this encoding instead of detecting it.")),
    "max_file_mb": (Optional[float], typer.Option(None, "--max-file-mb", min=0.001, help="Text files larger than this many MB are passed through unread (default: 256).")),
    "max_record_mb": (Optional[float], typer.Option(None, "--max-record-mb", min=0.001, help="JSONL lines longer than this many MB are copied through unread (default: 64).")),
}
BATCH_OPTIONS: dict[str, tuple[Any, Any]] = {
    "include": (Optional[List[str]], typer.Option(None, "--include", help="Glob of files to clean (replaces the default text-like set: *.txt, *.md, *.jsonl...).")),
    "exclude": (Optional[List[str]], typer.Option(None, "--exclude", help="Glob of files or folders/ to leave out (replaces the default: hidden, VCS).")),
    "extend_exclude": (Optional[List[str]], typer.Option(None, "--extend-exclude", help="Glob to leave out, in addition to the excludes.")),
    "jobs": (Optional[int], typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: the number of cores).")),
    "quiet": (bool, typer.Option(False, "--quiet", "-q", help="Only errors: no progress bar, no summary.")),
    "report": (Optional[Path], typer.Option(None, "--report", help="Also write the run summary as JSON to this file.")),
    "html_report": (Optional[Path], typer.Option(None, "--html-report", help="Also write a self-contained HTML page to review the run: changes per rule and file, samples in context.")),
    "engine": (str, typer.Option("local", "--engine", help="local: worker processes here; ray: a Ray cluster (pip install 'cleaner[ray]').")),
    "address": (Optional[str], typer.Option(None, "--address", help="With --engine ray: the cluster to join ('auto', or host:port); default: start a local one.")),
}


def shared_options(*groups: dict[str, tuple[Any, Any]]) -> Callable:
    """Give a command the shared options: typer reads them from the signature made here, and
    the command receives them together as one `options` dict, with `options["resolved"]`:
    the settings and Pipeline they make, and `options["runner"]` for --engine (so a bad
    option fails before any work)."""

    def decorate(command: Callable) -> Callable:
        shared = {name: spec for group in groups for name, spec in group.items()}
        own = [p for p in inspect.signature(command).parameters.values() if p.name != "options"]
        added = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=o, annotation=t) for n, (t, o) in shared.items()]

        @functools.wraps(command)
        @guarded
        def with_options(**values: Any) -> Any:
            options = {name: values.pop(name) for name in shared}
            options["resolved"] = resolve(options, values.get("paths"))
            if "engine" in options:
                options["runner"] = _runner(options)
            return command(**values, options=options)

        with_options.__signature__ = inspect.Signature(own + added)  # type: ignore[attr-defined]
        with_options.__annotations__ = {p.name: p.annotation for p in own + added}
        return with_options

    return decorate


def _config_start(paths: Optional[List[Path]]) -> Optional[Path]:
    """Where to look for the configuration: the folder the paths share (as black and ruff
    do), so `cleaner fix repo/data` uses repo's settings from anywhere; None: the current folder."""
    given = [p for p in paths or () if p != Path("-")]
    if not given:
        return None
    folders = [os.path.abspath(p if p.is_dir() else p.parent) for p in given]
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # different drives
        return None


def resolve(options: dict[str, Any], paths: Optional[List[Path]] = None) -> tuple[Settings, Pipeline]:
    """The configuration file's settings with the command line's flags on top, and their Pipeline."""
    config, quote_style, encoding = options.get("config"), options.get("quote_style"), options.get("encoding")
    if config is not None and not config.is_file():
        raise Failure(f"{config}: no such configuration file")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise Failure(f"--encoding: unknown encoding {encoding!r}") from None
    try:
        settings = settings_for(config, _config_start(paths))
    except ConfigError as exc:
        raise Failure(str(exc)) from None
    extra_excludes = _split(options.get("extend_exclude"))
    rules_dirs = options.get("rules_dirs")
    settings = settings.override(
        select=_split(options.get("select")),
        ignore=_split(options.get("ignore")),
        extend_select=_split(options.get("extend_select")),
        unsafe_fixes=options.get("unsafe_fixes"),
        quote_style=quote_style,
        line_ending=options.get("line_ending"),
        profile=options.get("profile"),
        extend_rules=tuple(rules_dirs) if rules_dirs else None,
        include=_split(options.get("include")),
        exclude=_split(options.get("exclude")),
        extend_exclude=settings.extend_exclude + extra_excludes if extra_excludes else None,
        text_field=options.get("text_field"),
        html_field=options.get("html_field"),
        max_file_mb=options.get("max_file_mb"),
        max_record_mb=options.get("max_record_mb"),
    )
    try:
        return settings, Pipeline(settings.pipeline_options())
    except RuleError as exc:
        raise Failure(str(exc)) from None
    except OptionError as exc:  # checked once, by the Pipeline: name where the value came from
        if options.get(exc.option.replace("-", "_")) is not None:
            raise Failure(f"--{exc}") from None
        raise Failure(f"{settings.source}: {exc}" if settings.source else str(exc)) from None
    except SelectionError as exc:
        # Name where the bad selector came from: the flag if it was given, else the file.
        if options.get(exc.option.replace("-", "_")) is not None:
            raise Failure(f"--{exc}") from None
        raise Failure(f"{exc} (from {settings.source})" if settings.source else str(exc)) from None


def _existing(paths: List[Path]) -> List[Path]:
    for path in paths:
        if not os.path.lexists(path):
            raise Failure(f"{path}: no such file or folder")
    return paths


def _warn_inside_inputs(paths: List[Path], written: List[Path], quiet: bool) -> None:
    """--out (or the log folder) inside an input folder works (it is not walked), but is
    rarely meant: say so. Landing on an input itself is refused later (OverlapError)."""
    for folder in written:
        real = os.path.realpath(folder)
        for path in paths:
            root = os.path.realpath(path)
            if path.is_dir() and real != root and real.startswith(root.rstrip(os.sep) + os.sep) and not quiet:
                say(f"warning: {folder} is inside the input folder {path}; it is not read as input")


def _exit_code(summary: Summary) -> int:
    if summary.errors:
        return EXIT_USAGE
    if summary.mode in (Mode.CHECK, Mode.FIX) and summary.changed:
        return EXIT_CHANGES
    return EXIT_SKIPPED if summary.skipped else EXIT_OK


class Progress:
    """A progress bar on stderr when it is a terminal (rich, which typer brings); else nothing."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if enabled and total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

            self.bar = Bar(
                TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True,
            )
            self.task = self.bar.add_task("files", total=total)

    def __enter__(self) -> "Progress":
        if self.bar:
            self.bar.start()
        return self

    def say(self, message: str) -> None:
        if self.bar:
            self.bar.console.print(shown(message), markup=False, highlight=False, soft_wrap=True)
        else:
            say(message)

    def advance(self) -> None:
        if self.bar:
            self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()


ENGINES = ("local", "ray")


def _runner(options: dict[str, Any]) -> Callable[..., None] | None:
    """The batch runner --engine names: None for the local process pool."""
    if options["engine"] not in ENGINES:
        raise Failure(f"--engine: {options['engine']!r} is not an engine ({', '.join(ENGINES)})")
    if options["address"] is not None and options["engine"] != "ray":
        raise Failure("--address goes with --engine ray")
    if options["engine"] == "local":
        return None
    try:
        from cleaner.adapters.ray_data import ray_runner
    except ImportError:
        raise Failure("--engine ray needs Ray Data: pip install 'cleaner[ray]'") from None
    return ray_runner(options["address"], workers=options["jobs"])


def _batch(
    mode: Mode,
    paths: List[Path],
    options: dict[str, Any],
    out: Optional[Path] = None,
    log_dir: Optional[Path] = None,
    diff: bool = False,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
    with_findings: bool = False,
    closing: Callable[[Summary], None] = lambda summary: None,
) -> NoReturn:
    """Find the inputs, run them with a progress bar and a line per file, then `closing`, the
    summary, the --report and --html-report files and the exit code (raised as typer.Exit)."""
    settings, pipeline = options["resolved"]
    quiet = options["quiet"]
    page = None
    if options["html_report"] is not None:
        from cleaner.report import HtmlReport

        command = " ".join(["cleaner", *sys.argv[1:]]) if Path(sys.argv[0]).name == "cleaner" else ""
        page = HtmlReport(mode.value, pipeline.available, command)
    written = [p for p in (out, log_dir) if p is not None]
    _warn_inside_inputs(_existing(paths), written, quiet)
    found = find_inputs(paths, settings.selector(mode), skip_folders=written, follow_file_links=mode is not Mode.FIX)
    with Progress(len(found.inputs), not quiet) as progress:

        def report(outcome: Outcome) -> None:
            message = outcome_message(outcome, mode)
            if message and (not quiet or outcome.error or outcome.skipped):
                progress.say(message)
            if not quiet:
                for problem in outcome.problems:
                    progress.say(f"{outcome.source}: {problem}")
            on_outcome(outcome)
            if page is not None:
                page.add(outcome)
            if entry.stopped():  # a Ctrl-C that Python swallowed (see cleaner.entry)
                raise KeyboardInterrupt
            progress.advance()

        try:
            summary = run_all(
                pipeline,
                found,
                mode,
                out=out,
                log_dir=log_dir,
                diff=diff,
                jobs=options["jobs"] or os.cpu_count() or 1,
                encoding=options["encoding"],
                text_field=settings.text_field,
                on_outcome=report,
                runner=options["runner"],
                limits=settings.limits(),
                html_field=settings.html_field,
                with_findings=with_findings or page is not None,
            )
        except OverlapError as exc:
            raise Failure(str(exc)) from None
    closing(summary)
    code = _exit_code(summary)
    if summary.records and summary.records_without_field == summary.records:
        flag, name = ("--html-field", settings.html_field) if settings.html_field else ("--text-field", settings.text_field)
        say(f"warning: none of the {summary.records} JSONL records has a string field {name!r} ({flag}); nothing in them was cleaned")
    if options["report"] is not None:
        data = {**summary.to_json(), "exit_code": code}
        try:
            atomic_write(options["report"], (to_json_text(data, indent=1) + "\n").encode("utf-8"))
        except OSError as exc:
            raise Failure(f"{options['report']}: cannot write the report: {exc.strerror or exc}") from None
    if page is not None:
        try:
            atomic_write(options["html_report"], page.render(summary, code).encode("utf-8"))
        except OSError as exc:
            raise Failure(f"{options['html_report']}: cannot write the report: {exc.strerror or exc}") from None
    if not quiet:
        if mode is Mode.CLEAN:
            names = {rule.code: rule.name for rule in pipeline.available}
            for line in summary_table(summary, names, str(log_dir)):
                say(line)
        else:
            say(summary_line(summary))
    raise typer.Exit(code)


@app.command()
@shared_options(RULE_OPTIONS, BATCH_OPTIONS)
def clean(
    paths: List[Path] = typer.Argument(..., help="Files or folders (recursive); '-' reads stdin and writes stdout."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder; keeps paths relative to each folder given."),
    log_dir: Optional[Path] = typer.Option(
        None, "--log-dir", help=f"Where change logs go (default: OUT/{DEFAULT_LOG_DIR}; for '-', none unless given)."
    ),
    options: dict = None,  # type: ignore[assignment]  # filled by shared_options
) -> None:
    """Clean files into --out (inputs are never modified), writing one change log per input."""
    if _stdin_alone(paths):
        raise typer.Exit(_stdin(Mode.CLEAN, options, log_dir))
    if out is None:
        raise Failure("--out is required (the output folder); inputs are never modified by 'clean' (see 'fix')")
    logs = log_dir if log_dir is not None else out / DEFAULT_LOG_DIR
    for folder in (out, logs):
        # Checked, not made: a run refused later (an output over an input) leaves no trace.
        existing = Path(os.path.abspath(folder))
        while not os.path.lexists(existing):
            existing = existing.parent
        if not existing.is_dir():
            raise Failure(f"{folder}: cannot create output folder: {existing} is not a folder")
        if not os.access(existing, os.W_OK):
            raise Failure(f"{folder}: output folder is not writable")
    _batch(Mode.CLEAN, paths, options, out=out, log_dir=logs)


def _stdin(
    mode: Mode,
    options: dict[str, Any],
    log_dir: Optional[Path] = None,
    diff: bool = False,
    emitter: Optional[Emitter] = None,
    closing: Callable[[Summary], None] = lambda summary: None,
) -> int:
    """'-': stdin cleaned as the file --stdin-filename names would be (its format; its name in
    messages and the log). clean and fix write the result to stdout; check writes nothing
    (a diff with --diff) and exits 1 when it would change; fix exits 1 when it changed."""
    for flag in ("report", "html_report"):
        if options.get(flag) is not None:
            raise Failure(f"--{flag.replace('_', '-')} sums up a run over files; it does not go with '-' (stdin)")
    settings, pipeline = options["resolved"]
    name = options.get("stdin_filename") or "-"
    if sys.stdin is None or sys.stdout is None:
        raise Failure("standard input or output is closed")
    try:
        data = sys.stdin.buffer.read()
    except OSError as exc:
        raise Failure(f"standard input: cannot read: {exc.strerror or exc}") from None
    try:
        result = clean_data(pipeline, data, name, options["encoding"], settings.text_field, settings.html_field)
    except CONTENT_ERRORS as exc:
        say(f"skipped {shown(name)}: {skip_reason(exc)}")
        return EXIT_SKIPPED
    if log_dir is not None:  # the log first, as for files
        log = log_dir / ((Path(name).name if name != "-" else "stdin") + LOG_SUFFIX)
        try:
            atomic_write(log, result.log(source=name, output="-" if mode is not Mode.CHECK else None).dumps().encode("utf-8"))
        except OSError as exc:
            raise Failure(f"{log}: cannot write the change log: {exc.strerror or exc}") from None
    if mode is Mode.CHECK:
        if result.changed:
            say(f"would clean {shown(name)} ({plural(len(result.changes), 'change')})")
            if diff and isinstance(result, Result):
                sys.stdout.write(unified_diff(name, result.input, result.text))
        if emitter is not None:
            emitter.add(_findings(name, result))
        summary = Summary(mode)
        summary.per_rule.update(counts_by_rule(result.changes))
        closing(summary)
    else:
        try:
            sys.stdout.buffer.write(output_data(result, name))
            sys.stdout.buffer.flush()
        except OSError as exc:
            # Nothing more can go there: point it at /dev/null so Python's own exit flush is quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise Failure(f"standard output: cannot write: {exc.strerror or exc}") from None
    for problem in result.problems:
        say(f"{shown(name)}: {problem}")
    return EXIT_CHANGES if mode is not Mode.CLEAN and result.changed else EXIT_OK


def _stdin_alone(paths: List[Path]) -> bool:
    """Whether the paths are '-' alone; '-' among other paths is an error."""
    if paths == [Path("-")]:
        return True
    if Path("-") in paths:
        raise Failure("'-' (stdin) cannot be mixed with paths")
    return False


@app.command()
@shared_options(RULE_OPTIONS, BATCH_OPTIONS)
def check(
    paths: List[Path] = typer.Argument(..., help="Files or folders (recursive); '-' reads stdin."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of what would change (stdout)."),
    output_format: str = typer.Option("text", "--output-format", autocompletion=lambda: list(FORMATS), help="text: a line per file (stderr); json: a JSON object per change; github: GitHub Actions annotations; sarif: a SARIF 2.1.0 log (stdout)."),
    statistics: bool = typer.Option(False, "--statistics", help="Print the number of changes per rule (stdout), most first."),
    options: dict = None,  # type: ignore[assignment]
) -> None:
    """Report the files cleaning would change; write nothing. Exit 1 if any would change."""
    if output_format not in FORMATS:
        raise Failure(f"--output-format: {output_format!r} is not a format ({', '.join(FORMATS)})")
    if diff and (output_format != "text" or statistics):
        raise Failure("--diff goes with --output-format text and without --statistics (both write to stdout)")
    _, pipeline = options["resolved"]
    from cleaner import __version__

    emitter = Emitter(output_format, pipeline.rules, __version__, sys.stdout.write)
    names = {rule.code: rule.name for rule in pipeline.available}

    def show(outcome: Outcome) -> None:
        if outcome.diff:
            sys.stdout.write(outcome.diff)
        if outcome.findings:
            emitter.add(outcome.findings)
        sys.stdout.flush()

    def closing(summary: Summary) -> None:
        emitter.close()
        for line in statistics_lines(summary.per_rule, names) if statistics else ():
            typer.echo(line)

    if _stdin_alone(paths):
        raise typer.Exit(_stdin(Mode.CHECK, options, diff=diff, emitter=emitter, closing=closing))
    _batch(Mode.CHECK, paths, options, diff=diff, on_outcome=show, with_findings=output_format != "text", closing=closing)


@app.command()
@shared_options(RULE_OPTIONS, BATCH_OPTIONS)
def fix(
    paths: List[Path] = typer.Argument(..., help="Files or folders (recursive); '-' reads stdin and writes stdout."),
    log_dir: Optional[Path] = typer.Option(None, "--log-dir", help="Write a change log per changed file here (default: none)."),
    options: dict = None,  # type: ignore[assignment]
) -> None:
    """Clean files in place, atomically. Exit 1 if any file was changed (so a pre-commit run fails).

    '-' cleans stdin to stdout, as editors and formatters call it."""
    if _stdin_alone(paths):
        raise typer.Exit(_stdin(Mode.FIX, options, log_dir))
    _batch(Mode.FIX, paths, options, log_dir=log_dir)


@app.command("revert")
@guarded
def revert_command(
    paths: List[Path] = typer.Argument(..., help="Files or folders: outputs of 'clean', or files 'fix' changed."),
    log_dir: Path = typer.Option(..., "--log-dir", help="The change logs of that run (for 'clean': OUT/.cleaner-logs)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the rebuilt inputs here (default: in place, undoing a 'fix')."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors and refusals."),
) -> None:
    """Undo a run from its change logs: each file becomes its input again, byte for byte.

    A file whose bytes differ from the output its log describes is refused and left as it is."""
    if not log_dir.is_dir():
        raise Failure(f"{log_dir}: no such log folder")
    found = find_inputs(_existing(paths), Selector(include=("*",)), skip_folders=[log_dir] + ([out] if out else []))
    named = {path for path in paths if not path.is_dir()}
    work = []
    for item in found.inputs:
        log_path = log_dir / (str(item.relative) + LOG_SUFFIX)
        if item.path not in named and not log_path.exists():
            continue  # found in a folder, with no log: not part of that run
        target = out / item.relative if out is not None else item.path
        if out is not None and os.path.realpath(target) == os.path.realpath(item.path):
            raise Failure(f"the rebuilt {item.path} would overwrite it; choose another --out")
        work.append((item.path, log_path, target))
    counts = {"reverted": 0, "unchanged": 0, "refused": 0}
    code = EXIT_OK
    for path, log_path, target in work:
        try:
            done = restore_file(path, load_log(log_path), target, root=out)
        except RevertError as exc:
            say(f"refused {path}: {exc}")
            counts["refused"] += 1
            code = max(code, EXIT_SKIPPED)
            continue
        except OSError as exc:
            say(f"error: {path}: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else ""))
            code = EXIT_USAGE
            continue
        counts["reverted" if done else "unchanged"] += 1
        if done and not quiet and out is None:
            say(f"reverted {path}")
    if not quiet:
        say(f"{counts['reverted']} reverted, {counts['unchanged']} already as their input, {counts['refused']} refused.")
    raise typer.Exit(code)


@app.command()
@shared_options(RULE_OPTIONS)
def explain(
    paths: List[Path] = typer.Argument(..., help="Files to explain (text, HTML or JSONL); '-' reads stdin."),
    options: dict = None,  # type: ignore[assignment]
) -> None:
    """Show each change cleaning would make: where, which rule, before -> after. Writes nothing."""
    settings, pipeline = options["resolved"]
    code = EXIT_OK
    if _stdin_alone(paths):
        sources = [(options.get("stdin_filename") or "-", sys.stdin.buffer.read)]
    else:
        sources = []
        for path in _existing(paths):
            if path.is_dir():
                raise Failure(f"{path}: is a folder; explain takes files (use 'check --diff' for folders)")
            sources.append((str(path), path.read_bytes))
    for name, read in sources:
        try:
            result = clean_data(pipeline, read(), name, options["encoding"], settings.text_field, settings.html_field)
        except CONTENT_ERRORS as exc:
            say(f"skipped {name}: {skip_reason(exc)}")
            code = max(code, EXIT_SKIPPED)
            continue
        except OSError as exc:
            say(f"error: {name}: cannot read: {exc.strerror or exc}")
            code = EXIT_USAGE
            continue
        how = f" (read as {result.decision.encoding}, {result.decision.method})" if result.decision else ""
        for line in explain_lines(name, _findings(name, result), how):
            typer.echo(line)
        for problem in result.problems:
            say(f"{name}: {problem}")
    raise typer.Exit(code)


def _findings(name: str, result: Result | JsonlResult | ParquetResult) -> list[Finding]:
    """A result's changes in context: a JSONL or Parquet file's each in its record's field."""
    if isinstance(result, Result):
        return findings(name, result.changes, result.input)
    return [found for record, changes in by_record(result.changes).items()
            for found in findings(name, changes, result.field_text(record))]  # type: ignore[arg-type]


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    config: Optional[Path] = RULE_OPTIONS["config"][1],
    rules_dirs: Optional[List[Path]] = RULE_OPTIONS["rules_dirs"][1],
    profile: Optional[str] = RULE_OPTIONS["profile"][1],
    output_format: str = typer.Option("text", "--output-format", autocompletion=lambda: list(FORMATS), help="text: a line per rule; markdown: the README's table."),
) -> None:
    """List every rule: code, name, phase, safety, and whether it runs (with the configuration
    and --profile); a rule that belongs to some profiles only says which."""
    if ctx.invoked_subcommand:
        return
    _, pipeline = resolve({"config": config, "rules_dirs": rules_dirs, "profile": profile})
    if output_format == "markdown":
        for line in rules_markdown(pipeline.available):
            typer.echo(line)
        return
    if output_format != "text":
        raise Failure(f"--output-format: {output_format!r} is not a format (text, markdown)")
    chosen = {rule.code for rule in pipeline.rules}
    typer.echo(f"{'code':<6} {'name':<32} {'phase':<12} {'safety':<7} {'runs':<5} summary")
    for rule in pipeline.available:
        runs = "yes" if rule.code in chosen else "no"
        only = f" [profile: {', '.join(rule.profiles)}]" if rule.profiles else ""
        typer.echo(f"{rule.code:<6} {rule.name:<32} {rule.phase:<12} {rule.safety:<7} {runs:<5} {rule.summary}{only}")


@app.command("rule")
@guarded
def rule_command(
    code: str = typer.Argument(..., help="A rule's code or name (QT001, quote-as-apostrophe)."),
    config: Optional[Path] = RULE_OPTIONS["config"][1],
    rules_dirs: Optional[List[Path]] = RULE_OPTIONS["rules_dirs"][1],
    profile: Optional[str] = RULE_OPTIONS["profile"][1],
) -> None:
    """Explain a rule: what it does, why, when it is risky, its settings and examples."""
    _, pipeline = resolve({"config": config, "rules_dirs": rules_dirs, "profile": profile})
    wanted = code.strip()
    found = [rule for rule in pipeline.available if wanted.upper() == rule.code or wanted.lower() == rule.name]
    if not found:
        close = difflib.get_close_matches(wanted.upper(), [r.code for r in pipeline.available], 1) or difflib.get_close_matches(
            wanted.lower(), [r.name for r in pipeline.available], 1
        )
        hint = f" (did you mean {close[0]}?)" if close else "; 'cleaner rules' lists them"
        raise Failure(f"no rule {wanted!r}{hint}")
    chosen = {rule.code for rule in pipeline.rules}
    for line in rule_doc(found[0], found[0].code in chosen):
        typer.echo(line)


@rules_app.command("test")
def rules_test(
    folder: Optional[Path] = typer.Argument(None, help="A folder of your rule files; default: the built-in rules."),
) -> None:
    """Run every rule's examples: output as expected, a second pass changes nothing, logs exact."""
    try:
        if folder is None:
            pipeline = Pipeline()
        elif not folder.exists():
            raise Failure(f"{folder}: no such file or folder")
        else:
            pipeline = Pipeline(builtin=False, rule_dirs=[folder])
    except RuleError as exc:
        raise Failure(str(exc)) from None
    passed = failed = 0
    for outcome in check_examples(pipeline):
        if outcome.passed:
            passed += 1
        else:
            failed += 1
            typer.echo(f"FAIL {outcome.id}: {outcome.failure}")
    typer.echo(f"{passed} passed, {failed} failed")
    raise typer.Exit(1 if failed else EXIT_OK)


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: run the app and turn every expected failure into a one-line message."""
    try:
        code = app(args=argv, standalone_mode=False)
        if code == EXIT_INTERRUPTED:  # typer's own, silent, for a Ctrl-C outside a command's body
            say("interrupted")
        return code if isinstance(code, int) else EXIT_OK
    except typer.Exit as exc:
        return exc.exit_code
    except Failure as exc:
        say(f"error: {exc}")
        return exc.code
    except (KeyboardInterrupt, Interrupted):
        say("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:
        # Usage errors from typer's vendored click parser carry their own message and code;
        # its exception class is private (typer._click), so it is known by what it has.
        if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):
            exc.show()
            return exc.exit_code
        if isinstance(exc, typer.Abort):  # an end of input at a prompt
            return 1
        if os.environ.get("CLEANER_DEBUG"):
            raise
        say(f"error: internal error ({type(exc).__name__}: {exc}); please report it (CLEANER_DEBUG=1 shows the traceback)")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
