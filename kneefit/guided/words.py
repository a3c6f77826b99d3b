"""The guided session's words that the full screen (:mod:`.screen`) and ``--plain``
(:mod:`.plain`) both say: each category's word, the pace of reps, the sides, the stop rule
before starting, what to do about a warning sign, and the summary at the end."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from kneefit.guided.outcome import GuidedOutcome
from kneefit.guided.session_plan import Side
from kneefit.i18n import N_, _, format_decimal
from kneefit.models import Category, RedFlag

#: Each category's word on the session's screens, translated where shown
#: (:func:`category_label`); in Spanish the words ``list`` uses for the categories.
CATEGORY_LABELS = {
    Category.CARDIO: N_("Warm-up"),
    Category.STRENGTH: N_("Strength"),
    Category.BALANCE: N_("Balance"),
    Category.RANGE_OF_MOTION: N_("Range of motion"),
    Category.STRETCH: N_("Stretch"),
    Category.FOAM_ROLLING: N_("Release"),
}


#: The pace of a set of reps, translated where shown.
PACE = N_("slow and controlled: about 2 s up, 2 s down")


def category_label(category: Category) -> str:
    """The word for ``category`` on the session's screens, in the run's language."""
    return _(CATEGORY_LABELS[category])


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    rest = " " * len(first) if rest is None else rest
    return textwrap.wrap(
        text, width=max(20, width), initial_indent=first, subsequent_indent=rest
    ) or [first]


def side_words(side: Side, knee: str | None) -> str:
    """'left side' and 'right side' when one knee is named (its side first), else 'first
    side' and 'other side'."""
    first = side is Side.FIRST
    if knee not in ("left", "right"):
        return _("first side") if first else _("other side")
    if (knee == "left") == first:
        return _("left side")
    return _("right side")


def red_flag_words(flag: RedFlag) -> list[str]:
    """What to do about a warning sign noted in a session, in two sentences."""
    action = flag.action[:1].upper() + flag.action[1:]
    return [_("STOP: {sign}.").format(sign=flag.handout_sign or flag.sign), action]


def stop_words(red_flags: Sequence[RedFlag]) -> str:
    """When to stop and see a clinician, said before a session starts; with the plan's red
    flags, that the r key notes one."""
    if red_flags:
        return _(
            "Stop and see a doctor or physiotherapist if your knee locks, gives way, swells "
            "or turns hot and red; r notes it (a red flag) and ends the session."
        )
    return _(
        "Stop and see a doctor or physiotherapist if your knee locks, gives way, swells "
        "or turns hot and red."
    )


def summary_lines(result: GuidedOutcome, width: int) -> list[str]:
    """The session in a few lines: done, skipped, stopped for pain, time, pain and effort."""
    lines: list[str] = []
    for label, entries in (
        (_("Done ({count}): {names}"), result.done),
        (_("Skipped ({count}): {names}"), result.skipped),
        (_("Stopped for pain ({count}): {names}"), result.stopped),
    ):
        names = ", ".join(e.name for e in entries) if entries else _("none")
        lines += wrap(label.format(count=len(entries), names=names), width, "", "  ")
    if result.not_reached:
        why = _(" (the session was stopped for pain)") if result.ended_for_pain else ""
        names = ", ".join(result.not_reached)
        said = _("Not reached ({count}): {names}").format(
            count=len(result.not_reached), names=names
        )
        lines += wrap(said + why, width, "", "  ")
    tail = _("Time: {minutes} min").format(minutes=format_decimal(result.minutes))
    if result.pain is not None:
        tail += _(" \u00b7 pain {pain}/10").format(pain=result.pain)
    if result.effort is not None:
        tail += _(" \u00b7 effort {effort}/10").format(effort=result.effort)
    return [*lines, tail]
