"""Wording shared by every renderer: doses, requests and safety notes as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kneefit.catalogue import Catalogue
from kneefit.i18n import (
    N_,
    SOURCE_LANGUAGE,
    _,
    format_date,
    format_decimal,
    language,
    ngettext,
)
from kneefit.models import (
    Citation,
    Condition,
    Day,
    Dose,
    DoseKind,
    Exercise,
    FlareUp,
    LoggedDose,
    PainRule,
    ProgramSummary,
    Progression,
    Routine,
    Safety,
    Schedule,
    Session,
    SessionDose,
    ShortfallWords,
    Source,
    Support,
)
from kneefit.reasons import NothingLeftInPhase
from kneefit.render.escaping import url_text
from kneefit.value_words import value_word

NOT_MEDICAL_ADVICE = N_(
    "kneefit is not medical advice and does not replace a doctor or physiotherapist."
)


@dataclass(frozen=True)
class RenderOptions:
    """How the output will be seen: colour, width, and whether only ASCII can be shown;
    whether a plan explains what it left out, and whether it stops after its table."""

    color: bool = False
    width: int = 100
    ascii_only: bool = False
    explain: bool = False
    brief: bool = False


def dose_text(dose: Dose) -> str:
    """A dose as a person reads it: '3 sets of 10 reps, each side, rest 60 s'; with the
    weight a program has added ('weight: 2 steps heavier than your first'). In English,
    the very words of ``describe()`` (the log's)."""
    text = session_dose_text(dose)
    if dose.load_steps:
        text += ngettext(
            ", weight: {count} step heavier than your first",
            ", weight: {count} steps heavier than your first",
            dose.load_steps,
        ).format(count=dose.load_steps)
    return text


def session_dose_text(dose: SessionDose) -> str:
    """What one session does of a dose, in the run's language: in English exactly
    :meth:`SessionDose.describe` (which the log keeps and reads back, in English)."""
    if language() == "en":
        return dose.describe()
    if dose.kind is DoseKind.MINUTES:
        return _("{minutes} min").format(minutes=dose.minutes)
    if dose.kind is DoseKind.REPS and dose.sets == 1 and (dose.hold_seconds or 0) >= 30:
        text = ngettext(
            "hold {seconds} s, {count} time", "hold {seconds} s, {count} times", dose.reps or 0
        ).format(seconds=dose.hold_seconds, count=dose.reps)
    elif dose.kind is DoseKind.REPS:
        text = ngettext(
            "{sets} set of {reps} reps", "{sets} sets of {reps} reps", dose.sets
        ).format(sets=dose.sets, reps=dose.reps)
        if dose.hold_seconds:
            text += _(", hold each {seconds} s").format(seconds=dose.hold_seconds)
    elif dose.kind is DoseKind.ROLL:
        text = _("roll each area for {seconds} s").format(seconds=dose.roll_seconds)
        if dose.sets > 1:
            text += _(", {count} times").format(count=dose.sets)
    else:
        text = _("hold {seconds} s").format(seconds=dose.hold_seconds)
        if dose.sets > 1:
            text += _(", {count} times").format(count=dose.sets)
    if dose.per_side:
        text += _(", each side")
    if dose.sets > 1 and dose.rest_seconds:
        text += _(", rest {seconds} s between").format(seconds=dose.rest_seconds)
    return text


def logged_dose_text(dose: LoggedDose) -> str:
    """A logged exercise's dose as a person reads it: '2 sets of 10 reps', or how much of
    it a guided session did ('1 of 2 sets (planned: 2 sets of 10 reps); ended early'); in
    English exactly :meth:`LoggedDose.describe` (the log keeps data, not these words)."""
    if language() == SOURCE_LANGUAGE or dose.dose is None:
        return dose.describe()
    return dose.worded(session_dose_text(dose.dose), _shortfall_words())


def _shortfall_words() -> ShortfallWords:
    """A shortfall's words in the run's language (:meth:`LoggedDose.worded` reads it)."""

    def sets_done(count: int, one_side: bool) -> str:
        if one_side:
            return ngettext(
                "{done} of {count} set and one side (planned: {planned})",
                "{done} of {count} sets and one side (planned: {planned})",
                count,
            )
        return ngettext(
            "{done} of {count} set (planned: {planned})",
            "{done} of {count} sets (planned: {planned})",
            count,
        )

    return ShortfallWords(
        none_done=_("none done (planned: {planned})"),
        sets_done=sets_done,
        ended_early=_("; ended early"),
        stopped_for_pain=_("; stopped for pain {pain}/10"),
    )


def frequency_text(dose: Dose) -> str:
    if dose.days_per_week == 7:
        return _("daily")
    if language() == "en":  # as it always said, "1 days a week" included
        return f"{dose.days_per_week} days a week"
    return ngettext("{days} day a week", "{days} days a week", dose.days_per_week).format(
        days=dose.days_per_week
    )


def week_note(schedule: Schedule, week: int, *, handout: bool = False) -> str | None:
    """What a schedule says at the start of ``week`` (from the second on), if anything."""
    from kneefit.render.wording import notice_text

    index = week - 2
    if 0 <= index < len(schedule.week_notes):
        return notice_text(schedule.week_notes[index], handout=handout)
    return None


def dose_line(dose: Dose) -> str:
    """The dose, how often, and (a program's) how hard: the line under an exercise."""
    line = f"{dose_text(dose)}; {frequency_text(dose)}"
    if dose.intensity:
        line += _(". How hard: {intensity}").format(
            intensity=f"{dose.intensity[:1].lower()}{dose.intensity[1:]}"
        )
    return line


def equipment_text(exercise: Exercise) -> str:
    return ", ".join(value_word(e.value) for e in exercise.equipment) or _("none")


def muscles_text(exercise: Exercise) -> str:
    text = ", ".join(value_word(m.value) for m in exercise.primary_muscles)
    if exercise.secondary_muscles:
        also = ", ".join(value_word(m.value) for m in exercise.secondary_muscles)
        text += _(" (also {muscles})").format(muscles=also)
    return text


def request_text(routine: Routine) -> str:
    """'For: Osteoarthritis; level beginner; 30 minutes (about 28 planned)', naming the knee
    where one is named ('; left knee') and then which side an exercise done each side starts
    on."""
    request = routine.request
    conditions = ", ".join(c.name for c in routine.conditions) or _("no condition given")
    knee = f"; {knee_text(routine.knee)}" if routine.knee is not None else ""
    text = _(
        "For: {conditions}{knee}; level {level}; {minutes} minutes (about {planned} planned)"
    ).format(
        conditions=conditions,
        knee=knee,
        level=value_word(request.level.value),
        minutes=request.minutes,
        planned=f"{routine.estimated_minutes:g}"
        if language() == "en"
        else format_decimal(routine.estimated_minutes),
    )
    first = side_first_text(routine)
    return f"{text}. {first}" if first else text


def knee_text(knee: str) -> str:
    """'left knee', 'right knee' or 'both knees'."""
    if knee == "both":
        return _("both knees")
    return _("left knee") if knee == "left" else _("right knee")


def knee_sentence(routine: Routine) -> str | None:
    """'For the left knee. Exercises done each side: left side first, then the right.'
    (None where no knee is named)."""
    if routine.knee is None:
        return None
    first = side_first_text(routine)
    if routine.knee == "both":
        which = _("For both knees.")
    elif routine.knee == "left":
        which = _("For the left knee.")
    else:
        which = _("For the right knee.")
    return which + (f" {first}" if first else "")


def side_first_text(routine: Routine) -> str | None:
    """Which side exercises done each side start on: the named knee's (None for both knees,
    no knee named, or no exercise done each side)."""
    if routine.knee not in ("left", "right"):
        return None
    per_side = any(i.dose.per_side for s in routine.sections for i in s.items)
    if not per_side:
        return None
    if routine.knee == "left":
        return _("Exercises done each side: left side first, then the right.")
    return _("Exercises done each side: right side first, then the left.")


def equipment_request_text(routine: Routine) -> str:
    kit = sorted(e.value for e in routine.request.equipment)
    words = ", ".join(value_word(k) for k in kit) if kit else _("none (bodyweight only)")
    return _("Equipment: {kit}").format(kit=words)


def source_text(source: Source) -> str:
    where = url_text(source.url) if source.url else source.note
    title = source.title if source.title.endswith((".", "?", "!")) else source.title + "."
    return f"{title} {source.publisher}, {year_text(source)}. {where}"


def citation_text(citation: Citation) -> str | None:
    """What a source is cited for, as ``show`` prints it: 'For the exercise and its dose:
    shows ...'; None when the catalogue says nothing of it."""
    if citation.note is None and citation.supports is None:
        return None
    what = _(
        {
            Support.EXERCISE: N_("For the exercise"),
            Support.DOSE: N_("For the dose"),
            Support.BOTH: N_("For the exercise and its dose"),
            None: N_("Cited"),
        }[citation.supports]
    )
    return f"{what}: {citation.note}" if citation.note else what + "."


def year_text(source: Source) -> str:
    """A source's year as a reference list gives it; 'no date' for an undated page."""
    return _("no date") if source.year is None else str(source.year)


def pain_bands(rule: PainRule) -> list[tuple[str, str]]:
    """The pain rule's bands, each with what to do: safe, acceptable (when a program's
    ceiling leaves room for one), too much, and the next morning."""
    between = _("{low} to {high}")
    bands = [(between.format(low=0, high=rule.safe_max), rule.safe)]
    if rule.acceptable_max == rule.safe_max + 1:
        bands.append((str(rule.acceptable_max), rule.acceptable))
    elif rule.acceptable_max > rule.safe_max:
        bands.append(
            (between.format(low=rule.safe_max + 1, high=rule.acceptable_max), rule.acceptable)
        )
    bands += [
        (_("Above {value}").format(value=rule.acceptable_max), rule.stop),
        (_("Next morning"), rule.next_morning),
    ]
    return bands


def safety_lines(
    safety: Safety, conditions: Sequence[Condition] = ()
) -> list[tuple[str, list[str]]]:
    """The safety guidance as headed groups of lines, in the order they are printed (the
    flare-up plan only where it applies to ``conditions``)."""
    return [
        (
            _("Pain rule (0 = no pain, 10 = worst imaginable)"),
            [f"{band}: {text}" for band, text in pain_bands(safety.pain_rule)],
        ),
        (_("Discomfort is not pain"), [safety.discomfort_vs_pain]),
        *education_lines(safety),
        (_("See a clinician first"), [safety.see_clinician_first]),
        (_(RED_FLAGS_TITLE), [f"{f.sign}: {f.action}" for f in safety.red_flags]),
        (_("Pain that lasts"), [safety.persistent_pain]),
        *flare_up_lines(safety, conditions),
    ]


#: The headings of the flare-up plan and of what pain means, as every renderer prints them.
FLARE_UP_TITLE = N_("On a bad day (a flare-up)")
HURT_TITLE = N_("Hurt is not harm")
WHY_TITLE = N_("Why exercise helps")
#: The heading of the warning signs (printed in red on a terminal).
RED_FLAGS_TITLE = N_("Stop and see a clinician now if")


def flare_up_lines(
    safety: Safety, conditions: Sequence[Condition] = ()
) -> list[tuple[str, list[str]]]:
    """The flare-up plan as a headed group (none for a catalogue that gives none, or for
    a plan for one of the conditions it is not for)."""
    plan = safety.flare_up
    if plan is None or not plan.applies_to(c.id for c in conditions):
        return []
    return [(_(FLARE_UP_TITLE), [plan.what, plan.lighter, plan.back, plan.see])]


def education_lines(safety: Safety) -> list[tuple[str, list[str]]]:
    """What pain during exercise means and why exercise helps, as headed groups (none for
    a catalogue that gives neither)."""
    said = safety.education
    if said is None:
        return []
    return [(_(HURT_TITLE), [said.hurt_not_harm]), (_(WHY_TITLE), [said.why_exercise_helps])]


def flare_session_text(flare: FlareUp) -> str:
    """The bad-day session in one sentence, in order: an easier variant says which
    exercise it stands in for; exercises whose lighter dose only has fewer sets are named
    together where the first of them is ("Clamshell and Calf raise: 1 set each"); the
    rest with their whole dose."""
    parts: list[str | tuple[int, str]] = []
    together: dict[tuple[int, str], list[str]] = {}
    for item in flare.exercises:
        if item.instead_of is None and _fewer_sets_only(item.dose, item.full):
            # A hold's sets are "times" on its card ("hold 10 s, 3 times").
            unit = "set" if item.dose.reps is not None else "time"
            key = (item.dose.sets, unit)
            if key not in together:
                together[key] = []
                parts.append(key)
            together[key].append(item.exercise.name)
        elif item.instead_of is not None:
            name = _("{easier} instead of {exercise}").format(
                easier=item.exercise.name, exercise=item.instead_of.name
            )
            parts.append(f"{name}: {dose_text(item.dose)}")
        else:
            parts.append(f"{item.exercise.name}: {dose_text(item.dose)}")

    def worded(part: str | tuple[int, str]) -> str:
        if isinstance(part, str):
            return part
        (sets, unit), names = part, together[part]
        if len(names) == 1:
            who = names[0]
        else:
            who = _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
        if unit == "set":
            many = ngettext("{count} set", "{count} sets", sets).format(count=sets)
        else:
            many = ngettext("{count} time", "{count} times", sets).format(count=sets)
        if len(names) > 1:
            many = _("{dose} each").format(dose=many)
        return f"{who}: {many}"

    return "; ".join(worded(p) for p in parts) + "."


def _fewer_sets_only(light: Dose, full: Dose) -> bool:
    """Whether ``light`` is ``full`` with fewer sets (and no effort target or weight)."""
    plain = {"sets": 1, "intensity": None, "load_steps": 0}
    return light.sets < full.sets and light.model_copy(update=plain) == full.model_copy(
        update=plain
    )


def condition_rule_groups(condition: Condition) -> list[tuple[str, list[str]]]:
    """A condition's rules under their headings, each with why: what it rules out, how it
    limits a plan, and what it favours (no heading without lines)."""
    ruled = []
    for rule in condition.rules_out:
        what = [value_word(t.value) for t in rule.tags]
        what += [value_word(t.value) for t in rule.traits] + list(rule.exercises)
        but = _(" (but not {exercises})").format(exercises=", ".join(rule.allows))
        ruled.append(f"{', '.join(what)}{but if rule.allows else ''}: {rule.reason}")
    limited = []
    limits = condition.limits
    if limits is not None:
        parts = []
        if limits.only_traits:
            kinds = _(" or ").join(value_word(t.value) for t in limits.only_traits)
            parts.append(_("only {kinds} exercises").format(kinds=kinds))
        if limits.max_level is not None:
            level = value_word(limits.max_level.value)
            parts.append(_("{level} level at most").format(level=level))
        if limits.max_knee_flexion is not None:
            degrees = limits.max_knee_flexion
            parts.append(_("knee bend at most {degrees} degrees").format(degrees=degrees))
        if limits.volume < 1.0:
            share = f"{round(limits.volume * 100)}%"
            parts.append(_("about {share} of the usual dose").format(share=share))
        if limits.max_days_per_week is not None:
            days = limits.max_days_per_week
            parts.append(_("at most {days} days a week").format(days=days))
        limited.append(f"{'; '.join(parts)}: {limits.reason}")
    favoured = []
    for preference in condition.prefers:
        what = [value_word(t.value) for t in preference.traits] + list(preference.exercises)
        favoured.append(f"{', '.join(what)}: {preference.reason}")
    groups = [(_("Rules out"), ruled), (_("Limits"), limited), (_("Favours"), favoured)]
    return [(heading, lines) for heading, lines in groups if lines]


def program_text(condition: Condition, catalogue: Catalogue) -> str | None:
    """The program a condition starts a person on, and in which phase; None without one."""
    from kneefit.prescribe import program_for

    found = program_for(catalogue, condition)
    if found is None:
        return None
    phases = len(found.program.phases)
    number = found.program.phases.index(found.phase) + 1
    where = _(" (phase {number} of {phases})").format(number=number, phases=phases)
    return f"{found.program.name}: {found.phase.name}{where if phases > 1 else ''}"


def condition_rule_lines(condition: Condition) -> list[str]:
    """A condition's rules on one list, each line starting with its heading's word."""
    return [
        f"{heading.lower()} {line}"
        for heading, lines in condition_rule_groups(condition)
        for line in lines
    ]


PROGRESS_TITLE = N_("Your progress")
PROGRAM_TITLE = N_("Your program")


def program_lines(program: ProgramSummary) -> list[str]:
    """What a plan's condition programs are: each phase and its aim, the pain ceiling,
    and when to move on."""
    lines = [f"{p.program}: {p.phase}. {p.goal}" for p in program.phases]
    lines.append(
        _(
            "Keep pain during exercise at {ceiling} out of 10 or less, settled by the next morning."
        ).format(ceiling=program.pain_ceiling)
    )
    for phase in program.phases:
        if phase.move_on:
            lines.append(
                _("Move on from {phase} when: ").format(phase=phase.phase.lower())
                + " ".join(phase.move_on)
            )
    return lines


def progression_lines(progression: Progression, *, handout: bool = False) -> list[str]:
    """What the log did to this plan: the step, the reasons, then each change."""
    from kneefit.render.wording import change_text, reason_text

    label = {"up": _("Step up"), "down": _("Step down"), "hold": _("Same plan")}.get(
        progression.step, _("No progression")
    )
    if progression.step == "up" and any(
        isinstance(r, NothingLeftInPhase) for r in progression.reasons
    ):
        # Ready for a step up that found nothing to change: the plan is as it was.
        label = _("Same plan")
    reasons = [reason_text(r, handout=handout) for r in progression.reasons]
    lines = [
        _("{label} (progression step {stage}): {reason}").format(
            label=label, stage=progression.stage, reason=reasons[0]
        )
    ]
    lines += reasons[1:]
    lines += [_("Changed: {change}").format(change=change_text(c)) for c in progression.changes]
    return lines


def plan_warnings(routine: Routine, *, handout: bool = False) -> list[str]:
    """The plan's warnings, a reason from the log to see a clinician first."""
    from kneefit.render.wording import caution_text, clinician_first, notice_text

    return [
        *clinician_first(routine.progression, handout=handout),
        *(caution_text(c) for c in routine.warnings),
        *(notice_text(n, handout=handout) for n in routine.notices),
    ]


def weekday_date(day: date) -> str:
    """'Tue 2026-11-24'; in another language, the day written out by Babel: 'martes, 24 de
    noviembre de 2026'."""
    if language() == SOURCE_LANGUAGE:
        return f"{day.strftime('%a')} {day.isoformat()}"
    return format_date(day, "full")


def day_heading(day: Day) -> str:
    """'Tue 2026-11-24: strength, about 28 min', or '...: rest'."""
    when = weekday_date(day.date)
    if day.rest:
        return _("{when}: rest").format(when=when)
    return _("{when}: {focus}, about {minutes} min").format(
        when=when, focus=value_word(day.focus.value), minutes=f"{day.minutes:.0f}"
    )


def day_items(day: Day) -> list[str]:
    """Each exercise of a day with its dose: 'Wall sit: hold 20 s, 3 times'."""
    return [f"{i.exercise.name}: {dose_text(i.dose)}" for s in day.sections for i in s.items]


def schedule_text(schedule: Schedule) -> str:
    weeks = ngettext("{count} week", "{count} weeks", schedule.weeks).format(count=schedule.weeks)
    days = ngettext("{count} session", "{count} sessions", schedule.days_per_week).format(
        count=schedule.days_per_week
    )
    text = _("{days} a week for {weeks}, from {when}.").format(
        days=days, weeks=weeks, when=weekday_date(schedule.start)
    )
    daily = [
        i.exercise.name
        for s in schedule.routine.sections
        for i in s.items
        if i.dose.days_per_week == 7 and schedule.days_per_week < 7
    ]
    if daily:
        text += " " + _("On rest days, the daily stretches ({names}) are welcome too.").format(
            names=", ".join(daily)
        )
    return text


def schedule_exercises(schedule: Schedule) -> list[Exercise]:
    """Every exercise of the schedule once, in the order it first appears."""
    seen: dict[str, Exercise] = {}
    for day in schedule.days:
        for section in day.sections:
            for item in section.items:
                seen.setdefault(item.exercise.id, item.exercise)
    return list(seen.values())


class SessionOrWeek:
    """A format that shows a one-off plan as one session, and a week's plan day by day."""

    def _session(self, routine: Routine) -> str:
        raise NotImplementedError

    def _week(self, schedule: Schedule) -> str:
        raise NotImplementedError

    def plan(self, schedule: Schedule) -> str:
        if schedule.one_off:
            return self._session(schedule.routine)
        return self._week(schedule)


class PlansOnly:
    """For formats made for plans alone (a handout, a calendar): the rest is a usage mistake."""

    format_name = ""

    def _refuse(self) -> str:
        from kneefit.errors import UsageError

        raise UsageError(f"the {self.format_name} format is for plans: use it with 'kneefit plan'")

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        return self._refuse()

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        return self._refuse()

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        return self._refuse()

    def history(self, sessions: Sequence[Session]) -> str:
        return self._refuse()
