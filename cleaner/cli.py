"""The `cleaner` command: a thin typer face over Pipeline and the batch runner.

Exit codes live here, in one place:
  0  done (every input cleaned)
  2  usage or configuration error: bad option, missing path, bad rule file, unwritable output
  3  done, but some inputs were skipped (binary, undecodable, unreadable); each is reported
Messages go to stderr, one line each, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from cleaner.batch import DEFAULT_LOG_DIR, LOG_SUFFIX, clean_tree
from cleaner.decode import DecodeError
from cleaner.fsutil import atomic_write
from cleaner.pipeline import QUOTE_STYLES, Pipeline
from cleaner.ruleset import RuleError
from cleaner.ruleset.examples import check_examples
from cleaner.ruleset.select import SelectionError

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_SKIPPED = 3

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Repair encoding damage, normalize Unicode and layout, strip boilerplate; log every change.",
)
rules_app = typer.Typer(help="List the rules, or run their examples as tests.", invoke_without_command=True)
app.add_typer(rules_app, name="rules")


class Failure(Exception):
    """A one-line error that ends the command with `code`."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def say(message: str) -> None:
    typer.echo(message, err=True)


def _split(values: Optional[List[str]]) -> list[str]:
    """Accept `--select A,B` as well as repeated `--select A --select B`."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def build_pipeline(
    select: Optional[List[str]],
    ignore: Optional[List[str]],
    extend_select: Optional[List[str]],
    unsafe_fixes: bool,
    quote_style: str,
    rules_dirs: Optional[List[Path]],
) -> Pipeline:
    if quote_style not in QUOTE_STYLES:
        raise Failure(f"--quote-style must be one of {', '.join(QUOTE_STYLES)}, not {quote_style!r}")
    try:
        return Pipeline(
            select=_split(select) or None,
            ignore=_split(ignore),
            extend_select=_split(extend_select),
            unsafe_fixes=unsafe_fixes,
            quote_style=quote_style,
            rule_dirs=rules_dirs or (),
        )
    except (RuleError, SelectionError) as exc:
        raise Failure(str(exc)) from None


SELECT = typer.Option(None, "--select", help="Rule codes, code prefixes or names to run (replaces the defaults).")
IGNORE = typer.Option(None, "--ignore", help="Rule codes, prefixes or names not to run.")
EXTEND = typer.Option(None, "--extend-select", help="Rules to run in addition to the defaults.")
UNSAFE = typer.Option(False, "--unsafe-fixes", help="Also run selected rules that may change meaning.")
QUOTES = typer.Option("keep", "--quote-style", help="keep: curly quotes stay; ascii: straighten them (AQ001).")
RULES = typer.Option(None, "--rules", help="A folder (or file) of your own TOML rules, added to the built-in ones.")


@app.command()
def clean(
    paths: List[str] = typer.Argument(..., help="Files or folders (recursive); '-' reads stdin and writes stdout."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder; keeps paths relative to each folder given."),
    log_dir: Optional[Path] = typer.Option(
        None, "--log-dir", help=f"Where change logs go (default: OUT/{DEFAULT_LOG_DIR}; for '-', none unless given)."
    ),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Read inputs in this encoding instead of detecting it."),
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    extend_select: Optional[List[str]] = EXTEND,
    unsafe_fixes: bool = UNSAFE,
    quote_style: str = QUOTES,
    rules_dirs: Optional[List[Path]] = RULES,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors."),
) -> None:
    """Clean files into --out, writing one change log per input."""
    pipeline = build_pipeline(select, ignore, extend_select, unsafe_fixes, quote_style, rules_dirs)
    if paths == ["-"]:
        raise typer.Exit(_clean_stdin(pipeline, encoding, log_dir))
    if "-" in paths:
        raise Failure("'-' (stdin) cannot be mixed with paths")
    if out is None:
        raise Failure("--out is required (the output folder); inputs are never modified by 'clean'")
    sources = [Path(p) for p in paths]
    for source in sources:
        if not source.exists():
            raise Failure(f"{source}: no such file or folder")
    logs = log_dir if log_dir is not None else out / DEFAULT_LOG_DIR
    for folder in (out, logs):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise Failure(f"{folder}: cannot create output folder: {exc.strerror or exc}") from None
    try:
        summary = clean_tree(pipeline, sources, out, logs, encoding, report=say)
    except OSError as exc:
        raise Failure(f"{exc.filename or out}: cannot write: {exc.strerror or exc}") from None
    if not quiet:
        rules = ", ".join(f"{code} {count}" for code, count in sorted(summary.per_rule.items()))
        say(
            f"cleaned {summary.files} file(s): {summary.changed} changed, {summary.changes} change(s)"
            + (f" ({rules})" if rules else "")
            + (f"; {len(summary.skipped)} skipped" if summary.skipped else "")
            + f"; logs in {logs}"
        )
    raise typer.Exit(EXIT_SKIPPED if summary.skipped else EXIT_OK)


def _clean_stdin(pipeline: Pipeline, encoding: Optional[str], log_dir: Optional[Path]) -> int:
    data = sys.stdin.buffer.read()
    try:
        result = pipeline.clean_bytes(data, encoding)
    except DecodeError as exc:
        say(f"skipped -: {exc}")
        return EXIT_SKIPPED
    sys.stdout.buffer.write(result.text.encode("utf-8"))
    sys.stdout.buffer.flush()
    for problem in result.problems:
        say(f"-: {problem}")
    if log_dir is not None:
        atomic_write(log_dir / ("stdin" + LOG_SUFFIX), result.log(source="-", output="-").dumps().encode("utf-8"))
    return EXIT_OK


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    rules_dirs: Optional[List[Path]] = RULES,
) -> None:
    """List every rule: code, name, phase, safety, and whether it runs by default."""
    if ctx.invoked_subcommand:
        return
    pipeline = build_pipeline(None, None, None, False, "keep", rules_dirs)
    typer.echo(f"{'code':<6} {'name':<32} {'phase':<12} {'safety':<7} default  summary")
    for rule in pipeline.available:
        default = "on" if rule.default else "off"
        typer.echo(f"{rule.code:<6} {rule.name:<32} {rule.phase:<12} {rule.safety:<7} {default:<8} {rule.summary}")


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
        return code if isinstance(code, int) else EXIT_OK
    except typer.Exit as exc:
        return exc.exit_code
    except Failure as exc:
        say(f"error: {exc}")
        return exc.code
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Abort):
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
