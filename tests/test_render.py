"""Every renderer, exactly: each format's output for small fixtures, by plain string equality.

The fixtures (tests/conftest.py) are built from the models by hand: a two-exercise
catalogue, a ten-minute plan, a one-session week and two logged sessions. Each output is
compared whole with a file in tests/expected/ named FORMAT-WHAT. When a renderer changes on
purpose, run ``KNEEFIT_UPDATE_EXPECTED=1 pytest tests/test_render.py --no-cov`` to rewrite
the files, read the diff, and commit it; that run still fails, so it cannot pass unseen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, time, timezone
from pathlib import Path

import pytest

from kneefit import __version__
from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.errors import UsageError
from kneefit.render import Renderer, RenderOptions, renderer_for
from kneefit.schedule import single
from kneefit.vocabulary import Format
from tests.conftest import (
    SMALL_START,
    Invoke,
    small_catalogue,
    small_routine,
    small_schedule,
    two_sessions,
)

EXPECTED = Path(__file__).parent / "expected"
#: Stands for kneefit's version in the expected files, so a release does not touch them.
VERSION = "@VERSION@"
#: The moment a calendar file says it was made (its DTSTAMP).
STAMP = datetime(2026, 11, 29, 18, 0, 0, tzinfo=timezone.utc)

SMALL = small_catalogue()
ROUTINE = small_routine(SMALL)
#: The routine as a one-off plan, on the small fixtures' day.
ONE = single(ROUTINE, SMALL_START, at=time(7, 30), made=STAMP)

#: What each renderer is asked to render, by the name its expected file carries.
WHAT: dict[str, Callable[[Renderer, Catalogue], str]] = {
    "plan": lambda r, c: r.plan(ONE),
    "week": lambda r, c: r.plan(small_schedule(ROUTINE)),
    "list": lambda r, c: r.exercises(list(c.exercises.values()), c),
    "show": lambda r, c: r.exercise(c.exercises["sit-to-stand"], c),
    "conditions": lambda r, c: r.conditions(list(c.conditions.values()), c),
    "history": lambda r, c: r.history(two_sessions()),
    "history-empty": lambda r, c: r.history([]),
}
#: The formats made for plans alone.
PLANS_ONLY = {Format.HTML, Format.ICS}
#: The formats with no expected file of their own: the PDF is the handout's page printed
#: (tested against the html renderer below), the picture is tested with the drawings, the
#: FHIR Bundle (the report's alone) in tests/test_fhir.py.
OWN_TESTS = {Format.PDF, Format.SVG, Format.FHIR}
SUFFIX = {
    Format.MARKDOWN: ".md",
    Format.HTML: ".html",
    Format.ICS: ".ics",
    Format.JSON: ".json",
    Format.CSV: ".csv",
}


def _options(**changes: object) -> RenderOptions:
    base: dict[str, object] = {"width": 100}
    return RenderOptions(**(base | changes))  # type: ignore[arg-type]


def _cases() -> list[tuple[Format, str]]:
    return [
        (fmt, what)
        for fmt in Format
        for what in WHAT
        if fmt not in OWN_TESTS and not (fmt in PLANS_ONLY and what not in ("plan", "week"))
    ]


def _check(name: str, actual: str) -> None:
    path = EXPECTED / name
    if os.environ.get("KNEEFIT_UPDATE_EXPECTED") == "1":
        path.write_bytes(actual.replace(__version__, VERSION).encode("utf-8"))
        pytest.fail(f"rewrote {path.name}: read the diff, then run again without the variable")
    expected = path.read_bytes().decode("utf-8").replace(VERSION, __version__)
    assert actual == expected


@pytest.mark.parametrize(("fmt", "what"), _cases(), ids=lambda v: getattr(v, "value", v))
def test_output_is_exactly_as_expected(fmt: Format, what: str) -> None:
    actual = WHAT[what](renderer_for(fmt, _options()), SMALL)
    _check(f"{fmt.value}-{what}{SUFFIX.get(fmt, '.txt')}", actual)


#: Every renderer's exact text is compared whole in Spanish too (in English by the test
#: above). The catalogue's words (names, steps) stay the fixture's, in English.
SPANISH = _cases()

#: The documents whose Spanish is their English: data alone, with no word of kneefit's own
#: (JSON's keys and codes stay English in every language).
SAME_IN_SPANISH = {
    (Format.JSON, "conditions"),
    (Format.JSON, "history"),
    (Format.JSON, "history-empty"),
    (Format.CSV, "history-empty"),
}


def _spanish_name(fmt: Format, what: str) -> str:
    return f"{fmt.value}-{what}.es{SUFFIX.get(fmt, '.txt')}"


@pytest.mark.parametrize(("fmt", "what"), SPANISH, ids=lambda v: getattr(v, "value", v))
def test_output_in_spanish_is_exactly_as_expected(fmt: Format, what: str) -> None:
    from kneefit.i18n import speaking

    with speaking("es"):
        actual = WHAT[what](renderer_for(fmt, _options()), SMALL)
    _check(_spanish_name(fmt, what), actual)
    english = WHAT[what](renderer_for(fmt, _options()), SMALL)
    assert (actual == english) == ((fmt, what) in SAME_IN_SPANISH)


@pytest.mark.parametrize("fmt", [Format.TEXT, Format.MARKDOWN, Format.TABLE])
def test_explain_adds_what_was_left_out_and_why(fmt: Format) -> None:
    plain = renderer_for(fmt, _options()).plan(ONE)
    explained = renderer_for(fmt, _options(explain=True)).plan(ONE)
    _check(f"{fmt.value}-plan-explain{SUFFIX.get(fmt, '.txt')}", explained)
    assert "Kneeling lunge" in explained and "Kneeling lunge" not in plain


@pytest.mark.parametrize("what", ["plan", "history"])
def test_ascii_only_table_and_chart(what: str) -> None:
    actual = WHAT[what](renderer_for(Format.TABLE, _options(ascii_only=True)), SMALL)
    assert actual.isascii()
    _check(f"table-{what}-ascii.txt", actual)


def test_colour_only_when_asked() -> None:
    coloured = renderer_for(Format.TABLE, _options(color=True)).plan(ONE)
    plain = renderer_for(Format.TABLE, _options()).plan(ONE)
    assert "\x1b[" in coloured and "\x1b[" not in plain


def test_table_width_is_the_one_given() -> None:
    for width in (60, 100, 160):
        lines = renderer_for(Format.TABLE, _options(width=width)).plan(ONE).splitlines()
        assert max(len(line) for line in lines) <= width, width


@pytest.mark.parametrize("fmt", [Format.HTML, Format.PDF, Format.ICS])
@pytest.mark.parametrize("what", [w for w in WHAT if w not in ("plan", "week")])
def test_plans_only_formats_refuse_the_rest(fmt: Format, what: str) -> None:
    with pytest.raises(UsageError, match=f"^the {fmt.value} format is not for "):
        WHAT[what](renderer_for(fmt, _options()), SMALL)


@pytest.mark.parametrize("what", ["plan", "week"])
def test_the_pdf_is_printed_from_the_handouts_page(what: str) -> None:
    page = WHAT[what](renderer_for(Format.PDF, _options()), SMALL)
    assert page == WHAT[what](renderer_for(Format.HTML, _options()), SMALL)


@pytest.mark.parametrize("what", [w for w in WHAT if w != "show"])
def test_the_picture_format_draws_one_exercise_only(what: str) -> None:
    with pytest.raises(UsageError, match=r"^the svg format is not for "):
        WHAT[what](renderer_for(Format.SVG, _options()), SMALL)


def test_the_picture_is_the_exercises_drawing_or_a_clear_error() -> None:
    from kneefit.errors import DataError
    from kneefit.render.svg import exercise_svg

    exercise = SMALL.exercises["sit-to-stand"]
    renderer = renderer_for(Format.SVG, _options())
    if exercise.poses is None:
        with pytest.raises(DataError, match="Sit to stand has no picture"):
            renderer.exercise(exercise, SMALL)
        exercise = exercise.model_copy(
            update={"poses": load_catalogue([]).exercises["sit-to-stand"].poses}
        )
    assert exercise.poses is not None
    muscles = [m.value for m in exercise.primary_muscles]
    assert renderer.exercise(exercise, SMALL) == exercise_svg(
        exercise.name, exercise.poses, muscles=muscles
    )
    bare = exercise.model_copy(update={"poses": None})
    with pytest.raises(DataError, match="has no picture"):
        renderer.exercise(bare, SMALL)


def test_no_expected_file_is_left_unused() -> None:
    used = {f"{fmt.value}-{what}{SUFFIX.get(fmt, '.txt')}" for fmt, what in _cases()}
    used |= {f"{f}-plan-explain{SUFFIX.get(Format(f), '.txt')}" for f in ("text", "markdown")}
    used |= {"table-plan-explain.txt", "table-plan-ascii.txt", "table-history-ascii.txt"}
    used |= {_spanish_name(fmt, what) for fmt, what in SPANISH}
    from tests.test_escaping import EXACT_FILES  # the hostile fixture's outputs

    used |= set(EXACT_FILES)
    from tests.test_knee_side import KNEE_FILES  # plans naming a knee

    used |= KNEE_FILES
    assert sorted(p.name for p in EXPECTED.iterdir() if p.name != ".gitattributes") == sorted(used)


@pytest.mark.parametrize(
    ("fmt", "what"),
    [
        (fmt, what)
        for fmt in (Format.TABLE, Format.TEXT, Format.MARKDOWN, Format.HTML)
        for what in ("plan", "week")
    ],
)
def test_plans_and_weeks_say_what_each_condition_means(fmt: Format, what: str) -> None:
    actual = WHAT[what](renderer_for(fmt, _options()), SMALL)
    assert "About Osteoarthritis" in actual
    assert "Pain may rise a little at first; that is not harm." in actual


def test_text_week_keeps_a_blank_line_before_the_schedule() -> None:
    lines = renderer_for(Format.TEXT, _options()).plan(small_schedule(ROUTINE)).splitlines()
    (at,) = [n for n, line in enumerate(lines) if line.startswith("1 session a week")]
    assert lines[at - 1] == ""


def test_a_handout_a_person_reads_has_no_command_syntax(cli: Invoke) -> None:
    import re
    from html import unescape

    for args in (["-c", "arthritis"], ["-c", "arthritis", "--days", "3", "--max-exercises", "4"]):
        page = cli("plan", *args, "-f", "html")
        assert page.code == 0, page.stderr
        body = page.stdout.split("<main>")[1]
        text = unescape(re.sub(r"<[^>]+>", " ", body))
        assert "kneefit log" not in text and "kneefit swap" not in text
        assert re.search(r"(?<![\w-])--[a-z]", text) is None, text
