#!/usr/bin/env python3
"""Speed of the default pipeline against ftfy.fix_text, in one process, on the same texts.

    python scripts/bench.py                 # the corpora, ratio against ftfy; JSONL through the CLI
    python scripts/bench.py --scaling       # seconds per MB at 1, 10 and 100 MB (cleaner only)
    python scripts/bench.py --size 4        # MB per corpus (default 2; the long line is 20 MB)

Corpora: the seed articles as they arrive (dirty: a wrong-quote apostrophe, trailing no-break
spaces, headline lines, a footer), repeated; the same with every fourth line turned into
cp1252 mojibake; Chinese prose (the charset dataset's Chinese texts); one 20 MB line of the
dirty prose; and, for comparison, the seed articles after cleaning (nothing left to fix). Runs
alternate between the two tools and the best time of each is reported, so a background hiccup
hurts neither side. Last, a JSONL file of dirty records (`--jsonl-mb`, default 20) is cleaned
end to end by `cleaner clean -j 1` and by the loop a team would otherwise write (json.loads,
ftfy.fix_text on the field, json.dumps), each in its own process; then a quarter of that in
short records, real paragraphs of 250 characters on average (the AEB benchmark's, read in
place), where the cost per record weighs most. The same two kinds of record are also timed in process,
per record (`Pipeline.clean_field` against ftfy.fix_text), without the JSON and the files.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

import cleaner  # noqa: E402
from bench_batch import seed_texts  # noqa: E402  (the seed articles as they arrive)

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
CHARSETS = ROOT.parent / "shared" / "data" / "char-dataset"
MB = 1_000_000


def repeat_to(text: str, size: int) -> str:
    """`text` repeated until it holds about `size` bytes of UTF-8."""
    unit = len(text.encode("utf-8"))
    return text * max(1, round(size / unit))


def prose() -> str:
    """The seed articles after cleaning: nothing left to fix."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.expected.txt")))


def dirty() -> str:
    """The seed articles as they arrive, one after another."""
    return "\n".join(seed_texts())


def with_mojibake(text: str) -> str:
    """Every fourth line encoded as UTF-8 and read back as cp1252: `China’s` -> `Chinaâ€™s`."""
    lines = text.split("\n")
    for i in range(0, len(lines), 4):
        lines[i] = lines[i].encode("utf-8").decode("cp1252", errors="replace")
    return "\n".join(lines)


def chinese() -> str:
    texts = [
        (CHARSETS / "gb18030" / "_ude_1.txt").read_bytes().decode("gb18030"),
        (CHARSETS / "gb2312" / "_ude_1.txt").read_bytes().decode("gb18030"),
        (CHARSETS / "big5" / "_ude_1.txt").read_bytes().decode("big5", errors="replace"),
    ]
    return "\n".join(texts)


def one_line(text: str) -> str:
    return " ".join(line for line in text.split("\n") if line.strip())


def best_time(function: Callable[[str], object], text: str) -> float:
    """Seconds for one call on a fresh copy of `text`: a cache keyed on the string object
    (cleaner keeps the last text's line index) must not make a repeated run look faster."""
    fresh = "".join([text[:1], text[1:]])
    gc.collect()
    start = time.perf_counter()
    function(fresh)
    return time.perf_counter() - start


def compare(name: str, text: str, runs: int) -> None:
    cleaner.clean_text("warm-up: the pipeline is built on first use")
    size = len(text.encode("utf-8")) / MB
    ours = theirs = float("inf")
    for _ in range(runs):
        ours = min(ours, best_time(cleaner.clean_text, text))
        theirs = min(theirs, best_time(ftfy.fix_text, text))
    print(
        f"{name:<22} {size:7.1f} MB   cleaner {size / ours:7.2f} MB/s   ftfy {size / theirs:6.2f} MB/s"
        f"   ratio {theirs / ours:6.1f}x",
        flush=True,
    )


def per_record(name: str, texts: list[str], runs: int) -> None:
    """Microseconds per record in process: `Pipeline.clean_field` (what a JSONL record's text
    gets) against ftfy.fix_text, alternating, best of `runs` rounds over the same records."""
    pipeline = cleaner.Pipeline()
    pipeline.clean_field("warm-up")

    def each(function: Callable[[str], object]) -> float:
        start = time.perf_counter()
        for text in texts:
            function(text)
        return (time.perf_counter() - start) / len(texts) * 1e6

    ours = theirs = float("inf")
    for _ in range(runs):
        ours = min(ours, each(pipeline.clean_field))
        theirs = min(theirs, each(ftfy.fix_text))
    chars = sum(map(len, texts)) / len(texts)
    print(f"{name:<26} {len(texts):5} x {chars:5.0f} chars   cleaner {ours:6.0f} us   ftfy {theirs:6.0f} us   ratio {theirs / ours:6.2f}x", flush=True)


_LOOP = """
import json, sys, ftfy
with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in source:
        record = json.loads(line)
        record["text"] = ftfy.fix_text(record["text"])
        out.write(json.dumps(record, ensure_ascii=False) + "\\n")
"""


def short_records() -> list[str]:
    """Real paragraphs, one per record (what a corpus of web text split into passages
    holds): the AEB benchmark's article paragraphs of nine words or more, read in place."""
    truth = ROOT.parent / "shared" / "data" / "aeb" / "ground-truth.json"
    if not truth.is_file():
        return []
    pages = json.loads(truth.read_text(encoding="utf-8")).values()
    return [p.strip() for page in pages for p in page.get("articleBody", "").split("\n\n") if len(p.split()) > 8]


def jsonl(label: str, articles: list[str], size: int, runs: int, both: bool = True) -> None:
    """`cleaner clean records.jsonl -j 1` against the json+ftfy loop, end to end, each in a
    fresh process: one record per text of `articles`, with an id and a source; and, with
    `both`, the same file with `-j 2` (a big file's lines shared out to both workers)."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        records = work / "records.jsonl"
        written = 0
        with records.open("w", encoding="utf-8") as out:
            while written < size:
                for number, article in enumerate(articles):
                    line = json.dumps({"id": f"{written}-{number}", "source": "seeds", "text": article}, ensure_ascii=False) + "\n"
                    out.write(line)
                    written += len(line.encode("utf-8"))
        command = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or "cleaner"
        ours = two = theirs = float("inf")
        for run in range(runs):
            for jobs in (1, 2) if both else (1,):
                shutil.rmtree(work / "out", ignore_errors=True)
                start = time.perf_counter()
                subprocess.run([command, "clean", str(records), "--out", str(work / "out"), "-j", str(jobs), "--quiet"], check=True)
                if jobs == 1:
                    ours = min(ours, time.perf_counter() - start)
                else:
                    two = min(two, time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", _LOOP, str(records), str(work / "loop.jsonl")], check=True)
            theirs = min(theirs, time.perf_counter() - start)
    mb = written / MB
    print(
        f"{label:<26} {mb:5.1f} MB   cleaner {mb / ours:7.2f} MB/s   json+ftfy {mb / theirs:6.2f} MB/s"
        f"   ratio {theirs / ours:6.1f}x",
        flush=True,
    )
    if both:
        print(f"{'JSONL one file, -j 2':<26} {mb:5.1f} MB   cleaner {mb / two:7.2f} MB/s   against -j 1 {ours / two:6.2f}x", flush=True)


def scaling(sizes: list[int]) -> None:
    base = prose()
    cases = {
        "news prose": lambda size: repeat_to(base, size),
        "mojibake every 4th line": lambda size: repeat_to(with_mojibake(base), size),
        "one long line": lambda size: repeat_to(one_line(base) + " ", size),
        "mojibake-like run": lambda size: repeat_to("Ã©Ã¢â‚¬â„¢Â ", size),
        "quote characters": lambda size: repeat_to("”“’‘\"'", size),
    }
    cleaner.clean_text("warm-up: the pipeline is built on first use")
    print(f"{'input':<24}" + "".join(f"{f'{s} MB':>14}" for s in sizes) + "   (seconds per MB)")
    for name, make in cases.items():
        cells = []
        for size in sizes:
            text = make(size * MB)
            seconds = best_time(cleaner.clean_text, text)
            cells.append(seconds / (len(text.encode("utf-8")) / MB))
            del text
        print(f"{name:<24}" + "".join(f"{c:14.3f}" for c in cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=2.0, help="MB per corpus (the long line is 20 MB)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jsonl-mb", type=float, default=20.0, help="MB of JSONL records end to end (0: skip)")
    parser.add_argument("--scaling", action="store_true", help="seconds per MB at 1, 10 and 100 MB")
    parser.add_argument("--sizes", default="1,10,100", help="MB sizes for --scaling")
    args = parser.parse_args()
    if args.scaling:
        scaling([int(s) for s in args.sizes.split(",")])
        return
    size = int(args.size * MB)
    base = dirty()
    compare("dirty seed prose", repeat_to(base, size), args.runs)
    compare("mojibake every 4th line", repeat_to(with_mojibake(base), size), args.runs)
    compare("Chinese prose", repeat_to(chinese(), size), args.runs)
    compare("one 20 MB line", repeat_to(one_line(base) + " ", 20 * MB), 1)
    compare("clean prose (reference)", repeat_to(prose(), size), args.runs)
    paragraphs = short_records()
    per_record("per record: seed articles", seed_texts() * 200, args.runs)
    if paragraphs:
        per_record("per record: AEB paragraphs", paragraphs[:3000], args.runs)
    if args.jsonl_mb:
        jsonl("JSONL end to end, -j 1", seed_texts(), int(args.jsonl_mb * MB), args.runs)
        if paragraphs:
            jsonl("JSONL short records, -j 1", paragraphs, int(args.jsonl_mb * MB / 4), args.runs, both=False)


if __name__ == "__main__":
    main()
