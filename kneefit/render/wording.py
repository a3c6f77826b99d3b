"""The words for the log's decisions and changes (:mod:`kneefit.reasons`), and for what a
plan says before its exercises (:mod:`kneefit.cautions`).

Two audiences: a terminal or a file, where the command that does the next thing is part
of the sentence; and a patient's handout (``handout=True``), which names what to do, not
what to type.
"""

from __future__ import annotations

import sys

from kneefit.cautions import (
    Caution,
    ClinicianAppointments,
    ClinicianNotes,
    ClinicianOverride,
    ClinicianProgram,
    ConditionNote,
    DidNotFit,
    FloorNote,
    FollowClinician,
    LeftOut,
    LevelLowered,
    NoneFits,
    NoRelease,
    NoWarmUpFits,
    ProgramIsShort,
    RoleNeedsKit,
    RolesRuledOut,
    RoomToGrow,
    SeeClinicianFirst,
)
from kneefit.i18n import _
from kneefit.models import Dose, DoseKind, Progression
from kneefit.reasons import (
    AtHighestStep,
    Changed,
    ChangeKind,
    ClearedByClinician,
    EarlierMorningWorse,
    EarlierPainAbove,
    FeltHard,
    FirstSessionOfPhase,
    LittleMoreThanLastWeek,
    MorningNotLogged,
    MorningWorse,
    MovedOn,
    NoImprovement,
    NoSessions,
    NothingLeftInPhase,
    Notice,
    OneSessionSoFar,
    PainAboveCeiling,
    PainNotSettling,
    PainRising,
    ReadyForNextPhase,
    Reason,
    RedFlagStands,
    SameAsLastWeek,
    Shortened,
    SteppingUp,
)
from kneefit.render.words import value_word

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # pragma: no cover - Python 3.10
    from typing_extensions import assert_never


def reason_text(reason: Reason, *, handout: bool = False) -> str:
    """``reason`` in words; ``handout``: for a patient's handout, with no command lines."""
    if isinstance(reason, RedFlagStands):
        return _red_flag(reason, handout)
    if isinstance(reason, NoSessions):
        return _no_sessions(reason, handout)
    if isinstance(reason, MorningNotLogged):
        return _morning_not_logged(reason, handout)
    if isinstance(reason, MovedOn):
        return _moved_on(reason, handout)
    if isinstance(reason, ReadyForNextPhase):
        return _ready(reason, handout)
    if isinstance(reason, ClearedByClinician):
        return (
            f"A clinician saw your knee on {reason.day.isoformat()} ({reason.text}). "
            "The plan resumes one step down from where it was."
        )
    if isinstance(reason, PainNotSettling):
        return (
            f"Every session since {reason.since.isoformat()} has hurt more than "
            f"{reason.ceiling}/10, even after stepping down. Pain above that which does not "
            "settle needs a doctor or physiotherapist: see one before doing more."
        )
    if isinstance(reason, MorningWorse):
        return (
            f"The morning after {reason.day.isoformat()} your pain was {reason.morning}/10, "
            f"worse than your usual {reason.usual:g}/10: stepping down."
        )
    if isinstance(reason, PainAboveCeiling):
        return (
            f"Pain during the session on {reason.day.isoformat()} was {reason.pain}/10, above "
            f"the acceptable {reason.ceiling}/10: stepping down."
        )
    if isinstance(reason, PainRising):
        return (
            f"Your pain has risen over the last two weeks (from about {reason.earlier:.1f} "
            f"to {reason.later:.1f} out of 10). Pain should not climb from week to week: "
            "keeping the same plan until it settles."
        )
    if isinstance(reason, FeltHard):
        return (
            f"The session on {reason.day.isoformat()} felt hard (effort {reason.effort}/10). "
            "Keeping the same plan until it feels easier."
        )
    if isinstance(reason, OneSessionSoFar):
        return (
            f"Pain on {reason.day.isoformat()} was {reason.pain}/10, within the "
            f"{reason.ceiling}/10 this plan allows. One more session like it, settled by the "
            "next morning, and kneefit will step up."
        )
    if isinstance(reason, EarlierMorningWorse):
        return (
            f"The morning after {reason.day.isoformat()} was worse than usual; waiting for "
            "two good sessions in a row."
        )
    if isinstance(reason, EarlierPainAbove):
        return (
            f"The session on {reason.day.isoformat()} hurt more than this plan allows; "
            "waiting for two good sessions in a row."
        )
    if isinstance(reason, AtHighestStep):
        return "Your last two sessions went well; the plan is already at its highest step."
    if isinstance(reason, SteppingUp):
        first, last = reason.days
        return (
            f"Your last two sessions ({first.isoformat()}, {last.isoformat()}) had pain "
            f"{reason.pains[0]}/10 and {reason.pains[1]}/10, within the {reason.ceiling}/10 "
            "this plan allows, and settled by the next morning: stepping up."
        )
    if isinstance(reason, NothingLeftInPhase):
        return (
            "Nothing is left to progress in this phase within your minutes: every exercise "
            "is at the top of its range. A longer session, or the next phase when its "
            "criteria are met (under 'Your program'), takes it further."
        )
    if isinstance(reason, NoImprovement):
        return _no_improvement(reason, handout)
    if isinstance(reason, FirstSessionOfPhase):
        return (
            "Your last session was the first of a new phase of your program: one more "
            "session like it, settled by the next morning, before stepping up."
        )
    assert_never(reason)


def _no_improvement(reason: NoImprovement, handout: bool) -> str:
    measures = ", ".join(reason.measures)
    text = (
        f"Your check-ins from {reason.since.isoformat()} to {reason.latest.isoformat()} "
        f"({measures}) show no important improvement over {_weeks(reason.weeks)}, the time "
        "your program's source gives it. See a physiotherapist or doctor for a review; keep "
        "exercising meanwhile, as long as the pain rule allows."
    )
    if handout:
        return text
    return text + " ('kneefit report' writes your check-ins for them.)"


def _red_flag(reason: RedFlagStands, handout: bool) -> str:
    how = "." if handout else ' (kneefit log --cleared "who you saw and what they said").'
    return (
        f"Red flag logged on {reason.day.isoformat()}: {'; '.join(reason.flags)}. Stop "
        "exercising this knee and see a doctor or physiotherapist now. kneefit plans "
        "no exercises until you record that a clinician has seen your knee" + how
    )


def _no_sessions(reason: NoSessions, handout: bool) -> str:
    if handout:
        return _(
            "No sessions logged yet. After a session, write down how it went in the "
            "grid below; log it in kneefit and it will adapt the next plan."
        )
    return _(
        "No sessions logged yet. After a session, log how it went with "
        "'kneefit log --pain N --effort N' and kneefit will adapt the next plan."
    )


def _morning_not_logged(reason: MorningNotLogged, handout: bool) -> str:
    how = (
        ": write down your pain the next morning too."
        if handout
        else ": 'kneefit log --next-morning N'."
    )
    return (
        "Your last two sessions were within the pain this plan allows; kneefit steps "
        "up only when it knows the pain settled by the next morning" + how
    )


def _moved_on(reason: MovedOn, handout: bool) -> str:
    stay = (
        ""
        if handout
        else f" To stay in the earlier phase for now, plan with --phase {reason.before_id}."
    )
    return (
        f"On to the next phase of your program: {reason.after}. For {_weeks(reason.weeks)} "
        f"or more of {reason.before.lower()} ({reason.sessions} sessions or more), your "
        f"pain stayed at {reason.pain_at_most}/10 or less and settled by the next "
        "morning, as the program asks before moving on. The exercises start again at "
        "the bottom of their ranges." + stay
    )


def _ready(reason: ReadyForNextPhase, handout: bool) -> str:
    then = (
        f"--condition {reason.next_condition} instead"
        if reason.next_condition is not None
        else f"--phase {reason.next_id}"
    )
    how = (
        "check them with your physiotherapist."
        if handout
        else f"check them with your physiotherapist, then plan with {then}."
    )
    return (
        f"The plan is at the top of {reason.phase.lower()}. The next phase, "
        f"{reason.next_phase.lower()}, starts when its criteria (under 'Your program') "
        "are met: " + how
    )


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def reason_or_blank(reason: Reason | None) -> str:
    """``reason`` in words, or nothing when there is none."""
    return "" if reason is None else reason_text(reason)


def short_dose(dose: Dose) -> str:
    """A dose in a few characters: '2 x 10 reps', '3 x 30 s hold', '8 min'."""
    if dose.kind is DoseKind.MINUTES:
        return f"{dose.minutes} min"
    if dose.kind is DoseKind.REPS:
        text = f"{dose.sets} x {dose.reps} reps"
        text += f", hold {dose.hold_seconds} s" if dose.hold_seconds else ""
        return text + (f", weight +{dose.load_steps}" if dose.load_steps else "")
    if dose.kind is DoseKind.ROLL:
        return f"{dose.sets} x {dose.roll_seconds} s rolling"
    return f"{dose.sets} x {dose.hold_seconds} s hold"


_WHY = {
    ChangeKind.REPS: "more reps, towards the top of the range",
    ChangeKind.SET: "one more set, the reps at the top of the range",
    ChangeKind.HOLD: "a longer hold",
    ChangeKind.LOAD: "a heavier weight: fewer reps, each set hard by its last reps",
    ChangeKind.LIGHTER: "lighter, below the program's starting dose",
}


def change_text(change: Changed) -> str:
    """One change in words: 'Sit to stand: 2 x 10 reps -> 2 x 12 reps (more reps, ...)'."""
    name, after_name = change.name, change.after_name
    before = short_dose(change.before) if change.before is not None else ""
    after = short_dose(change.after) if change.after is not None else ""
    kind = change.kind
    if change.taken_back:
        if kind is ChangeKind.VARIANT:
            return f"Taken back: {after_name} -> {name} again ({before})"
        return f"Taken back: {name}, back to {before}"
    if kind is ChangeKind.LEFT_OUT:
        return f"{name}: left out to make room for the step up"
    if kind is ChangeKind.PINNED:
        return f"{name}: dose pinned by your physiotherapist"
    if kind is ChangeKind.VARIANT:
        return f"{name} -> {after_name} (the next step of its program, {after})"
    if kind in (ChangeKind.HARDER, ChangeKind.EASIER):
        return f"{name} -> {after_name} ({kind.value} variant, {after})"
    if kind is ChangeKind.DOSE:
        return f"{name}: {before} -> {after}"
    return f"{name}: {before} -> {after} ({_WHY[kind]})"


def clinician_first(progression: Progression | None, *, handout: bool = False) -> list[str]:
    """The log's reason to see a clinician, as the plan's first warning; none otherwise."""
    if progression is None or not progression.see_clinician:
        return []
    return [reason_text(progression.reasons[0], handout=handout)]


def notice_text(notice: Notice, *, handout: bool = False) -> str:
    """``notice`` in words; ``handout``: with no command lines."""
    if isinstance(notice, Shortened):
        option = "" if handout else f" (--max-exercises {notice.limit})"
        return (
            f"Kept {notice.limit} of {notice.total} exercises{option}: people keep up a short "
            "program better. Left out: " + ", ".join(notice.left_out) + "."
        )
    if isinstance(notice, SameAsLastWeek):
        log = " in kneefit" if handout else " (kneefit log)"
        return (
            f"Week {notice.week}: the same exercises and doses as week {notice.week - 1}. Log "
            f"each session{log}; kneefit moves a dose on only when your log shows the last "
            "sessions went well."
        )
    if isinstance(notice, LittleMoreThanLastWeek):
        week, before = notice.week, notice.week - 1
        return (
            f"Week {week}: a little more than week {before}: strength exercises 2 more reps or "
            "5 s longer holds, stretches 5 s longer, within the references' ranges. Only if "
            f"week {before} went well (pain up to {notice.safe}/10, no worse the next "
            f"morning); otherwise repeat week {before}."
        )
    assert_never(notice)


#: Said to a person in their own words: their conditions, level and kit.
_FITS = "fits your conditions, level and equipment."
#: What to do with time a plan leaves free.
_FILL = "walking or cycling at an easy pace can fill"

_RELEASE = {
    "catalogue": "No release exercise is in the catalogue.",
    "kit": (
        "No release exercise fits your equipment: a foam roller or a massage ball (a tennis "
        "ball will do) would add one."
    ),
    "conditions": "No release exercise fits your conditions for now.",
}


def caution_text(caution: Caution) -> str:
    """What a plan says before its exercises, in words (the same for a handout: none of
    these name a command)."""
    if isinstance(caution, ConditionNote):
        return caution.text
    if isinstance(caution, SeeClinicianFirst):
        return _(
            "{condition}: see a doctor or physiotherapist before starting this routine."
        ).format(condition=caution.condition)
    if isinstance(caution, LevelLowered):
        return _(
            "Your conditions keep this plan at {level} level for now (you asked for {asked})."
        ).format(level=value_word(caution.level), asked=value_word(caution.asked))
    if isinstance(caution, FloorNote):
        return _("Floor exercises: a carpet, a bed or a folded towel will do if you have no mat.")
    if isinstance(caution, NoWarmUpFits):
        return _("No low-impact cardio fits your conditions and equipment for a warm-up.")
    if isinstance(caution, NoneFits):
        if caution.group is None:
            return f"No {caution.kind} exercise {_FITS}"
        what = "strength exercise" if caution.kind == "strength" else caution.kind
        return f"No {what} for the {caution.group} {_FITS}"
    if isinstance(caution, NoRelease):
        return _RELEASE[caution.why]
    if isinstance(caution, DidNotFit):
        return _(
            "{exercise} did not fit in {minutes} minutes; a longer session would add it."
        ).format(exercise=caution.exercise, minutes=caution.minutes)
    if isinstance(caution, RolesRuledOut):
        return (
            f"Not in this plan, as no exercise for them {_FITS[:-1]}: {', '.join(caution.roles)}."
        )
    if isinstance(caution, RoleNeedsKit):
        return (
            f"No exercise for {caution.role} fits your equipment: {caution.exercise} "
            f"{caution.needs}."
        )
    if isinstance(caution, RoomToGrow):
        return (
            f"This plan takes about {caution.planned:.0f} of the {caution.asked} minutes you "
            "asked for: the rest is room for its exercises to grow as you progress. Until "
            f"then, {_FILL} it where your conditions allow."
        )
    if isinstance(caution, ProgramIsShort):
        return (
            f"This program takes about {caution.planned:.0f} minutes at its full dose, less "
            f"than the {caution.asked} you asked for: that is all it asks for now; {_FILL} "
            "the rest where your conditions allow."
        )
    if isinstance(caution, LeftOut):
        if caution.room:
            left = _(
                "Left out to fit {minutes} minutes with room to progress: {exercises}. A longer "
                "session adds them."
            )
        else:
            left = _("Left out to fit {minutes} minutes: {exercises}. A longer session adds them.")
        return left.format(minutes=caution.minutes, exercises=", ".join(caution.exercises))
    if isinstance(caution, ClinicianProgram):
        who = f"for {caution.name}" if caution.name else "from your physiotherapist"
        days = "daily" if caution.days_per_week == 7 else f"{caution.days_per_week} days a week"
        return f"A program {who}: {days}."
    if isinstance(caution, ClinicianNotes):
        return _("Notes from your physiotherapist: {notes}").format(
            notes=" ".join(caution.text.split())
        )
    if isinstance(caution, ClinicianOverride):
        why = "; ".join(r.rstrip(".") for r in caution.ruled_out)
        return (
            f"{caution.exercise} is in this program although it is {why}. "
            f"Your physiotherapist's reason: {caution.reason}"
        )
    if isinstance(caution, ClinicianAppointments):
        said = []
        if caution.boosters:
            days = ", ".join(d.isoformat() for d in caution.boosters)
            said.append(f"Booster sessions with your physiotherapist: {days}.")
        if caution.review is not None:
            said.append(
                f"Review with your physiotherapist: {caution.review.isoformat()}; bring your "
                "log (kneefit report)."
            )
        return " ".join(said)
    if isinstance(caution, FollowClinician):
        return (
            f"{', '.join(caution.conditions)}: follow this program as your doctor or "
            "physiotherapist advised, and see them if it does not suit your knee."
        )
    assert_never(caution)
