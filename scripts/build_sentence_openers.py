"""Write cleaner/data/sentence-{openers,closers}.txt and label-introducers.txt from real prose.

A headline glued to its first sentence (`Svuotare la cache del browser Dato che le pagine...`)
ends where a capitalised word starts a sentence. Which capitalised words do that is a fact
about each language that real text shows: `However`, `Dato`, `Następnie` are
capitalised at a sentence's start and nowhere else, where `Debian`, `Super` (a key),
`Inggris` (Indonesian for English) and a German noun are capitalised inside sentences too.
Per language, this script counts in real prose how often each capitalised word opens a
sentence, how often it stands capitalised after a lower-case word, and how often it is
written in lower case; it keeps the words that open sentences at least `--min-starts` times
and in `--min-rate` of their uses or more, and are never capitalised inside one: not a name,
nor a conjunction that opens a line of verse more often than a sentence (`And`, `Und`,
`Или`). A word is one language's: Swedish `Du` opens sentences, German `Du` in a letter
stands inside them. The languages are those of cleaner/data/common-words.txt, by which the
rule tells a text's language. From the same counts come the words after which a capital
stands inside sentences in a tenth of their uses or more (`click`, `select`, `wybierz`): a
boundary is not put after them, since the capital there is a button's or a menu's label.
And the short words that end sentences or clauses (`it`, `all`, Swedish `fil`, Vietnamese `mục,`): a headline may end in
them, where a line ending in another short word (`for`, `de`, `và`) goes on below.

The prose is the development part (by the same hash as scripts/eval_headlines.py) of two
sets in many languages: the Debian Administrator's Handbook (`debian-handbook`, GPL-2.0+ or
CC-BY-SA-3.0) and GNOME's desktop help (`gnome-user-docs`, CC-BY-SA-3.0). The test parts,
and the Debian Reference and Installation Guide whole, stay out: they measure the rule. The
generated list is CC-BY-SA-3.0, as its sources, and says so in its header.

    python scripts/build_sentence_openers.py [--min-starts 3] [--min-rate 0.05]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

import regex

import eval_headlines as corpora

DATA = Path(__file__).resolve().parent.parent / "cleaner" / "data"
COMMON = DATA / "common-words.txt"
WORD = regex.compile(r"\S+")
#: A word's letters, without the punctuation around it (`«Dato`, `Habilitar,`).
CORE = regex.compile(r"^[^\p{L}]*(\p{L}[\p{L}'’-]*?)[^\p{L}]*$")
STOP = regex.compile(r"[.!?…。！？][\"”’»)\]]*$")
#: A sentence's or a clause's end after a word (`it.`, `bỏ,`, `all:`).
CLOSE = regex.compile(r"[.!?…。！？,;:，、；：][\"”’»)\]]*$")
INITIALS = regex.compile(r"(?:\p{Lu}\.)+$")


#: The corpora's language folders that common-words.txt names otherwise.
LANGUAGE = {"C": "en", "hr": "sh", "sr": "sh", "bs": "sh", "no": "nb"}


def paragraphs(digits: str):
    """(language, paragraph) of each paragraph of the two sets' development parts, once;
    only pages whose name's hash starts with one of `digits` (a validation split)."""
    handbook, gnome = corpora.handbook_root(), corpora.gnome_help_root()
    if handbook is None or gnome is None:
        raise SystemExit("the handbook or GNOME help could not be downloaded (apt-get download)")
    sources = (corpora.handbook_cases(handbook), corpora.gnome_help_cases(corpora.gnome_help_files(gnome)))
    seen = set()
    for cases in sources:
        for part, key, layout, text, _, _ in cases:
            if part == "dev" and layout in ("body", "paragraph") and text not in seen and _hashed(key) in digits:
                seen.add(text)
                code = regex.split(r"[-_@]", key.split("/")[0])[0]
                yield LANGUAGE.get(code, code), text


def _hashed(key: str) -> str:
    """The first hex digit of the hash of a case key's page (`de/net-wireless`), the name
    eval_headlines.part_of splits by: the default digits take the whole dev part."""
    return hashlib.sha256(key.split("/", 1)[1].encode()).hexdigest()[0]


class Counts:
    """One language's counts: sentence starts and places after a lower-case word per
    capitalised word; uses, sentence ends and places before a capital inside a sentence
    per lower-case word."""

    def __init__(self) -> None:
        self.starts: Counter = Counter()
        self.inside: Counter = Counter()
        self.lower: Counter = Counter()
        self.ends: Counter = Counter()
        self.before_capital: Counter = Counter()

    def add(self, text: str) -> None:
        previous = None
        for match in WORD.finditer(text):
            token = match.group()
            core = CORE.match(token)
            word = core.group(1) if core else None
            if word and word[0].islower():
                self.lower[word] += 1
                self.ends[word] += bool(CLOSE.search(token))
            elif word and word[0].isupper() and not word.isupper():
                if previous is None or (STOP.search(previous) and not INITIALS.search(previous)):
                    self.starts[word] += 1
                elif previous[0].islower() and previous[-1].isalnum():
                    self.inside[word] += 1
                    self.before_capital[previous] += 1
            previous = token

    def openers(self, min_starts: int, min_rate: float) -> list[str]:
        """Capitalised words that open sentences `min_starts` times or more, in `min_rate`
        of their uses, and never stand capitalised inside one."""
        return sorted(
            word for word, starts in self.starts.items()
            if starts >= min_starts and self.inside[word] <= 0.02 * starts and self.lower[word.lower()]
            and starts >= min_rate * (starts + self.lower[word.lower()])
        )

    def introducers(self, min_rate: float = 0.1) -> list[str]:
        """Lower-case words that a capitalised word follows inside sentences in `min_rate` of
        their uses: `click`, `select`, `menu`, `wybierz` before a button's or a menu's label."""
        return sorted(word for word, n in self.before_capital.items() if n >= min_rate * self.lower[word])

    def closers(self, longest: int = 3, min_ends: int = 3, min_rate: float = 0.02) -> list[str]:
        """Short lower-case words (`longest` letters at most) that end sentences or clauses
        `min_ends` times or more, in `min_rate` of their uses (a title is a phrase, and a
        word before a comma may end one: Vietnamese `thư mục,`): `it`, `all`, `fil` may end a headline,
        where `for`, `de`, `và` never end a sentence and leave a line open."""
        return sorted(
            word for word, n in self.ends.items()
            if len(word) <= longest and n >= min_ends and n >= min_rate * self.lower[word]
        )


HEADERS = {
    "sentence-openers.txt": "capitalised words that open sentences (at least {min_starts} times, in {min_rate:.0%}"
    " of the word's uses) and are never capitalised inside one",
    "label-introducers.txt": "lower-case words after which a word is capitalised inside a sentence in 10% of their"
    " uses or more (a label, a name: `click Next`, `wybierz Od zachodu`)",
    "sentence-closers.txt": "short lower-case words (three letters at most) that end sentences or clauses (before `.` `,` `:`...), 3 times or more and"
    " in 2% of their uses (`it`, `all`), unlike those that leave a phrase open (`for`, `de`)",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-starts", type=int, default=3, help="sentences a word must open (default 3)")
    parser.add_argument("--min-rate", type=float, default=0.05, help="share of its uses a word must open sentences in (default 0.05)")
    parser.add_argument("--digits", default="01234567", help="build from the pages whose hash starts so (default: the whole dev part)")
    args = parser.parse_args()
    known = {line.split()[0] for line in COMMON.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    counts: dict[str, Counts] = {}
    for language, text in paragraphs(args.digits):
        if language in known:
            counts.setdefault(language, Counts()).add(text)
    lists = {
        "sentence-openers.txt": lambda c: c.openers(args.min_starts, args.min_rate),
        "label-introducers.txt": Counts.introducers,
        "sentence-closers.txt": Counts.closers,
    }
    for name, pick in lists.items():
        what = HEADERS[name].format(min_starts=args.min_starts, min_rate=args.min_rate)
        lines = [
            f"# Per language, {what};",
            "# counted in the development parts of the Debian Administrator's Handbook and GNOME's desktop",
            "# help by scripts/build_sentence_openers.py. Licence: CC-BY-SA-3.0, as its sources.",
            "# One language per line: code, then words.",
        ]
        lines += [f"{language} {' '.join(pick(counts[language]))}" for language in sorted(counts)]
        (DATA / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {DATA / name} ({len(counts)} languages)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
