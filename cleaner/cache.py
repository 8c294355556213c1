"""What cleaner works out once per installation and keeps in the user's cache between runs.

A pre-commit hook starts cleaner for every commit, and much of a start-up went into work
whose result never changes between runs: compiling the rules' patterns (the phrase lists
in sixty languages take 50 ms; loading them compiled takes 1 ms), parsing the rule files,
and importing ftfy to read which characters its mojibake test looks for. Each result is
kept under a key that names everything it depends on (the pattern's source and regex's
version, the file's bytes, ftfy's file), so a changed input is never served a stale result.

Everything lives in one file in `$XDG_CACHE_HOME/cleaner/` (else `~/.cache/cleaner/`),
read on first use and written back when the process ends if it learned something new.
`CLEANER_NO_CACHE=1` turns caching off; a cache that cannot be read or written only costs
the speed. Loading accepts nothing but plain data and regex's own compiled patterns: a
file planted in the cache cannot run code.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable

import regex

#: Entries kept when the file is written: the ones used most recently, up to this many and
#: this many bytes (a user who keeps changing rule files does not grow it without end).
MAX_ENTRIES = 2000
MAX_BYTES = 32 << 20
_FILE = f"store-py{sys.version_info[0]}{sys.version_info[1]}.pickle"


def directory() -> Path | None:
    """The cache's folder, or None when caching is off."""
    if os.environ.get("CLEANER_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


class _Loader(pickle.Unpickler):
    """Plain data, sets and regex's compiled patterns (which pickle as the call that rebuilds
    them from their compiled code); any other global is refused."""

    ALLOWED = {("regex._regex", "compile"), ("_regex", "compile"), ("builtins", "frozenset"), ("builtins", "set")}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


def _load(data: bytes) -> Any:
    return _Loader(io.BytesIO(data)).load()


class _Store:
    """Pickled values by key, each unpickled only when asked for. It follows the cache
    folder: when the environment names another (a test, a library caller), what was
    learned is written to the old one and the new one is read."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.entries: dict[str, bytes] = {}
        self.used: dict[str, bytes] = {}
        self.learned = False
        self.opened = False
        atexit.register(self.save)

    def _open(self) -> None:
        folder = directory()
        if self.opened and folder == self.folder:
            return
        self.save()
        self.folder, self.entries, self.used, self.learned, self.opened = folder, {}, {}, False, True
        if folder is None:
            return
        try:
            entries = _load((folder / _FILE).read_bytes())
            if isinstance(entries, dict):
                self.entries = entries
        except Exception:  # missing, unreadable, truncated or foreign: start afresh
            pass

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        self._open()
        data = self.used.get(key) or self.entries.get(key)
        if data is not None:
            try:
                value = _load(data)
                self.used[key] = data
                return value
            except Exception:
                pass
        value = make()
        if self.folder is not None:
            try:
                self.used[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                self.learned = True
            except Exception:
                pass  # a value that does not pickle is simply made again next time
        return value

    def save(self) -> None:
        """Write the entries back (atomically) when this run added one."""
        if not self.learned or self.folder is None:
            return
        self.learned = False
        # Oldest first: what this run used goes to the end, and the oldest beyond the cap go.
        kept = {key: data for key, data in self.entries.items() if key not in self.used}
        kept.update(self.used)
        newest, size = [], 0
        for key, data in reversed(list(kept.items())[-MAX_ENTRIES:]):
            size += len(data)
            if size > MAX_BYTES:
                break
            newest.append((key, data))
        kept = dict(reversed(newest))
        path = self.folder / _FILE
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, path)
            self.entries = kept
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


_store = _Store()


def remembered(key: str, make: Callable[[], Any]) -> Any:
    """`make()`, or its result from an earlier run under the same `key`. The key must name
    everything the result depends on."""
    return _store.get(key, make)


def compiled(source: str, flags: int = 0) -> regex.Pattern:
    """`regex.compile(source, flags)`, from the cache when an earlier run compiled it with
    this version of regex. Modules compile their patterns with it too: theirs took 10 ms of
    every start."""
    return remembered(f"regex {regex.__version__} {flags} {source}", lambda: regex.compile(source, flags))
