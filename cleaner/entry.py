"""The `cleaner` command's entry point: light to import, so that a Ctrl-C while the rest of
the program loads ends in the same one line and exit code as one during a run."""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130


def main() -> int:
    try:
        from cleaner.cli import main as run

        return run()
    except KeyboardInterrupt:  # while loading, or before the run's own handler is in place
        sys.stderr.write("interrupted\n")
        return EXIT_INTERRUPTED
