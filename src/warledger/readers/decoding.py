"""Bytes to text: UTF-8 only, and a failure that says which byte is wrong."""

from __future__ import annotations

from warledger.readers.errors import EmptyInput, NotText

_BOM = "\ufeff"


def decode_text(data: bytes, offset: int = 0) -> str:
    """``data`` as UTF-8 text, without a leading byte-order mark.

    ``offset`` is where ``data`` starts in its file, so a JSONL line's bad byte is reported at
    its place in the file rather than in the line.
    """
    if not data.strip():
        raise EmptyInput("empty input" if not data else "no text (only whitespace)")
    # A NUL never occurs in text; it is the cheapest sure sign of a binary file (PDF, image).
    nul = data.find(b"\0")
    if nul >= 0:
        raise NotText(f"binary data, not text (NUL byte at offset {offset + nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise NotText(
            f"not UTF-8 text (byte 0x{bad:02X} at offset {offset + error.start})"
        ) from None
    return text.removeprefix(_BOM)
