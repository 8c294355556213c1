"""Write cleaner/data/common-words.txt: each cased language's most frequent words.

The structure rules need to tell a capitalised common word (`Here`, `Voici`, `Berikut`: a
sentence's start) from a name (`Debian`, `Linux`: capitalised anywhere) when the text is too
short to show the word in lower case. The most frequent words of a language are almost all
function words, pronouns, adverbs and common verbs; the lists come from wordfreq (code
Apache-2.0; its word lists CC-BY-SA 4.0, built from Wikipedia, subtitles, news, books, web
text and Twitter), so the generated file is CC-BY-SA 4.0 and says so in its header.

    pip install wordfreq && python scripts/build_common_words.py [--top 500]
"""

from __future__ import annotations

import argparse
from importlib.metadata import version
from pathlib import Path

#: wordfreq's languages written in a script with letter case (Latin, Cyrillic, Greek), where a
#: capital means something (`sh`: Serbo-Croatian, for Bosnian, Croatian and Serbian).
LANGUAGES = (
    "bg ca cs da de el en es fi fil fr hu id is it lt lv mk ms nb nl pl pt ro ru sh sk sl sv tr uk vi"
).split()
OUT = Path(__file__).resolve().parent.parent / "cleaner" / "data" / "common-words.txt"


def main() -> int:
    import wordfreq

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=500, help="words per language (default 500)")
    args = parser.parse_args()
    lines = [
        f"# The {args.top} most frequent words of each cased language, from wordfreq {version('wordfreq')}",
        "# (https://github.com/rspeer/wordfreq), written by scripts/build_common_words.py.",
        "# Licence: CC-BY-SA 4.0, as wordfreq's word lists. One language per line: code, then words.",
    ]
    for language in LANGUAGES:
        words = [w for w in wordfreq.top_n_list(language, args.top) if any(c.isalpha() for c in w) and " " not in w]
        lines.append(f"{language} {' '.join(words)}")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(LANGUAGES)} languages, {args.top} words each at most)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
