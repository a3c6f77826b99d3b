"""CSV: one row per exercise, for spreadsheets.

Every row goes through :func:`kneefit.render.escaping.write_csv`, which gives any text cell a
spreadsheet could run as a formula (``=``, ``+``, ``-``, ``@``, a tab or a line break first)
a leading apostrophe: names, aliases, steps, notes, the log's exercises, everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kneefit.catalogue import Catalogue
from kneefit.i18n import _
from kneefit.log.export import FOLLOW_UP_KEYS
from kneefit.measures import MAX_PSFS_ACTIVITIES
from kneefit.models import Condition, Dose, Exercise, Routine, Schedule, Session
from kneefit.render.common import (
    NOT_MEDICAL_ADVICE,
    RenderOptions,
    SessionOrWeek,
    condition_rule_lines,
    dose_line,
    knee_sentence,
    logged_dose_text,
    plan_warnings,
    program_lines,
    program_text,
    progression_lines,
    safety_lines,
)
from kneefit.render.documents import Refusing
from kneefit.render.escaping import CsvValue, write_csv
from kneefit.render.report_lines import checkin_psfs, csv_number, threshold_text
from kneefit.render.session_words import HISTORY_COLUMNS, session_cells
from kneefit.render.wording import reason_or_blank
from kneefit.vocabulary import Format

if TYPE_CHECKING:
    from kneefit.log import CheckIn
    from kneefit.report import Report

EXERCISE_COLUMNS = (
    "id",
    "name",
    "category",
    "level",
    "sets",
    "reps",
    "hold_seconds",
    "minutes",
    "rest_seconds",
    "per_side",
    "days_per_week",
    "dose",
    "primary_muscles",
    "secondary_muscles",
    "equipment",
    "knee_load",
    "steps",
    "cues",
    "easier",
    "harder",
    "sources",
)
PLAN_COLUMNS = ("section", "order", *EXERCISE_COLUMNS)
WEEK_COLUMNS = ("week", "day", "date", "focus", *PLAN_COLUMNS)

#: The progress report's one table: which section a row is in, then its cells.
REPORT_COLUMNS = (
    "section",
    "week",
    "date",
    "end_date",
    "planned",
    "done",
    "pain",
    "next_morning_pain",
    "measure",
    "score",
    "change",
    "passes_threshold",
    "detail",
    "walked_minutes",
)


def _notes(routine: Routine) -> list[tuple[str, str]]:
    """A plan's notes as (kind, text): the disclaimer, warnings, progress and safety."""
    notes = [("safety", _(NOT_MEDICAL_ADVICE))]
    knee = knee_sentence(routine)
    if knee is not None:
        notes.append(("knee", knee))
    notes += [("warning", w) for w in plan_warnings(routine)]
    if routine.program is not None:
        notes += [("program", line) for line in program_lines(routine.program)]
    if routine.progression is not None:
        notes += [("progression", line) for line in progression_lines(routine.progression)]
    for title, items in safety_lines(routine.safety, routine.conditions):
        notes += [("safety", f"{title}: {item}") for item in items]
    return notes


def _row(exercise: Exercise, dose: Dose, catalogue_urls: dict[str, str]) -> list[CsvValue]:
    return [
        exercise.id,
        exercise.name,
        exercise.category.value,
        exercise.level.value,
        dose.sets,
        dose.reps,
        dose.hold_seconds,
        dose.minutes,
        dose.rest_seconds,
        dose.per_side,
        dose.days_per_week,
        dose_line(dose),
        "; ".join(m.value for m in exercise.primary_muscles),
        "; ".join(m.value for m in exercise.secondary_muscles),
        "; ".join(e.value for e in exercise.equipment),
        "; ".join(t.value for t in exercise.knee_load),
        " | ".join(f"{n}. {s}" for n, s in enumerate(exercise.steps, 1)),
        " | ".join(exercise.cues),
        exercise.easier,
        exercise.harder,
        " ".join(catalogue_urls.get(s, s) for s in exercise.source_ids),
    ]


def _report_rows(report: Report) -> list[list[CsvValue]]:
    """The report as one table: a row per week, session, red flag, step and score."""
    rows: list[list[CsvValue]] = []

    def row(section: str, **cells: CsvValue) -> None:
        rows.append([section, *(cells.get(c, "") for c in REPORT_COLUMNS[1:])])

    for w in report.weeks:
        row(
            "week",
            week=w.number,
            date=w.start.isoformat(),
            end_date=w.end.isoformat(),
            planned=w.planned,
            done=w.done,
            pain=csv_number(w.mean_pain),
            next_morning_pain=csv_number(w.mean_next_morning),
            walked_minutes=w.walked,
        )
    for p in report.pain:
        row(
            "session",
            date=p.date.isoformat(),
            pain=p.pain,
            next_morning_pain=p.next_morning,
            detail=_("red flag") if p.red_flag else "",
        )
    for f in report.red_flags:
        row(
            "red_flag",
            date=f.date.isoformat(),
            end_date=f.cleared.isoformat() if f.cleared else "",
            detail=f.text,
        )
    for s in report.steps:
        row(
            "progression",
            date=s.date.isoformat(),
            score=s.after,
            change=s.after - s.before,
            detail=reason_or_blank(s.reason),
        )
    for m in report.measures:
        for score in m.scores:
            row(
                "checkin",
                date=score.date.isoformat(),
                measure=m.measure.id,
                score=csv_number(score.value),
            )
        if m.change is not None:
            row(
                "change",
                date=m.scores[0].date.isoformat(),
                end_date=m.scores[-1].date.isoformat(),
                measure=m.measure.id,
                score=csv_number(m.change.latest),
                change=csv_number(m.change.delta),
                passes_threshold=m.change.important,
                detail=threshold_text(m.measure),
            )
    return rows


class CsvRenderer(SessionOrWeek, Refusing):
    """Renders RFC 4180 CSV with a header row."""

    fmt = Format.CSV

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def _session(self, routine: Routine) -> str:
        urls = {s.id: s.url or s.note or "" for s in routine.sources}
        rows: list[list[CsvValue]] = []
        for section in routine.sections:
            for order, item in enumerate(section.items, 1):
                rows.append([section.kind.value, order, *_row(item.exercise, item.dose, urls)])
        # A plan always carries its safety notes, even as a spreadsheet: one row each,
        # in the section "warning" or "safety", the text in the name column.
        blank = [""] * (len(EXERCISE_COLUMNS) - 2)
        for order, (kind, note) in enumerate(_notes(routine), 1):
            rows.append([kind, order, "", note, *blank])
        return write_csv(PLAN_COLUMNS, rows)

    def _week(self, schedule: Schedule) -> str:
        routine = schedule.routine
        urls = {s.id: s.url or s.note or "" for s in routine.sources}
        rows: list[list[CsvValue]] = []
        for day in schedule.days:
            when: list[CsvValue] = [day.week, day.day, day.date.isoformat(), day.focus.value]
            if day.rest:
                rows.append([*when, "rest", "", *[""] * len(EXERCISE_COLUMNS)])
            for section in day.sections:
                for order, item in enumerate(section.items, 1):
                    rows.append(
                        [
                            *when,
                            section.kind.value,
                            order,
                            *_row(item.exercise, item.dose, urls),
                        ]
                    )
        blank = [""] * (len(EXERCISE_COLUMNS) - 1)
        for order, (kind, note) in enumerate(_notes(routine), 1):
            rows.append(["", "", "", "", kind, order, "", note, *blank[1:]])
        return write_csv(WEEK_COLUMNS, rows)

    def history(self, sessions: Sequence[Session]) -> str:
        rows: list[list[CsvValue]] = []
        for session in sessions:
            cells = session_cells(session)
            rows.append(
                [
                    cells[0],
                    session.pain,
                    session.effort,
                    session.next_morning_pain,
                    "; ".join(f"{e.name} ({logged_dose_text(e.dose)})" for e in session.exercises),
                    session.notes,
                    "; ".join(session.red_flags),
                ]
            )
        return write_csv((*HISTORY_COLUMNS, "red_flags"), rows)

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        urls = {s.id: s.url or s.note or "" for s in catalogue.sources.values()}
        return write_csv(EXERCISE_COLUMNS, (_row(e, e.dose, urls) for e in exercises))

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        return self.exercises([exercise], catalogue)

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        header = (
            "id",
            "name",
            "aliases",
            "see_clinician_first",
            "rules_out",
            "program",
            "notes",
            "sources",
        )
        rows: list[list[CsvValue]] = []
        for c in conditions:
            urls = [s.url or s.note or "" for s in catalogue.sources_for(c.sources)]
            rows.append(
                [
                    c.id,
                    c.name,
                    "; ".join(c.aliases),
                    c.see_clinician_first,
                    " | ".join(condition_rule_lines(c)),
                    program_text(c, catalogue) or "",
                    " | ".join(c.notes),
                    " ".join(urls),
                ]
            )
        return write_csv(header, rows)

    def report(self, report: Report) -> str:
        return write_csv(REPORT_COLUMNS, _report_rows(report), line_end="\r\n")

    def checkins(self, checkins: Sequence[CheckIn]) -> str:
        head = ["date", "week_pain", "psfs_average", "chair_stands"]
        for n in range(1, MAX_PSFS_ACTIVITIES + 1):
            head += [f"activity_{n}", f"score_{n}"]
        # The follow-up measures last, every one always (empty where not recorded): the
        # columns before them stay where they were.
        measured = len(head)
        head += list(FOLLOW_UP_KEYS)
        rows: list[list[CsvValue]] = []
        for c in checkins:
            row: list[CsvValue] = [
                c.date.isoformat(),
                csv_number(c.week_pain),
                csv_number(checkin_psfs(c)),
                csv_number(c.chair_stands),
            ]
            for activity, score in c.activities:
                row += [activity, score]
            row += [""] * (measured - len(row))
            row += [csv_number(getattr(c, key)) for key in FOLLOW_UP_KEYS]
            rows.append(row)
        return write_csv(head, rows, line_end="\r\n")
