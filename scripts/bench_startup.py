#!/usr/bin/env python3
"""Start-up of the `cleaner` command, as a pre-commit hook pays it on every commit.

    python scripts/bench_startup.py [--runs 21]

Times whole commands through the real entry point, alternating them run by run so that a
busy moment of the machine falls on all alike, and prints each one's median and its ratio
to ftfy's own command fixing the same file (measured in the same run):

- `cleaner check` on a seed article as it arrives (it would change) and on the same
  article cleaned (it would not), with the user's cache warm (see cleaner/cache.py);
- the same first check with an empty cache (a new installation's first commit);
- `cleaner --help`, `ftfy FILE` and `python -c pass` (the floor).

Python's bytecode cache is allowed (as `pip install` leaves it) even when the calling shell
sets PYTHONDONTWRITEBYTECODE; a first round, not timed, writes it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_ca59fd22e45bec74.txt"


def command(name: str) -> list[str]:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    return [found] if found else [sys.executable, "-m", name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CLEANER_NO_CACHE")}
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        raw = work_dir / "article.txt"
        raw.write_bytes(SEED.read_bytes())
        cleaned = work_dir / "clean" / "article.txt"
        subprocess.run([*command("cleaner"), "clean", str(raw), "--out", str(cleaned.parent), "-q"], env=env, check=True)
        cases = {
            "cleaner check (article as it arrives)": ([*command("cleaner"), "check", str(raw)], None),
            "cleaner check (the article cleaned)": ([*command("cleaner"), "check", str(cleaned)], None),
            "cleaner check, empty cache (first run)": ([*command("cleaner"), "check", str(raw)], "cold"),
            "cleaner --help": ([*command("cleaner"), "--help"], None),
            "ftfy FILE (peer: fixes the file to stdout)": ([*command("ftfy"), str(raw)], None),
            "python -c pass (floor)": ([sys.executable, "-c", "pass"], None),
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for round_ in range(args.runs + 1):
            for name, (argv, cache) in cases.items():
                run_env = env
                if cache == "cold":
                    cold = work_dir / f"cache-{round_}"
                    run_env = {**env, "XDG_CACHE_HOME": str(cold)}
                start = time.perf_counter()
                subprocess.run(argv, env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if round_:  # the first round writes the bytecode and the warm cache
                    times[name].append(time.perf_counter() - start)
        ftfy = statistics.median(times["ftfy FILE (peer: fixes the file to stdout)"])
        print(f"{args.runs} runs each, median seconds (and ratio to ftfy FILE), Python {sys.version.split()[0]}")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"  {name:45s} {median:6.3f} s  ({median / ftfy:4.2f}x ftfy)   min {min(values):.3f}")


if __name__ == "__main__":
    main()
