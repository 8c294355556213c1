"""Mojibake repair on real sentences, beside ftfy.fix_text, and the negatives that must stay.

Sentences are the non-ASCII lines of the decoding corpus (scripts/build_decode_corpus.py:
Debian's translations, dev and test parts apart). Each is damaged as pipelines damage text:
UTF-8 read as cp1252, latin-1, mac_roman, cp1250 or cp1251, and cp1252 twice (double). A
damaged line counts as repaired when the repair rules (EN*) give the sentence back exactly;
every original sentence is also a negative: the rules must leave it byte-identical.
The extra negatives below are real text that looks odd.

    python scripts/eval_mojibake.py [--corpus DIR] [--per-language 20]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import ftfy

from cleaner import Pipeline
from cleaner.transforms.encoding import mojibake_config

CORPUS = Path.home() / ".cache" / "cleaner-decode-corpus"
DAMAGE = ("cp1252", "latin_1", "mac_roman", "cp1250", "cp1251", "double")
ODD_NEGATIVES = [
    "NÃO ACEITAMOS DEVOLUÇÕES", "ĐẠI HỌC QUỐC GIA HÀ NỘI", "Giá: 100.000 ₫ — ©°×£", "Ãgua de Março",
    "Zażółć gęślą jaźń", "CZĘŚĆ PIERWSZA", "Příliš žluťoučký kůň", "√2 ≈ 1.414", "Ñandú ©2024 ®",
    "Das kostet 5 € (± 10 %)", "ΑΘΗΝΑ — Ο ΔΗΜΟΣ", "Москва — столица", "İstanbul’da ŞUBAT ayı",
]


def damage(text: str, how: str) -> str | None:
    try:
        if how == "double":
            return text.encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252")
        return text.encode("utf-8").decode(how)
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None


def sentences(part: Path, per_language: int) -> list[str]:
    """Up to `per_language` distinct non-ASCII lines per language of one corpus part."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for path in sorted((part / "utf-8").glob("*.long.txt")):
        language = path.name.split(".")[-3]
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line.isascii() and len(by_language[language]) < per_language and line not in by_language[language]:
                by_language[language].append(line)
    return [line for lines in by_language.values() for line in lines]


def evaluate(lines: list[str], repair: Pipeline) -> None:
    right, ftfy_right, total = Counter(), Counter(), Counter()
    for line in lines:
        for how in DAMAGE:
            broken = damage(line, how)
            if broken is None or broken == line:
                continue
            total[how] += 1
            right[how] += repair.clean(broken).text == line
            ftfy_right[how] += ftfy.fix_text(broken, mojibake_config()) == line
    for how in DAMAGE:
        if total[how]:
            print(f"   {how:<9} cleaner {right[how]}/{total[how]} = {right[how] / total[how]:.1%}   ftfy {ftfy_right[how]}/{total[how]} = {ftfy_right[how] / total[how]:.1%}")
    kept = sum(repair.clean(line).text == line for line in lines)
    print(f"   negatives (the sentences themselves) unchanged: {kept}/{len(lines)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--per-language", type=int, default=20)
    args = parser.parse_args()
    repair = Pipeline(select=["EN"])
    odd_kept = [line for line in ODD_NEGATIVES if repair.clean(line).text == line]
    print(f"odd-looking negatives unchanged: {len(odd_kept)}/{len(ODD_NEGATIVES)}")
    for line in ODD_NEGATIVES:
        if line not in odd_kept:
            print(f"   changed: {line!r} -> {repair.clean(line).text!r}")
    for part in ("dev", "test"):
        folder = args.corpus / part
        if not folder.is_dir():
            print(f"corpus {part}: not built (python scripts/build_decode_corpus.py)")
            continue
        print(f"corpus {part}:")
        evaluate(sentences(folder, args.per_language), repair)
    return 0


if __name__ == "__main__":
    sys.exit(main())
