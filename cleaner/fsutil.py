"""Writing files so that a crash leaves either the old file or the new one, never half.

Temporary files sit beside their target as `.NAME.PID.RANDOM.cleaner-tmp`: hidden (so walks
skip them), and tagged with the writer's process id so that a later run can delete the ones
left by a killed run without touching those of a run still going.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".cleaner-tmp"
_TMP_NAME = re.compile(r"^\..*\.(\d+)\.[^.]+" + re.escape(TMP_SUFFIX) + "$")


class ChangedWhileCleaning(Exception):
    """The file was modified between reading it and replacing it; it was left as it is."""


def _default_mode() -> int:
    """What open() would give a new file: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What tells us a file was rewritten: inode, device, size and modification time."""
    return (stat.st_ino, stat.st_dev, stat.st_size, stat.st_mtime_ns)


class AtomicFile:
    """A temporary file beside `path` that replaces `path` on success: fsync, then rename.

    Readers never see a half-written file either way. `durable=False` skips the fsync: for
    files a re-run can make again (`clean --out` outputs and logs), where a power cut may
    lose the last ones written but never an input; an fsync per small file costs more than
    cleaning it. `fix`, which replaces the only copy, always syncs.

    `mode` defaults to the existing file's permissions, or those of a new file. With
    `expect` (an `identity` taken when the input was read), the rename happens only if
    `path` is still that file; otherwise ChangedWhileCleaning is raised and nothing changes.
    `discard()` inside the block drops the temporary file and leaves `path` alone.
    """

    def __init__(self, path: Path, mode: int | None = None, expect: tuple | None = None, durable: bool = True):
        self.path, self.expect, self.durable, self._keep = path, expect, durable, True
        if mode is None:
            try:
                mode = path.stat().st_mode & 0o7777
            except FileNotFoundError:
                mode = _default_mode()
        self.mode = mode

    def __enter__(self) -> BinaryIO:
        _make_folder(self.path.parent)
        prefix = f".{self.path.name[:100]}.{os.getpid()}."
        for attempt in (1, 2):
            try:
                fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=prefix, suffix=TMP_SUFFIX)
                break
            except FileNotFoundError:  # the folder went away since it was made: make it again
                if attempt == 2:
                    raise
                _MADE.discard(self.path.parent)
                _make_folder(self.path.parent)
        self.handle = os.fdopen(fd, "wb")
        return self.handle

    def discard(self) -> None:
        self._keep = False

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None and self._keep:
                self.handle.flush()
                if self.durable:
                    os.fsync(self.handle.fileno())
                self.handle.close()
                os.chmod(self.tmp, self.mode)
                if self.expect is not None and identity(self.path.stat()) != self.expect:
                    raise ChangedWhileCleaning(f"{self.path} changed while it was being cleaned; left as it is")
                os.replace(self.tmp, self.path)
                return
        finally:
            self.handle.close()
            if os.path.lexists(self.tmp):
                os.unlink(self.tmp)


_MADE: set[Path] = set()


def _make_folder(folder: Path) -> None:
    """mkdir -p, once per folder and process: a batch writes thousands of files into a few."""
    if folder not in _MADE:
        folder.mkdir(parents=True, exist_ok=True)
        _MADE.add(folder)


def atomic_write(
    path: Path, data: bytes, mode: int | None = None, expect: tuple | None = None, durable: bool = True
) -> None:
    """Write `data` to `path` through an AtomicFile."""
    with AtomicFile(path, mode, expect, durable) as handle:
        handle.write(data)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def sweep_stale(folder: Path) -> list[Path]:
    """Delete temporary files a killed run left in `folder` (their writer is gone); return them."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TMP_NAME.match(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            try:
                os.unlink(folder / name)
                removed.append(folder / name)
            except OSError:
                pass
    return removed
