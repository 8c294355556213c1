"""Writing files so that a crash leaves either the old file or the new one, never half.

Temporary files sit beside their target as `.NAME.PID.RANDOM.cleaner-tmp`: hidden (so walks
skip them), and tagged with the writer's process id so that a later run can delete the ones
left by a killed run without touching those of a run still going.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

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


class WriteError(OSError):
    """Writing `filename` failed (disk full, permission, a link in the way): not a read error."""


class AtomicFile:
    """A temporary file beside `path` that replaces `path` on success: fsync, then rename.

    Readers never see a half-written file either way. `durable=False` skips the fsync: for
    files a re-run can make again (`clean --out` outputs and logs), where a power cut may
    lose the last ones written but never an input; an fsync per small file costs more than
    cleaning it. `fix`, which replaces the only copy, always syncs.

    `mode` defaults to the existing file's permissions, or those of a new file. With
    `expect` (an `identity` taken when the input was read), the rename happens only if
    `path` is still that file; otherwise ChangedWhileCleaning is raised and nothing changes.
    With `root`, no folder between `root` and `path` may be a symbolic link (a link planted
    in an output tree must not carry writes out of it). `discard()` inside the block drops
    the temporary file and leaves `path` alone; `commit_together` renames several at once.
    A failed write raises WriteError naming `path`, and never leaves the temporary file.
    """

    def __init__(
        self,
        path: Path,
        mode: int | None = None,
        expect: tuple | None = None,
        durable: bool = True,
        root: Path | None = None,
    ):
        self.path, self.expect, self.durable, self.root = path, expect, durable, root
        self._keep, self._done = True, False
        if mode is None:
            try:
                mode = path.lstat().st_mode & 0o7777
            except FileNotFoundError:
                mode = _default_mode()
        self.mode = mode

    def __enter__(self) -> BinaryIO:
        prefix = f".{self.path.name[:100]}.{os.getpid()}."
        try:
            for attempt in (1, 2):
                _make_folder(self.path.parent, self.root)
                try:
                    fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=prefix, suffix=TMP_SUFFIX)
                    break
                except FileNotFoundError:  # the folder went away since it was made: make it again
                    if attempt == 2:
                        raise
                    _MADE.discard(self.path.parent)
        except OSError as exc:
            raise _write_error(exc, self.path) from None
        self.handle = os.fdopen(fd, "wb")
        return self.handle

    def discard(self) -> None:
        self._keep = False

    def ready(self) -> None:
        """Everything but the rename: data on disk (with `durable`), permissions set."""
        if self.handle.closed:
            return
        try:
            self.handle.flush()
            if self.durable:
                os.fsync(self.handle.fileno())
            self.handle.close()
            os.chmod(self.tmp, self.mode)
        except OSError as exc:
            raise _write_error(exc, self.path) from None

    def check(self) -> None:
        if self.expect is not None and identity(self.path.stat()) != self.expect:
            raise ChangedWhileCleaning(f"{self.path} changed while it was being cleaned; left as it is")

    def commit(self) -> None:
        self.ready()
        self.check()
        try:
            os.replace(self.tmp, self.path)
        except OSError as exc:
            raise _write_error(exc, self.path) from None
        self._done = True

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None and self._keep and not self._done:
                self.commit()
        finally:
            try:
                self.handle.close()  # flushes: on a full disk that fails too, and must not stop the cleanup
            except OSError:
                pass
            if not self._done and os.path.lexists(self.tmp):
                os.unlink(self.tmp)
        if isinstance(error, OSError) and error.errno in _WRITE_ERRNOS and not isinstance(error, WriteError):
            # A write into the handle failed (disk full): say which file was being written.
            raise _write_error(error, self.path) from None


def commit_together(*files: AtomicFile) -> None:
    """Rename several prepared files in the order given (the change log before the file it
    describes), after checking that none of their targets changed meanwhile."""
    for file in files:
        file.ready()
    for file in files:
        file.check()
    for file in files:
        file.commit()


#: Errors a write into the handle can end in (a read error inside the block is not ours to name).
_WRITE_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS}


def _write_error(exc: OSError, path: Path) -> WriteError:
    if isinstance(exc, WriteError):
        return exc
    return WriteError(exc.errno, exc.strerror or str(exc), str(path))


_MADE: set[Path] = set()


def _make_folder(folder: Path, root: Path | None = None) -> None:
    """mkdir -p, once per folder and process: a batch writes thousands of files into a few.

    Below `root`, each folder must be a real folder, not a symbolic link."""
    if folder in _MADE:
        return
    if root is not None:
        try:
            below = folder.relative_to(root).parts
        except ValueError:
            below = ()
        root.mkdir(parents=True, exist_ok=True)
        current = root
        for part in below:
            current = current / part
            try:
                os.mkdir(current)
            except FileExistsError:
                if os.path.islink(current) or not os.path.isdir(current):
                    raise WriteError(errno.ENOTDIR, "is a symbolic link or not a folder; not written through", str(current)) from None
    folder.mkdir(parents=True, exist_ok=True)
    _MADE.add(folder)


def atomic_write(
    path: Path, data: bytes, mode: int | None = None, expect: tuple | None = None, durable: bool = True,
    root: Path | None = None,
) -> None:
    """Write `data` to `path` through an AtomicFile."""
    with AtomicFile(path, mode, expect, durable, root) as handle:
        handle.write(data)


def _alive(pid: int) -> bool:
    """Whether process `pid` runs. On Windows os.kill would terminate it: ask the kernel instead."""
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _alive_windows(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists, it is not ours
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


@contextmanager
def locked_input(path: Path) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """`path` open for reading under an exclusive lock, with its stat: two `fix` runs (or a
    fix and a revert) never rewrite one file at once. A run that waited for the lock finds
    the path replaced by the other's rename and opens the new file instead. Without fcntl
    (Windows) there is no lock; the identity check before the rename still applies."""
    for _ in range(10):
        handle = open(path, "rb")
        try:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            stat = os.fstat(handle.fileno())
            if fcntl is None or identity(stat) == identity(os.stat(path)):
                break
        except BaseException:
            handle.close()
            raise
        handle.close()
    else:
        raise ChangedWhileCleaning(f"{path} kept changing while waiting for it")
    try:
        yield handle, stat
    finally:
        handle.close()  # closing releases the lock


def sweep_stale(folder: Path, own: bool = False) -> list[Path]:
    """Delete temporary files a killed run left in `folder` (their writer is gone); return them.

    With `own`, this process's too: a run stopped by Ctrl-C writes nothing more, and the
    interrupt may have come between a temporary file's creation and its cleanup."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TMP_NAME.match(name)
        writer = int(match.group(1)) if match else 0
        if match and ((own and writer == os.getpid()) or (writer != os.getpid() and not _alive(writer))):
            try:
                os.unlink(folder / name)
                removed.append(folder / name)
            except OSError:
                pass
    return removed
