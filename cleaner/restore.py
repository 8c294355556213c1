"""Undoing a run: the exact input bytes, rebuilt from an output and its change log.

The log records every change (`before`, `after`, offsets) and how the input was decoded, so
an output can be turned back into its input byte for byte. Two hashes guard it: the file
must still be the output the log describes (`output_sha256`), and what is rebuilt must be
the input the log describes (`input_sha256`); anything else is refused, never guessed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from cleaner.changelog import by_record, revert
from cleaner.fsutil import AtomicFile, ChangedWhileCleaning, identity, locked_input
from cleaner.compression import BadCompressedData, compress, compression_of, decompress
from cleaner.decode import MissingExtra
from cleaner.parquet import BadParquet, revert_parquet, values_hash
from cleaner.records import UTF8_BOM, encode_string, value_span


class RevertError(ValueError):
    """The output cannot be turned back into its input; the message says why, on one line."""


def load_log(path: Path) -> dict[str, Any]:
    try:
        log = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RevertError(f"no change log ({path})") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RevertError(f"unreadable change log {path}: {exc}") from None
    if not isinstance(log, dict) or "output_sha256" not in log or "changes" not in log:
        raise RevertError(f"{path} is not a cleaner change log")
    return log


def rebuild(output: bytes, log: dict[str, Any]) -> bytes:
    """The input bytes `log` says became `output` (uncompressed content for compressed files)."""
    digest = hashlib.sha256(output).hexdigest()
    if digest == log["input_sha256"]:
        return output  # already the input (reverted before, or never changed)
    if digest != log["output_sha256"]:
        raise RevertError("its bytes differ from the output its change log describes (changed since?); left as it is")
    if log.get("extraction"):
        # The page is the input, and it was never changed; the output is text taken out of it.
        raise RevertError("made from HTML by extraction: its input (the page) was kept as it was; nothing to revert")
    try:
        if log.get("format") == "jsonl":
            data = _rebuild_jsonl(output, log)
        else:
            data = _rebuild_text(output, log)
    except (ValueError, LookupError, KeyError, IndexError, TypeError) as exc:
        raise RevertError(f"the change log does not fit the file: {exc}") from None
    if hashlib.sha256(data).hexdigest() != log["input_sha256"]:
        raise RevertError("the change log does not rebuild the input exactly; left as it is")
    return data


def _rebuild_text(output: bytes, log: dict[str, Any]) -> bytes:
    text = revert(output.decode("utf-8", "surrogatepass"), log["changes"])
    decision = log.get("decode") or {"encoding": "utf_8", "bom": False}
    return encode_as_read(text, decision)


def encode_as_read(text: str, decision: dict[str, Any]) -> bytes:
    """`text` in the bytes it was read from: the codec, the byte-order mark, the stray bytes
    a mostly-UTF-8 file had (each was read as one character, recorded in the decision)."""
    codec = decision["encoding"]
    unmatched = decision.get("unmatched")
    if unmatched:
        parts, pos = [], 0
        for item in unmatched:  # characters that encode to other bytes than they were read from
            parts.append(text[pos : item["offset"]].encode(codec))
            parts.append(bytes.fromhex(item["bytes"]))
            pos = item["offset"] + item["length"]
        parts.append(text[pos:].encode(codec))
        return ("\ufeff".encode(codec) if decision.get("bom") else b"") + b"".join(parts)
    if decision.get("bom"):
        text = "\ufeff" + text
    invalid = decision.get("invalid_bytes") or []
    if not invalid:
        return text.encode(codec)
    stray = {item["offset"]: item for item in invalid}
    parts, offset = [], 0
    for char in text:
        item = stray.get(offset)
        if item is not None and char == item["as"]:
            parts.append(bytes.fromhex(item["byte"]))
            offset += 1
        else:
            encoded = char.encode("utf-8", "surrogatepass")
            parts.append(encoded)
            offset += len(encoded)
    return b"".join(parts)


def _rebuild_jsonl(output: bytes, log: dict[str, Any]) -> bytes:
    lines = output.splitlines(keepends=True)
    field = log["text_field"]
    for number, changes in by_record(log["changes"]).items():
        raw = lines[number - 1]
        body = raw.rstrip(b"\r\n")
        ending = raw[len(body) :]
        bom = UTF8_BOM if number == 1 and body.startswith(UTF8_BOM) else b""
        text = body[len(bom) :].decode("utf-8")
        span = value_span(text, field)
        if span is None:
            raise ValueError(f"line {number} has no field {field!r}")
        start, end = span
        original = revert(json.loads(text[start:end]), changes)
        spelled = changes[0].field_json or encode_string(original, text[start:end])
        if json.loads(spelled) != original:
            raise ValueError(f"line {number}: the recorded spelling of the field does not match")
        spliced = text[:start] + spelled + text[end:]
        lines[number - 1] = bom + spliced.encode("utf-8", "surrogatepass") + ending
    return b"".join(lines)


def _restore_parquet(path: Path, log: dict[str, Any], target: Path, root: Path | None) -> bool:
    """A Parquet table is rewritten, not spliced: its text column is rebuilt value for value
    (checked against the log's `values_sha256`), every other value kept; its bytes are a new
    file's, not the input's."""
    with locked_input(path) as (handle, stat):
        digest = hashlib.sha256()
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
        handle.seek(0)
        already = digest.hexdigest() == log["input_sha256"]  # never changed (copied as it was)
        if not already and "values_sha256" not in log:
            raise RevertError("the change log has no hash of the table's text values; cannot check a revert")
        if not already and digest.hexdigest() != log["output_sha256"]:
            try:
                already = values_hash(handle, log["text_field"]) == log["values_sha256"]  # reverted before
            except (BadParquet, MissingExtra):
                pass
            if not already:
                raise RevertError("its bytes differ from the output its change log describes (changed since?); left as it is")
            handle.seek(0)
        expect = identity(stat) if target == path else None
        if already:  # the input's values already: nothing to undo; with --out, the table is copied there
            if target != path:
                with AtomicFile(target, mode=stat.st_mode & 0o7777, root=root) as out:
                    shutil.copyfileobj(handle, out, 1 << 20)
            return False
        with AtomicFile(target, mode=stat.st_mode & 0o7777, expect=expect, root=root) as out:
            try:
                rebuilt = revert_parquet(handle, out, log["text_field"], by_record(log["changes"]))
            except (BadParquet, MissingExtra) as exc:
                raise RevertError(str(exc)) from None
            except (ValueError, LookupError, TypeError) as exc:
                raise RevertError(f"the change log does not fit the table: {exc}") from None
            if rebuilt != log["values_sha256"]:
                raise RevertError("the change log does not rebuild the table's text values exactly; left as it is")
    return True


def restore_file(path: Path, log: dict[str, Any], target: Path, root: Path | None = None) -> bool:
    """Write the input `path`'s log rebuilds to `target` (`path` itself: undo a fix, under
    the same lock and identity check as `fix`). False when the file already was its input."""
    try:
        return _restore(path, log, target, root)
    except ChangedWhileCleaning:
        raise RevertError("changed while it was being reverted; left as it is") from None


def _restore(path: Path, log: dict[str, Any], target: Path, root: Path | None) -> bool:
    if log.get("format") == "parquet":
        return _restore_parquet(path, log, target, root)
    with locked_input(path) as (handle, stat):
        data = handle.read()
        kind = compression_of(path)
        try:
            content = decompress(data, kind)
        except BadCompressedData as exc:
            raise RevertError(str(exc)) from None
        original = rebuild(content, log)
        if original == content and target == path:
            return False
        original = compress(original, kind)
        expect = identity(stat) if target == path else None
        with AtomicFile(target, mode=stat.st_mode & 0o7777, expect=expect, root=root) as out:
            out.write(original)
    return original != data
