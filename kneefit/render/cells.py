"""Text measured in terminal cells, not characters, and wrapped by them.

A terminal gives an East Asian wide or fullwidth character (Japanese, Chinese, Korean,
most emoji) two cells and a combining mark (an accent written as its own code point, a
zero-width joiner) none; ``len`` counts each as one, so text wrapped by ``len`` runs past
the width in Japanese and stops short with combining accents. :func:`cell_width` counts
cells as terminals do (Unicode's East Asian Width property, as wcwidth does, from the
standard library's :mod:`unicodedata`), and :class:`CellWrapper` wraps by it: at spaces as
:mod:`textwrap` does, and also between two wide characters, since Chinese and Japanese
are written without spaces and may break between any two of them.
"""

from __future__ import annotations

import textwrap
import unicodedata
from functools import lru_cache

#: Characters of no width that Unicode files under "format" (Cf) but a terminal shows: the
#: soft hyphen.
_SHOWN_FORMAT = frozenset("\u00ad")


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """The cells one character takes: 0 for a combining mark or an invisible format
    character, 2 for an East Asian wide or fullwidth one, else 1."""
    if unicodedata.combining(char):
        return 0
    category = unicodedata.category(char)
    if category in ("Mn", "Me") or (category == "Cf" and char not in _SHOWN_FORMAT):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """The cells ``text`` takes on a terminal (on one line)."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def ljust(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` cells."""
    return text + " " * max(width - cell_width(text), 0)


#: Wide punctuation that closes (a full stop, a comma, a closing bracket): a line may not
#: start with it, so it stays with the character before.
_CLOSING = frozenset(
    "\u3002\u3001\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09\u300d"
    "\u300f\u3011\u3015\u3009\u300b\uff3d\uff5d\u3019\u3017"
)


def pieces(chunk: str) -> list[str]:
    """A chunk split where a line may break inside it: before and after each wide character
    (with the marks that follow it)."""
    found: list[str] = []
    narrow = ""
    for char in chunk:
        width = char_width(char)
        if (width == 0 or char in _CLOSING) and found and not narrow:
            # A mark stays on the wide character it follows, and so does closing
            # punctuation: a line never starts with "。" (Japanese line breaking rules).
            found[-1] += char
        elif width == 2:
            if narrow:
                found.append(narrow)
                narrow = ""
            found.append(char)
        else:
            narrow += char
    if narrow:
        found.append(narrow)
    return found


class CellWrapper(textwrap.TextWrapper):
    """:class:`textwrap.TextWrapper` measuring in terminal cells, and breaking between wide
    characters too. Only what kneefit uses: no ``max_lines``, and long words are never
    broken (``break_long_words`` off), so a word wider than the line stands alone."""

    def _split(self, text: str) -> list[str]:
        chunks = super()._split(text)
        if text.isascii():
            return chunks
        return [piece for chunk in chunks for piece in pieces(chunk)]

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        if self.width <= 0:
            raise ValueError(f"invalid width {self.width!r} (must be > 0)")
        lines: list[str] = []
        chunks.reverse()
        while chunks:
            line: list[str] = []
            used = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            room = self.width - cell_width(indent)
            if self.drop_whitespace and lines and chunks[-1].strip() == "":
                del chunks[-1]
            while chunks:
                size = cell_width(chunks[-1])
                if used + size > room:
                    break
                line.append(chunks.pop())
                used += size
            if chunks and cell_width(chunks[-1]) > room and not line:
                line.append(chunks.pop())  # too wide for any line: alone on its own
            if self.drop_whitespace and line and line[-1].strip() == "":
                del line[-1]
            if line:
                lines.append(indent + "".join(line))
        return lines


def wrap(
    text: str,
    width: int,
    indent: str = "",
    hanging: str | None = None,
    wrapper: type[CellWrapper] = CellWrapper,
) -> list[str]:
    """``text`` wrapped to ``width`` cells, the first line after ``indent`` and the rest
    after ``hanging`` (``indent`` if None); a word wider than the line stays whole."""
    return wrapper(
        width=max(width, 1),
        expand_tabs=False,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=False,
        break_on_hyphens=False,
    ).wrap(text)
