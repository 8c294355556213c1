"""Decoding accuracy: cleaner beside chardet and charset-normalizer (default settings), same files.

Corpora (each printed on its own):
  char-dataset  ../shared/data/char-dataset: folder name = the right codec, None/ = binary.
                The decoder's corrections were first written looking at it: not independent.
  corpus dev    built by scripts/build_decode_corpus.py from Debian's message catalogues;
                the part looked at while writing the decoder.
  corpus test   the same from other packages; only measured.

With --html, each corpus text is also wrapped in an HTML page (escaped, in paragraphs) in its
legacy codec and read by `cleaner.html.decode_html` beside trafilatura's own decoding, three
ways: the page declares its codec in a <meta>; it declares none; it declares a wrong one
(windows-1252, or iso-8859-2 for cp1252 texts: a template's default left in place).

A file counts as right when the decoded text equals the original exactly (a byte-order mark
aside); a binary file when it is refused. For cleaner it also counts how many wrong decodes
came without a warning in the decision (the silent ones are the harm). Times are per file,
detection only for the peers, the whole `decode` for cleaner.

    python scripts/eval_decode.py [--corpus DIR] [--misses] [--html]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import chardet
import charset_normalizer

from cleaner.decode import BinaryInput, DecodeError, decode, dominant_script, script_family

ROOT = Path(__file__).resolve().parent.parent
CHAR_DATASET = ROOT.parent / "shared" / "data" / "char-dataset"
CORPUS = Path.home() / ".cache" / "cleaner-decode-corpus"


def char_dataset_cases(root: Path):
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != "NOTE.md"):
        data = path.read_bytes()
        folder = path.parent.name
        expected = None if folder == "None" else data.decode(folder, errors="replace").lstrip("\ufeff")
        yield f"{folder}/{path.name}", data, expected


def utf8_cases(part: Path):
    """The corpus's originals as UTF-8: the common case, where nothing may be re-read."""
    for path in sorted((part / "utf-8").glob("*.txt")):
        data = path.read_bytes()
        yield f"utf-8/{path.name}", data, data.decode("utf-8").lstrip("\ufeff")


def corpus_cases(part: Path):
    for path in sorted(part.rglob("*.txt")):
        codec = path.parent.name
        if codec == "utf-8":
            continue
        original = (part / "utf-8" / f"{codec}.{path.name}").read_text(encoding="utf-8")
        yield f"{codec}/{path.name}", path.read_bytes(), original


def _peer(name: str, data: bytes) -> str | None:
    """What a peer library decodes the bytes to (None: it says binary or gives up)."""
    if name == "chardet":
        encoding = chardet.detect(data)["encoding"]
        if encoding is None:
            return None
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            return None
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best).lstrip("\ufeff")


def _ours(data: bytes):
    """cleaner's text (None: refused as binary; "": an error) and decision."""
    try:
        return decode(data)
    except BinaryInput:
        return None, None
    except DecodeError:
        return "", None


_family = script_family


def score(cases) -> dict:
    """Right decodes for cleaner and the two peers, seconds spent, and cleaner's misses."""
    cases = list(cases)
    out = {"total": len(cases), "right": Counter(), "seconds": Counter(), "misses": [],
           "warned_wrong": 0, "silent_wrong": 0, "silent_wrong_script": 0, "warned_right": 0}
    for index, (label, data, expected) in enumerate(cases):
        got = {}
        names = ("cleaner", "chardet", "charset-normalizer")
        for name in names[index % 3 :] + names[: index % 3]:  # each goes first in turn
            started = time.perf_counter()
            got[name] = _ours(data) if name == "cleaner" else _peer(name, data)
            out["seconds"][name] += time.perf_counter() - started
        for peer in names[1:]:
            out["right"][peer] += got[peer] == expected
        text, decision = got["cleaner"]
        warned = bool(decision and decision.warning)
        if text == expected:
            out["right"]["cleaner"] += 1
            out["warned_right"] += warned
        else:
            how = "refused as binary" if text is None else f"{decision.encoding} ({decision.reason})" if decision else "error"
            miss = f"{label}: {how}" + (f" [warned: {decision.warning}]" if warned else "")
            if warned:
                out["warned_wrong"] += 1
            else:
                out["silent_wrong"] += 1
                if text and expected and _family(text) != _family(expected):
                    out["silent_wrong_script"] += 1
                    miss += f" [another script: {dominant_script(text)[0]} for {dominant_script(expected)[0]}]"
            out["misses"].append(miss)
    return out


def evaluate(cases, show_misses: bool) -> dict:
    result = score(cases)
    total, right, seconds = result["total"], result["right"], result["seconds"]
    if show_misses:
        for miss in result["misses"]:
            print("   miss:", miss)
    cells = [f"{name} {right[name]}/{total} = {right[name] / total:.1%} ({1000 * seconds[name] / total:.2f} ms/file)" for name in ("cleaner", "chardet", "charset-normalizer")]
    print("   " + "   ".join(cells))
    print(f"   time: cleaner's whole decode / chardet's detection = {seconds['cleaner'] / seconds['chardet']:.2f}x")
    print(
        f"   cleaner's wrong decodes: {result['warned_wrong']} with a warning, {result['silent_wrong']} silent "
        f"({result['silent_wrong_script']} of them in another script); right decodes with a warning: {result['warned_right']}"
    )
    return result


#: A codec's label as pages write it in <meta charset=...>.
LABELS = {"cp": "windows-", "mac_": "x-mac-"}


def _label(codec: str) -> str:
    if codec.startswith("cp") and len(codec) == 5:
        return "ibm" + codec[2:]  # DOS code pages: ibm850, ibm866
    for prefix, label in LABELS.items():
        if codec.startswith(prefix) and codec[len(prefix) :].isdigit():
            return label + codec[len(prefix) :]
    return codec


def html_cases(part: Path, declare: str):
    """Each legacy-codec text as an HTML page in that codec; `declare`: right, none or wrong."""
    import html

    for label, data, original in corpus_cases(part):
        codec = label.split("/", 1)[0]
        declared = {"right": _label(codec), "none": None, "wrong": "iso-8859-2" if codec == "cp1252" else "windows-1252"}[declare]
        meta = f'<meta charset="{declared}">' if declared else ""
        body = "".join(f"<p>{html.escape(line)}</p>\n" for line in original.splitlines())
        page = f"<!DOCTYPE html>\n<html><head>{meta}<title>t</title></head>\n<body>\n{body}</body></html>\n"
        try:
            yield label, page.encode(codec), page
        except UnicodeEncodeError:
            continue  # the text needs a character the codec lacks once escaped: not a case


def html_evaluate(cases, show_misses: bool) -> None:
    from cleaner.html import declared_encoding, decode_html
    from trafilatura.utils import decode_file

    total = right = traf = plain = follow = warned_wrong = silent = silent_script = 0
    for label, data, expected in cases:
        total += 1
        traf += decode_file(data) == expected
        first = _ours(data)[0]  # cleaner's text-file decode: chardet sees the declaration
        plain += first == expected
        declared = declared_encoding(data)
        try:
            follow += (data.decode(declared) if declared else first) == expected
        except UnicodeDecodeError:
            follow += first == expected
        try:
            text, decision = decode_html(data)
        except DecodeError:
            text, decision = "", None
        if text == expected:
            right += 1
        elif decision is not None and decision.warning:
            warned_wrong += 1
        else:
            silent += 1
            silent_script += bool(text and _family(text) != _family(expected))
            if show_misses:
                print(f"   miss: {label}: {decision.encoding if decision else 'error'}")
    print(
        f"   cleaner {right}/{total} = {right / total:.1%}   trafilatura {traf}/{total} = {traf / total:.1%}   "
        f"the declaration followed when valid {follow / total:.1%}   cleaner's text-file decode {plain / total:.1%}"
    )
    print(f"   cleaner's wrong decodes: {warned_wrong} with a warning, {silent} silent ({silent_script} of them in another script)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", action="store_true", help="list every file cleaner got wrong")
    parser.add_argument("--html", action="store_true", help="the corpus texts as HTML pages (needs cleaner[html])")
    args = parser.parse_args()
    if args.html:
        for part in ("dev", "test"):
            for declare in ("right", "none", "wrong"):
                print(f"corpus {part} as HTML pages, declared codec {declare}:")
                html_evaluate(html_cases(args.corpus / part, declare), args.misses)
        return 0
    if CHAR_DATASET.is_dir():
        print(f"char-dataset ({CHAR_DATASET}):")
        evaluate(char_dataset_cases(CHAR_DATASET), args.misses)
    for part in ("dev", "test"):
        folder = args.corpus / part
        if folder.is_dir():
            print(f"corpus {part} ({folder}):")
            evaluate(corpus_cases(folder), args.misses)
            print(f"corpus {part}, the same texts as UTF-8:")
            evaluate(utf8_cases(folder), args.misses)
        else:
            print(f"corpus {part}: not built (python scripts/build_decode_corpus.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
