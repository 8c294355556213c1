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
  paragraph   each of the body's next three paragraphs alone -> unchanged, byte for byte

A second, multilingual set comes from the Debian Administrator's Handbook (Debian package
`debian-handbook`, GPL-2.0+/CC-BY-SA-3.0, 26 languages: German, Spanish, Polish,
Vietnamese, Chinese, Arabic...), downloaded with `apt-get download` into
~/.cache/cleaner-structure-corpus on first use: each section's title and its first paragraph
give the same glued / no-gap / clean / body layouts, and every further paragraph of each
language is checked alone, once (`paragraph`: must stay byte-identical); each title is also
`doubled` as a page's title and social title carry it, with the guide's name as the site's
(made, not found: counted apart from the damaged layouts, its wrong cuts with them).
Paragraphs a translation left in English are skipped. Its parts are split by section file
name, so a section and its translations fall in the same part. Results are printed per
language group, and for the texts in a script without letter case (`[caseless]`: Arabic,
Persian, Hebrew, Korean...) across the groups. Two more DocBook sets give the same layouts the same way, split by section
anchor: the Debian Reference (`debian-reference-*`, 9 languages with Japanese, Chinese and
Indonesian), the Debian Installation Guide (`installation-guide-amd64`, 21 languages with
Vietnamese, Korean and Greek) and the Debian New Maintainers' Guide (`maint-guide*`, 11
languages with Catalan, Vietnamese and both Chinese scripts; added at stop 29, after every
rule here was written); all GPL-2.0+, downloaded next to the handbook.

Only the structure rules (HL) run. A damaged layout counts as restored when the output is
exactly the expected text, and as split in a wrong place when it changed to anything else
(a headline cut in two, a body sentence's words moved: worse than leaving it); a clean or body-only text must come out byte-identical, and any
change to it is counted as damage. Pages whose SHA-256 name starts with 0-7 are the dev
part, the rest the test part.

    python scripts/eval_headlines.py [--misses dev] [--no-handbook] [--docs]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from cleaner import Pipeline

AEB = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "aeb"
HANDBOOK = Path.home() / ".cache" / "cleaner-structure-corpus" / "debian-handbook"
_TAG = re.compile(r"<[^>]+>")
#: Language folder prefix -> the group results are printed by.
GROUPS = {
    "en": "English", "de": "German", "nl": "German", "da": "German", "nb": "German", "sv": "German",
    "es": "Romance", "fr": "Romance", "it": "Romance", "pt": "Romance", "ca": "Romance", "ro": "Romance",
    "pl": "Slavic", "cs": "Slavic", "cz": "Slavic", "sk": "Slavic", "hr": "Slavic", "ru": "Slavic", "bg": "Slavic",
    "zh": "CJK", "ja": "CJK", "ko": "CJK",
}
LAYOUTS = ("glued", "no-gap", "alternates", "doubled", "clean", "body", "paragraph", "fortune", "fortune-line")
#: Debian's fortune packages (-: English; bg, cs/sk, de, es, it, pl, ru, pt-BR, zh).
FORTUNES = ("", "-bg", "-cs", "-de", "-es", "-it", "-pl", "-ru", "-br", "-zh")
DAMAGED = ("glued", "no-gap", "alternates")
#: Layouts a structure rule must mend, the made `doubled` one with them: a text changed into
#: anything but the expected one is a cut in a wrong place.
MENDED = DAMAGED + ("doubled",)
#: Kana and the common CJK ideographs: Chinese and Japanese text.
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
#: The documentation sets' titles doubled as a page's title and social title carry them, with
#: the guide's name as the site's (counted apart: made, not found on real pages).
DOUBLED_FORMS = ("{t} {t} - {site}", "{site} | {t} {t}", "{t}_{site} {t}")


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


def _debian(packages: list[str], into: Path, inside: str) -> Path | None:
    """`inside` the Debian packages' files, downloaded and unpacked into `into` once; None
    when apt-get cannot fetch them."""
    root = into / inside
    if root.is_dir():
        return root
    into.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        fetched = subprocess.run(["apt-get", "download", *packages], cwd=folder, capture_output=True)
        debs = list(Path(folder).glob("*.deb"))
        if fetched.returncode or not debs:
            return None
        for deb in debs:
            subprocess.run(["dpkg", "-x", str(deb), str(into)], check=True)
    return root if root.is_dir() else None


def handbook_root() -> Path | None:
    return _debian(["debian-handbook"], HANDBOOK, "usr/share/doc/debian-handbook/html")


def fortunes_root() -> Path | None:
    return _debian([f"fortunes{suffix}" for suffix in FORTUNES], HANDBOOK.parent / "fortunes", "usr/share/games/fortunes")


def fortune_cases(root: Path):
    """(part, key, layout, text, expected, group) for every fortune of 12 words or more, once
    as written (`fortune`: verse, chat logs, dialogue, quoted mail) and once on one line
    (`fortune-line`): real text that looks odd, expected unchanged."""
    seen = set()
    for path in sorted(root.rglob("*")):
        if path.is_dir() or path.suffix in (".dat", ".u8"):
            continue
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        folder = path.parent.name if path.parent != root else {"brasil": "pt", "chinese": "zh"}.get(path.name, "en")
        group = GROUPS.get(folder, "other")
        for fortune in re.split(r"\n%\n", text):
            fortune = fortune.strip("\n")
            if len(fortune.split()) < 12 or fortune in seen:
                continue
            seen.add(fortune)
            part = "dev" if hashlib.sha256(fortune.encode()).hexdigest()[0] in "01234567" else "test"
            key = f"{folder}/{path.name}"
            yield part, key, "fortune", f"{fortune}\n", f"{fortune}\n", group
            line = " ".join(fortune.split())
            yield part, key, "fortune-line", f"{line}\n", f"{line}\n", group


_SECTION = re.compile(r'<h[23] class="title"[^>]*>(.*?)</h[23]>|<div class="para">(.*?)</div>', re.S)
#: DocBook HTML (Debian Reference, Installation Guide, New Maintainers' Guide): section titles carry a
#: language-independent anchor (`<a id="_stage_1..."/>`, `<a name="preseed-l10n"></a>`).
_DOCBOOK_SECTION = re.compile(
    r'<h[234] class="title"[^>]*>\s*(?:<a (?:id|name)="([^"]+)"\s*/?>(?:</a>)?)?(.*?)</h[234]>|<p>(.*?)</p>', re.S
)
_NUMBERING = re.compile(r"^(?:[\dA-Z]+\.)+\d*\.?\s+")


def reference_root() -> Path | None:
    languages = ("en", "de", "es", "fr", "it", "pt", "ja", "zh-cn", "id")
    return _debian([f"debian-reference-{code}" for code in languages], HANDBOOK.parent / "debian-reference", "usr/share/debian-reference")


def installation_root() -> Path | None:
    return _debian(["installation-guide-amd64"], HANDBOOK.parent / "installation-guide", "usr/share/doc/installation-guide-amd64")


def maint_guide_root() -> Path | None:
    languages = ("", "-ca", "-de", "-es", "-fr", "-it", "-ja", "-ru", "-vi", "-zh-cn", "-zh-tw")
    return _debian([f"maint-guide{code}" for code in languages], HANDBOOK.parent / "maint-guide", "usr/share/doc")


DESCRIPTION_LANGUAGES = ("de", "es", "fr", "ja", "pl", "ru", "vi", "zh_CN")


def descriptions_root() -> Path | None:
    """Debian's translated package descriptions (DDTP, bookworm main), fetched from
    deb.debian.org once; None when they cannot be."""
    import bz2
    import urllib.request

    root = HANDBOOK.parent / "descriptions"
    try:
        for language in DESCRIPTION_LANGUAGES:
            target = root / f"Translation-{language}"
            if not target.exists():
                url = f"http://deb.debian.org/debian/dists/bookworm/main/i18n/Translation-{language}.bz2"
                with urllib.request.urlopen(url, timeout=60) as response:
                    data = bz2.decompress(response.read())
                root.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
    except OSError:
        return None
    return root


def description_texts(root: Path):
    """(language, package, text) of each translated description, once per distinct text: its
    synopsis, a blank line, its long description as written (wrapped lines, ` .` as a blank
    line, indented lists)."""
    for language in DESCRIPTION_LANGUAGES:
        seen: set[str] = set()
        for record in (root / f"Translation-{language}").read_text("utf-8").split("\n\n"):
            lines = record.split("\n")
            at = next((i for i, line in enumerate(lines) if line.startswith("Description-") and not line.startswith("Description-md5")), None)
            if at is None or not lines[0].startswith("Package: "):
                continue
            synopsis = lines[at].partition(": ")[2]
            body = []
            for line in lines[at + 1 :]:
                if not line.startswith(" "):
                    break
                body.append("" if line.strip() == "." else line[1:])
            text = synopsis + "\n\n" + "\n".join(body).strip("\n") + "\n"
            if text not in seen:
                seen.add(text)
                yield language, lines[0][len("Package: ") :], text


def faq_root() -> Path | None:
    languages = ("", "-de", "-fr", "-it", "-ja", "-pt", "-ru", "-zh-cn")
    return _debian([f"debian-faq{code}" for code in languages], HANDBOOK.parent / "debian-faq", "usr/share/doc/debian/FAQ")


_FAQ_SECTION = re.compile(r"^(\d+\.\d+\.) ", re.M)


def faq_sections(root: Path):
    """(language, section number, text) of the Debian FAQ's plain-text editions, cut at each
    numbered section heading (`3.4. Was ist...`): hard-wrapped paragraphs, indented lists
    and headings as a text export has them. A section's number is the same in every
    translation."""
    for path in sorted(root.glob("debian-faq.*.txt.gz")):
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        starts = [m.start() for m in _FAQ_SECTION.finditer(text)]
        for start, end in zip(starts, starts[1:] + [len(text)]):
            yield path.name.split(".")[1], _FAQ_SECTION.match(text, start).group(1), text[start:end].strip("\n") + "\n"


#: The translated man pages swept (`manpages-*`, GPL-2.0+ and others, each page its own licence).
MANPAGE_LANGUAGES = ("de", "es", "fr", "it", "pl", "pt-br", "ru", "vi", "zh")


def manpages_root() -> Path | None:
    return _debian([f"manpages-{code}" for code in MANPAGE_LANGUAGES], HANDBOOK.parent / "manpages", "usr/share/man")


_ROFF_FONT = re.compile(r"\\f(?:\[[^\]]*\]|\(..|.)")
_ROFF_NAMED = {"em": "—", "en": "–", "aq": "'", "lq": "“", "rq": "”", "Fo": "«", "Fc": "»", "oq": "‘", "cq": "’", "bu": "•", "co": "©", "rg": "®", "dq": '"', "mu": "×", "de": "°"}
_ROFF_ESCAPE = re.compile(r"\\(?:\((..)|\[([^\]]*)\]|\*(?:\(..|\[[^\]]*\]|.)|s[-+]?\d+|[&%c]|(.))")
_MDOC_MACRO = re.compile(r"(?<!\S)\.?[A-Z][a-z](?!\S)")
_ROFF_FILL = (".PP", ".P", ".LP", ".TP", ".IP", ".HP", ".sp", ".br", ".RS", ".RE", ".in", ".SY", ".YS", ".OP")
_ROFF_INLINE = (".B", ".I", ".BR", ".IR", ".BI", ".RB", ".IB", ".RI", ".SM", ".SB")


def _roff_text(line: str) -> str:
    def escape(m: re.Match) -> str:
        name = m.group(1) or m.group(2)
        if name is not None:
            return _ROFF_NAMED.get(name, "")
        single = m.group(3)
        return {"-": "-", "e": "\\", " ": " ", "~": " ", "|": "", "^": "", "0": " "}.get(single, "") if single else ""
    return _ROFF_ESCAPE.sub(escape, _ROFF_FONT.sub("", line))


def _roff_args(rest: str, together: bool) -> str:
    args = [a.strip('"') for a in re.findall(r'"[^"]*"|\S+', rest)]
    return ("" if together else " ").join(args)


def manpage_blocks(source: str) -> list[str]:
    """A man page's headings and paragraphs as plain text: a small reading of the man
    macros (fonts, escapes, `.SH`, `.TP` tags) and of mdoc's (`.Sh`, `.It`, `.Nm name`);
    examples (`.nf`, `.EX`) and tables (`.TS`) are left out, and so is every other request."""
    blocks: list[str] = []
    paragraph: list[str] = []
    skipping = None
    tag_next = False

    def flush() -> None:
        text = " ".join(" ".join(paragraph).split())
        if text:
            blocks.append(text)
        paragraph.clear()

    for line in source.splitlines():
        if skipping:
            if line.startswith(skipping):
                skipping = None
            continue
        if line.startswith((".\\\"", "'\\\"")):
            continue
        if line.startswith((".nf", ".EX", ".TS")):
            flush()
            skipping = {".nf": ".fi", ".EX": ".EE", ".TS": ".TE"}[line[:3]]
            continue
        if line.startswith((".SH", ".SS", ".Sh", ".Ss")):
            flush()
            paragraph.append(_roff_text(_roff_args(line[3:], False)))
            flush()
            continue
        if line.startswith(".") or line.startswith("'"):
            request = line.split(None, 1)
            if request[0] in _ROFF_FILL or not line.strip(".'").strip():
                flush()
                tag_next = request[0] == ".TP"
            elif request[0] in _ROFF_INLINE and len(request) > 1:
                paragraph.append(_roff_text(_roff_args(request[1], request[0] not in (".B", ".I", ".SM", ".SB"))))
            elif request[0] in (".Pp", ".It", ".Bl", ".El", ".Bd", ".Ed"):
                flush()  # mdoc's paragraphs and list items
                if request[0] == ".It" and len(request) > 1:
                    paragraph.append(_roff_text(_MDOC_MACRO.sub("", request[1])))
                    flush()
            elif _MDOC_MACRO.fullmatch(request[0]) and request[0] not in (".Dd", ".Dt", ".Os") and len(request) > 1:
                paragraph.append(_roff_text(_MDOC_MACRO.sub("", request[1])))  # mdoc's inline macros: `.Nm finger`, `.Fl l`
            continue
        if not line.strip():
            flush()
            continue
        paragraph.append(_roff_text(line))
        if tag_next:
            flush()
            tag_next = False
    flush()
    return blocks


def manpage_pages(root: Path):
    """(language, page, blocks) of each translated man page (`de`, `ls.1`)."""
    for path in sorted(root.glob("*/man*/*.gz")):
        language = path.relative_to(root).parts[0]
        if language.split("_")[0].split(".")[0] not in {code.split("-")[0] for code in MANPAGE_LANGUAGES}:
            continue
        try:
            source = gzip.decompress(path.read_bytes()).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if source.startswith(".so "):
            continue  # a link to another page
        yield language, path.name.removesuffix(".gz"), manpage_blocks(source)


def libreoffice_help_root() -> Path | None:
    languages = ("de", "es", "pl", "vi", "zh-cn")
    return _debian([f"libreoffice-help-{code}" for code in languages], HANDBOOK.parent / "libreoffice-help", "usr/share/libreoffice/help")


_LO_HIDDEN = re.compile(r'<span hidden="true"[^>]*>.*?</span>', re.S)
_LO_BLOCK = re.compile(r"<(h[1-6]|p)\b[^>]*>(.*?)</\1>", re.S)


def libreoffice_help_pages(root: Path):
    """(language, page, [heading or paragraph...]) of each LibreOffice help page: the blocks
    of its display area (the text of the other systems' hidden variants left out)."""
    for path in sorted(root.glob("*/text/**/*.html")):
        page = path.read_text("utf-8")
        start, end = page.find('id="DisplayArea"'), page.find("<footer")
        if start < 0:
            continue
        area = _LO_HIDDEN.sub("", page[start : end if end > start else len(page)])
        blocks = [" ".join(html.unescape(_TAG.sub("", m.group(2))).split()) for m in _LO_BLOCK.finditer(area)]
        yield path.relative_to(root).parts[0], str(path.relative_to(root / path.relative_to(root).parts[0])), [b for b in blocks if b]


def gnome_help_root() -> Path | None:
    return _debian(["gnome-user-docs"], HANDBOOK.parent / "gnome-help", "usr/share/help")


_MALLARD_INFO = re.compile(r"<info>.*?</info>", re.S)
_MALLARD = re.compile(r"<title(?:\s[^>]*)?>(.*?)</title>|<p(?:\s[^>]*)?>(.*?)</p>", re.S)


def gnome_help_files(root: Path) -> dict[str, list[Path]]:
    """GNOME's desktop help by language (`de/gnome-help/net-wireless-connect.page`); its
    English folder is `C`."""
    return {
        "en" if folder.name == "C" else folder.name: sorted((folder / "gnome-help").glob("*.page"))
        for folder in sorted(root.iterdir())
        if (folder / "gnome-help").is_dir()
    }


def gnome_help_pages(files: dict[str, list[Path]]):
    """(language, page, [(is_title, text)...]) of each Mallard page, its <info> block of
    credits and descriptions skipped, and a translation's paragraphs left in English."""
    def blocks(path: Path):
        return _MALLARD.finditer(_MALLARD_INFO.sub("", path.read_text("utf-8")))

    def text(fragment: str) -> str:
        # Mallard's tags are inline (`<gui>Connect</gui>.`): they go without leaving a space.
        return " ".join(html.unescape(_TAG.sub("", fragment)).split())

    english = {text(m.group(2)) for path in files.get("en", []) for m in blocks(path) if m.group(2)}
    for language, paths in files.items():
        for path in paths:
            items = [(m.group(2) is None, text(m.group(1) if m.group(2) is None else m.group(2))) for m in blocks(path)]
            yield language, path.stem, [(is_title, t) for is_title, t in items if is_title or language == "en" or t not in english]


def gnome_help_cases(files: dict[str, list[Path]], site: str = ""):
    """The same layouts from each page's title and paragraphs, split by page name as the
    DocBook sets are by anchor."""
    seen: dict[str, set] = {}
    for language, page, items in gnome_help_pages(files):
        group = GROUPS.get(language[:2], "other")
        title = None
        for is_title, para in items:
            if is_title:
                title = para
                continue
            if len(para.split()) < 12 and len(para) < 60:
                continue
            yield from _layouts(part_of(page), f"{language}/{page}", title, para, group, seen.setdefault(language, set()), site)
            title = None


def _layouts(part: str, key: str, title: str | None, para: str, group: str, seen: set, site: str = ""):
    """The glued / no-gap / clean / body texts of a title and its first paragraph, or the
    `paragraph` text of a later paragraph (once per language); with a `site` name, also the
    title `doubled` with it (the `_` form only after Chinese or Japanese)."""
    if title:
        expected = f"{title}\n\n{para}\n"
        yield part, key, "glued", f"{title} {para}\n", expected, group
        yield part, key, "no-gap", f"{title}\n{para}\n", expected, group
        if site:
            forms = DOUBLED_FORMS if CJK.match(title[-1:]) else DOUBLED_FORMS[:2]
            form = forms[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(forms)]
            yield part, key, "doubled", f"{form.format(t=title, site=site)}\n\n{para}\n", expected, group
        yield part, key, "clean", expected, expected, group
        yield part, key, "body", f"{para}\n", f"{para}\n", group
    elif para not in seen:
        seen.add(para)
        yield part, key, "paragraph", f"{para}\n", f"{para}\n", group


def part_of(name: str) -> str:
    """The part a page or section falls in, by its name: dev (looked at) or test (only measured)."""
    return "dev" if hashlib.sha256(name.encode()).hexdigest()[0] in "01234567" else "test"


def handbook_cases(root: Path, site: str = ""):
    """(part, key, layout, text, expected, group) from each language's section files."""
    english = set()
    for path in sorted((root / "en-US").glob("sect.*.html")):
        english.update(_clean(m.group(2)) for m in _SECTION.finditer(path.read_text("utf-8")) if m.group(2))
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "Common_Content"):
        group = GROUPS.get(folder.name[:2], "other")
        seen: set = set()
        for path in sorted(folder.glob("sect.*.html")):
            part = part_of(path.name)
            title = None
            for match in _SECTION.finditer(path.read_text("utf-8")):
                if match.group(1):
                    title = _NUMBERING.sub("", _clean(match.group(1)))
                    continue
                para = _clean(match.group(2))
                if len(para.split()) < 12 and len(para) < 60 or (group != "English" and para in english):
                    continue
                yield from _layouts(part, f"{folder.name}/{path.name}", title, para, group, seen, site)
                title = None


def reference_files(root: Path) -> dict[str, list[Path]]:
    """The Debian Reference's pages by language (`ch03.de.html`)."""
    languages = sorted({path.name.split(".")[1] for path in root.glob("*.html")})
    return {language: sorted(root.glob(f"*.{language}.html")) for language in languages}


def installation_files(root: Path) -> dict[str, list[Path]]:
    """The Installation Guide's pages by language (`vi/ch06s03.html`)."""
    return {folder.name: sorted(folder.glob("*.html")) for folder in sorted(root.iterdir()) if folder.is_dir()}


def maint_guide_files(root: Path) -> dict[str, list[Path]]:
    """The New Maintainers' Guide's pages by language (`maint-guide-de/html/start.de.html`)."""
    paths = sorted(root.glob("maint-guide*/html/*.html"))
    languages = sorted({path.name.split(".")[1] for path in paths})
    return {language: [path for path in paths if path.name.split(".")[1] == language] for language in languages}


def docbook_cases(files: dict[str, list[Path]], site: str = ""):
    """The same layouts from DocBook pages by language, split by section anchor, so a section
    and its translations fall in the same part; a paragraph left in English in a translation
    is skipped, and so is a title with no anchor (a table's or a figure's)."""
    english = {
        _clean(m.group(3)) for path in files.get("en", []) for m in _DOCBOOK_SECTION.finditer(path.read_text("utf-8")) if m.group(3)
    }
    for language, paths in files.items():
        group = GROUPS.get(language[:2], "other")
        seen: set = set()
        for path in paths:
            title = anchor = None
            for match in _DOCBOOK_SECTION.finditer(path.read_text("utf-8")):
                if match.group(3) is None:
                    anchor, title = match.group(1), _NUMBERING.sub("", _clean(match.group(2))) if match.group(1) else None
                    continue
                para = _clean(match.group(3))
                if len(para.split()) < 12 and len(para) < 60 or (group != "English" and para in english):
                    continue
                yield from _layouts(part_of(anchor or path.name), f"{language}/{anchor or path.stem}", title, para, group, seen, site)
                title = None


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
        for later in [p.strip() for p in body.strip().split("\n\n")[1:4] if len(p.split()) >= 12]:
            yield part, key, "paragraph", f"{later}\n", f"{later}\n"


#: A group across the others: texts whose first line is in a script without letter case
#: (Arabic, Persian, Hebrew, Korean...), where no capital marks where a sentence starts.
CASELESS = "caseless"


def _caseless(line: str) -> bool:
    """Whether most of a line's letters have no case, CJK's aside (they have their own group)."""
    letters = [c for c in line if c.isalpha()]
    if not letters or CJK.search(line):
        return False
    return sum(c.lower() != c.upper() for c in letters) <= 0.2 * len(letters)


def report(name: str, results, misses: str | None, review: bool = False) -> None:
    """Print restored and changed counts per part (and per group when there are several)."""
    pipeline = Pipeline(select=["HL"])
    right: Counter = Counter()
    misplaced: Counter = Counter()
    total: Counter = Counter()
    groups = set()
    for part, key, layout, text, expected, group in results:
        got = pipeline.clean(text).text
        groups.add(group)
        in_groups = [group, CASELESS] if _caseless(text.split("\n", 1)[0]) else [group]
        groups.update(in_groups)
        for where in [(part, "all")] + [(part, name) for name in in_groups]:
            total[where, layout] += 1
            right[where, layout] += got == expected
            misplaced[where] += layout in MENDED and got not in (text, expected)
        if got != expected and misses == part:
            print(f"{'wrong' if got != text else 'miss'} {layout} {key[:40]}: {got[:160]!r}")
    for part in ("dev", "test"):
        for group in ["all"] + (sorted(groups) if len(groups) > 1 else []):
            where = (part, group)
            restored = sum(right[where, layout] for layout in DAMAGED)
            of = sum(total[where, layout] for layout in DAMAGED)
            kept_layouts = [layout for layout in LAYOUTS if layout not in MENDED]
            changed = sum(total[where, layout] - right[where, layout] for layout in kept_layouts)
            kept = sum(total[where, layout] for layout in kept_layouts)
            cells = "   ".join(f"{layout} {right[where, layout]}/{total[where, layout]}" for layout in LAYOUTS if total[where, layout])
            label = f"{name} {part}" + ("" if group == "all" else f" [{group}]")
            print(f"{label}: damaged restored {restored}/{of} = {restored / max(of, 1):.1%}, "
                  f"split in a wrong place {misplaced[where]}; "
                  f"{'texts changed (a title over its text is right: review with --misses)' if review else 'clean/body texts changed (must be 0)'}: "
                  f"{changed}/{kept}   {cells}")


def doc_texts(paths):
    """(path, text) of each file that reads as UTF-8, gzipped or not; the rest are skipped."""
    for path in paths:
        try:
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            yield path, data.decode("utf-8")
        except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
            continue


def docs_sweep(root: Path = Path("/usr/share/doc"), files: int = 3000) -> None:
    """Every paragraph of two lines or more in the machine's plain-text documentation, alone:
    real text whose first line is rarely a headline. Prints how many HL changes, and some."""
    pipeline = Pipeline(select=["HL"])
    paths = sorted(p for p in root.rglob("*") if p.is_file() and (p.suffix == ".gz" or "README" in p.name or "NEWS" in p.name))
    seen = changed = 0
    shown = []
    for _, text in doc_texts(paths[:files]):
        for paragraph in text.split("\n\n"):
            paragraph = paragraph.strip("\n")
            if paragraph.count("\n") < 1 or len(paragraph) < 80:
                continue
            seen += 1
            if pipeline.clean(paragraph + "\n").text != paragraph + "\n":
                changed += 1
                if len(shown) < 10:
                    shown.append(paragraph[:100])
    for example in shown:
        print(f"   changed: {example!r}")
    print(f"docs ({root}, first {files} files): paragraphs changed {changed}/{seen}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=["dev", "test"], help="print the misses of one part")
    parser.add_argument("--no-handbook", action="store_true", help="the AEB pages only (no download of the handbook and fortunes)")
    parser.add_argument("--docs", action="store_true", help="also sweep /usr/share/doc paragraphs (each alone)")
    args = parser.parse_args()
    if not AEB.is_dir():
        print(f"no data at {AEB}", file=sys.stderr)
        return 2
    report("aeb", ((*case, "English") for case in cases(AEB)), args.misses)
    if not args.no_handbook:
        root = handbook_root()
        if root is None:
            print("handbook: not available (apt-get download debian-handbook failed)")
        else:
            report("handbook", handbook_cases(root, "Debian Handbook"), args.misses)
        for name, root, files, site in (
            ("reference", reference_root(), reference_files, "Debian Reference"),
            ("installation", installation_root(), installation_files, "Debian Installer"),
            ("maint-guide", maint_guide_root(), maint_guide_files, "Debian"),
            ("gnome-help", gnome_help_root(), gnome_help_files, "GNOME Help"),
        ):
            if root is None:
                print(f"{name}: not available (apt-get download failed)")
            else:
                report(name, (gnome_help_cases if name == "gnome-help" else docbook_cases)(files(root), site), args.misses)
        fortunes = fortunes_root()
        if fortunes is None:
            print("fortunes: not available (apt-get download fortunes failed)")
        else:
            report("fortunes", fortune_cases(fortunes), args.misses, review=True)
    if args.docs:
        docs_sweep()
    return 0


if __name__ == "__main__":
    sys.exit(main())
