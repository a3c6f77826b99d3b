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
from kneefit.exclusion_words import why_not_text, why_not_texts
from kneefit.i18n import N_, SOURCE_LANGUAGE, _, format_date, format_decimal, language, ngettext
from kneefit.models import Dose, DoseKind, Progression
from kneefit.reasons import (
    AtHighestStep,
    Changed,
    ChangeKind,
    ClearedByClinician,
    EarlierMorningWorse,
    EarlierPainAbove,
    FeltHard,
    FewerDaysFilled,
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
    PlanNotice,
    ReadyForNextPhase,
    Reason,
    RedFlagStands,
    RestDaysCap,
    ReviewDue,
    SameAsLastWeek,
    Shortened,
    SteppingUp,
)
from kneefit.value_words import role_word, value_word

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
        return _(
            "A clinician saw your knee on {day} ({text}). "
            "The plan resumes one step down from where it was."
        ).format(day=format_date(reason.day), text=reason.text)
    if isinstance(reason, PainNotSettling):
        return _(
            "Every session since {since} has hurt more than {ceiling}/10, even after stepping "
            "down. Pain above that which does not settle needs a doctor or physiotherapist: "
            "see one before doing more."
        ).format(since=format_date(reason.since), ceiling=reason.ceiling)
    if isinstance(reason, MorningWorse):
        return _(
            "The morning after {day} your pain was {morning}/10, worse than your usual "
            "{usual}/10: stepping down."
        ).format(
            day=format_date(reason.day), morning=reason.morning, usual=format_decimal(reason.usual)
        )
    if isinstance(reason, PainAboveCeiling):
        return _(
            "Pain during the session on {day} was {pain}/10, above the acceptable "
            "{ceiling}/10: stepping down."
        ).format(day=format_date(reason.day), pain=reason.pain, ceiling=reason.ceiling)
    if isinstance(reason, PainRising):
        return _(
            "Your pain has risen over the last two weeks (from about {earlier} to {later} out "
            "of 10). Pain should not climb from week to week: keeping the same plan until it "
            "settles."
        ).format(earlier=_one_decimal(reason.earlier), later=_one_decimal(reason.later))
    if isinstance(reason, FeltHard):
        return _(
            "The session on {day} felt hard (effort {effort}/10). "
            "Keeping the same plan until it feels easier."
        ).format(day=format_date(reason.day), effort=reason.effort)
    if isinstance(reason, OneSessionSoFar):
        return _(
            "Pain on {day} was {pain}/10, within the {ceiling}/10 this plan allows. One more "
            "session like it, settled by the next morning, and kneefit will step up."
        ).format(day=format_date(reason.day), pain=reason.pain, ceiling=reason.ceiling)
    if isinstance(reason, EarlierMorningWorse):
        return _(
            "The morning after {day} was worse than usual; waiting for two good sessions in a row."
        ).format(day=format_date(reason.day))
    if isinstance(reason, EarlierPainAbove):
        return _(
            "The session on {day} hurt more than this plan allows; waiting for two good "
            "sessions in a row."
        ).format(day=format_date(reason.day))
    if isinstance(reason, AtHighestStep):
        return _("Your last two sessions went well; the plan is already at its highest step.")
    if isinstance(reason, SteppingUp):
        return _stepping_up(reason)
    if isinstance(reason, NothingLeftInPhase) and reason.full:
        return _(
            "Your session is full: the next steps up would take it past your minutes. A "
            "longer session, or the next phase when its criteria are met (under 'Your "
            "program'), takes it further."
        )
    if isinstance(reason, NothingLeftInPhase):
        return _(
            "Nothing is left to progress in this phase within your minutes: every exercise "
            "is at the top of its range. A longer session, or the next phase when its "
            "criteria are met (under 'Your program'), takes it further."
        )
    if isinstance(reason, NoImprovement):
        return _no_improvement(reason, handout)
    if isinstance(reason, FirstSessionOfPhase):
        return _(
            "Your last session was the first of a new phase of your program: one more "
            "session like it, settled by the next morning, before stepping up."
        )
    assert_never(reason)


def _stepping_up(reason: SteppingUp) -> str:
    """Two good sessions: stepping up, or ready for more where no step was left to take."""
    first, last = reason.days
    said = (
        _(
            "Your last two sessions ({day1}, {day2}) had pain {pain1}/10 and {pain2}/10, "
            "within the {ceiling}/10 this plan allows, and settled by the next morning: "
            "stepping up."
        )
        if reason.made
        else _(
            "Your last two sessions ({day1}, {day2}) had pain {pain1}/10 and {pain2}/10, "
            "within the {ceiling}/10 this plan allows, and settled by the next morning: "
            "you are ready for more."
        )
    )
    return said.format(
        day1=format_date(first),
        day2=format_date(last),
        pain1=reason.pains[0],
        pain2=reason.pains[1],
        ceiling=reason.ceiling,
    )


def _one_decimal(number: float) -> str:
    """``number`` to one decimal place, with the language's decimal mark."""
    text = f"{number:.1f}"
    return text if language() == SOURCE_LANGUAGE else text.replace(".", ",")


def _no_improvement(reason: NoImprovement, handout: bool) -> str:
    text = _(
        "Your check-ins from {since} to {latest} ({measures}) show no important improvement "
        "over {weeks}, the time your program's source gives it. See a physiotherapist or "
        "doctor for a review; keep exercising meanwhile, as long as the pain rule allows."
    ).format(
        since=format_date(reason.since),
        latest=format_date(reason.latest),
        measures=", ".join(reason.measures),
        weeks=_weeks(reason.weeks),
    )
    if handout:
        return text
    return text + " " + _("('kneefit report' writes your check-ins for them.)")


def _red_flag(reason: RedFlagStands, handout: bool) -> str:
    if handout:
        text = _(
            "Red flag logged on {day}: {flags}. Stop exercising this knee and see a doctor or "
            "physiotherapist now. kneefit plans no exercises until you record that a "
            "clinician has seen your knee."
        )
    else:
        text = _(
            "Red flag logged on {day}: {flags}. Stop exercising this knee and see a doctor or "
            "physiotherapist now. kneefit plans no exercises until you record that a "
            'clinician has seen your knee (kneefit log --cleared "who you saw and what they '
            'said").'
        )
    return text.format(day=format_date(reason.day), flags="; ".join(reason.flags))


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
    if handout:
        return _(
            "Your last two sessions were within the pain this plan allows; kneefit steps up "
            "only when it knows the pain settled by the next morning: write down your pain "
            "the next morning too."
        )
    return _(
        "Your last two sessions were within the pain this plan allows; kneefit steps up "
        "only when it knows the pain settled by the next morning: 'kneefit log "
        "--next-morning N'."
    )


def _moved_on(reason: MovedOn, handout: bool) -> str:
    text = _(
        "On to the next phase of your program: {after}. For {weeks} or more of {previous} "
        "({sessions} sessions or more), your pain stayed at {pain}/10 or less and settled "
        "by the next morning, as the program asks before moving on. The exercises start "
        "again at the bottom of their ranges."
    ).format(
        after=reason.after,
        weeks=_weeks(reason.weeks),
        previous=reason.before.lower(),
        sessions=reason.sessions,
        pain=reason.pain_at_most,
    )
    if handout:
        return text
    return (
        text
        + " "
        + _("To stay in the earlier phase for now, plan with --phase {phase}.").format(
            phase=reason.before_id
        )
    )


def _ready(reason: ReadyForNextPhase, handout: bool) -> str:
    if handout:
        how = _("check them with your physiotherapist.")
    elif reason.next_condition is not None:
        how = _(
            "check them with your physiotherapist, then plan with --condition {condition} instead."
        ).format(condition=reason.next_condition)
    else:
        how = _("check them with your physiotherapist, then plan with --phase {phase}.").format(
            phase=reason.next_id
        )
    return (
        _(
            "The plan is at the top of {phase}. The next phase, {next_phase}, starts when its "
            "criteria (under 'Your program') are met: "
        ).format(phase=reason.phase.lower(), next_phase=reason.next_phase.lower())
        + how
    )


def _weeks(count: int) -> str:
    return ngettext("{count} week", "{count} weeks", count).format(count=count)


def reason_or_blank(reason: Reason | None) -> str:
    """``reason`` in words, or nothing when there is none."""
    return "" if reason is None else reason_text(reason)


def short_dose(dose: Dose) -> str:
    """A dose in a few characters: '2 x 10 reps', '3 x 30 s hold', '8 min'."""
    if dose.kind is DoseKind.MINUTES:
        return _("{minutes} min").format(minutes=dose.minutes)
    if dose.kind is DoseKind.REPS:
        text = _("{sets} x {reps} reps").format(sets=dose.sets, reps=dose.reps)
        if dose.hold_seconds:
            text += _(", hold {seconds} s").format(seconds=dose.hold_seconds)
        if dose.load_steps:
            text += _(", weight +{steps}").format(steps=dose.load_steps)
        return text
    if dose.kind is DoseKind.ROLL:
        return _("{sets} x {seconds} s rolling").format(sets=dose.sets, seconds=dose.roll_seconds)
    return _("{sets} x {seconds} s hold").format(sets=dose.sets, seconds=dose.hold_seconds)


_WHY = {
    ChangeKind.REPS: N_("more reps, towards the top of the range"),
    ChangeKind.SET: N_("one more set, the reps at the top of the range"),
    ChangeKind.HOLD: N_("a longer hold"),
    ChangeKind.LOAD: N_("a heavier weight: fewer reps, each set hard by its last reps"),
    ChangeKind.LIGHTER: N_("lighter, below the program's starting dose"),
}


def change_text(change: Changed) -> str:
    """One change in words: 'Sit to stand: 2 x 10 reps -> 2 x 12 reps (more reps, ...)'."""
    name, after_name = change.name, change.after_name
    before = short_dose(change.before) if change.before is not None else ""
    after = short_dose(change.after) if change.after is not None else ""
    kind = change.kind
    if change.taken_back:
        if kind is ChangeKind.VARIANT:
            return _("Taken back: {after_name} -> {name} again ({dose})").format(
                after_name=after_name, name=name, dose=before
            )
        return _("Taken back: {name}, back to {dose}").format(name=name, dose=before)
    if kind is ChangeKind.LEFT_OUT:
        return _("{name}: left out to make room for the step up").format(name=name)
    if kind is ChangeKind.PINNED:
        return _("{name}: dose pinned by your physiotherapist").format(name=name)
    if kind is ChangeKind.VARIANT:
        return _("{name} -> {after_name} (the next step of its program, {dose})").format(
            name=name, after_name=after_name, dose=after
        )
    if kind is ChangeKind.HARDER:
        return _("{name} -> {after_name} (harder variant, {dose})").format(
            name=name, after_name=after_name, dose=after
        )
    if kind is ChangeKind.EASIER:
        return _("{name} -> {after_name} (easier variant, {dose})").format(
            name=name, after_name=after_name, dose=after
        )
    if kind is ChangeKind.DOSE:
        return _("{name}: {old} -> {new}").format(name=name, old=before, new=after)
    return _("{name}: {old} -> {new} ({why})").format(
        name=name, old=before, new=after, why=_(_WHY[kind])
    )


def clinician_first(progression: Progression | None, *, handout: bool = False) -> list[str]:
    """The log's reason to see a clinician, as the plan's first warning; none otherwise."""
    if progression is None or not progression.see_clinician:
        return []
    return [reason_text(progression.reasons[0], handout=handout)]


def plan_notice_text(notice: PlanNotice) -> str:
    """What the plan command says beside the plan, for the terminal."""
    if isinstance(notice, RestDaysCap):
        return _(
            "Planned {planned} sessions a week, not {asked}: your conditions ask for rest "
            "days between sessions."
        ).format(planned=notice.planned, asked=notice.asked)
    if isinstance(notice, FewerDaysFilled):
        return _(
            "Your program fills {filled} of the {days} days a week you asked for: its "
            "exercises are done on fewer days (strength work with a rest day between), "
            "so the other days are rest days."
        ).format(filled=notice.filled, days=notice.days)
    if isinstance(notice, ReviewDue):
        if notice.first:
            return _(
                "A week has passed since you started logging: 'kneefit review' looks back at it "
                "with you (sessions, walking, pain, and what got in the way)."
            )
        return _(
            "A week has passed since your last review: 'kneefit review' looks back at it with "
            "you (sessions, walking, pain, and what got in the way)."
        )
    return _("{problem} ('kneefit log' will need -x to name the exercises)").format(
        problem=notice.problem
    )


def notice_text(notice: Notice, *, handout: bool = False) -> str:
    """``notice`` in words; ``handout``: with no command lines."""
    if isinstance(notice, Shortened):
        if handout:
            text = _(
                "Kept {limit} of {total} exercises: people keep up a short program better. "
                "Left out: {left_out}."
            )
        else:
            text = _(
                "Kept {limit} of {total} exercises (--max-exercises {limit}): people keep up a "
                "short program better. Left out: {left_out}."
            )
        return text.format(
            limit=notice.limit, total=notice.total, left_out=", ".join(notice.left_out)
        )
    if isinstance(notice, SameAsLastWeek):
        if handout:
            text = _(
                "Week {week}: the same exercises and doses as week {previous}. Log each session "
                "in kneefit; kneefit moves a dose on only when your log shows the last "
                "sessions went well."
            )
        else:
            text = _(
                "Week {week}: the same exercises and doses as week {previous}. Log each session "
                "(kneefit log); kneefit moves a dose on only when your log shows the last "
                "sessions went well."
            )
        return text.format(week=notice.week, previous=notice.week - 1)
    if isinstance(notice, LittleMoreThanLastWeek):
        return _(
            "Week {week}: a little more than week {previous}: strength exercises 2 more reps or "
            "5 s longer holds, stretches 5 s longer, within the references' ranges. Only if "
            "week {previous} went well (pain up to {safe}/10, no worse the next morning); "
            "otherwise repeat week {previous}."
        ).format(week=notice.week, previous=notice.week - 1, safe=notice.safe)
    assert_never(notice)


_RELEASE = {
    "catalogue": N_("No release exercise is in the catalogue."),
    "kit": N_(
        "No release exercise fits your equipment: a foam roller or a massage ball (a tennis "
        "ball will do) would add one."
    ),
    "conditions": N_("No release exercise fits your conditions for now."),
}


def _none_fits(caution: NoneFits) -> str:
    if caution.group is None:
        if caution.kind == "strength":
            return _("No strength exercise fits your conditions, level and equipment.")
        if caution.kind == "stretch":
            return _("No stretch exercise fits your conditions, level and equipment.")
        return _("No {kind} exercise fits your conditions, level and equipment.").format(
            kind=caution.kind
        )
    if caution.kind == "strength":
        text = _("No strength exercise for the {group} fits your conditions, level and equipment.")
    elif caution.kind == "stretch":
        text = _("No stretch for the {group} fits your conditions, level and equipment.")
    else:
        return _("No {kind} for the {group} fits your conditions, level and equipment.").format(
            kind=caution.kind, group=caution.group
        )
    return text.format(group=caution.group)


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
        return _none_fits(caution)
    if isinstance(caution, NoRelease):
        return _(_RELEASE[caution.why])
    if isinstance(caution, DidNotFit):
        return _(
            "{exercise} did not fit in {minutes} minutes; a longer session would add it."
        ).format(exercise=caution.exercise, minutes=caution.minutes)
    if isinstance(caution, RolesRuledOut):
        return _(
            "Not in this plan, as no exercise for them fits your conditions, level and "
            "equipment: {roles}."
        ).format(roles=", ".join(role_word(r) for r in caution.roles))
    if isinstance(caution, RoleNeedsKit):
        kit = why_not_text(caution.needs)
        return _("No exercise for {role} fits your equipment: {exercise} {needs}.").format(
            role=role_word(caution.role), exercise=caution.exercise, needs=kit
        )
    if isinstance(caution, RoomToGrow):
        return _(
            "This plan takes about {planned} of the {asked} minutes you asked for: the rest is "
            "room for its exercises to grow as you progress. Until then, walking or cycling "
            "at an easy pace can fill it where your conditions allow."
        ).format(planned=f"{caution.planned:.0f}", asked=caution.asked)
    if isinstance(caution, ProgramIsShort) and caution.early:
        return _(
            "This program takes about {planned} minutes at its full dose, less than the "
            "{asked} you asked for: early on, the short session is done several times a day "
            "as your team advises, rather than made longer."
        ).format(planned=f"{caution.planned:.0f}", asked=caution.asked)
    if isinstance(caution, ProgramIsShort):
        return _(
            "This program takes about {planned} minutes at its full dose, less than the "
            "{asked} you asked for: that is all it asks for now; walking or cycling at an "
            "easy pace can fill the rest where your conditions allow."
        ).format(planned=f"{caution.planned:.0f}", asked=caution.asked)
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
        if caution.days_per_week == 7:
            days = _("daily")
        else:
            days = ngettext(
                "{count} day a week", "{count} days a week", caution.days_per_week
            ).format(count=caution.days_per_week)
        if caution.name:
            return _("A program for {name}: {days}.").format(name=caution.name, days=days)
        return _("A program from your physiotherapist: {days}.").format(days=days)
    if isinstance(caution, ClinicianNotes):
        return _("Notes from your physiotherapist: {notes}").format(
            notes=" ".join(caution.text.split())
        )
    if isinstance(caution, ClinicianOverride):
        why = "; ".join(r.rstrip(".") for r in why_not_texts(caution.ruled_out))
        return _(
            "{exercise} is in this program although it is {why}. "
            "Your physiotherapist's reason: {reason}"
        ).format(exercise=caution.exercise, why=why, reason=caution.reason)
    if isinstance(caution, ClinicianAppointments):
        said = []
        if caution.boosters:
            days = ", ".join(format_date(d) for d in caution.boosters)
            said.append(_("Booster sessions with your physiotherapist: {days}.").format(days=days))
        if caution.review is not None:
            said.append(
                _(
                    "Review with your physiotherapist: {day}; bring your log (kneefit report)."
                ).format(day=format_date(caution.review))
            )
        return " ".join(said)
    if isinstance(caution, FollowClinician):
        return _(
            "{conditions}: follow this program as your doctor or physiotherapist advised, and "
            "see them if it does not suit your knee."
        ).format(conditions=", ".join(caution.conditions))
    assert_never(caution)
