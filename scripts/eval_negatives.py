#!/usr/bin/env python3
"""Real text that looks odd, through the whole default pipeline (and the web profile): what
the rules that delete or split take from it.

Debian's fortune files (verse, chat logs, Q&A jokes, quoted mail, signatures, in English,
German, Spanish, Italian, Polish, Russian, Czech, Bulgarian, Portuguese and Chinese; fetched
once with `apt-get download`, as scripts/eval_headlines.py does) are not articles: no line of
them is boilerplate and no headline is glued to them. Every fortune is cleaned as written; a
text counts when a drop rule (BP) removed a line or a structure rule (HL) inserted or removed
a line break. Character fixes (trailing spaces, ANSI colour codes, no-break spaces) are not
counted: they change no words. Dev and test parts are split by the fortune's hash as in
eval_headlines; `--misses dev` prints the dev part's cases, which are the only ones read.

With `--handbook`, also the Debian Administrator's Handbook in 26 languages (every section
whole, its paragraphs joined): clean UTF-8 prose in many scripts, which the repair rules must
leave as it is; every rule's changes are counted there, since none of them should fire but
normalizations (NFC, blank lines, full-width digits).

With `--docs`, also this machine's /usr/share/doc README, NEWS, changelog, copyright,
AUTHORS, TODO and FAQ files (UTF-8, under 200 KB, gzipped or not), each whole: Debian
copyright files, changelogs and release notes are structured text whose fields (`Comment:`),
indented entries (`See also: CVE-...`) and program prefixes (`watch: ...`) look like page
furniture to a pattern. These were all read while writing the guards: a sweep, not a test.

With `--gnome-help`, also GNOME's desktop help (`gnome-user-docs`, CC-BY-SA-3.0, 40
languages), each page whole: its title over its paragraphs, help prose full of capitalised
GUI labels (`Print`, `Privacy Settings`) and key names; every rule's changes are counted, dev
and test parts apart by page name.

With `--libreoffice-help`, also LibreOffice's help (`libreoffice-help-{de,es,pl,vi,zh-cn}`,
MPL-2.0), each page whole: option names as headings (`Kommentare`, `Anzeige`, `Comment`),
`Click here to...` instructions, `See also:` lines; dev and test parts apart by page path.

With `--descriptions`, also Debian's translated package descriptions (DDTP, bookworm main:
German, Spanish, French, Japanese, Polish, Russian, Vietnamese, Chinese; fetched from
deb.debian.org once), each a synopsis over its wrapped long description; dev and test parts
apart by package name.

With `--faq`, also the Debian FAQ's plain-text editions (`debian-faq*`, GPL-2.0+; English,
German, French, Italian, Japanese, Portuguese, Russian, Chinese): hard-wrapped text cut at its
numbered sections, split by section number.

With `--docbook`, also the Debian Reference, the Installation Guide and the New Maintainers'
Guide (GPL-2.0+, the same pages as scripts/eval_headlines.py), each page whole: its section
titles and paragraphs, split by page name.

With `--manpages`, also the translated man pages (`manpages-{de,es,fr,it,pl,pt-br,ru,vi,zh}`,
GPL-2.0+ and other free licences, page by page), read by a small reading of the man macros:
option tags over their description, `NAME`/`SYNOPSIS` headings in capitals, command lines;
examples and tables left out; split by page name.

    python scripts/eval_negatives.py [--misses dev] [--profile web] [--handbook] [--gnome-help] [--libreoffice-help] [--descriptions] [--faq] [--manpages] [--docbook] [--docs]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_headlines import (  # noqa: E402
    _SECTION,
    _clean,
    part_of,
    DESCRIPTION_LANGUAGES,
    description_texts,
    descriptions_root,
    faq_root,
    faq_sections,
    doc_texts,
    fortune_cases,
    fortunes_root,
    gnome_help_files,
    gnome_help_pages,
    gnome_help_root,
    handbook_root,
    libreoffice_help_pages,
    libreoffice_help_root,
    MANPAGE_LANGUAGES,
    manpage_pages,
    manpages_root,
    _DOCBOOK_SECTION,
    _NUMBERING,
    installation_files,
    installation_root,
    maint_guide_files,
    maint_guide_root,
    reference_files,
    reference_root,
)

from cleaner import Pipeline  # noqa: E402

FAMILIES = ("BP", "HL")


DOC_NAMES = ("readme", "news", "changelog", "copyright", "authors", "todo", "faq")


def docs_sweep(pipeline: Pipeline, root: Path = Path("/usr/share/doc")) -> None:
    """Lines deleted or split in the documentation files, with a few examples per rule."""
    files = 0
    by_rule: Counter = Counter()
    shown: dict[str, list[str]] = {}
    paths = [p for p in sorted(root.rglob("*")) if p.is_file() and p.name.lower().startswith(DOC_NAMES) and p.stat().st_size <= 200_000]
    for path, text in doc_texts(paths):
        files += 1
        for change in pipeline.clean(text).changes:
            if change.rule.startswith(FAMILIES):
                by_rule[change.rule] += 1
                shown.setdefault(change.rule, [])
                if len(shown[change.rule]) < 3:
                    shown[change.rule].append(f"{path.relative_to(root)}: {change.before[:80]!r}")
    for rule, examples in sorted(shown.items()):
        for example in examples:
            print(f"   {rule} {example}")
    rules = ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items()))
    print(f"docs ({root}, {files} files): lines deleted or split {sum(by_rule.values())}; by rule: {rules or 'none'}")


def handbook_sweep(pipeline: Pipeline) -> None:
    """Every rule's changes over the handbook's sections, with an example each."""
    root = handbook_root()
    if root is None:
        print("handbook: not available (apt-get download debian-handbook failed)")
        return
    sections = 0
    by_rule: Counter = Counter()
    shown: dict[str, str] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "Common_Content"):
        for path in sorted(folder.glob("sect.*.html")):
            paragraphs = [_clean(m.group(2)) for m in _SECTION.finditer(path.read_text("utf-8")) if m.group(2)]
            sections += 1
            for change in pipeline.clean("\n\n".join(paragraphs) + "\n").changes:
                by_rule[change.rule] += 1
                shown.setdefault(change.rule, f"{folder.name}: {change.before[:40]!r} -> {change.after[:40]!r}")
    for rule, example in sorted(shown.items()):
        print(f"   {rule} {example}")
    rules = ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items()))
    print(f"handbook ({sections} sections, 26 languages): changes by rule: {rules or 'none'}")


def sweep(name: str, pipeline: Pipeline, texts, unit: str) -> None:
    """Every rule's changes over real texts, dev and test parts apart, with up to three
    examples per rule from the dev part (the only one read). `texts` yields (part, label,
    text)."""
    counted: Counter = Counter()
    by_rule: Counter = Counter()
    shown: dict[str, list[str]] = {}
    for part, label, text in texts:
        counted[part] += 1
        for change in pipeline.clean(text).changes:
            by_rule[part, change.rule] += 1
            if part == "dev" and len(shown.setdefault(change.rule, [])) < 3:
                shown[change.rule].append(f"{label}: {text[max(0, change.start - 30) : change.end + 20]!r} -> {change.after[:20]!r}")
    for rule, examples in sorted(shown.items()):
        for example in examples:
            print(f"   {rule} {example}")
    for part in ("dev", "test"):
        rules = ", ".join(f"{rule} {n}" for (where, rule), n in sorted(by_rule.items()) if where == part)
        print(f"{name} {part} ({counted[part]} {unit}): changes by rule: {rules or 'none'}")


def gnome_help_texts(root: Path):
    """GNOME's help pages, each whole (its title, a blank line, its paragraphs), split by
    page name."""
    for language, page, items in gnome_help_pages(gnome_help_files(root)):
        if items:
            yield part_of(page), f"{language}/{page}", "\n\n".join(text for _, text in items if text) + "\n"


def libreoffice_help_texts(root: Path):
    """LibreOffice's help pages, each whole (its headings and paragraphs), split by page
    path, so a page and its translations fall in one part."""
    for language, page, blocks in libreoffice_help_pages(root):
        if len(blocks) >= 2:
            yield part_of(page), f"{language}/{page}", "\n\n".join(blocks) + "\n"


def description_sweep_texts(root: Path):
    """Debian's translated package descriptions, split by package name."""
    for language, package, text in description_texts(root):
        yield part_of(package), f"{language}/{package}", text


def faq_texts(root: Path):
    """The Debian FAQ's plain-text sections, split by section number."""
    for language, number, text in faq_sections(root):
        yield part_of(number), f"{language} {number}", text


def manpage_texts(root: Path):
    """Translated man pages, each whole (its headings, option tags and paragraphs), split by
    page name, so a page and its translations fall in one part."""
    for language, page, blocks in manpage_pages(root):
        if len(blocks) >= 2:
            yield part_of(page), f"{language}/{page}", "\n\n".join(blocks) + "\n"


def docbook_texts(files: dict[str, list[Path]]):
    """DocBook pages (the Debian Reference, Installation Guide, New Maintainers' Guide), each
    whole: its section titles and paragraphs, split by page name."""
    for language, paths in files.items():
        for path in paths:
            blocks = [
                _NUMBERING.sub("", _clean(m.group(2))) if m.group(3) is None else _clean(m.group(3))
                for m in _DOCBOOK_SECTION.finditer(path.read_text("utf-8"))
            ]
            blocks = [block for block in blocks if block]
            page = path.name.split(".")[0]
            if len(blocks) >= 2:
                yield part_of(page), f"{language}/{path.name}", "\n\n".join(blocks) + "\n"


def _docbook(find_root, files):
    """A root finder for `SWEEPS` that hands on the DocBook set's files by language."""
    def root():
        found = find_root()
        return None if found is None else files(found)
    return root


#: The real sets swept whole: option -> (name, root finder, texts, unit, what to say when missing).
SWEEPS = {
    "gnome_help": ("gnome-help", gnome_help_root, gnome_help_texts, "pages, 40 languages", "apt-get download gnome-user-docs failed"),
    "libreoffice_help": ("libreoffice-help", libreoffice_help_root, libreoffice_help_texts, "pages, 5 languages", "apt-get download libreoffice-help-* failed"),
    "descriptions": ("descriptions", descriptions_root, description_sweep_texts, f"texts, {len(DESCRIPTION_LANGUAGES)} languages", "deb.debian.org could not be reached"),
    "faq": ("debian-faq", faq_root, faq_texts, "sections, 8 languages", "apt-get download debian-faq* failed"),
    "docbook": ("docbook", _docbook(lambda: (reference_root(), installation_root(), maint_guide_root()), lambda roots: {
        f"{name} {language}": paths
        for name, root, files in zip(("reference", "installation", "maint-guide"), roots, (reference_files, installation_files, maint_guide_files))
        if root is not None for language, paths in files(root).items()
    }), docbook_texts, "pages, 3 guides", "apt-get download failed"),
    "manpages": ("manpages", manpages_root, manpage_texts, f"pages, {len(MANPAGE_LANGUAGES)} languages", "apt-get download manpages-* failed"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=["dev", "test"], help="print the cases of one part")
    parser.add_argument("--profile", default="default")
    parser.add_argument("--docs", action="store_true", help="also sweep /usr/share/doc's text files")
    parser.add_argument("--handbook", action="store_true", help="also the Debian handbook in 26 languages, all rules")
    parser.add_argument("--gnome-help", action="store_true", help="also GNOME's desktop help in 40 languages, all rules")
    parser.add_argument("--libreoffice-help", action="store_true", help="also LibreOffice's help in 5 languages, all rules")
    parser.add_argument("--descriptions", action="store_true", help="also Debian's package descriptions in 8 languages, all rules")
    parser.add_argument("--faq", action="store_true", help="also the Debian FAQ's plain-text editions in 8 languages, all rules")
    parser.add_argument("--manpages", action="store_true", help="also translated man pages in 9 languages, all rules")
    parser.add_argument("--docbook", action="store_true", help="also the Debian Reference, Installation Guide and New Maintainers' Guide, all rules")
    args = parser.parse_args()
    root = fortunes_root()
    if root is None:
        print("fortunes: not available (apt-get download fortunes failed)", file=sys.stderr)
        return 2
    pipeline = Pipeline(profile=args.profile)
    texts: Counter = Counter()
    damaged: Counter = Counter()
    by_rule: Counter = Counter()
    for part, key, layout, text, _, _ in fortune_cases(root):
        if layout != "fortune":
            continue
        texts[part] += 1
        taken = [c for c in pipeline.clean(text).changes if c.rule.startswith(FAMILIES)]
        if taken:
            damaged[part] += 1
            by_rule.update(f"{part} {c.rule}" for c in taken)
            if args.misses == part:
                for change in taken:
                    print(f"{part} {key} {change.rule}: {change.before[:100]!r} -> {change.after[:40]!r}")
    if args.docs:
        docs_sweep(pipeline)
    if args.handbook:
        handbook_sweep(pipeline)
    for option, (name, find_root, texts_of, unit, missing) in SWEEPS.items():
        if getattr(args, option):
            root = find_root()
            if root is None:
                print(f"{name}: not available ({missing})")
            else:
                sweep(name, pipeline, texts_of(root), unit)
    for part in ("dev", "test"):
        rules = ", ".join(f"{rule.split()[1]} {n}" for rule, n in sorted(by_rule.items()) if rule.startswith(part))
        print(f"fortunes {part} ({args.profile}): texts with a line deleted or split {damaged[part]}/{texts[part]}"
              f" ({damaged[part] / max(texts[part], 1):.3%}); by rule: {rules or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
