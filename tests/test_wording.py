"""The log's decisions and changes in words: exact text, for a terminal and a handout."""

from __future__ import annotations

import typing
from datetime import date

import pytest

from kneefit import cautions as c
from kneefit import exclusions as x
from kneefit import reasons as r
from kneefit.models import Dose
from kneefit.render.wording import caution_text, change_text, plan_notice_text, reason_text

DAY = date(2026, 11, 2)
LATER = date(2026, 11, 4)

#: One of each reason, its words in a terminal, and where the handout's differ.
CASES: list[tuple[r.Reason, str, str | None]] = [
    (
        r.RedFlagStands(DAY, ("knee locked", "hot and swollen")),
        "Red flag logged on 2026-11-02: knee locked; hot and swollen. Stop exercising this "
        "knee and see a doctor or physiotherapist now. kneefit plans no exercises until you "
        'record that a clinician has seen your knee (kneefit log --cleared "who you saw and '
        'what they said").',
        "Red flag logged on 2026-11-02: knee locked; hot and swollen. Stop exercising this "
        "knee and see a doctor or physiotherapist now. kneefit plans no exercises until you "
        "record that a clinician has seen your knee.",
    ),
    (
        r.ClearedByClinician(DAY, "GP: carry on"),
        "A clinician saw your knee on 2026-11-02 (GP: carry on). The plan resumes one step "
        "down from where it was.",
        None,
    ),
    (
        r.NoSessions(),
        "No sessions logged yet. After a session, log how it went with 'kneefit log --pain N "
        "--effort N' and kneefit will adapt the next plan.",
        "No sessions logged yet. After a session, write down how it went in the grid below; "
        "log it in kneefit and it will adapt the next plan.",
    ),
    (
        r.PainNotSettling(DAY, 5),
        "Every session since 2026-11-02 has hurt more than 5/10, even after stepping down. "
        "Pain above that which does not settle needs a doctor or physiotherapist: see one "
        "before doing more.",
        None,
    ),
    (
        r.MorningWorse(DAY, 4, 1.5),
        "The morning after 2026-11-02 your pain was 4/10, worse than your usual 1.5/10: "
        "stepping down.",
        None,
    ),
    (
        r.PainAboveCeiling(DAY, 6, 5),
        "Pain during the session on 2026-11-02 was 6/10, above the acceptable 5/10: stepping down.",
        None,
    ),
    (
        r.PainRising(2.25, 4.0),
        "Your pain has risen over the last two weeks (from about 2.2 to 4.0 out of 10). Pain "
        "should not climb from week to week: keeping the same plan until it settles.",
        None,
    ),
    (
        r.FeltHard(DAY, 9),
        "The session on 2026-11-02 felt hard (effort 9/10). Keeping the same plan until it "
        "feels easier.",
        None,
    ),
    (
        r.OneSessionSoFar(DAY, 3, 5),
        "Pain on 2026-11-02 was 3/10, within the 5/10 this plan allows. One more session like "
        "it, settled by the next morning, and kneefit will step up.",
        None,
    ),
    (
        r.MorningNotLogged(),
        "Your last two sessions were within the pain this plan allows; kneefit steps up only "
        "when it knows the pain settled by the next morning: 'kneefit log --next-morning N'.",
        "Your last two sessions were within the pain this plan allows; kneefit steps up only "
        "when it knows the pain settled by the next morning: write down your pain the next "
        "morning too.",
    ),
    (
        r.EarlierMorningWorse(DAY),
        "The morning after 2026-11-02 was worse than usual; waiting for two good sessions in "
        "a row.",
        None,
    ),
    (
        r.EarlierPainAbove(DAY),
        "The session on 2026-11-02 hurt more than this plan allows; waiting for two good "
        "sessions in a row.",
        None,
    ),
    (
        r.AtHighestStep(),
        "Your last two sessions went well; the plan is already at its highest step.",
        None,
    ),
    (
        r.SteppingUp((DAY, LATER), (2, 3), 5),
        "Your last two sessions (2026-11-02, 2026-11-04) had pain 2/10 and 3/10, within the "
        "5/10 this plan allows, and settled by the next morning: stepping up.",
        None,
    ),
    (
        r.SteppingUp((DAY, LATER), (2, 3), 5, made=False),
        "Your last two sessions (2026-11-02, 2026-11-04) had pain 2/10 and 3/10, within the "
        "5/10 this plan allows, and settled by the next morning: you are ready for more.",
        None,
    ),
    (
        r.NothingLeftInPhase(),
        "Nothing is left to progress in this phase within your minutes: every exercise is at "
        "the top of its range. A longer session, or the next phase when its criteria are met "
        "(under 'Your program'), takes it further.",
        None,
    ),
    (
        r.NothingLeftInPhase(full=True),
        "Your session is full: the next steps up would take it past your minutes. A longer "
        "session, or the next phase when its criteria are met (under 'Your program'), takes it "
        "further.",
        None,
    ),
    (
        r.FirstSessionOfPhase("patellar-tendinopathy/heavy-slow"),
        "Your last session was the first of a new phase of your program: one more session "
        "like it, settled by the next morning, before stepping up.",
        None,
    ),
    (
        r.MovedOn("Tendon programme", "Long holds", "isometric", "Heavy slow strength", 1, 4, 3),
        "On to the next phase of your program: Heavy slow strength. For 1 week or more of long "
        "holds (4 sessions or more), your pain stayed at 3/10 or less and settled by the next "
        "morning, as the program asks before moving on. The exercises start again at the "
        "bottom of their ranges. To stay in the earlier phase for now, plan with --phase "
        "isometric.",
        "On to the next phase of your program: Heavy slow strength. For 1 week or more of long "
        "holds (4 sessions or more), your pain stayed at 3/10 or less and settled by the next "
        "morning, as the program asks before moving on. The exercises start again at the "
        "bottom of their ranges.",
    ),
    (
        r.ReadyForNextPhase("Early phase", "Strength and balance", "strengthening"),
        "The plan is at the top of early phase. The next phase, strength and balance, starts "
        "when its criteria (under 'Your program') are met: check them with your "
        "physiotherapist, then plan with --phase strengthening.",
        "The plan is at the top of early phase. The next phase, strength and balance, starts "
        "when its criteria (under 'Your program') are met: check them with your "
        "physiotherapist.",
    ),
    (
        r.ReadyForNextPhase("Early", "Strengthening", "strengthening", "knee-replacement-cleared"),
        "The plan is at the top of early. The next phase, strengthening, starts when its "
        "criteria (under 'Your program') are met: check them with your physiotherapist, then "
        "plan with --condition knee-replacement-cleared instead.",
        "The plan is at the top of early. The next phase, strengthening, starts when its "
        "criteria (under 'Your program') are met: check them with your physiotherapist.",
    ),
    (
        r.NoImprovement(12, DAY, LATER, ("30-second chair stand",)),
        "Your check-ins from 2026-11-02 to 2026-11-04 (30-second chair stand) show no "
        "important improvement over 12 weeks, the time your program's source gives it. See a "
        "physiotherapist or doctor for a review; keep exercising meanwhile, as long as the "
        "pain rule allows. ('kneefit report' writes your check-ins for them.)",
        "Your check-ins from 2026-11-02 to 2026-11-04 (30-second chair stand) show no "
        "important improvement over 12 weeks, the time your program's source gives it. See a "
        "physiotherapist or doctor for a review; keep exercising meanwhile, as long as the "
        "pain rule allows.",
    ),
]


@pytest.mark.parametrize(("reason", "terminal", "handout"), CASES)
def test_each_reason_in_words(reason: r.Reason, terminal: str, handout: str | None) -> None:
    assert reason_text(reason) == terminal
    assert reason_text(reason, handout=True) == (handout or terminal)
    assert "kneefit log" not in reason_text(reason, handout=True)
    assert "--" not in reason_text(reason, handout=True)


def test_every_kind_of_reason_is_worded() -> None:
    kinds = {type(reason) for reason, _, _ in CASES}
    assert kinds == set(typing.get_args(r.Reason))


TEN = Dose(sets=2, reps=10, rest_seconds=60, days_per_week=3)
TWELVE = Dose(sets=2, reps=12, rest_seconds=60, days_per_week=3)
HOLD = Dose(sets=3, hold_seconds=30, rest_seconds=10, days_per_week=7)


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (
            r.Changed(r.ChangeKind.REPS, "Sit to stand", "Sit to stand", TEN, TWELVE),
            "Sit to stand: 2 x 10 reps -> 2 x 12 reps (more reps, towards the top of the range)",
        ),
        (
            r.Changed(r.ChangeKind.SET, "Clamshell", "Clamshell", TEN, TEN),
            "Clamshell: 2 x 10 reps -> 2 x 10 reps (one more set, the reps at the top of the "
            "range)",
        ),
        (
            r.Changed(r.ChangeKind.HOLD, "Wall sit", "Wall sit", HOLD, HOLD),
            "Wall sit: 3 x 30 s hold -> 3 x 30 s hold (a longer hold)",
        ),
        (
            r.Changed(r.ChangeKind.LIGHTER, "Step-up", "Step-up", TWELVE, TEN),
            "Step-up: 2 x 12 reps -> 2 x 10 reps (lighter, below the program's starting dose)",
        ),
        (
            r.Changed(r.ChangeKind.VARIANT, "Clamshell", "Side-lying leg raise", TEN, TEN),
            "Clamshell -> Side-lying leg raise (the next step of its program, 2 x 10 reps)",
        ),
        (
            r.Changed(r.ChangeKind.VARIANT, "Clamshell", "Side leg raise", TEN, TEN, True),
            "Taken back: Side leg raise -> Clamshell again (2 x 10 reps)",
        ),
        (
            r.Changed(r.ChangeKind.REPS, "Sit to stand", "Sit to stand", TEN, TWELVE, True),
            "Taken back: Sit to stand, back to 2 x 10 reps",
        ),
        (
            r.Changed(r.ChangeKind.HARDER, "Mini squat", "Squat", TEN, TEN),
            "Mini squat -> Squat (harder variant, 2 x 10 reps)",
        ),
        (
            r.Changed(r.ChangeKind.DOSE, "Bridge", "Bridge", TEN, TWELVE),
            "Bridge: 2 x 10 reps -> 2 x 12 reps",
        ),
        (
            r.Changed(r.ChangeKind.LEFT_OUT, "Calf raise"),
            "Calf raise: left out to make room for the step up",
        ),
        (
            r.Changed(r.ChangeKind.PINNED, "Glute bridge"),
            "Glute bridge: dose pinned by your physiotherapist",
        ),
    ],
)
def test_each_change_in_words(change: r.Changed, text: str) -> None:
    assert change_text(change) == text


#: One of each caution (what a plan says before its exercises) and its exact words.
CAUTIONS: list[tuple[c.Caution, str]] = [
    (c.ConditionNote("Keep the knee moving."), "Keep the knee moving."),
    (
        c.SeeClinicianFirst("Knee replacement"),
        "Knee replacement: see a doctor or physiotherapist before starting this routine.",
    ),
    (
        c.LevelLowered("beginner", "advanced"),
        "Your conditions keep this plan at beginner level for now (you asked for advanced).",
    ),
    (
        c.FloorNote(),
        "Floor exercises: a carpet, a bed or a folded towel will do if you have no mat.",
    ),
    (c.NoWarmUpFits(), "No low-impact cardio fits your conditions and equipment for a warm-up."),
    (c.NoneFits("strength"), "No strength exercise fits your conditions, level and equipment."),
    (
        c.NoneFits("strength", "quadriceps"),
        "No strength exercise for the quadriceps fits your conditions, level and equipment.",
    ),
    (
        c.NoneFits("stretch", "calves"),
        "No stretch for the calves fits your conditions, level and equipment.",
    ),
    (
        c.NoRelease("kit"),
        "No release exercise fits your equipment: a foam roller or a massage ball (a tennis "
        "ball will do) would add one.",
    ),
    (
        c.DidNotFit("Step-up", 15),
        "Step-up did not fit in 15 minutes; a longer session would add it.",
    ),
    (
        c.RolesRuledOut(("balance", "hip-abductors")),
        "Not in this plan, as no exercise for them fits your conditions, level and equipment: "
        "balance, hip abductors.",
    ),
    (
        c.RoleNeedsKit(
            "quadriceps-open-chain", "Isometric knee extension", x.NeedsKit(("resistance-band",))
        ),
        "No exercise for quadriceps open chain fits your equipment: Isometric knee extension "
        "needs resistance-band.",
    ),
    (
        c.RoomToGrow(24.6, 30),
        "This plan takes about 25 of the 30 minutes you asked for: the rest is room for its "
        "exercises to grow as you progress. Until then, walking or cycling at an easy pace can "
        "fill it where your conditions allow.",
    ),
    (
        c.ProgramIsShort(12.3, 30),
        "This program takes about 12 minutes at its full dose, less than the 30 you asked for: "
        "that is all it asks for now; walking or cycling at an easy pace can fill the rest "
        "where your conditions allow.",
    ),
    (
        c.ProgramIsShort(12.3, 60, early=True),
        "This program takes about 12 minutes at its full dose, less than the 60 you asked for: "
        "early on, the short session is done several times a day as your team advises, rather "
        "than made longer.",
    ),
    (
        c.LeftOut(30, ("Walking", "Calf raise"), room=True),
        "Left out to fit 30 minutes with room to progress: Walking, Calf raise. A longer "
        "session adds them.",
    ),
    (c.ClinicianProgram("", 7), "A program from your physiotherapist: daily."),
    (
        c.ClinicianNotes("Ice after.\n  Rest on Sundays."),
        "Notes from your physiotherapist: Ice after. Rest on Sundays.",
    ),
    (
        c.ClinicianOverride(
            "Deep squat",
            (x.RuledOut("Osteoarthritis", (), "deep knee bending."), x.AboveYourLevel("advanced")),
            "Cleared in clinic",
        ),
        "Deep squat is in this program although it is ruled out by Osteoarthritis: deep knee "
        "bending; above your level (advanced). Your physiotherapist's reason: Cleared in clinic",
    ),
    (
        c.ClinicianAppointments((date(2026, 12, 1), date(2026, 12, 8)), date(2026, 12, 21)),
        "Booster sessions with your physiotherapist: 2026-12-01, 2026-12-08. Review with your "
        "physiotherapist: 2026-12-21; bring your log (kneefit report).",
    ),
    (
        c.ClinicianAppointments((), date(2026, 12, 21)),
        "Review with your physiotherapist: 2026-12-21; bring your log (kneefit report).",
    ),
    (
        c.FollowClinician(("Knee replacement", "Meniscus surgery")),
        "Knee replacement, Meniscus surgery: follow this program as your doctor or "
        "physiotherapist advised, and see them if it does not suit your knee.",
    ),
]


@pytest.mark.parametrize(("caution", "text"), CAUTIONS)
def test_each_caution_in_words(caution: c.Caution, text: str) -> None:
    assert caution_text(caution) == text
    assert "--" not in caution_text(caution)  # said on handouts too: no command lines


def test_every_kind_of_caution_is_worded() -> None:
    kinds = {type(caution) for caution, _ in CAUTIONS}
    assert kinds == set(typing.get_args(c.Caution))


#: What the plan command says beside the plan, in the terminal.
PLAN_NOTICES: list[tuple[r.PlanNotice, str]] = [
    (
        r.RestDaysCap(3, 5),
        "Planned 3 sessions a week, not 5: your conditions ask for rest days between sessions.",
    ),
    (
        r.FewerDaysFilled(3, 4),
        "Your program fills 3 of the 4 days a week you asked for: its exercises are done on "
        "fewer days (strength work with a rest day between), so the other days are rest days.",
    ),
    (
        r.ReviewDue(first=True),
        "A week has passed since you started logging: 'kneefit review' looks back at it with "
        "you (sessions, walking, pain, and what got in the way).",
    ),
    (
        r.ReviewDue(first=False),
        "A week has passed since your last review: 'kneefit review' looks back at it with you "
        "(sessions, walking, pain, and what got in the way).",
    ),
    (
        r.NotRemembered("cannot write /x/last-plan.json"),
        "cannot write /x/last-plan.json ('kneefit log' will need -x to name the exercises)",
    ),
]


@pytest.mark.parametrize(("notice", "text"), PLAN_NOTICES)
def test_each_plan_notice_in_words(notice: r.PlanNotice, text: str) -> None:
    assert plan_notice_text(notice) == text


def test_every_kind_of_plan_notice_is_worded() -> None:
    kinds = {type(notice) for notice, _ in PLAN_NOTICES}
    assert kinds == set(typing.get_args(r.PlanNotice))


def test_every_role_is_named_in_english_as_before_and_in_spanish() -> None:
    from kneefit.i18n import speaking
    from kneefit.models import Role
    from kneefit.value_words import role_word

    for role in Role:
        assert role_word(role.value) == role.value.replace("-", " ")
        with speaking("es"):
            assert role_word(role.value) != role.value.replace("-", " "), role
