"""ASCII stand-ins for the characters an output cannot show: standard output in an encoding
without them (a C locale), and the guided session's screen on such a terminal."""

from __future__ import annotations

import codecs
import unicodedata

_STAND_INS = {
    "\u2014": "--",
    "\u2013": "-",
    "\u2012": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2022": "*",
    "\u00b7": "*",
    "\u00d7": "x",
    "\u00b0": " deg",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2192": "->",
    "\u2190": "<-",
    "\u00bd": "1/2",
    "\u00bc": "1/4",
    "\u00be": "3/4",
    "\u00a0": " ",
    "\u2212": "-",
    "\u00ae": "(R)",
    "\u00a9": "(C)",
    "\u2122": "(TM)",
}


def is_utf(encoding: str | None) -> bool:
    """Whether ``encoding`` is one of Unicode's (so every character can be shown)."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def stand_in(char: str) -> str:
    """An ASCII stand-in for a character the output cannot show."""
    if char in _STAND_INS:
        return _STAND_INS[char]
    decomposed = unicodedata.normalize("NFKD", char)
    ascii_part = decomposed.encode("ascii", "ignore").decode("ascii")
    return ascii_part or "?"


def encode(text: str, encoding: str) -> bytes:
    """Encode ``text``; characters the encoding lacks become readable ASCII stand-ins."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            out.append(char.encode(encoding))
        except UnicodeEncodeError:
            out.append(stand_in(char).encode(encoding, "replace"))
    return b"".join(out)
