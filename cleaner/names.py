"""File names as people and logs see them.

A name on Linux is bytes: it may hold a line break, or bytes that are not UTF-8 (Python
carries those as lone surrogates). Messages and diff headers must stay one line and
encodable whatever the name, so such characters are shown escaped, as `ls -b` does.
"""

from __future__ import annotations

import os

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(name: str | os.PathLike | None) -> str:
    """`name` on one printable line: controls as `\\n`/`\\xNN`, undecodable bytes as `\\xNN`."""
    text = os.fspath(name) if name is not None else ""
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif not char.isprintable() and char != " ":
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)
