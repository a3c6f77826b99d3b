"""What the progress report and the check-in history say, the same in every format.

Each format's module (text, markdown, json, csv, html) lays these lines and rows out; the
figures come from :mod:`kneefit.report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kneefit.i18n import N_, _, format_date, format_decimal, ngettext
from kneefit.measures import FOLLOW_UP, MEASURES, Change, Measure, number, psfs_score
from kneefit.render.wording import reason_or_blank

if TYPE_CHECKING:
    from kneefit.log import CheckIn
    from kneefit.report import MeasureSummary, Report

REPORT_TITLE = N_("kneefit: progress report")

#: The knees a session is logged for, in words.
_KNEES = {"left": N_("left knee"), "right": N_("right knee"), "both": N_("both knees")}


def both(items: Sequence[str]) -> str:
    """``items`` joined in a sentence: 'left knee and right knee'."""
    text = items[0]
    for item in items[1:]:
        text = _("{first} and {second}").format(first=text, second=item)
    return text


def knee_words(knee: str) -> str:
    """A knee as logged ('left', 'right', 'both'), in words."""
    return _(_KNEES[knee]) if knee in _KNEES else _("{side} knee").format(side=knee)


def period_text(report: Report) -> str:
    days = (report.end - report.start).days + 1
    length = ngettext("{count} day", "{count} days", days).format(count=days)
    per_week = report.planned_per_week
    text = ngettext(
        "{start} to {end} ({length}); {count} session a week planned.",
        "{start} to {end} ({length}); {count} sessions a week planned.",
        per_week,
    ).format(
        start=format_date(report.start),
        end=format_date(report.end),
        length=length,
        count=per_week,
    )
    if report.knees:
        named = both([knee_words(k) for k in report.knees])
        text += " " + _("Sessions logged for: {knees}.").format(knees=named)
    return text


def period_line(report: Report) -> str:
    """The report's first line: who it is for, and its period."""
    return who_text(report) + _("Period: {period}").format(period=period_text(report))


def who_text(report: Report) -> str:
    return _("For {person}. ").format(person=report.person) if report.person else ""


def adherence_text(report: Report) -> str:
    share = report.adherence
    percent = " " + _("({percent})").format(percent=f"{share:.0%}") if share is not None else ""
    weeks = len(report.weeks)
    span = ngettext("{count} week", "{count} weeks", weeks).format(count=weeks)
    done = _("{done} of {planned} planned sessions done{percent}.").format(
        done=report.done, planned=report.planned, percent=percent
    )
    walked = _(
        "Walked {minutes} minutes outside sessions in {span} (the aim: {aim} a week)."
    ).format(minutes=report.walked, span=span, aim=report.walk_aim)
    return f"{done} {walked}" + appointment_text(report)


#: A program's appointments, in words.
_APPOINTMENTS = {"review": N_("review"), "booster": N_("booster")}


def _appointment_kind(kind: str) -> str:
    return _(_APPOINTMENTS[kind]) if kind in _APPOINTMENTS else kind


def appointment_text(report: Report) -> str:
    """The program's last and next review or booster, with the sessions since the last
    (empty when the program names none, or no program was given)."""
    text = ""
    last = report.last_appointment
    if last is not None:
        count = report.sessions_since_appointment or 0
        text += " " + ngettext(
            "Since the last {kind} ({date}): {count} session logged.",
            "Since the last {kind} ({date}): {count} sessions logged.",
            count,
        ).format(kind=_appointment_kind(last.kind), date=format_date(last.date), count=count)
    upcoming = report.next_appointment
    if upcoming is not None:
        text += " " + _("Next {kind}: {date}.").format(
            kind=_appointment_kind(upcoming.kind), date=format_date(upcoming.date)
        )
    return text


def score_text(value: float | None) -> str:
    return "-" if value is None else number(value)


def signed(value: float) -> str:
    return ("+" if value > 0 else "") + number(value)


def unit_text(measure: Measure) -> str:
    """A measure's unit as printed after a score: '/10', ' stands', ' s'."""
    word = measure.unit.strip()
    if word in ("stands", "degrees"):
        return " " + _(word)
    return measure.unit


#: Extracted here: the units above, in words.
_UNITS = (N_("stands"), N_("degrees"))


def measure_name(measure: Measure) -> str:
    """A measure's name in the run's language."""
    return _(measure.name)


def change_text(change: Change) -> str:
    unit = unit_text(change.measure)
    return _("{first} -> {latest} (change {change}): {verdict}").format(
        first=number(change.first) + unit,
        latest=number(change.latest) + unit,
        change=signed(change.delta),
        verdict=change.verdict(),
    )


def threshold_text(measure: Measure) -> str:
    kind = measure.threshold_kind
    better = _("higher is better") if measure.higher_is_better else _("lower is better")
    if measure.threshold is None:
        return _("no published important change; {better}").format(better=better)
    unit = " " + _("points") if measure.unit == "/10" else unit_text(measure)
    size = format_decimal(measure.threshold) + unit
    if measure.threshold_fraction is not None:
        size = _("{size} and {percent}").format(
            size=size, percent=f"{measure.threshold_fraction:.0%}"
        )
    return _("{kind} {size}; {better}").format(kind=kind, size=size, better=better)


def pain_trend_text(report: Report) -> str:
    rows = [w for w in report.weeks if w.mean_pain is not None]
    if not rows:
        return _("No sessions logged in this period.")
    first, last = rows[0], rows[-1]
    in_week = _("{score}/10 in week {week}")
    text = _("Mean pain during sessions: {first}").format(
        first=in_week.format(score=score_text(first.mean_pain), week=first.number)
    )
    if last is not first:
        text += ", " + in_week.format(score=score_text(last.mean_pain), week=last.number)
    mornings = [w for w in report.weeks if w.mean_next_morning is not None]
    if mornings:
        text += "; " + _("next morning {first}").format(
            first=in_week.format(
                score=score_text(mornings[0].mean_next_morning), week=mornings[0].number
            )
        )
        if mornings[-1] is not mornings[0]:
            text += ", " + in_week.format(
                score=score_text(mornings[-1].mean_next_morning), week=mornings[-1].number
            )
    return text + "."


def flag_lines(report: Report, today: date) -> list[str]:
    from kneefit.report import FLAG_WINDOW_DAYS  # here: the report's figures load only for it

    lines = []
    for flag in report.red_flags:
        if flag.cleared is not None and flag.cleared_by:
            state = _("cleared {date} by a clinician: {said}").format(
                date=format_date(flag.cleared), said=flag.cleared_by
            )
        elif flag.cleared is not None:
            state = _("cleared {date} (14 days with no new flag)").format(
                date=format_date(flag.cleared)
            )
        elif report.clinician_clears:
            state = _("NOT CLEARED: no clinician's clearance is logged; see the person now")
        else:
            until = format_date(flag.date + timedelta(days=FLAG_WINDOW_DAYS + 1))
            state = _(
                "NOT CLEARED: progression is paused until at least {date}; see the person now"
            ).format(date=until)
        lines.append(f"{format_date(flag.date)}: {flag.text}; {state}")
    return lines


def step_lines(report: Report) -> list[str]:
    lines = []
    for step in report.steps:
        line = (
            _("{date}: step up, {before} -> {after}")
            if step.after > step.before
            else _("{date}: step down, {before} -> {after}")
        ).format(date=format_date(step.date), before=step.before, after=step.after)
        lines.append(line + (f": {reason_or_blank(step.reason)}" if step.reason else ""))
    return lines


def measure_lines(summary: MeasureSummary) -> list[str]:
    name = measure_name(summary.measure)
    if not summary.scores:
        return [_("{name}: not recorded.").format(name=name)]
    if summary.change is None:
        only = summary.scores[0]
        return [
            _("{name}: {score} on {date} (one check-in; a change needs two).").format(
                name=name,
                score=number(only.value) + unit_text(summary.measure),
                date=format_date(only.date),
            )
        ]
    lines = [f"{name}: {change_text(summary.change)}."]
    lines += [f"  {activity}: {change_text(c)}." for activity, c in summary.activities]
    if summary.note:
        lines.append(f"  {_(summary.note)}")
    return lines


def checkin_rows(report: Report) -> list[list[str]]:
    rows = []
    for c in report.checkins:
        scores = [s for _, s in c.activities]
        psfs = number(sum(scores) / len(scores)) if scores else "-"
        rows.append(
            [
                c.date.isoformat(),
                score_text(c.week_pain),
                psfs,
                score_text(c.chair_stands),
                "; ".join(f"{a} {s}" for a, s in c.activities) or "-",
            ]
        )
    return rows


CHECKIN_HEAD = [
    N_("Date"),
    N_("Week's pain (NPRS)"),
    N_("PSFS average"),
    N_("Chair stands (30 s)"),
    N_("PSFS activities"),
]
WEEK_HEAD = [
    N_("Week"),
    N_("Dates"),
    N_("Planned"),
    N_("Done"),
    N_("Walked"),
    N_("Mean pain during"),
    N_("Mean next morning"),
]


def heads(names: Sequence[str]) -> list[str]:
    """Column heads in the run's language."""
    return [_(name) for name in names]


def week_rows(report: Report) -> list[list[str]]:
    return [
        [
            str(w.number),
            _("{start} to {end}").format(start=w.start.isoformat(), end=w.end.isoformat())
            + (" " + _("(so far)") if w.end > report.end else ""),
            str(w.planned),
            str(w.done),
            _("{minutes} min").format(minutes=w.walked),
            score_text(w.mean_pain),
            score_text(w.mean_next_morning),
        ]
        for w in report.weeks
    ]


def shown_measures(report: Report | None = None) -> tuple[Measure, ...]:
    """The measures a report explains: the three every report has, and the follow-up
    measures its period records."""
    if report is None:
        return MEASURES
    return MEASURES + tuple(m.measure for m in report.measures if m.measure in FOLLOW_UP)


#: The follow-up measures' column heads in a report's table.
FOLLOW_UP_HEADS = {
    "knee-bend": N_("Knee bend (deg)"),
    "knee-straighten": N_("Short of straight (deg)"),
    "walk-40m": N_("40-m walk (s)"),
    "stairs": N_("Stairs (s)"),
    "tug": N_("TUG (s)"),
}


def follow_up_table(report: Report) -> tuple[list[str], list[list[str]]]:
    """The follow-up measures of the period's check-ins: the heads (the date and each
    measure recorded; TUG is the Timed Up and Go) and a row for each check-in with any;
    ([], []) if none has any."""
    shown = [m.measure.id for m in report.measures if m.measure in FOLLOW_UP]
    if not shown:
        return [], []
    rows = []
    for c in report.checkins:
        values = c.follow_up()
        if any(values[key] is not None for key in shown):
            rows.append([c.date.isoformat(), *(score_text(values[key]) for key in shown)])
    return [_("Date"), *(_(FOLLOW_UP_HEADS[key]) for key in shown)], rows


def follow_up_parts(checkin: CheckIn) -> list[str]:
    """A check-in's follow-up measures in words, e.g. 'knee bend 95 degrees'."""
    values = checkin.follow_up()
    words = {
        "knee-bend": N_("knee bend {value} degrees"),
        "knee-straighten": N_("{value} degrees short of straight"),
        "walk-40m": N_("40-m fast-paced walk {value} s"),
        "stairs": N_("stair climb {value} s"),
        "tug": N_("Timed Up and Go {value} s"),
    }
    return [
        _(words[key]).format(value=number(value))
        for key, value in values.items()
        if value is not None
    ]


def source_lines(measures: Sequence[Measure] = MEASURES) -> list[str]:
    lines = []
    for measure in measures:
        lines.append(f"{measure_name(measure)}: {_(measure.how)} {_(measure.threshold_note)}")
        lines += [f"  {s.text} {s.url}" for s in measure.sources]
    return lines


def csv_number(value: float | None) -> int | float | None:
    """A score as a CSV number: whole numbers without a point, others to two places."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(f"{value:.2f}")


def checkin_psfs(checkin: CheckIn) -> float | None:
    """A check-in's PSFS score: the average of its activities' scores."""
    return psfs_score(tuple(s for _, s in checkin.activities))


def checkin_history_table(checkins: Sequence[CheckIn]) -> tuple[list[str], list[list[str]]]:
    """The check-in history's table: CHECKIN_HEAD's columns, then a column for each
    follow-up measure any of ``checkins`` records ("-" where a check-in has none), so a
    history without them reads as before."""
    recorded = {key for c in checkins for key, value in c.follow_up().items() if value is not None}
    shown = [key for key in FOLLOW_UP_HEADS if key in recorded]
    rows = [
        [
            c.date.isoformat(),
            score_text(c.week_pain),
            score_text(checkin_psfs(c)),
            score_text(c.chair_stands),
            "; ".join(f"{a} {s}" for a, s in c.activities) or "-",
            *(score_text(c.follow_up()[key]) for key in shown),
        ]
        for c in checkins
    ]
    return heads([*CHECKIN_HEAD, *(FOLLOW_UP_HEADS[key] for key in shown)]), rows
