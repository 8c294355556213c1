"""Headline structure on real pages: five layouts per page, dev and test parts apart.

Each page of ../shared/data/aeb (181 English news pages, MIT) gives a real headline (its
`<h1>`, else `og:title`, else `<title>`), its real alternative headlines (`<title>` and
`og:title` as the page carries them, often with the site's name), and the first paragraph
of its article body (ground-truth.json). From them, five texts:

  glued       the headline run into the first sentence    -> headline, blank line, body
  no-gap      the headline on the line above the body      -> headline, blank line, body
  alternates  the page's title and social title run together, then the body
              -> the headline, blank line, body (when both carry the headline)
  clean       headline, blank line, body                   -> unchanged, byte for byte
  body        the body alone                               -> unchanged, byte for byte

Only the structure rules (HL) run. A damaged layout counts as restored when the output is
exactly the expected text; a clean or body-only text must come out byte-identical, and any
change to it is counted as damage. Pages whose SHA-256 name starts with 0-7 are the dev
part, the rest the test part.

    python scripts/eval_headlines.py [--misses dev]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

from cleaner import Pipeline

AEB = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "aeb"
_TAG = re.compile(r"<[^>]+>")


def _meta(page: str, prop: str) -> str | None:
    for pattern in (
        rf'<meta[^>]+(?:property|name)=["\']{prop}["\'][^>]*content=["\']([^"\']*)["\']',
        rf'<meta[^>]+content=["\']([^"\']*)["\'][^>]*(?:property|name)=["\']{prop}["\']',
    ):
        match = re.search(pattern, page, re.I)
        if match:
            return _clean(match.group(1))
    return None


def _clean(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def headlines(page: str) -> tuple[str | None, list[str]]:
    """The page's headline and its alternative headlines (title, og:title), as carried."""
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.I | re.S)
    title = re.search(r"<title[^>]*>(.*?)</title>", page, re.I | re.S)
    og = _meta(page, "og:title")
    head = _clean(h1.group(1)) if h1 else None
    alternates = [t for t in (_clean(title.group(1)) if title else None, og) if t]
    return head or (alternates[-1] if alternates else None), alternates


def cases(root: Path):
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for path in sorted((root / "html").glob("*.html.gz")):
        key = path.name.split(".")[0]
        body = truth.get(key, {}).get("articleBody", "")
        first = body.strip().split("\n\n")[0].strip() if body else ""
        page = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        head, alternates = headlines(page)
        if not head or len(first.split()) < 12 or "\n" in head:
            continue
        part = "dev" if key[0] in "01234567" else "test"
        expected = f"{head}\n\n{first}\n"
        yield part, key, "glued", f"{head} {first}\n", expected
        yield part, key, "no-gap", f"{head}\n{first}\n", expected
        run_together = " ".join(dict.fromkeys(alternates))
        if len(set(alternates)) == 2 and all(head in a for a in alternates):
            # Both variants carry the headline (some pages' <h1> is the site's name: skipped).
            yield part, key, "alternates", f"{run_together}\n\n{first}\n", expected
        yield part, key, "clean", expected, expected
        yield part, key, "body", f"{first}\n", f"{first}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=["dev", "test"], help="print the misses of one part")
    args = parser.parse_args()
    if not AEB.is_dir():
        print(f"no data at {AEB}", file=sys.stderr)
        return 2
    pipeline = Pipeline(select=["HL"])
    right: Counter = Counter()
    total: Counter = Counter()
    for part, key, layout, text, expected in cases(AEB):
        got = pipeline.clean(text).text
        total[part, layout] += 1
        right[part, layout] += got == expected
        if got != expected and args.misses == part:
            print(f"miss {layout} {key[:12]}: {got[:160]!r}")
    for part in ("dev", "test"):
        damaged = [layout for layout in ("glued", "no-gap", "alternates")]
        restored = sum(right[part, layout] for layout in damaged)
        of = sum(total[part, layout] for layout in damaged)
        cells = "   ".join(f"{layout} {right[part, layout]}/{total[part, layout]}" for layout in ("glued", "no-gap", "alternates", "clean", "body"))
        print(f"{part}: damaged layouts restored {restored}/{of} = {restored / max(of, 1):.1%}   {cells}")
        for layout in ("clean", "body"):
            changed = total[part, layout] - right[part, layout]
            print(f"   {layout} texts changed (must be 0): {changed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
