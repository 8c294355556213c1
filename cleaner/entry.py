"""The `cleaner` command's entry point: light to import, so that a Ctrl-C while the rest of
the program loads ends in the same one line and exit code as one during a run.

Python swallows a KeyboardInterrupt raised inside a finaliser (`Exception ignored in
__del__`), and a run would go on to the end; so a Ctrl-C is also remembered here, and a run
checks `stopped()` after each file.
"""

from __future__ import annotations

import gc
import signal
import sys
import threading

EXIT_INTERRUPTED = 130
_stopped = threading.Event()


def stopped() -> bool:
    """Whether Ctrl-C was pressed since this command started."""
    return _stopped.is_set()


def _on_ctrl_c(signum: int, frame: object) -> None:
    _stopped.set()
    raise KeyboardInterrupt


def _unraisable(args: sys.UnraisableHookArgs) -> None:
    """Say nothing of a Ctrl-C that landed in a finaliser: it is remembered, and the run
    stops at its next check with the usual one line."""
    if args.exc_type is not None and issubclass(args.exc_type, KeyboardInterrupt):
        return
    sys.__unraisablehook__(args)


def main() -> int:
    previous = signal.signal(signal.SIGINT, _on_ctrl_c)
    sys.unraisablehook = _unraisable
    try:
        from cleaner.cli import main as run

        # What the imports made lives as long as the process: out of the collector's sight, a
        # start no longer pays for walking it again and again while the rules load (about
        # 15 ms of `cleaner check` on one file, scripts/bench_startup.py).
        gc.freeze()
        return run()
    except KeyboardInterrupt:  # while loading, or before the run's own handler is in place
        sys.stderr.write("interrupted\n")
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, previous)
