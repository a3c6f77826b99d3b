"""Places in a file's text, so that a problem found in its data names a line and column.

A :class:`Locator` maps a data path (``("sessions", 3, "pain")``) to where that value stands
in the file it came from. The JSON reader (:mod:`kneefit.jsonread`) and the YAML reader
(:mod:`kneefit.yamlread`) each hand one back with the data, and a problem found later (by
pydantic, see :mod:`kneefit.validation_messages`) is located through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Mark:
    """A place in a file: line and column, both counted from 1."""

    line: int
    column: int


class Locator(Protocol):
    """Where a value found by its data path stands in the file it came from."""

    def locate(self, path: tuple[int | str, ...]) -> Mark | None:
        """The value at ``path`` (for a mapping key, the key); the nearest found; or None."""
        ...


def mark_at(text: str, offset: int) -> Mark:
    """The line and column of character ``offset`` of ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Mark(text.count("\n", 0, offset) + 1, offset - line_start + 1)
