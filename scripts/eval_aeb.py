#!/usr/bin/env python3
"""Boilerplate removal measured on the article extraction benchmark (../shared/data/aeb).

For each of the 181 pages, an input text (the whole page's text, or an extractor's output) is
cleaned with a profile, and both the raw input and the cleaned text are scored against the
ground-truth article body as the benchmark scores: word 4-gram shingles counted per page,
tp/fp/fn normalised per page, precision and recall averaged over pages, F1 from the averages.
Each row is printed for all pages, then for the dev part (page names starting 0-7: the part
looked at while writing rules, as in eval_headlines.py) and the test part (8-f: only measured),
then for the English pages and the others (all parts; see `language_group`).

    python scripts/eval_aeb.py                          # every input, default and web profiles
    python scripts/eval_aeb.py --input html-text --profile web
    python scripts/eval_aeb.py --input html --profile default   # the pages' HTML: cleaner[html]

The `html` input reads each page's HTML (html/<id>.html.gz): "raw" is the article as
cleaner's HTML path extracts it (trafilatura with cleaner.html.SETTINGS), "cleaned" the same
after the profile's rules, i.e. what `cleaner clean page.html` writes. Two extractors run
live on the same HTML in the same run for comparison: trafilatura with its own defaults
(what "trafilatura alone" means), and jusText with its English stoplist and in its
language-independent mode.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleaner  # noqa: E402

AEB = ROOT.parent / "shared" / "data" / "aeb"
INPUTS = ("html-text", "trafilatura", "justext", "html")
WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    words = WORD.findall(text or "")
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 so every page weighs the same."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(pages: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    pages = list(pages)

    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*page) for page in pages if page[0] + page[1] > 0)
    r = statistics.mean(recall(*page) for page in pages if page[0] + page[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def load(root: Path, name: str) -> dict[str, str]:
    data = json.loads((root / f"{name}.json").read_text(encoding="utf-8"))
    data = data.get("output", data)
    return {key: value.get("articleBody", "") or "" for key, value in data.items()}


PARTS = {"all": "0123456789abcdef", "dev": "01234567", "test": "89abcdef", "en": "", "other": ""}
#: The benchmark is mostly English; its other pages (Portuguese, Italian, Korean, Russian,
#: Indonesian...) form the "other" group: a page is English when an eighth of its article's
#: words are these common English words (a rough split: two English pages of lists and scores
#: fall among the others).
ENGLISH = frozenset("the of and to a in is that for it on was with as he she by at from be have are this said".split())


def language_group(article: str) -> str:
    words = [word.casefold() for word in WORD.findall(article)]
    return "en" if words and sum(word in ENGLISH for word in words) >= 0.12 * len(words) else "other"


def in_part(part: str, key: str, article: str) -> bool:
    return language_group(article) == part if part in ("en", "other") else key[0] in PARTS[part]


def pages(root: Path, keys: Iterable[str]) -> dict[str, bytes]:
    return {key: gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()) for key in keys}


def evaluate(root: Path, input_name: str, profile: str) -> dict[tuple[str, str], dict[str, float]]:
    """Scores of the raw input and of the input cleaned with `profile`, per part."""
    truth = load(root, "ground-truth")
    pipeline = cleaner.Pipeline(profile=profile)
    if input_name == "html":
        from cleaner.html import clean_html

        results = {key: clean_html(pipeline, page) for key, page in pages(root, truth).items()}
        raw = {key: result.input for key, result in results.items()}
        cleaned = {key: result.text for key, result in results.items()}
    else:
        raw = load(root, input_name)
        cleaned = {key: pipeline.clean(raw[key]).text for key in truth}
    return by_part(truth, {"raw": raw, "cleaned": cleaned})


def extractors_alone(root: Path) -> dict[tuple[str, str], dict[str, float]]:
    """trafilatura (its defaults) and jusText (English stoplist) on the HTML, run here."""
    import justext
    import trafilatura

    truth = load(root, "ground-truth")
    html = pages(root, truth)
    def kept(paragraphs: list) -> str:
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    english = justext.get_stoplist("English")
    outputs = {
        "trafilatura": {key: trafilatura.extract(page) or "" for key, page in html.items()},
        "justext": {key: kept(justext.justext(page, english)) for key, page in html.items()},
        # jusText's language-independent mode (its documentation: an empty stoplist and both
        # stopword thresholds at 0), the fair comparison on the pages not in English.
        "justext-any": {
            key: kept(justext.justext(page, frozenset(), stopwords_low=0, stopwords_high=0)) for key, page in html.items()
        },
    }
    return by_part(truth, outputs)


def by_part(truth: dict[str, str], outputs: dict[str, dict[str, str]]) -> dict[tuple[str, str], dict[str, float]]:
    result = {}
    for part in PARTS:
        keys = [key for key in truth if in_part(part, key, truth[key])]
        for label, output in outputs.items():
            result[part, label] = scores(page_counts(truth[key], output[key]) for key in keys)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", choices=INPUTS, action="append", help="input file (default: all)")
    parser.add_argument("--profile", action="append", help="profile(s) to clean with (default: default and web)")
    parser.add_argument("--data", type=Path, default=AEB)
    parser.add_argument("--no-extractors", action="store_true", help="skip running trafilatura and jusText on the HTML")
    args = parser.parse_args()
    profiles = args.profile or [p for p in ("default", "web") if p in _known_profiles()]
    print(f"{'input':<12} {'profile':<8} {'':<8} {'part':<5} precision  recall   F1")
    for input_name in args.input or INPUTS:
        for profile in profiles:
            result = evaluate(args.data, input_name, profile)
            for part in PARTS:
                for label in ("raw", "cleaned"):
                    s = result[part, label]
                    print(f"{input_name:<12} {profile:<8} {label:<8} {part:<5} {s['precision']:.3f}      {s['recall']:.3f}    {s['f1']:.3f}")
    if "html" in (args.input or INPUTS) and not args.no_extractors:
        result = extractors_alone(args.data)
        notes = {"trafilatura": "its defaults", "justext": "English stoplist", "justext-any": "no stoplist: its language-independent mode"}
        for label, note in notes.items():
            for part in PARTS:
                s = result[part, label]
                print(f"{'html':<12} {'-':<8} {label[:8]:<8} {part:<5} {s['precision']:.3f}      {s['recall']:.3f}    {s['f1']:.3f}   ({label} alone, {note})")


def _known_profiles() -> list[str]:
    from cleaner.ruleset.select import known_profiles

    return known_profiles(cleaner.Pipeline().available)


if __name__ == "__main__":
    main()
