"""A cached file's models made again from their JSON: the file itself, and its exercises,
each from its own record when first asked for (:class:`Records`).

An entry whose key and digest match is kneefit's own validation, written after it passed:
its models are rebuilt from the JSON without validating again (:mod:`.rebuild`; about a
sixth less time than pydantic's validation of the same models). Two checks stay, both
cheap: the shape (every field of every model, every enum value known) and the text: JSON
that could hold a control character or a bidirectional override
(:func:`~kneefit.catalogue.plain_json.plain_json`) is validated in full.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar, overload

from pydantic import BaseModel

from kneefit.catalogue import rebuild
from kneefit.catalogue.cache_format import Index, Place
from kneefit.catalogue.cache_secret import digest
from kneefit.catalogue.lookup import Deferred
from kneefit.catalogue.plain_json import plain_json
from kneefit.catalogue.schema import CatalogueFile
from kneefit.errors import Problem, ProblemError
from kneefit.i18n import _
from kneefit.models import Exercise

M = TypeVar("M", bound=BaseModel)


def rebuilt(model: type[M], body: bytes) -> M:
    """A ``model`` from a matching entry's JSON (the catalogue file, or one exercise's
    record): rebuilt, or validated where it may hold a control character (see above)."""
    if plain_json(body):
        try:
            build = rebuild.builder(model)
        except rebuild.Unsupported:
            pass
        else:
            from pydantic_core import from_json

            return build(from_json(body))
    return model.model_validate_json(body)


class Records(Deferred):
    """A cached file's exercises, each read and rebuilt from its own record when first
    asked for.

    A record is used only if its keyed digest is the one the entry's index gives (the index
    itself is checked with the entry), it was read from the very entry file the index was,
    and it holds the exercise the index names; otherwise the file is parsed afresh
    (``again``) and the exercise taken from it, as a damaged entry is a miss. A record that
    may hold a control character is validated (see :func:`plain_json`)."""

    __slots__ = ("_again", "_ends", "_index", "_made", "_parsed", "_place", "_secret", "ids")

    def __init__(
        self, place: Place, index: Index, key: bytes, again: Callable[[], CatalogueFile]
    ) -> None:
        self._place = place
        self._index = index
        self._secret = key
        self._again = again
        self._parsed: CatalogueFile | None = None
        self._made: list[Exercise | None] = [None] * len(index[0])
        self.ids = tuple(index[0])

    @overload
    def __getitem__(self, position: int) -> Exercise: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Exercise]: ...
    def __getitem__(self, position: int | slice) -> Exercise | Sequence[Exercise]:
        if isinstance(position, slice):
            return tuple(self[i] for i in range(len(self._made))[position])
        made = self._made[position]
        if made is None:
            made = self._made[position] = self._rebuilt(position % len(self._made))
        return made

    def __len__(self) -> int:
        return len(self._made)

    def __iter__(self) -> Iterator[Exercise]:
        return (self[i] for i in range(len(self._made)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Records({len(self._made)} exercises)"

    def _rebuilt(self, position: int) -> Exercise:
        ids, ends, digests = self._index
        ident = ids[position]
        record = self._place.read(ends[position - 1] if position else 0, ends[position])
        if record is not None and digest(record, self._secret) == digests[position]:
            with contextlib.suppress(ValueError, KeyError, TypeError, RecursionError):
                made = rebuilt(Exercise, record)
                if made.id == ident:
                    return made
        # Damaged or changed: the file itself, parsed afresh (located errors if it is bad).
        if self._parsed is None:
            self._parsed = self._again()
        found = self._parsed.exercises
        if position < len(found) and found[position].id == ident:
            return found[position]
        # The file changed since its entry was read, and no longer holds it there.
        message = _("no exercise with id {ref!r}").format(ref=ident)
        raise ProblemError(
            [Problem(self._place.file, message, None, None, f"exercises[{position}]")]
        )
