"""What the progress report and the check-in history say, the same in every format.

Each format's module (text, markdown, json, csv, html) lays these lines and rows out; the
figures come from :mod:`kneefit.report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kneefit.measures import FOLLOW_UP, MEASURES, Change, Measure, number, psfs_score
from kneefit.render.wording import reason_or_blank

if TYPE_CHECKING:
    from kneefit.log import CheckIn
    from kneefit.report import MeasureSummary, Report

REPORT_TITLE = "kneefit: progress report"


def period_text(report: Report) -> str:
    days = (report.end - report.start).days + 1
    length = "1 day" if days == 1 else f"{days} days"
    per = "1 session" if report.planned_per_week == 1 else f"{report.planned_per_week} sessions"
    text = (
        f"{report.start.isoformat()} to {report.end.isoformat()} ({length}); {per} a week planned."
    )
    if report.knees:
        named = [("both knees" if k == "both" else f"{k} knee") for k in report.knees]
        text += f" Sessions logged for: {' and '.join(named)}."
    return text


def who_text(report: Report) -> str:
    return f"For {report.person}. " if report.person else ""


def adherence_text(report: Report) -> str:
    share = report.adherence
    percent = f" ({share:.0%})" if share is not None else ""
    weeks = len(report.weeks)
    span = "1 week" if weeks == 1 else f"{weeks} weeks"
    return (
        f"{report.done} of {report.planned} planned sessions done{percent}. "
        f"Walked {report.walked} minutes outside sessions in {span} "
        f"(the aim: {report.walk_aim} a week)."
    ) + appointment_text(report)


def appointment_text(report: Report) -> str:
    """The program's last and next review or booster, with the sessions since the last
    (empty when the program names none, or no program was given)."""
    text = ""
    last = report.last_appointment
    if last is not None:
        count = report.sessions_since_appointment or 0
        many = "1 session" if count == 1 else f"{count} sessions"
        text += f" Since the last {last.kind} ({last.date.isoformat()}): {many} logged."
    upcoming = report.next_appointment
    if upcoming is not None:
        text += f" Next {upcoming.kind}: {upcoming.date.isoformat()}."
    return text


def score_text(value: float | None) -> str:
    return "-" if value is None else number(value)


def signed(value: float) -> str:
    return ("+" if value > 0 else "") + number(value)


def change_text(change: Change) -> str:
    unit = change.measure.unit
    return (
        f"{number(change.first)}{unit} -> {number(change.latest)}{unit} "
        f"(change {signed(change.delta)}): {change.verdict()}"
    )


def threshold_text(measure: Measure) -> str:
    kind = measure.threshold_kind
    way = "higher" if measure.higher_is_better else "lower"
    if measure.threshold is None:
        return f"no published important change; {way} is better"
    unit = " points" if measure.unit == "/10" else measure.unit
    size = f"{measure.threshold:g}{unit}"
    if measure.threshold_fraction is not None:
        size += f" and {measure.threshold_fraction:.0%}"
    return f"{kind} {size}; {way} is better"


def pain_trend_text(report: Report) -> str:
    rows = [w for w in report.weeks if w.mean_pain is not None]
    if not rows:
        return "No sessions logged in this period."
    first, last = rows[0], rows[-1]
    text = f"Mean pain during sessions: {score_text(first.mean_pain)}/10 in week {first.number}"
    if last is not first:
        text += f", {score_text(last.mean_pain)}/10 in week {last.number}"
    mornings = [w for w in report.weeks if w.mean_next_morning is not None]
    if mornings:
        text += (
            f"; next morning {score_text(mornings[0].mean_next_morning)}/10 in week "
            f"{mornings[0].number}"
        )
        if mornings[-1] is not mornings[0]:
            text += (
                f", {score_text(mornings[-1].mean_next_morning)}/10 in week {mornings[-1].number}"
            )
    return text + "."


def flag_lines(report: Report, today: date) -> list[str]:
    from kneefit.report import FLAG_WINDOW_DAYS  # here: the report's figures load only for it

    lines = []
    for flag in report.red_flags:
        if flag.cleared is not None and flag.cleared_by:
            state = f"cleared {flag.cleared.isoformat()} by a clinician: {flag.cleared_by}"
        elif flag.cleared is not None:
            state = f"cleared {flag.cleared.isoformat()} (14 days with no new flag)"
        elif report.clinician_clears:
            state = "NOT CLEARED: no clinician's clearance is logged; see the person now"
        else:
            until = (flag.date + timedelta(days=FLAG_WINDOW_DAYS + 1)).isoformat()
            state = f"NOT CLEARED: progression is paused until at least {until}; see the person now"
        lines.append(f"{flag.date.isoformat()}: {flag.text}; {state}")
    return lines


def step_lines(report: Report) -> list[str]:
    lines = []
    for step in report.steps:
        way = "up" if step.after > step.before else "down"
        line = f"{step.date.isoformat()}: step {way}, {step.before} -> {step.after}"
        lines.append(line + (f": {reason_or_blank(step.reason)}" if step.reason else ""))
    return lines


def measure_lines(summary: MeasureSummary) -> list[str]:
    name = summary.measure.name
    if not summary.scores:
        return [f"{name}: not recorded."]
    if summary.change is None:
        only = summary.scores[0]
        return [
            f"{name}: {number(only.value)}{summary.measure.unit} on {only.date.isoformat()} "
            "(one check-in; a change needs two)."
        ]
    lines = [f"{name}: {change_text(summary.change)}."]
    lines += [f"  {activity}: {change_text(c)}." for activity, c in summary.activities]
    if summary.note:
        lines.append(f"  {summary.note}")
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
    "Date",
    "Week's pain (NPRS)",
    "PSFS average",
    "Chair stands (30 s)",
    "PSFS activities",
]
WEEK_HEAD = [
    "Week",
    "Dates",
    "Planned",
    "Done",
    "Walked",
    "Mean pain during",
    "Mean next morning",
]


def week_rows(report: Report) -> list[list[str]]:
    return [
        [
            str(w.number),
            f"{w.start.isoformat()} to {w.end.isoformat()}"
            + (" (so far)" if w.end > report.end else ""),
            str(w.planned),
            str(w.done),
            f"{w.walked} min",
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
    "knee-bend": "Knee bend (deg)",
    "knee-straighten": "Short of straight (deg)",
    "walk-40m": "40-m walk (s)",
    "stairs": "Stairs (s)",
    "tug": "TUG (s)",
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
    return ["Date", *(FOLLOW_UP_HEADS[key] for key in shown)], rows


def follow_up_parts(checkin: CheckIn) -> list[str]:
    """A check-in's follow-up measures in words, e.g. 'knee bend 95 degrees'."""
    values = checkin.follow_up()
    words = {
        "knee-bend": "knee bend {} degrees",
        "knee-straighten": "{} degrees short of straight",
        "walk-40m": "40-m fast-paced walk {} s",
        "stairs": "stair climb {} s",
        "tug": "Timed Up and Go {} s",
    }
    return [words[key].format(number(value)) for key, value in values.items() if value is not None]


def source_lines(measures: Sequence[Measure] = MEASURES) -> list[str]:
    lines = []
    for measure in measures:
        lines.append(f"{measure.name}: {measure.how} {measure.threshold_note}")
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
    return [*CHECKIN_HEAD, *(FOLLOW_UP_HEADS[key] for key in shown)], rows
