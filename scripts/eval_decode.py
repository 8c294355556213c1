"""Decoding accuracy on ../shared/data/char-dataset (folder name = the right codec).

A text file counts as right when our decoded text equals the bytes decoded with the folder's
codec (a byte-order mark aside); a file in None/ counts as right when we refuse it as binary.
Prints the share right, and the misses.

    python scripts/eval_decode.py [DATASET_DIR]
"""

from __future__ import annotations

import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

from cleaner.decode import BinaryInput, DecodeError, decode

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "char-dataset"


def evaluate(root: Path) -> tuple[int, int, int, list[str]]:
    right = similar = total = 0
    misses = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != "NOTE.md"):
        folder = path.parent.name
        data = path.read_bytes()
        total += 1
        try:
            text, decision = decode(data)
        except BinaryInput:
            ok = folder == "None"
            right += ok
            similar += ok
            if not ok:
                misses.append(f"{folder}/{path.name}: refused as binary")
            continue
        except DecodeError as exc:
            misses.append(f"{folder}/{path.name}: {exc}")
            continue
        if folder == "None":
            misses.append(f"{folder}/{path.name}: decoded as {decision.encoding}, not refused")
            continue
        expected = data.decode(folder, errors="replace").lstrip("\ufeff")
        if text == expected:
            right += 1
            similar += 1
            continue
        ratio = SequenceMatcher(None, text, expected, autojunk=False).ratio() if len(text) < 20000 else 0.0
        similar += ratio >= 0.98
        misses.append(f"{folder}/{path.name}: read as {decision.encoding} ({decision.method}), {ratio:.1%} similar")
    return right, similar, total, misses


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not root.is_dir():
        print(f"no dataset at {root}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    right, similar, total, misses = evaluate(root)
    elapsed = time.perf_counter() - started
    for miss in misses:
        print("miss:", miss)
    print(f"exact: {right}/{total} = {right / total:.1%}   >=98% similar: {similar}/{total} = {similar / total:.1%}   ({elapsed:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
