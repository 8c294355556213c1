"""Compressed JSONL: .gz, .bz2 and .xz from the standard library, .zst with `cleaner[zstd]`.

A file's compression is read from its name and kept: `records.jsonl.zst` is cleaned into
`records.jsonl.zst`. Streams are read and written through here, so memory stays bounded
whatever the file's size. A damaged stream raises `BadCompressedData` (the file is skipped
and named, the batch goes on), a .zst without its extra `MissingExtra`.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from pathlib import Path
from typing import IO, Any

from cleaner.decode import MissingExtra

#: Name ending -> compression; the formats whose names may end so (records.JSONL_SUFFIXES).
SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
ZSTD_HINT = "zstd-compressed input needs the zstd extra: pip install 'cleaner[zstd]'"


class BadCompressedData(ValueError):
    """The compressed stream is damaged or truncated."""


def compression_of(path: str | Path) -> str | None:
    """gzip, bzip2, xz or zstd, by the name's last suffix; None for an uncompressed name."""
    return SUFFIXES.get(Path(str(path)).suffix.lower())


def _zstd() -> Any:
    try:
        import zstandard
    except ImportError:
        raise MissingExtra(ZSTD_HINT) from None
    return zstandard


def _errors(kind: str) -> tuple[type[BaseException], ...]:
    """What a damaged stream of this kind raises while it is read (bz2 says OSError)."""
    if kind == "gzip":
        return (gzip.BadGzipFile, zlib.error, EOFError)
    if kind == "bzip2":
        return (OSError, EOFError)
    if kind == "xz":
        return (lzma.LZMAError, EOFError)
    return (_zstd().ZstdError, EOFError)


class _Checked(io.RawIOBase):
    """A decompressing reader whose damaged-stream errors become BadCompressedData."""

    def __init__(self, stream: IO[bytes], kind: str):
        self.stream, self.kind, self.errors = stream, kind, _errors(kind)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.stream.read(len(buffer))
        except self.errors as exc:
            raise BadCompressedData(f"not a valid {self.kind} file: {exc or type(exc).__name__}") from None
        buffer[: len(data)] = data
        return len(data)


def reader(handle: IO[bytes], kind: str | None) -> IO[bytes]:
    """`handle`'s content, decompressed as it is read (line by line, as JSONL is)."""
    if kind is None:
        return handle
    if kind == "gzip":
        stream: IO[bytes] = gzip.GzipFile(fileobj=handle, mode="rb")
    elif kind == "bzip2":
        stream = bz2.BZ2File(handle, "rb")
    elif kind == "xz":
        stream = lzma.LZMAFile(handle, "rb")
    else:
        stream = _ZstdFrames(handle)
    return io.BufferedReader(_Checked(stream, kind), 1 << 20)


class _ZstdFrames:
    """zstd frames one after another, decompressed; a stream that ends inside a frame is an
    error (zstandard's own stream reader returns what it has and stops, without a word)."""

    def __init__(self, handle: IO[bytes]):
        self.zstd = _zstd()
        self.handle, self.frame, self.pending, self.inside = handle, self.zstd.ZstdDecompressor().decompressobj(), b"", False

    def read(self, size: int) -> bytes:
        while len(self.pending) < size:
            chunk = self.handle.read(1 << 17)
            if not chunk:
                if self.inside:
                    raise self.zstd.ZstdError("truncated: the stream ends inside a frame")
                break
            while chunk:
                self.pending += self.frame.decompress(chunk)
                self.inside = not self.frame.eof
                chunk = self.frame.unused_data if self.frame.eof else b""
                if self.frame.eof:
                    self.frame = self.zstd.ZstdDecompressor().decompressobj()
        data, self.pending = self.pending[:size], self.pending[size:]
        return data


def writer(handle: IO[bytes], kind: str | None) -> IO[bytes]:
    """A stream that compresses into `handle`; close it (not `handle`) to finish the file.

    gzip is written without a name or time stamp, so the same input gives the same bytes."""
    if kind is None:
        return handle
    if kind == "gzip":
        return gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0)  # type: ignore[return-value]
    if kind == "bzip2":
        return bz2.BZ2File(handle, "wb")  # type: ignore[return-value]
    if kind == "xz":
        return lzma.LZMAFile(handle, "wb")  # type: ignore[return-value]
    return _zstd().ZstdCompressor().stream_writer(handle, closefd=False)


def decompress(data: bytes, kind: str | None) -> bytes:
    """A whole compressed file's content (for the library and stdin, which hold it in memory)."""
    if kind is None:
        return data
    return reader(io.BytesIO(data), kind).read()


def compress(data: bytes, kind: str | None) -> bytes:
    if kind is None:
        return data
    out = io.BytesIO()
    stream = writer(out, kind)
    stream.write(data)
    stream.close()
    return out.getvalue()
