#!/usr/bin/env python3
"""The web profile on real pages in 26 languages: the Debian Administrator's Handbook's HTML.

Each section page (`sect.*.html`, `debian-handbook`, GPL-2.0+ or CC-BY-SA-3.0, downloaded
once as scripts/eval_headlines.py does) is turned into page text as the AEB's `html-text`
input has it: the page's title, then one line per block (banner, navigation, section,
footer); and cleaned with a profile. The
article is the page's `div.section`. Scores are eval_aeb.py's (word 4-gram shingles per page,
precision and recall averaged over pages), for the page text as it is ("raw") and cleaned,
per part (dev: page names whose hash starts 0-7, looked at while writing rules; test: only
measured) and per language group. The pages are documentation: lists, tables, definition
lists, code, notes; little furniture. So the figure that matters here is recall: what a
profile takes from an article it should keep.

    python scripts/eval_web_docs.py [--profile web] [--misses dev]

Needs lxml (installed with cleaner[html]).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from lxml import html as lxml_html

import eval_aeb
import eval_headlines as corpora

import cleaner

#: Elements a browser starts a new line at.
BLOCKS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 pre tr td th dt dd table ul ol dl br title blockquote section article header footer nav".split()
)


def block_lines(element) -> list[str]:
    """The element's text, one line per block, spaces collapsed (scripts and styles left out)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(node) -> None:
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "head"):
            if node.tail:
                current.append(node.tail)
            return
        block = node.tag in BLOCKS
        if block:
            flush()
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
        if node.tail:
            current.append(node.tail)

    walk(element)
    flush()
    return lines


def pages(root: Path):
    """(part, language, name, page text, article text) of each section page."""
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "Common_Content"):
        for path in sorted(folder.glob("sect.*.html")):
            document = lxml_html.fromstring(path.read_bytes())
            section = document.xpath('//div[@class="section"]')
            body = document.find("body")
            if not section or body is None:
                continue
            title = document.findtext(".//title") or ""
            page = "\n".join([" ".join(title.split()), *block_lines(body)]) + "\n"  # as html-text puts it: the title first
            article = "\n".join(block_lines(section[0])) + "\n"
            yield corpora.part_of(path.name), folder.name, path.name, page, article


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="web")
    parser.add_argument("--misses", choices=["dev", "test"], help="print the article lines a part's cleaned pages lost")
    args = parser.parse_args()
    root = corpora.handbook_root()
    if root is None:
        print("handbook: not available (apt-get download debian-handbook failed)", file=sys.stderr)
        return 2
    pipeline = cleaner.Pipeline(profile=args.profile)
    counts: dict[tuple[str, str, str], list] = defaultdict(list)
    for part, language, name, page, article in pages(root):
        cleaned = pipeline.clean(page).text
        group = corpora.GROUPS.get(language[:2], "other")
        for where in ((part, "all"), (part, group)):
            counts[(*where, "raw")].append(eval_aeb.page_counts(article, page))
            counts[(*where, "cleaned")].append(eval_aeb.page_counts(article, cleaned))
        if args.misses == part:
            kept = set(cleaned.split("\n"))
            lost = [line for line in article.split("\n") if line and line not in kept]
            if lost:
                print(f"lost {language}/{name}: {[line[:80] for line in lost[:5]]}")
    print(f"{'part':<5} {'group':<8} {'text':<8} {'pages':>5}  precision  recall   F1")
    for part in ("dev", "test"):
        for group in ("all", "English", "German", "Romance", "Slavic", "CJK", "other"):
            for text in ("raw", "cleaned"):
                rows = counts.get((part, group, text))
                if rows:
                    s = eval_aeb.scores(rows)
                    print(f"{part:<5} {group:<8} {text:<8} {len(rows):>5}  {s['precision']:.3f}      {s['recall']:.3f}    {s['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
