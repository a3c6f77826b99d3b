"""YAML to plain data and a locator: YAML 1.2 values, limits, and places found by data path."""

from __future__ import annotations

import pytest

from kneefit import yamlread
from kneefit.errors import ProblemError
from kneefit.files import MAX_DEPTH, MAX_INT_DIGITS
from kneefit.locator import Mark

TEXT = """\
top: 1
exercises:
  - id: a
    dose:
      sets: 2
      reps: [1,
        2]
  - id: b
safety: {red_flags: [x, y]}
"""


def test_data_and_locations() -> None:
    data, locator = yamlread.load(TEXT, "f.yaml")
    assert data["exercises"][0]["dose"]["reps"] == [1, 2]
    assert locator.locate(()) == Mark(1, 1)
    assert locator.locate(("top",)) == Mark(1, 6)  # a scalar: where the value stands
    assert locator.locate(("exercises",)) == Mark(2, 1)  # a list: where its key stands
    assert locator.locate(("exercises", 1)) == Mark(8, 5)
    assert locator.locate(("exercises", 0, "dose")) == Mark(4, 5)
    assert locator.locate(("exercises", 0, "dose", "reps", 1)) == Mark(7, 9)
    assert locator.locate(("exercises", 0, "dose", "setz")) == Mark(4, 5)  # nearest found
    assert locator.locate(("safety", "red_flags", 1)) == Mark(9, 25)
    assert locator.locate(("nowhere", 3)) == Mark(1, 1)


def test_shallow_places_need_no_second_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    _, locator = yamlread.load(TEXT, "f.yaml")

    def refuse(text: str, file: str) -> None:
        raise AssertionError("composed again")

    monkeypatch.setattr(yamlread, "_compose", refuse)
    assert locator.locate(("exercises", 1)) == Mark(8, 5)
    assert locator.locate(("safety", "red_flags")) == Mark(9, 10)


def test_an_empty_file_has_no_data() -> None:
    assert yamlread.load("# nothing\n", "f")[0] is None
    assert yamlread.load("", "f")[0] is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("010", "010"),  # neither octal 8 (YAML 1.1) nor 10: the models refuse it as text
        ("1:30", "1:30"),
        ("true", True),
        ("~", None),
        ("-7", -7),
        ("1.5", 1.5),
        ("'12'", "12"),
        ("!!str 12", "12"),
        ("9" * MAX_INT_DIGITS, int("9" * MAX_INT_DIGITS)),
    ],
)
def test_yaml_1_2_values(text: str, value: object) -> None:
    assert yamlread.load(f"v: {text}\n", "f")[0] == {"v": value}


def problems(text: str) -> str:
    with pytest.raises(ProblemError) as info:
        yamlread.load(text, "f.yaml")
    return str(info.value)


@pytest.mark.parametrize("digits", [MAX_INT_DIGITS + 1, 5000, 100_000])
def test_huge_integers_are_refused_with_their_place(digits: int) -> None:
    message = problems("a:\n  b: " + "9" * digits + "\n")
    assert message == (
        f"f.yaml:2:6: a whole number of {digits:,} digits is not allowed (at most {MAX_INT_DIGITS})"
    )
    assert "is not allowed" in problems("a: !!int -" + "1" * digits + "\n")


def test_nesting_is_bounded_with_a_place() -> None:
    deep = "v: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    assert problems(deep) == (
        f"f.yaml:1:{MAX_DEPTH + 3}: is nested more than {MAX_DEPTH} levels deep; refusing it"
    )
    ok = "v: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert yamlread.load(ok, "f")[0] is not None
    # Far deeper: newer libyaml refuses it while parsing (its nesting limit), older
    # libyaml lets kneefit's own bound refuse it; located either way.
    very_deep = problems("v: " + "[" * 5000 + "]" * 5000 + "\n")
    assert very_deep.startswith("f.yaml:1:")
    assert "nesting depth" in very_deep or "levels deep" in very_deep


def test_duplicate_keys_and_tags() -> None:
    assert "f.yaml:2:1: duplicate key 'a' (first at line 1)" in problems("a: 1\na: 2\n")
    assert "the tag !!python/name:os.system is not allowed" in problems(
        "a: !!python/name:os.system ''\n"
    )
