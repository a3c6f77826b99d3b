"""The records kneefit's reasons are made of: fields, defaults, equality, frozen."""

from __future__ import annotations

import pytest

from kneefit.records import Record


class Point(Record):
    x: int
    y: int = 0


class Labelled(Point):
    label: str = ""


class Other(Record):
    x: int
    y: int = 0


def test_fields_in_order_with_defaults_and_inherited() -> None:
    assert (Point(1).x, Point(1).y) == (1, 0)
    assert Point(1, 2) == Point(x=1, y=2) == Point(y=2, x=1)
    assert Labelled(1, 2, "a")._values() == (1, 2, "a")
    assert repr(Labelled(1, label="a")) == "Labelled(x=1, y=0, label='a')"


def test_equal_only_to_the_same_type_with_the_same_fields() -> None:
    assert Point(1) != Other(1)  # the same values, another kind of record
    assert Point(1) != Point(2)
    assert Point(1) != (1, 0)
    assert len({Point(1), Point(1), Point(2), Other(1)}) == 3


def test_frozen_and_strict_about_fields() -> None:
    point = Point(1)
    with pytest.raises(AttributeError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.x
    with pytest.raises(TypeError, match="missing field 'x'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="at most 2"):
        Point(1, 2, 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected or repeated field 'z'"):
        Point(1, z=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected or repeated field 'x'"):
        Point(1, x=3)  # type: ignore[misc]
