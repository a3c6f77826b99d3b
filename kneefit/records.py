"""Small frozen records made without generating code: the typed reasons, changes and
notices the core returns (:mod:`kneefit.reasons`).

A dataclass writes and compiles its methods when its module is imported: a fraction of a
millisecond each, which for the score of reason types every plan imports was a measurable
part of kneefit's start-up. A :class:`Record` shares one set of methods instead, and the
type checker still knows each record's fields and constructor (PEP 681).
"""

from __future__ import annotations

import inspect
import sys
from typing import Any, ClassVar

if sys.version_info >= (3, 12):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.10 and 3.11 (typing_extensions comes with pydantic)
    from typing_extensions import dataclass_transform


@dataclass_transform(frozen_default=True, eq_default=True)
class Record:
    """A frozen record: fields by their annotations, in order (a subclass adds to its
    base's), each with the class's value as its default where it gives one; equal to a
    record of the same type with equal fields, hashable, and read-only."""

    _fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = cls._fields + tuple(inspect.get_annotations(cls))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        if len(args) > len(cls._fields):
            raise TypeError(f"{cls.__name__} takes at most {len(cls._fields)} values")
        values = dict(zip(cls._fields, args, strict=False))
        for name, value in kwargs.items():
            if name not in cls._fields or name in values:
                raise TypeError(f"{cls.__name__}: unexpected or repeated field {name!r}")
            values[name] = value
        for name in cls._fields:
            if name not in values:
                if not hasattr(cls, name):
                    raise TypeError(f"{cls.__name__}: missing field {name!r}")
                values[name] = getattr(cls, name)
            object.__setattr__(self, name, values[name])

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({inner})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name!r} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name!r} cannot be deleted")
