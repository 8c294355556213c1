#!/usr/bin/env python3
"""Build a decoding corpus from real translated text: Debian's message catalogues.

Debian packages ship their interface translations as gettext `.mo` files, in dozens of
languages (Hebrew, Greek, Russian, Turkish, Thai, Vietnamese, Korean, Arabic, Chinese...).
This script downloads a few packages with `apt-get download`, reads their catalogues with
Python's `gettext`, joins each catalogue's translations into a short and a long document,
and writes each document in every legacy codec its language really uses (strict encoding;
messages a codec cannot hold are left out of that file, and a file with fewer than 8
non-ASCII characters is not written).

The corpus is split by package, so the decoder can be developed on one part and measured on
the other: `dev/` holds the coreutils, tar, grep, bash, diffutils, findutils, libc and
util-linux catalogues; `test/` those of apt, dpkg, debconf, sed, gzip and wget. Each file is
`PART/CODEC/PACKAGE.LANG.SIZE.txt`, with the UTF-8 original beside it in `PART/utf-8/`.

    python scripts/build_decode_corpus.py [--out ~/.cache/cleaner-decode-corpus]

The texts are the packages' translations, under their packages' licences (GPL and others);
the corpus is built on the machine that evaluates and never committed.
"""

from __future__ import annotations

import argparse
import gettext
import subprocess
import tempfile
from pathlib import Path

DEV = ("coreutils", "tar", "grep", "bash", "diffutils", "findutils", "libc-l10n", "util-linux-locales")
TEST = ("apt", "dpkg", "debconf-i18n", "sed", "gzip", "wget")
DEFAULT_OUT = Path.home() / ".cache" / "cleaner-decode-corpus"

WESTERN = ("cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850")
#: Language -> the legacy codecs text in it is really found in.
CODECS: dict[str, tuple[str, ...]] = {
    **{lang: WESTERN for lang in ("de", "fr", "es", "it", "pt", "pt_BR", "nl", "da", "sv", "fi", "nb", "ca", "gl", "eu", "af", "id", "ms", "ga", "ast")},
    **{lang: ("cp1250", "iso8859_2", "mac_latin2") for lang in ("pl", "cs", "sk", "hu", "sl", "hr", "ro")},
    "ru": ("cp1251", "koi8_r", "iso8859_5", "cp866", "mac_cyrillic", "cp855"),
    "uk": ("cp1251", "koi8_u", "mac_cyrillic"),
    "bg": ("cp1251", "iso8859_5", "mac_cyrillic"),
    "be": ("cp1251",),
    "sr": ("cp1251", "iso8859_5"),
    "el": ("cp1253", "iso8859_7"),
    "tr": ("cp1254", "iso8859_9"),
    "he": ("cp1255", "iso8859_8"),
    "ar": ("cp1256", "iso8859_6"),
    "lt": ("cp1257", "iso8859_13"),
    "lv": ("cp1257", "iso8859_13"),
    "et": ("cp1257", "iso8859_15"),
    "vi": ("cp1258",),
    "th": ("tis_620", "cp874"),
    "ja": ("shift_jis", "cp932", "euc_jp", "iso2022_jp"),
    "zh_CN": ("gb2312", "gbk", "gb18030"),
    "zh_TW": ("big5", "cp950"),
    "ko": ("euc_kr", "cp949"),
}
SIZES = {"short": 300, "long": 3000}


def download(packages: tuple[str, ...], folder: Path) -> None:
    subprocess.run(["apt-get", "download", *packages], cwd=folder, check=True, capture_output=True)
    for deb in folder.glob("*.deb"):
        subprocess.run(["dpkg", "-x", str(deb), str(folder / "root")], check=True)


def catalogues(root: Path) -> dict[tuple[str, str], list[str]]:
    """(package, language) -> the translated messages, longest catalogue per package kept."""
    found: dict[tuple[str, str], list[str]] = {}
    for mo in sorted(root.rglob("LC_MESSAGES/*.mo")):
        lang = mo.parent.parent.name
        if lang not in CODECS:
            continue
        try:
            with mo.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)
        except (OSError, UnicodeDecodeError, ValueError, IndexError, KeyError):
            continue  # a catalogue gettext cannot read (a bad plural header): not text we can use
        messages = []
        for key, value in catalog._catalog.items():  # noqa: SLF001 - the catalogue's own table
            msgid = key[0] if isinstance(key, tuple) else key
            if msgid and value and value != msgid:
                messages.append(" ".join(value.split()))
        package = mo.stem
        if len(messages) > len(found.get((package, lang), [])):
            found[(package, lang)] = messages
    return found


def documents(messages: list[str]) -> dict[str, list[str]]:
    """A short and a long document's messages, skipping the first few (often headers)."""
    out = {}
    start = min(len(messages) // 3, 20)
    for size, limit in SIZES.items():
        picked, total = [], 0
        for message in messages[start:]:
            if total >= limit:
                break
            picked.append(message)
            total += len(message) + 1
        out[size] = picked
    return out


def write_part(part: Path, found: dict[tuple[str, str], list[str]]) -> int:
    written = 0
    for (package, lang), messages in sorted(found.items()):
        for size, picked in documents(messages).items():
            for codec in CODECS[lang]:
                kept = []
                for message in picked:
                    try:
                        message.encode(codec)
                    except UnicodeEncodeError:
                        continue
                    kept.append(message)
                text = "\n".join(kept) + "\n"
                if sum(not c.isascii() for c in text) < 8:
                    continue
                name = f"{package}.{lang}.{size}.txt"
                (part / codec).mkdir(parents=True, exist_ok=True)
                (part / codec / name).write_bytes(text.encode(codec))
                (part / "utf-8").mkdir(parents=True, exist_ok=True)
                (part / "utf-8" / f"{codec}.{name}").write_text(text, encoding="utf-8")
                written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    for part, packages in (("dev", DEV), ("test", TEST)):
        with tempfile.TemporaryDirectory() as tmp:
            download(packages, Path(tmp))
            count = write_part(args.out / part, catalogues(Path(tmp) / "root"))
        print(f"{part}: {count} files from {', '.join(packages)}")
    print(f"corpus in {args.out}")


if __name__ == "__main__":
    main()
