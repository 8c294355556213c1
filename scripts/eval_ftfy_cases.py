"""ftfy's own test cases (../shared/data/ftfy-cases) through cleaner.clean_text, beside ftfy.

Both sides are compared after straightening quotes (ftfy's own uncurl_quotes), NFC and
folding white space, since cleaner keeps curly quotes and adds a final newline on purpose.
Prints how many of the cases each tool gets right, and how many negative cases (text that
only looks broken) come out as expected, i.e. not "repaired".

    python scripts/eval_ftfy_cases.py [CASES_DIR]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import ftfy
import regex
from ftfy.fixes import uncurl_quotes

import cleaner

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ftfy-cases"


def comparable(text: str) -> str:
    return regex.sub(r"\s+", " ", unicodedata.normalize("NFC", uncurl_quotes(text))).strip()


def load_cases(root: Path) -> list[dict]:
    cases = []
    for path in sorted(root.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            cases.append({**case, "file": path.name})
    return cases


def score(root: Path, fix) -> tuple[int, int, int, int, list[str]]:
    """(right, total, negatives unchanged, negatives, misses) for one fixing function."""
    right = negatives = negatives_kept = 0
    misses = []
    cases = load_cases(root)
    for case in cases:
        output = fix(case["original"])
        ok = comparable(output) == comparable(case["fixed"])
        right += ok
        if case["file"] == "negative.json":
            negatives += 1
            negatives_kept += ok
        if not ok:
            misses.append(f"{case['file']}: {case['label']}: got {output.strip()[:70]!r}")
    return right, len(cases), negatives_kept, negatives, misses


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not root.is_dir():
        print(f"no cases at {root}", file=sys.stderr)
        return 2
    tools = {
        "cleaner.clean_text": lambda text: cleaner.clean_text(text).text,
        "ftfy.fix_text (defaults)": ftfy.fix_text,
    }
    for name, fix in tools.items():
        right, total, kept, negatives, misses = score(root, fix)
        print(f"{name}: {right}/{total} agree; negatives kept {kept}/{negatives}")
        for miss in misses:
            print("   miss:", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
