"""The user's cache (cleaner/cache.py): results kept between runs are exact, follow what they
depend on, and a file planted in the cache cannot run code."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from cleaner import cache
from cleaner.transforms import encoding

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """A cache folder of its own; what the process learned so far is written elsewhere."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CLEANER_NO_CACHE", raising=False)
    return tmp_path / "cleaner" / cache._FILE


def _new_run() -> None:
    """What a new process sees: the learned entries written, the file read afresh."""
    cache._store.save()
    cache._store.opened = False


def test_a_pattern_comes_back_compiled_and_equal(store, monkeypatch):
    source = r"(?i)\b(?:leave a reply|deja una respuesta)\b"
    first = cache.compiled(source)
    _new_run()
    assert store.exists()
    calls = []
    monkeypatch.setattr(regex, "compile", lambda *a, **k: calls.append(a))
    again = cache.compiled(source)
    assert calls == []  # loaded, not compiled
    assert again.pattern == first.pattern and again.flags == first.flags
    for text in ("Leave a Reply", "DEJA UNA RESPUESTA", "leave a replying"):
        assert (again.search(text) is None) == (first.search(text) is None)


def test_flags_and_sources_are_kept_apart(store):
    assert cache.compiled("a.b", regex.DOTALL).fullmatch("a\nb")
    assert cache.compiled("a.b").fullmatch("a\nb") is None
    _new_run()
    assert cache.compiled("a.b", regex.DOTALL).fullmatch("a\nb")
    assert cache.compiled("a.b").fullmatch("a\nb") is None


def test_a_bad_pattern_is_still_an_error(store):
    with pytest.raises(regex.error):
        cache.compiled("hel(lo")
    _new_run()
    with pytest.raises(regex.error):
        cache.compiled("hel(lo")


class _Planted:
    def __reduce__(self):
        return (os.system, ("echo planted > planted.txt",))


def test_a_planted_file_runs_no_code(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store.parent.mkdir(parents=True, exist_ok=True)
    key = f"regex {regex.__version__} 0 x+"
    store.write_bytes(pickle.dumps({key: pickle.dumps(_Planted())}))
    cache._store.opened = False
    assert cache.compiled("x+").fullmatch("xxx")  # the planted entry is refused, the pattern compiled
    store.write_bytes(pickle.dumps(_Planted()))  # the whole file
    cache._store.opened = False
    assert cache.compiled("y+").fullmatch("yy")
    assert not (tmp_path / "planted.txt").exists()


def test_a_damaged_file_is_read_as_empty(store):
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(b"\x80\x05not a pickle")
    cache._store.opened = False
    assert cache.remembered("answer", lambda: 42) == 42
    _new_run()
    assert cache.remembered("answer", lambda: 0) == 42  # the damaged file was replaced


def test_caching_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("CLEANER_NO_CACHE", "1")
    made = []
    for _ in range(2):
        cache.remembered("off", lambda: made.append(1) or 1)
        _new_run()
    assert made == [1, 1] and not (tmp_path / "cleaner").exists()


def test_the_cap_keeps_the_entries_used_last(store, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for name in "abcd":
        cache.remembered(name, lambda name=name: name)
    _new_run()
    kept = pickle.loads(store.read_bytes())
    assert list(kept) == ["b", "c", "d"]
    monkeypatch.setattr(cache, "MAX_BYTES", 2 * len(pickle.dumps("x" * 100, protocol=pickle.HIGHEST_PROTOCOL)))
    for name in "efg":
        cache.remembered(name, lambda: "x" * 100)
    _new_run()
    assert list(pickle.loads(store.read_bytes())) == ["f", "g"]


def test_the_command_learns_once_and_gives_the_same_result(tmp_path):
    """Through the real entry point: a first run with an empty cache and a second one with
    the cache it wrote clean a seed article to the same bytes."""
    seed = [p for p in sorted(SEEDS.glob("*.txt")) if ".expected." not in p.name][3]
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run
        subprocess.run([sys.executable, "-m", "cleaner", "clean", str(seed), "--out", str(out), "-q"], env=env, check=True)
        outputs.append((out / seed.name).read_bytes())
        assert (tmp_path / "cache" / "cleaner" / cache._FILE).exists()
    assert outputs[0] == outputs[1] == seed.with_name(seed.stem + ".expected.txt").read_bytes()


def test_ftfy_suspects_are_remembered_as_computed(store):
    assert encoding._suspects() == encoding._mojibake_suspects()
    _new_run()
    assert encoding._suspects() == encoding._mojibake_suspects() == encoding.MOJIBAKE_SUSPECTS
