"""The weekly review ('kneefit review') in words: what each format says, and its layout in
text, Markdown and JSON. The figures and the advice come from :mod:`kneefit.review`."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from kneefit.i18n import N_, _, format_date, ngettext
from kneefit.measures import number
from kneefit.render.common import NOT_MEDICAL_ADVICE, source_text, year_text
from kneefit.render.escaping import md, md_link, plain
from kneefit.render.report_lines import both, knee_words
from kneefit.review import Sourced, WeekReview

REVIEW_TITLE = N_("kneefit: weekly review")
WIDTH = 78


def week_text(review: WeekReview) -> str:
    week = review.week
    start, end = format_date(week.start), format_date(week.end)
    if week.complete:
        return _("Week: {start} to {end}.").format(start=start, end=end)
    days = ngettext("{count} day", "{count} days", week.days).format(count=week.days)
    return _("Week: {start} to {end} (so far: {days}, to {last}).").format(
        start=start, end=end, days=days, last=format_date(week.last)
    )


def knee_text(review: WeekReview) -> str | None:
    if not review.knees:
        return None
    return _("Sessions for: {knees}.").format(knees=both([knee_words(k) for k in review.knees]))


def _state(on_track: bool) -> str:
    return _("On track.") if on_track else _("Behind.")


def sessions_text(review: WeekReview) -> str:
    text = ngettext(
        "Sessions: {done} of {planned} planned.",
        "Sessions: {done} of {planned} planned.",
        review.planned,
    ).format(done=review.done, planned=review.planned)
    return f"{text} {_state(review.sessions_on_track)}"


def walking_text(review: WeekReview) -> str:
    if review.walk_goal != review.walk_aim:
        text = _("Walking: {walked} of {goal} minutes (the aim is {aim} a week).")
    else:
        text = _("Walking: {walked} of {goal} minutes.")
    done = text.format(walked=review.walked, goal=review.walk_goal, aim=review.walk_aim)
    return f"{done} {_state(review.walking_on_track)}"


def _score(value: float | None) -> str:
    if value is None:
        return _("none logged")
    return _("{score}/10 on average").format(score=number(value))


def pain_texts(review: WeekReview) -> list[str]:
    pain = review.pain
    return [
        _("Pain during sessions: {now} ({before} in the 3 weeks before).").format(
            now=_score(pain.mean), before=_score(pain.earlier)
        ),
        _("Pain the next morning: {now} ({before} in the 3 weeks before).").format(
            now=_score(pain.next_morning), before=_score(pain.earlier_next_morning)
        ),
    ]


def progression_text(review: WeekReview) -> str:
    if review.done == 0:
        return _("Progression: no session logged, so the plan stayed where it was.")
    if review.steps == 0:
        return _("Progression: your plan stayed at the same step.")
    size = abs(review.steps)
    if review.steps > 0:
        text = ngettext(
            "Progression: your plan moved up {count} step.",
            "Progression: your plan moved up {count} steps.",
            size,
        )
    else:
        text = ngettext(
            "Progression: your plan moved down {count} step.",
            "Progression: your plan moved down {count} steps.",
            size,
        )
    return text.format(count=size)


def red_flag_text(review: WeekReview) -> str | None:
    if not review.red_flags:
        return None
    days = ", ".join(format_date(d) for d in review.red_flags)
    return _(
        "A red flag was logged this week ({days}), and no clinician's all-clear after it. "
        "Stop exercising that knee and see a doctor or physiotherapist; kneefit plans no "
        "exercises until you log that one has seen it (kneefit log --cleared 'who, and what "
        "they said')."
    ).format(days=days)


def verdict_text(review: WeekReview) -> str:
    if review.red_flags:
        return _("A red flag first.")
    if review.on_track:
        return _("On track this week.")
    if review.barrier is not None:
        return _("Behind this week. What got in the way: {reason}.").format(
            reason=review.barrier.label
        )
    return _("Behind this week.")


def ask_text(labels: Sequence[str]) -> str:
    return _(
        "What got in the way? Name it for advice matched to it: kneefit review --barrier "
        "REASON, where REASON is one of: {reasons}."
    ).format(reasons=", ".join(labels))


def _marks(sourced: Sourced, review: WeekReview) -> str:
    numbers = [
        next(n for n, s in enumerate(review.sources, 1) if s.id == i) for i in sourced.sources
    ]
    return "[" + ", ".join(str(n) for n in sorted(numbers)) + "]"


def _why(review: WeekReview) -> str:
    return _("Why look back each week: {text} {marks}").format(
        text=review.about.text, marks=_marks(review.about, review)
    )


def _wrapped(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def review_text(review: WeekReview) -> str:
    """The review at 78 columns, for a terminal, a file or a pipe."""
    title = _(REVIEW_TITLE)
    lines = [title, "=" * len(title), week_text(review)]
    knee = knee_text(review)
    if knee:
        lines.append(knee)
    lines += ["", *_wrapped(_(NOT_MEDICAL_ADVICE), "", ""), ""]
    for text in (
        sessions_text(review),
        walking_text(review),
        *pain_texts(review),
        progression_text(review),
    ):
        lines += _wrapped(text, "", "  ")
    lines += ["", verdict_text(review)]
    flag = red_flag_text(review)
    if flag:
        lines += _wrapped(flag, "  ! ", "    ")
    for piece in review.advice:
        lines += _wrapped(f"{piece.text} {_marks(piece, review)}", "  - ", "    ")
    if review.asks_barrier:
        lines += _wrapped(ask_text(review.barrier_labels), "  ", "  ")
    if review.tries:
        lines += ["", _("With kneefit:")]
        for line in review.tries:
            lines += _wrapped(line, "  - ", "    ")
    lines += ["", *_wrapped(_why(review), "", "")]
    lines += ["", _("Sources")]
    for n, source in enumerate(review.sources, 1):
        lines += _wrapped(source_text(source), f"  [{n}] ", " " * (len(str(n)) + 5))
    return plain("\n".join(lines) + "\n")


def review_markdown(review: WeekReview) -> str:
    """The review in CommonMark: headings, a list of figures, the advice, the sources."""
    lines = [f"# {md(_(REVIEW_TITLE))}", "", md(week_text(review))]
    knee = knee_text(review)
    if knee:
        lines += ["", md(knee)]
    lines += ["", f"*{_(NOT_MEDICAL_ADVICE)}*", "", "## " + _("The week"), ""]
    lines += [
        f"- {md(t)}"
        for t in (
            sessions_text(review),
            walking_text(review),
            *pain_texts(review),
            progression_text(review),
        )
    ]
    lines += ["", f"## {md(verdict_text(review))}", ""]
    flag = red_flag_text(review)
    if flag:
        lines += [f"**{md(flag)}**", ""]
    lines += [f"- {md(piece.text)} {md(_marks(piece, review))}" for piece in review.advice]
    if review.asks_barrier:
        lines += ["", md(ask_text(review.barrier_labels))]
    if review.tries:
        lines += ["", _("With kneefit:"), ""]
        lines += [f"- {md(line)}" for line in review.tries]
    lines += ["", md(_why(review))]
    lines += ["", "## " + _("Sources"), ""]
    for n, source in enumerate(review.sources, 1):
        where = md_link(source.url) if source.url else md(source.note or "")
        title = source.title if source.title.endswith((".", "?", "!")) else source.title + "."
        lines.append(f"{n}. {md(title)} {md(source.publisher)}, {year_text(source)}. {where}")
    return "\n".join(lines) + "\n"


def _sourced(piece: Sourced) -> dict[str, Any]:
    return {"text": piece.text, "sources": list(piece.sources)}


def review_data(review: WeekReview) -> dict[str, Any]:
    """The review as JSON data (the schema: kneefit/schemas/review.schema.json)."""
    week, pain = review.week, review.pain
    return {
        "week": {
            "start": week.start.isoformat(),
            "end": week.end.isoformat(),
            "last_day": week.last.isoformat(),
            "complete": week.complete,
        },
        "knees": list(review.knees),
        "sessions": {
            "planned": review.planned,
            "done": review.done,
            "on_track": review.sessions_on_track,
        },
        "walking": {
            "minutes": review.walked,
            "goal": review.walk_goal,
            "goal_a_week": review.walk_aim,
            "on_track": review.walking_on_track,
        },
        "pain": {
            "mean": pain.mean,
            "next_morning": pain.next_morning,
            "earlier_weeks": 3,
            "earlier_mean": pain.earlier,
            "earlier_next_morning": pain.earlier_next_morning,
        },
        "steps": review.steps,
        "red_flags": [d.isoformat() for d in review.red_flags],
        "on_track": review.on_track,
        "barrier": (
            {"id": review.barrier.id, "label": review.barrier.label}
            if review.barrier is not None
            else None
        ),
        "asks_barrier": review.asks_barrier,
        "advice": [_sourced(piece) for piece in review.advice],
        "try": list(review.tries),
        "about": _sourced(review.about),
        "sources": [s.model_dump(mode="json") for s in review.sources],
    }
