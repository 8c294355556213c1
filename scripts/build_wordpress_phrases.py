#!/usr/bin/env python3
"""Generate rules/3-boilerplate-l10n.toml: WordPress's comment form in every language it ships.

Seed 003's footer is WordPress's comment form, and WordPress translates that form into dozens
of languages. Debian packages the translations (`wordpress-l10n`, GPL-2.0+, like WordPress);
this script downloads the package with `apt-get download`, reads each language's core
catalogue with Python's `gettext`, and writes two drop rules whose patterns are the
translated lines, exact but for case, white space, a trailing `*` or `:`, and the slot a
`%s` stands for:

  BP011 comment-form-footer-l10n   the form's lines, in the trailing block only (as BP001)
  BP012 comment-section-tail-l10n  a comment count or "Comments" heading late in the text:
                                   the rest is cut (as BP002)

English is left to BP001/BP002. The generated file is committed; rerun the script to update
it (`python scripts/build_wordpress_phrases.py`).
"""

from __future__ import annotations

import argparse
import gettext
import html
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "3-boilerplate-l10n.toml"
PACKAGE = "wordpress-l10n"

#: msgids of the form's lines (a context before \x04 where WordPress gives one).
FORM = (
    "Leave a Reply", "Leave a Comment", "Leave a comment", "Leave a Reply to %s", "Cancel reply",
    "Your email address will not be published.", "Required fields are marked %s", "Post Comment",
    "Comments are closed.", "noun\x04Comment", "Name", "Email", "Website", "Log in to leave a Comment",
)
#: msgids of a comment section's heading: what follows it is the comments.
TAIL = ("% Comments", "1 Comment", "No Comments", "Comments", "Comments are closed.", "Leave a Reply", "Leave a Comment")
#: Lines that alone say too little: a bare `Comments` heading is an option's or a section's
#: name in documentation too, a field's label (`Name`, `URL`) ends a help page as often as a
#: form: the rules' `weak` patterns.
WEAK_TAIL = ("Comments",)
WEAK_FORM = ("Name", "Email", "Website", "noun\x04Comment")
#: The examples' article and help text: long enough for a tail rule to cut after them.
ARTICLE = "Der Gemeinderat hat am Montag beschlossen, die Straßenbahn bis zum Bahnhof zu verlängern. Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern. Anwohner hatten lange auf die Verbindung gewartet, die den Weg in die Innenstadt deutlich verkürzt. Kritiker verweisen auf die Kosten von rund 40 Millionen Euro, die zum Teil der Bund trägt. Der Bürgermeister sprach von einem guten Tag für die Stadt und versprach, die Anwohner während der Bauzeit regelmäßig zu informieren. Eine Bürgerversammlung ist für den kommenden Monat geplant."
HELP = "Inhalte löschen: Löscht die Inhalte des ausgewählten Zellbereichs. Wählen Sie im Dialog aus, welche Inhalte gelöscht werden sollen; alle anderen bleiben erhalten. Zeichenketten: Löscht nur Zeichenketten, Formate, Formeln, Zahlen und Datumsangaben bleiben unverändert. Zahlen: Löscht nur Zahlen, Formate und Formeln bleiben unverändert. Datum und Zeit: Löscht Datums- und Zeitwerte, Formate, Text, Zahlen und Formeln bleiben unverändert. Formeln: Löscht Formeln, Text, Zahlen, Formate, Datums- und Zeitwerte bleiben unverändert."
_TAG = re.compile(r"<[^>]+>")
_SLOT = re.compile(r"%(?:\d+\$)?[sd]|%")


def download(folder: Path) -> Path:
    subprocess.run(["apt-get", "download", PACKAGE], cwd=folder, check=True, capture_output=True)
    deb = next(folder.glob(f"{PACKAGE}_*.deb"))
    subprocess.run(["dpkg", "-x", str(deb), str(folder / "root")], check=True)
    return folder / "root" / "usr" / "share" / "wordpress" / "wp-content" / "languages"


def version(folder: Path) -> str:
    return next(folder.glob(f"{PACKAGE}_*.deb")).name.split("_")[1]


def translations(languages: Path, msgids: tuple[str, ...], keep_english: tuple[str, ...] = ()) -> dict[str, set[str]]:
    """msgid -> its translations in every core catalogue (admin and continents ones aside);
    for the msgids in `keep_english`, also the ones a language leaves in English (German
    `Name`, so that a German form's trailing run holds all its lines; an English form's
    other lines stay BP001's)."""
    found: dict[str, set[str]] = {msgid: set() for msgid in msgids}
    for mo in sorted(languages.glob("*.mo")):
        if mo.name.startswith(("admin-", "continents-")):
            continue
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for msgid in msgids:
            text = catalog.get(msgid)
            english = msgid.split("\x04")[-1]
            if isinstance(text, str) and text.strip() and (msgid in keep_english or text.strip() != english):
                found[msgid].add(" ".join(html.unescape(_TAG.sub("", text)).split()))
    return found


def to_pattern(line: str, slot: str) -> str:
    """A translated line as a regex: the words exact (case aside), white space loose, `%s`
    as `slot`, a lone `%` (a count) as digits."""
    parts = []
    position = 0
    for match in _SLOT.finditer(line):
        parts.append(_literal(line[position : match.start()]))
        parts.append(r"\d{1,5}" if match.group() == "%" else slot)
        position = match.end()
    parts.append(_literal(line[position:]))
    return "".join(parts).strip()


def _literal(text: str) -> str:
    """Words exact, the white space between and around them loose."""
    if not text.strip():
        return r"\s*" if text else ""
    words = r"\s+".join(re.escape(word) for word in text.split())
    return (r"\s*" if text[0].isspace() else "") + words + (r"\s*" if text[-1].isspace() else "")


def alternation(lines: set[str], slot: str) -> str:
    patterns = sorted({to_pattern(line, slot) for line in lines if len(line) >= 2}, key=lambda p: (-len(p), p))
    return "\n  | ".join(patterns)


def render(form: dict[str, set[str]], tail: dict[str, set[str]], package_version: str) -> str:
    form_lines = set().union(*form.values())
    tail_lines = set().union(*tail.values())
    weak_tail = set().union(*(tail[msgid] for msgid in WEAK_TAIL))
    weak_form = set().union(*(form[msgid] for msgid in WEAK_FORM))
    return f'''# GENERATED by scripts/build_wordpress_phrases.py from Debian's {PACKAGE} {package_version}
# (WordPress's own translations, GPL-2.0+). Do not edit by hand: rerun the script.
# {len(form_lines)} comment-form lines and {len(tail_lines)} comment-section headings in the languages WordPress ships.

[[rule]]
code = "BP011"
name = "comment-form-footer-l10n"
summary = "Remove a trailing WordPress comment form in any of its translations (Hinterlasse eine Antwort, Deine E-Mail-Adresse wird nicht veröffentlicht.)"
description = \'\'\'
A WordPress comment form at the end of a page, in any of the sixty languages WordPress ships
(`Hinterlasse eine Antwort`, the e-mail notice, field labels), generated from WordPress's own
translations. Only a trailing block of form lines goes. Risk: low; an article quoting one of
these phrases mid-text keeps it.\'\'\'
phase = "boilerplate"
order = 1
safety = "safe"
kind = "drop"
# As BP001: whole short lines, only in the trailing block where every line after is part of
# the form.
position = "end"
max_length = 160
pattern = \'\'\'(?ix)
    (?: (?:
    {alternation(form_lines, ".{1,80}")}
    ) \\s* [*:]? \\s* )+
\'\'\'
# A run of field labels alone (`Name`, `E-Mail`) ends a help page or a table as often: it
# goes only with a line of the form proper.
weak = \'\'\'(?ix)
    (?: (?:
    {alternation(weak_form, ".{1,80}")}
    ) \\s* [*:]? \\s* )+
\'\'\'

[[rule.example]]
input = "Der Artikel endet hier.\\n\\nHinterlasse eine Antwort\\nAntworten abbrechen\\nDeine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind markiert *\\nKommentar abschicken\\n"
output = "Der Artikel endet hier.\\n"

[[rule.example]]
input = "Ostatni akapit artykułu.\\n\\nDodaj komentarz\\nAnuluj pisanie odpowiedzi\\n"
output = "Ostatni akapit artykułu.\\n"

[[rule.example]]
# Not at the end: the article goes on.
unchanged = "Hinterlasse einen Kommentar\\n\\nDie Leser wurden gebeten, ihre Meinung zum Plan zu sagen, und viele taten es."

[[rule.example]]
unchanged = "Die Behörde wollte keinen Kommentar abgeben, und auch die Stadt schwieg dazu am Montag."

[[rule]]
code = "BP012"
name = "comment-section-tail-l10n"
summary = "Cut a comment section at the end from its heading or count in any of WordPress's languages (71 Kommentare, Brak komentarzy)"
description = \'\'\'
A comment section at the end of a page, cut from its heading or count (`71 Kommentare`, `Brak
komentarzy`) in any of WordPress's languages, with everything after it. It cuts only after 500
characters and 40% of the text. Risk: a heading of that wording late in an article would cut the
article's tail.\'\'\'
phase = "boilerplate"
order = 2
safety = "safe"
kind = "drop"
# As BP002: a heading line on its own, after 500 characters and 40% of the text.
position = "from"
min_before = 500
max_length = 100
pattern = \'\'\'(?ix)
    [\\[(]? \\s* (?:
    {alternation(tail_lines, ".{1,80}")}
    ) \\s* :? \\s* [\\])]?
\'\'\'
# A bare `Comments` heading (`Kommentare`) is an option's or a section's name in
# documentation too: it cuts only when a count or another strong heading follows.
weak = \'\'\'(?ix)
    [\\[(]? \\s* (?:
    {alternation(weak_tail, ".{1,80}")}
    ) \\s* :? \\s* [\\])]?
\'\'\'

[[rule.example]]
input = "{ARTICLE}\\n\\n71 Kommentare\\n\\nAnna: Endlich!\\n"
output = "{ARTICLE}\\n"

[[rule.example]]
# A sentence that counts comments is not a heading.
unchanged = "Unter dem Artikel sammelten sich binnen einer Stunde 71 Kommentare, die meisten davon zur Frage der Kosten.\\n"

[[rule.example]]
# A bare heading in documentation names an option: nothing strong follows it.
unchanged = "{HELP}\\n\\nKommentare\\n\\nLöscht die Kommentare der Zellen. Alle anderen Inhalte bleiben erhalten.\\n\\nFormate\\n\\nLöscht die Formate der Zellen.\\n"

[[rule]]
code = "BP013"
name = "comment-heading-tail-web"
summary = "On whole web pages: cut from a bare comment-section heading late in the page (Comments, Kommentare, Komentarze)"
description = \'\'\'
With `--profile web` only: a bare comment-section heading late in a page's text (`Comments`,
`Kommentare`, `Komentarze`, in English and any of WordPress's languages) and everything after
it are cut, as BP002 and BP012 cut a count. Elsewhere such a heading cuts only with a count or
a form line after it: in documentation it names an option or a section. Risk: a web page whose
last section is titled so loses it.\'\'\'
phase = "boilerplate"
order = 3
safety = "safe"
kind = "drop"
profiles = ["web"]
position = "from"
min_before = 500
max_length = 100
pattern = \'\'\'(?ix)
    [\\[(]? \\s* (?:
    comments?
  | {alternation(weak_tail, ".{1,80}")}
    ) \\s* :? \\s* [\\])]?
\'\'\'

[[rule.example]]
input = "{ARTICLE}\\n\\nKommentare\\n\\nAnna: Endlich!\\n"
output = "{ARTICLE}\\n"

[[rule.example]]
unchanged = "Kommentare\\n\\nDie Leser wurden gebeten, ihre Meinung zum Plan zu sagen.\\n"
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        languages = download(Path(folder))
        form = translations(languages, FORM, keep_english=WEAK_FORM)
        tail = translations(languages, TAIL)
        args.out.write_text(render(form, tail, version(Path(folder))), encoding="utf-8")
    print(f"wrote {args.out}: {sum(map(len, form.values()))} form lines, {sum(map(len, tail.values()))} headings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
