"""A printable handout: one self-contained HTML page, for A4 or Letter paper (and the PDF).

No scripts, no fonts or images to fetch: the page prints the same offline. Page 1 holds who
it is for, the stop rule and the red flags (in two columns, in the catalogue's short
handout wording where it has one); then each exercise once, on cards in two columns, its
picture at the card's top right beside its name, dose and steps, every picture filling
one box (``PICTURE_BOX``) with its working muscles tinted; a pain grid that matches the
doses; the sources in fine print (a session's under its last card). Body text is 12 pt; a
30-minute session takes two pages, A4 or Letter, and a three-day week three. No card,
grid or red flag splits across pages. The same page is what kneefit.render.pdf prints to
PDF. Widths are never fixed, every long word (an address, say) may break, and nothing a
person reads holds command-line syntax.

The markup is in Jinja2 templates (kneefit/render/templates/handout*.html.j2, loaded by
kneefit.render.templating), which escape every value they write: this module prepares the
words, in the run's language, and hands them over.

The progress report is the other page (kneefit.render.report_page), which this renderer
hands the report to. Both pages' CSS is in kneefit.render.styles.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kneefit.i18n import (
    N_,
    SOURCE_LANGUAGE,
    _,
    language,
    language_name,
    ngettext,
    pgettext,
    speaking,
)
from kneefit.models import (
    Day,
    DayFocus,
    Dose,
    Exercise,
    FlareUp,
    RedFlag,
    Routine,
    Safety,
    Schedule,
    Urgency,
)
from kneefit.render.common import (
    FLARE_UP_TITLE,
    HURT_TITLE,
    NOT_MEDICAL_ADVICE,
    WHY_TITLE,
    RenderOptions,
    dose_line,
    dose_text,
    flare_session_text,
    pain_bands,
    plan_warnings,
    program_lines,
    progression_lines,
    request_text,
    schedule_exercises,
    schedule_text,
    week_note,
    year_text,
)
from kneefit.render.documents import InLanguage, Refusing
from kneefit.render.styles import HANDOUT_STYLE
from kneefit.render.templating import macro, markup, render
from kneefit.value_words import value_word
from kneefit.vocabulary import Format

#: Words the templates are given, marked here where pybabel can find them.
_W_CLINICIAN = N_("Clinician")
_W_DATE = N_("Date")
_W_DAY = N_("Day")
_W_DISCOMFORT_IS_NOT_PAIN = N_("Discomfort is not pain")
_W_NAME = N_("Name")
_W_NEXT_MORNING = N_("Next morning")
_W_NOTE = N_("Note")
_W_NOTES = N_("Notes")
_W_PAIN_DURING = N_("Pain during")
_W_PAIN_THAT_LASTS = N_("Pain that lasts")
_W_SOURCES = N_("Sources")

if TYPE_CHECKING:
    from markupsafe import Markup

    from kneefit.report import Report

#: The template of the handout's parts, a macro each.
_PARTS = "handout_parts.html.j2"


def _part(name: str, **values: object) -> Markup:
    """The handout's part made by the macro ``name`` with ``values``."""
    made: Markup = macro(_PARTS, name)(**values)
    return made


#: How soon each kind of red flag needs help, in the words a person acts on.
_URGENCY = {
    Urgency.EMERGENCY: N_("Emergency: go to an emergency department now, or call an ambulance"),
    Urgency.URGENT: N_("Today: stop and get seen the same day"),
    Urgency.SOON: N_("Within days: see your GP"),
}


def flag_words(flag: RedFlag) -> tuple[str, str]:
    """What the handout prints for a red flag: its sign, and what to do beyond the heading."""
    if flag.handout_sign is not None:
        return flag.handout_sign, flag.handout_action or ""
    return _plain_sign(flag.sign), flag.action


class HtmlRenderer(Refusing):
    """Renders the handout (the page kneefit.render.pdf prints, too) and the report's page."""

    fmt = Format.HTML

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def plan(self, schedule: Schedule) -> str:
        title, parts = self._handout(schedule)
        return _page(title, parts, pages=handout_pages(schedule))

    def bilingual(self, plans: Sequence[InLanguage]) -> str:
        """The handouts of one plan in each language, the first language's first: each
        part marked with its ``lang`` and starting on a page of its own (``kneefit plan
        --lang es --also-in en``, for a clinician to check what the person reads)."""
        first = plans[0].language
        title = ""
        parts: list[Markup] = []
        budgets: list[int | None] = []
        for n, (code, schedule) in enumerate(plans, 1):
            with speaking(code):
                heading, body = self._handout(schedule)
                if n == 1:
                    title = heading
                else:
                    also = _(
                        "The same plan as on the pages before, in {language}, for a "
                        "clinician to check what the person reads."
                    ).format(language=language_name(code))
                    body.insert(0, _part("also", text=also))
                    # Still the templates' markup, with only its own ids renamed.
                    body = [markup(_prefixed(part, code)) for part in body]
            parts.append(_part("language", code=code, ident=f"{PART_ID}{n}", parts=body))
            budgets.append(handout_pages(schedule))
        # A budget for every part, or none (several weeks grow with their number).
        counted = [b for b in budgets if b is not None]
        with speaking(first):
            return _page(title, parts, pages=counted if len(counted) == len(budgets) else None)

    def _handout(self, schedule: Schedule) -> tuple[str, list[Markup]]:
        """The handout's title and its parts, in the language being spoken."""
        routine = schedule.routine
        if schedule.one_off:
            title = _("Your knee exercises")
            lines = [request_text(routine)]
        else:
            title = _("Your knee exercises: your week")
            if schedule.weeks > 1:
                title = _("Your knee exercises: {weeks} weeks").format(weeks=schedule.weeks)
            lines = [request_text(routine), schedule_text(schedule)]
        parts = self._intro(routine, title, lines)
        # The stop rule and the red flags come first, so page 1 always holds them.
        parts.append(_stop_rule(routine.safety))
        parts.append(_red_flags(routine.safety))
        if schedule.flare_up is not None:
            parts.append(_flare_up(schedule.flare_up))
        if schedule.one_off:
            items = [(i.exercise, i.dose) for s in routine.sections for i in s.items]
            # The fine print of sources fills the room the last card's column leaves.
            parts.append(self._exercises(routine, items, self._tail(routine)))
            parts.append(_session_grid(schedule))
        else:
            # A week's grids start on a page of their own, which has room for the sources.
            parts.append(self._exercises(routine, _first_doses(schedule)))
            parts += _week_grids(schedule)
            parts.append(self._tail(routine))
        return title, parts

    def _intro(self, routine: Routine, title: str, lines: list[str]) -> list[Markup]:
        kit = sorted(e.value for e in routine.request.equipment)
        need = _("You need: {kit}.").format(
            kit=", ".join(value_word(k) for k in kit) if kit else _("nothing")
        )
        # The request and the kit on one line: ". " joins them where a line has no full stop.
        if lines:
            last = lines[-1] + ("" if lines[-1].endswith(".") else ".")
            lines = [*lines[:-1], f"{last} {need}"]
        else:
            lines = [need]
        # The title shares its line with the fields to fill in, where the paper is wide
        # enough; what to do before starting (see a clinician first, say) stands out under it.
        # Plan text is worded for a handout where it is made (handout=True): no command line.
        top = _part(
            "intro",
            title=title,
            fields=[_(_W_NAME), _(_W_CLINICIAN), _(_W_DATE)],
            lines=lines,
            disclaimer=_(NOT_MEDICAL_ADVICE),
            warnings=plan_warnings(routine, handout=True),
        )
        return [top]

    def _about(self, routine: Routine) -> list[tuple[str, str]]:
        """What the plan's conditions and progress mean, read before the exercises: a
        paragraph each, with its run-in heading or none."""
        body = []
        if routine.program is not None:
            body.append(("", " ".join(program_lines(routine.program))))
        if routine.progression is not None:
            body.append(("", progression_lines(routine.progression, handout=True)[0]))
        for condition in routine.conditions:
            if condition.notes:
                about = _("About {name}").format(name=condition.name)
                body.append((about, " ".join(condition.notes)))
        return body

    def _exercises(
        self, routine: Routine, items: Sequence[tuple[Exercise, Dose]], last: Markup | str = ""
    ) -> Markup:
        from kneefit.render.svg import exercise_svg_inline

        cards = []
        for n, (exercise, dose) in enumerate(items, 1):
            # The picture floats at the card's top right, beside the name, dose and steps.
            # It is kneefit's own drawing (names and words in it escaped by svg.py): markup.
            picture = (
                markup(
                    exercise_svg_inline(
                        exercise.name,
                        exercise.poses,
                        muscles=[m.value for m in exercise.primary_muscles],
                        box=PICTURE_BOX,
                    )
                )
                if exercise.poses is not None
                else ""
            )
            cards.append(
                Card(
                    number=n,
                    name=exercise.name,
                    picture=picture,
                    dose=_ended(dose_line(dose)),
                    steps=exercise.steps,
                    note_head=_(_W_NOTE),
                    note=exercise.notes or "",
                )
            )
        key = _(PICTURE_KEY) if any(e.poses is not None for e, _ in items) else ""
        return _part(
            "exercises",
            title=_("Your exercises"),
            about=self._about(routine),
            key=key,
            cards=cards,
            last=last,
        )

    def report(self, report: Report) -> str:
        """The progress report: a self-contained page with SVG charts, for screen and paper."""
        from kneefit.render.report_page import report_page

        return report_page(report)

    def _tail(self, routine: Routine) -> Markup:
        # Several pages of one publisher and year read as one entry in the fine print.
        return _part(
            "sources",
            heading=_(_W_SOURCES),
            where=_("(titles and addresses: the plan as text or Markdown):"),
            entries=_fine_print(routine),
        )


@dataclass(frozen=True)
class Card:
    """What an exercise's card shows (the template handout_parts.html.j2 lays it out)."""

    number: int
    name: str
    #: The drawing, as markup, or "" for an exercise without one.
    picture: Markup | str
    dose: str
    steps: Sequence[str]
    note_head: str
    note: str


#: The name of the handout's ``<meta>`` that says how many pages it is laid out for.
PAGES_META = "kneefit-pages"

#: The box each picture of a handout fills, width and height in millimetres: a figure lying
#: down is 35 mm long, one standing 35 mm tall, big enough to see the start, the end and
#: the press marks on paper.
PICTURE_BOX = (38.0, 35.0)

#: How to read the pictures, said once above the cards.
PICTURE_KEY = N_(
    "In the pictures: the start position in grey, the end position in black, a black arrow "
    "along the movement; red arrows show where to press, sink or squeeze; the tinted part "
    "is the muscle that works."
)


def _fine_print(routine: Routine) -> list[tuple[str, str | None]]:
    """Each source as its publisher and year, and the address it links to (None: no link);
    a publisher's pages of one year once."""
    entries: dict[str, str | None] = {}
    for s in routine.sources:
        label = f"{s.publisher} {year_text(s)}"
        if label not in entries:
            entries[label] = s.url or None
    return list(entries.items())


def _ended(text: str) -> str:
    """``text`` as a sentence: with a full stop unless it already ends in one."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _stop_rule(safety: Safety) -> Markup:
    """The pain bands, then what discomfort and lasting pain are, and where the catalogue
    says them, why hurt is not harm and why exercise helps: each under a run-in heading."""
    said = [
        (f"{_(_W_DISCOMFORT_IS_NOT_PAIN)}.", safety.discomfort_vs_pain),
        (f"{_(_W_PAIN_THAT_LASTS)}:", safety.persistent_pain),
    ]
    if safety.education is not None:
        said += [
            (f"{_(HURT_TITLE)}:", safety.education.hurt_not_harm),
            (f"{_(WHY_TITLE)}:", safety.education.why_exercise_helps),
        ]
    return _part(
        "stop_rule",
        title=_("When to stop: pain during an exercise, 0 (none) to 10 (worst imaginable)"),
        bands=pain_bands(safety.pain_rule),
        said=said,
    )


def _flare_up(flare: FlareUp) -> Markup:
    """What to do on a bad day, its heading run in: what a flare-up is, the lighter
    session, when to go back to the full plan and when to see someone."""
    plan = flare.plan
    text = " ".join((plan.what, flare_session_text(flare), plan.back, plan.see))
    return _part("flare_up", title=_(FLARE_UP_TITLE), text=text)


def _red_flags(safety: Safety) -> Markup:
    """The red flags in two columns, most urgent first. A column that starts inside an
    urgency's list repeats its heading, so every sign sits under the words that say how
    soon to act."""
    ordered = [f for urgency in Urgency for f in safety.red_flags if f.urgency is urgency]
    split = _balanced_split(ordered)
    columns = [
        [
            (_(_URGENCY[urgency]), [flag_words(flag) for flag in flags])
            for urgency, flags in _by_urgency(column)
        ]
        for column in (ordered[:split], ordered[split:])
    ]
    return _part("red_flags", title=_("Stop and get help if"), columns=columns)


def _by_urgency(column: Sequence[RedFlag]) -> list[tuple[Urgency, list[RedFlag]]]:
    """A column's flags in runs of one urgency, each run under its own heading."""
    return [(u, list(run)) for u, run in itertools.groupby(column, key=lambda f: f.urgency)]


#: About how many characters of 12-pt text a line of half the page holds.
_HALF_LINE = 42


def _balanced_split(flags: Sequence[RedFlag]) -> int:
    """Where to start the second column so that the two are about as tall: each flag's
    words and each heading a column shows, counted in lines."""

    def lines(column: Sequence[RedFlag]) -> int:
        total = 0
        for urgency, run in _by_urgency(column):
            total += 1 + -(-len(_(_URGENCY[urgency])) // _HALF_LINE)
            for flag in run:
                sign, action = flag_words(flag)
                total += -(-(len(sign) + len(action) + 2) // _HALF_LINE)
        return total

    return min(range(len(flags) + 1), key=lambda k: (max(lines(flags[:k]), lines(flags[k:])), -k))


def _plain_sign(sign: str) -> str:
    """A red flag's sign without the medical explanation in brackets: what a person sees."""
    return re.sub(r"\s*\((?:possible|often)[^)]*\)", "", sign)


def _first_doses(schedule: Schedule) -> list[tuple[Exercise, Dose]]:
    """Every exercise of the schedule once, with the dose of the first day it is on."""
    first: dict[str, Dose] = {}
    for day in schedule.days:
        for section in day.sections:
            for item in section.items:
                first.setdefault(item.exercise.id, item.dose)
    return [(e, first[e.id]) for e in schedule_exercises(schedule)]


def _numbers(numbers: Sequence[int]) -> str:
    """Card numbers, runs shortened: '1 to 4, 6, 9 to 12'."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(
        str(r[0])
        if len(r) == 1
        else pgettext("in a sentence", "{low} to {high}").format(low=r[0], high=r[-1])
        if len(r) > 2
        else f"{r[0]}, {r[1]}"
        for r in runs
    )


def _session_grid(schedule: Schedule) -> Markup:
    """A week to record, from the plan's day, with what each dose asks for."""
    items = [i for s in schedule.routine.sections for i in s.items]
    daily = [n for n, i in enumerate(items, 1) if i.dose.days_per_week == 7]
    others = sorted({i.dose.days_per_week for i in items if i.dose.days_per_week < 7})
    note = _("Day 1: all of it.")
    if daily:
        note += " " + ngettext(
            "Every day: exercise {numbers}.", "Every day: exercises {numbers}.", len(daily)
        ).format(numbers=_numbers(daily))
    if others:
        counts = _(" or ").join(str(n) for n in others)
        if len(others) > 2 and others[-1] - others[0] == len(others) - 1:
            counts = pgettext("in a sentence", "{low} to {high}").format(
                low=others[0], high=others[-1]
            )
        note += " " + _("The others {counts} days a week, a day apart.").format(counts=counts)
    note += " " + _("Write your pain (0 to 10) after and next morning.")
    days = [schedule.start + timedelta(days=n) for n in range(7)]
    return _part(
        "session_grid",
        title=_("Record your pain"),
        note=note,
        day_head=_(_W_DAY),
        days=[_day_label(d) for d in days],
        labels=[_(label) for label in (N_("Done"), N_("Pain during"), N_("Next morning"))],
    )


def _day_plan(day: Day, cards: dict[str, tuple[int, Dose]], daily: Sequence[int]) -> str:
    """A day's exercises as card numbers; a dose other than the card's follows its number."""
    if day.rest:
        if not daily:
            return _("Rest")
        return _("Rest: the daily stretches ({numbers}) are welcome").format(
            numbers=_numbers(daily)
        )
    plain: list[int] = []
    changed: list[str] = []
    for item in (i for s in day.sections for i in s.items):
        number, dose = cards[item.exercise.id]
        if dose == item.dose:
            plain.append(number)
        else:
            changed.append(f"{number} ({dose_text(item.dose)})")
    focus = "" if day.focus is DayFocus.REST else f"{value_word(day.focus.value).capitalize()}: "
    return focus + "; ".join(([_numbers(plain)] if plain else []) + changed)


def _day_label(day: date, *, month: bool = False) -> str:
    """A day as the grids head it: 'Mon 2' ('Mon 2 Mar' with ``month``), in the run's
    language (Babel's abbreviations: 'lun 2 mar')."""
    if language() == SOURCE_LANGUAGE:
        month_part = f" {day.strftime('%b')}" if month else ""
        return f"{day.strftime('%a')} {day.day}{month_part}"
    from babel.dates import format_date

    return str(format_date(day, "EEE d MMM" if month else "EEE d", locale=language()))


def _week_grids(schedule: Schedule) -> list[Markup]:
    """Day by day: which exercises to do, with room for pain during and the next morning."""
    cards = {e.id: (n, d) for n, (e, d) in enumerate(_first_doses(schedule), 1)}
    daily = [
        cards[i.exercise.id][0]
        for s in schedule.routine.sections
        for i in s.items
        if i.dose.days_per_week == 7 and schedule.days_per_week < 7 and i.exercise.id in cards
    ]
    parts = []
    for week in range(1, schedule.weeks + 1):
        rows = []
        for day in (d for d in schedule.days if d.week == week):
            label = _day_label(day.date, month=True)
            rows.append((label, _day_plan(day, cards, daily)))
        note = _(
            "The numbers are the exercises above; a dose in brackets replaces the one on "
            "the exercise. Write your pain (0 to 10) after each session and the next morning."
        )
        notes = [note] if week == 1 else []
        said = week_note(schedule, week, handout=True)
        if said:
            notes.append(said)
        heads = [_(_W_DAY), _("Exercises"), _(_W_PAIN_DURING), _(_W_NEXT_MORNING), _(_W_NOTES)]
        parts.append(
            _part(
                "week_grid",
                week=week,
                title=_("Week {week}, day by day").format(week=week),
                notes=notes,
                caption=_("Week {week}").format(week=week),
                heads=heads,
                rows=rows,
            )
        )
    return parts


def handout_pages(schedule: Schedule) -> int | None:
    """The pages a handout is laid out for: a session on two, a week on three (A4 or
    Letter); None for several weeks, whose length grows with them."""
    if schedule.one_off:
        return 2
    return 3 if schedule.weeks <= 1 else None


#: The id of each language's part of a handout in several languages: ``part-1``, ...
PART_ID = "part-"

#: The attributes that name an element by its id, in kneefit's own markup.
_ID_ATTRIBUTES = re.compile(r"\b(id|aria-labelledby|aria-describedby)='([^']*)'")


def _prefixed(part: str, prefix: str) -> str:
    """``part`` (markup) with each id it gives and refers to prefixed (``en-exercises``), so that a
    second language's part repeats no id of the first's. Only kneefit's own attributes are
    touched: catalogue text is escaped, so it holds no ``'``."""
    return _ID_ATTRIBUTES.sub(
        lambda m: f"{m[1]}='{' '.join(f'{prefix}-{i}' for i in m[2].split())}'", part
    )


def _page(title: str, parts: list[Markup], pages: int | Sequence[int] | None = None) -> str:
    # The PDF printer reads the pages to fit the handout to them (kneefit.render.pdf): a
    # number of pages, or one for each language's part, in order.
    count = ""
    if pages:
        count = str(pages) if isinstance(pages, int) else ",".join(str(p) for p in pages)
    return render(
        "handout.html.j2",
        lang=language(),
        pages_meta=PAGES_META,
        pages=count,
        title=title,
        # kneefit's own stylesheet, a constant: markup, as it is.
        style=markup(HANDOUT_STYLE),
        parts=parts,
    )
