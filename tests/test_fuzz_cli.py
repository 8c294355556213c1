"""Fuzzing through the real command: any bytes, any file name, any JSONL shape.

Whatever arrives, `cleaner clean` must end each file with a one-line message (never a
traceback or an internal error), leave the inputs as they were, and write logs complete
enough that `cleaner revert` rebuilds every input it cleaned, byte for byte.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_cli import run

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="file names as raw bytes")

# Names: any bytes but '/' and NUL, not hidden, with a suffix cleaner reads.
name_bytes = st.binary(min_size=0, max_size=10).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_"))
suffixes = st.sampled_from([b".txt", b".md", b".jsonl", b".jsonl.gz", b".ndjson"])
names = st.builds(lambda stem, suffix: b"f" + stem + suffix, name_bytes, suffixes)

prose = st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | st.sampled_from(
    ["It\u201ds here.\u00a0\n", "Chinaâ€™s party\r\n", "caf\u00e9 cr\u00e8me\n\n\n", "\ufeffBOM\n", "Leave a Reply\n"]
)
texts = st.one_of(
    st.binary(max_size=300),
    prose.map(lambda t: t.encode("utf-8", "surrogatepass")),
    prose.map(lambda t: t.encode("cp1252", "ignore")),
    prose.map(lambda t: t.encode("utf-16", "surrogatepass")),
)
field_values = st.text(max_size=80) | prose | st.sampled_from(["\ud800", "a\udfff b\u00a0", ""])
records = st.one_of(
    st.dictionaries(st.sampled_from(["text", "id", "meta"]), field_values | st.integers() | st.none(), max_size=3),
    st.lists(st.integers(), max_size=3),
    st.just("not json {"),
)


def _jsonl(items: list, ascii_style: bool, crlf: bool) -> bytes:
    lines = [item if isinstance(item, str) else json.dumps(item, ensure_ascii=ascii_style) for item in items]
    ending = "\r\n" if crlf else "\n"
    return "".join(line + ending for line in lines).encode("utf-8", "surrogatepass")


jsonl = st.builds(_jsonl, st.lists(records, max_size=5), st.booleans(), st.booleans())


@st.composite
def files(draw) -> dict[bytes, bytes]:
    chosen = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    made = {}
    for name in chosen:
        content = draw(jsonl if b".jsonl" in name or name.endswith(b".ndjson") else texts)
        if name.endswith(b".gz"):
            content = draw(st.sampled_from([gzip.compress(content, mtime=0), content]))  # or a broken gzip
        made[name] = content
    return made


def _read(folder: Path) -> dict[bytes, bytes]:
    root = os.fsencode(folder)
    out = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            if b".cleaner-logs" not in dirpath:
                with open(os.path.join(dirpath, name), "rb") as handle:
                    out[os.path.relpath(os.path.join(dirpath, name), root)] = handle.read()
    return out


def _content(name: bytes, data: bytes) -> bytes:
    return gzip.decompress(data) if name.endswith(b".gz") else data


#: CLEANER_FUZZ_EXAMPLES=500 for a deeper run than the suite's.
EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "30"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(given_files=files())
def test_any_input_is_cleaned_or_named_and_every_output_reverts_exactly(tmp_path_factory, given_files):
    base = tmp_path_factory.mktemp("fuzz")
    data = os.path.join(os.fsencode(base), b"data")
    os.mkdir(data)
    for name, content in given_files.items():
        with open(os.path.join(data, name), "wb") as handle:
            handle.write(content)

    proc = run("clean", "data", "--out", "out", "-q", cwd=base)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    assert proc.returncode in (0, 3), err
    assert all(len(line) < 1000 for line in err.splitlines())
    assert _read(base / "data") == given_files  # inputs untouched

    outputs = _read(base / "out")
    if not outputs:
        return
    back = run("revert", "out", "--log-dir", "out/.cleaner-logs", "--out", "back", "-q", cwd=base)
    err = back.stderr.decode("utf-8", "replace")
    assert back.returncode == 0, err
    rebuilt = _read(base / "back")
    assert set(rebuilt) == set(outputs)
    for name, content in rebuilt.items():
        assert _content(name, content) == _content(name, given_files[name]), name
