#!/usr/bin/env python3
"""Batch throughput and memory of the `cleaner` command, measured through the real entry point.

    python scripts/bench_batch.py jobs [--files 5000]     # --jobs 2 against --jobs 1: files/s, MB/s
    python scripts/bench_batch.py memory [--mb 1000]      # peak RSS cleaning one big JSONL file

Inputs are built in a temporary folder from the seed articles (each file or record numbered,
so no two are the same) and deleted afterwards. Peak RSS is the child's ru_maxrss.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
MB = 1_000_000


def cleaner_command() -> list[str]:
    found = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or shutil.which("cleaner")
    return [found] if found else [sys.executable, "-m", "cleaner"]


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) if ".expected." not in p.name]


def run(arguments: list[str]) -> tuple[float, int]:
    """Wall seconds and the peak RSS (KB) of one `cleaner` run; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cleaner_command() + arguments, check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before)


def jobs(files: int, work: Path) -> None:
    data = work / "data"
    data.mkdir()
    texts = seed_texts()
    for i in range(files):
        folder = data / f"part{i // 500:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{i:06d}.txt").write_text(f"{texts[i % len(texts)]}\nItem {i}.\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in data.rglob("*.txt")) / MB
    print(f"{files} files, {size:.1f} MB, {os.cpu_count()} cores")
    timings = {}
    for n in (1, 2):
        seconds, _ = run(["clean", str(data), "--out", str(work / f"out{n}"), "--jobs", str(n), "-q"])
        timings[n] = seconds
        print(f"--jobs {n}: {seconds:6.2f} s   {files / seconds:7.1f} files/s   {size / seconds:5.2f} MB/s", flush=True)
    print(f"speed-up --jobs 2 / --jobs 1: {timings[1] / timings[2]:.2f}x")


def memory(size_mb: int, work: Path) -> None:
    path = work / "big.jsonl"
    texts = seed_texts()
    with path.open("w", encoding="utf-8") as out:
        number = 0
        while out.tell() < size_mb * MB:
            for text in texts:
                out.write(json.dumps({"id": number, "text": f"{text}\nItem {number}."}, ensure_ascii=False) + "\n")
                number += 1
    size = path.stat().st_size / MB
    seconds, peak_kb = run(["clean", str(path), "--out", str(work / "out"), "-q", "--jobs", "1"])
    print(f"{size:.0f} MB JSONL, {number} records: {seconds:.1f} s ({size / seconds:.2f} MB/s), peak RSS {peak_kb / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["jobs", "memory"])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--mb", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        if args.what == "jobs":
            jobs(args.files, Path(tmp))
        else:
            memory(args.mb, Path(tmp))


if __name__ == "__main__":
    main()
