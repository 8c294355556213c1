#!/usr/bin/env python3
"""Batch throughput and memory of the `cleaner` command, measured through the real entry point.

    python scripts/bench_batch.py jobs [--files 5000]     # --jobs 2 against --jobs 1: files/s, MB/s
    python scripts/bench_batch.py memory [--mb 1000] [--jobs 1,2]  # one big JSONL file: time and peak RSS per --jobs
    python scripts/bench_batch.py load                    # 50,000 small files, a 200 MB text, a 1 GB JSONL
    python scripts/bench_batch.py report [--files 10000]  # --html-report: its cost, size, and load time in Chromium
    python scripts/bench_batch.py parquet [--mb 500]      # peak RSS cleaning one big Parquet table (cleaner[parquet])

Inputs are built in a temporary folder from the seed articles as they arrive (dirty: wrong
quotes, no-break spaces, footers; each file or record numbered, so no two are the same) and
deleted afterwards. Peak RSS is measured per run, in a fresh wrapper process: the largest
ru_maxrss of the `cleaner` process and its workers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
MB = 1_000_000


def cleaner_command() -> list[str]:
    found = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or shutil.which("cleaner")
    return [found] if found else [sys.executable, "-m", "cleaner"]


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) if ".expected." not in p.name]


_MEASURE = (
    "import resource, subprocess, sys, time; start = time.perf_counter();"
    "subprocess.run(sys.argv[1:], check=True);"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(arguments: list[str]) -> tuple[float, int]:
    """Wall seconds and the peak RSS (KB) of one `cleaner` run (workers included); it must succeed."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *cleaner_command(), *arguments], check=True, capture_output=True, text=True)
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak)


def article_files(files: int, work: Path) -> tuple[Path, float]:
    """`files` article-sized files (the seeds as they arrive, numbered) in work/data, and their MB."""
    data = work / "data"
    data.mkdir()
    texts = seed_texts()
    for i in range(files):
        folder = data / f"part{i // 500:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{i:06d}.txt").write_text(f"{texts[i % len(texts)]}\nItem {i}.\n", encoding="utf-8")
    return data, sum(p.stat().st_size for p in data.rglob("*.txt")) / MB


def jobs(files: int, work: Path) -> None:
    data, size = article_files(files, work)
    print(f"{files} files, {size:.1f} MB, {os.cpu_count()} cores")
    timings = {}
    for n in (1, 2):
        seconds, _ = run(["clean", str(data), "--out", str(work / f"out{n}"), "--jobs", str(n), "-q"])
        timings[n] = seconds
        print(f"--jobs {n}: {seconds:6.2f} s   {files / seconds:7.1f} files/s   {size / seconds:5.2f} MB/s", flush=True)
    print(f"speed-up --jobs 2 / --jobs 1: {timings[1] / timings[2]:.2f}x")


def load(work: Path) -> None:
    """The load figures the README reports: many small files, one big text, one big JSONL."""
    data = work / "small"
    texts = seed_texts()
    for i in range(50_000):
        folder = data / f"part{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True)
        (folder / f"{i:06d}.txt").write_text(f"{texts[i % len(texts)]}\nItem {i}.\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in data.rglob("*.txt")) / MB
    seconds, peak_kb = run(["clean", str(data), "--out", str(work / "small-out"), "--jobs", "2", "-q"])
    print(f"50,000 files ({size:.0f} MB), --jobs 2: {seconds:.1f} s ({50_000 / seconds:.0f} files/s), peak RSS {peak_kb / 1024:.0f} MB", flush=True)
    shutil.rmtree(data)
    shutil.rmtree(work / "small-out")
    big = work / "big.txt"
    with big.open("w", encoding="utf-8") as out:
        number = 0
        while out.tell() < 200 * MB:
            out.write(f"{texts[number % len(texts)]}\nItem {number}.\n")
            number += 1
    size = big.stat().st_size / MB
    seconds, peak_kb = run(["clean", str(big), "--out", str(work / "big-out"), "-q"])
    print(f"one {size:.0f} MB text: {seconds:.1f} s ({size / seconds:.1f} MB/s), peak RSS {peak_kb / 1024:.0f} MB", flush=True)
    big.unlink()
    shutil.rmtree(work / "big-out")
    memory(1000, work)


def memory(size_mb: int, work: Path, jobs: tuple[int, ...] = (1,)) -> None:
    path = work / "big.jsonl"
    texts = seed_texts()
    with path.open("w", encoding="utf-8") as out:
        number = 0
        while out.tell() < size_mb * MB:
            for text in texts:
                out.write(json.dumps({"id": number, "text": f"{text}\nItem {number}."}, ensure_ascii=False) + "\n")
                number += 1
    size = path.stat().st_size / MB
    timings = {}
    for count in jobs:
        seconds, peak_kb = run(["clean", str(path), "--out", str(work / f"out{count}"), "-q", "--jobs", str(count)])
        timings[count] = seconds
        print(f"{size:.0f} MB JSONL, {number} records, --jobs {count}: {seconds:.1f} s ({size / seconds:.2f} MB/s), "
              f"peak RSS {peak_kb / 1024:.0f} MB", flush=True)
    if len(timings) > 1:
        first, *rest = timings
        for count in rest:
            print(f"--jobs {count} / --jobs {first}: {timings[first] / timings[count]:.2f}x")


def parquet(size_mb: int, work: Path) -> None:
    """A Parquet table of the seed records (10,000 rows a row group): streamed by row group,
    its peak RSS should not grow with the file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = seed_texts()
    path = work / "big.parquet"
    average = sum(map(len, texts)) / len(texts)
    groups = max(1, round(size_mb * MB / (10_000 * average)))
    with pq.ParquetWriter(path, pa.schema([("id", pa.int64()), ("text", pa.string())]), compression="zstd") as writer:
        for group in range(groups):
            first = group * 10_000
            batch = [f"{texts[(first + i) % len(texts)]}\nItem {first + i}." for i in range(10_000)]
            writer.write_table(pa.table({"id": range(first, first + len(batch)), "text": batch}))
    rows, text_mb = groups * 10_000, groups * 10_000 * average / MB
    seconds, peak_kb = run(["clean", str(path), "--out", str(work / "out"), "-q", "--jobs", "1"])
    print(f"Parquet {path.stat().st_size / MB:.0f} MB on disk ({text_mb:.0f} MB of text, {rows} rows): "
          f"{seconds:.1f} s ({text_mb / seconds:.2f} MB/s of text), peak RSS {peak_kb / 1024:.0f} MB")


def report(files: int, work: Path) -> None:
    """The HTML report of a run over `files` files: what writing it costs, its size, and how
    long Debian's Chromium takes to load it and to apply a filter (Playwright)."""
    data, size = article_files(files, work)
    plain, _ = run(["clean", str(data), "--out", str(work / "plain"), "-q"])
    page = work / "report.html"
    with_page, peak = run(["clean", str(data), "--out", str(work / "out"), "-q", "--html-report", str(page)])
    print(f"{files} files ({size:.1f} MB): clean {plain:.2f} s, with --html-report {with_page:.2f} s, peak RSS {peak / 1024:.0f} MB")
    text = page.read_text(encoding="utf-8")
    changes, listed = text.count('<tr class="change"'), text.count('<tr class="file ')
    print(f"page: {page.stat().st_size / MB:.2f} MB, {changes} sampled changes, {listed} files listed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        tab = browser.new_page()
        for attempt in range(3):
            tab.goto(page.as_uri(), wait_until="load")
            load_ms = tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            filter_ms = tab.evaluate("(() => { const t = performance.now(); cleanerFilter('QT001', 'part001'); return performance.now() - t; })()")
            print(f"Chromium, load {attempt + 1}: {load_ms / 1000:.2f} s to the load event; a filter by rule and file {filter_ms:.0f} ms")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["jobs", "memory", "load", "report", "parquet"])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--mb", type=int, default=1000)
    parser.add_argument("--jobs", default="1", help="memory: comma-separated --jobs values to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        if args.what == "jobs":
            jobs(args.files, Path(tmp))
        elif args.what == "load":
            load(Path(tmp))
        elif args.what == "parquet":
            parquet(args.mb if args.mb != 1000 else 500, Path(tmp))
        elif args.what == "report":
            report(args.files if args.files != 5000 else 10_000, Path(tmp))
        else:
            memory(args.mb, Path(tmp), tuple(int(n) for n in args.jobs.split(",")))


if __name__ == "__main__":
    main()
