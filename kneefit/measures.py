"""Outcome measures free to use, their ranges and sources, and whether a change matters.

Three measures a person can record at home with no licence: the average knee pain over
the last week on the Numeric Pain Rating Scale (NPRS, 0 to 10), the Patient-Specific
Functional Scale (PSFS: up to three activities the person names, each 0 to 10, averaged),
and the 30-second chair stand (a count). Each carries the change that counts as clinically
important, taken cautiously where sources differ. Licensed questionnaires (the Oxford Knee
Score, KOOS, WOMAC) are deliberately not here.

Five follow-up measures a physiotherapist takes (:data:`FOLLOW_UP`), all free to use: knee
bend and how far short of straight the knee stays, in degrees; and three of OARSI's
recommended performance tests (Dobson 2013), timed in seconds: the 40-m fast-paced walk, a
stair climb and the Timed Up and Go. Where no important change is published, the measure
has no threshold and a change is shown without a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from kneefit.i18n import N_, _, format_decimal, language


@dataclass(frozen=True)
class Citation:
    """A published source for a measure or its threshold."""

    text: str
    url: str


@dataclass(frozen=True)
class Measure:
    """One outcome measure: its range, which way is better, and its important change."""

    id: str
    name: str
    unit: str
    low: int
    high: int
    higher_is_better: bool
    #: The smallest change, in points, that counts as clinically important (or real);
    #: None where no such change is published (the report then shows the change unjudged).
    threshold: float | None
    #: For pain, also a relative change (0.3 is 30% of the first score), needed as well.
    threshold_fraction: float | None
    #: What the threshold is: "MCID" or, for a performance test, "MDC" ("none" without one).
    threshold_kind: str
    how: str
    threshold_note: str
    sources: tuple[Citation, ...]


FARRAR_2001 = Citation(
    "Farrar JT, Young JP Jr, LaMoreaux L, Werth JL, Poole RM. Clinical importance of changes "
    "in chronic pain intensity measured on an 11-point numerical pain rating scale. Pain. "
    "2001;94(2):149-158.",
    "https://doi.org/10.1016/S0304-3959(01)00349-9",
)
ABBOTT_2014 = Citation(
    "Abbott JH, Schmitt JS. Minimum important differences for the Patient-Specific "
    "Functional Scale, 4 region-specific outcome measures, and the Numeric Pain Rating "
    "Scale. J Orthop Sports Phys Ther. 2014;44(8):560-564.",
    "https://doi.org/10.2519/jospt.2014.5248",
)
STRATFORD_1995 = Citation(
    "Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on "
    "individual patients: a report of a patient specific measure. Physiotherapy Canada. "
    "1995;47(4):258-263.",
    "https://doi.org/10.3138/ptc.47.4.258",
)
JONES_1999 = Citation(
    "Jones CJ, Rikli RE, Beam WC. A 30-s chair-stand test as a measure of lower body "
    "strength in community-residing older adults. Res Q Exerc Sport. 1999;70(2):113-119.",
    "https://doi.org/10.1080/02701367.1999.10608028",
)
GILL_2022 = Citation(
    "Gill S, Hely R, Page RS, Hely A, Harrison B, Landers S. Thirty second chair stand test: "
    "test-retest reliability, agreement and minimum detectable change in people with "
    "early-stage knee osteoarthritis. 2022 (record in the Deakin University repository).",
    "https://dro.deakin.edu.au/articles/journal_contribution/Thirty_second_chair_stand_test_"
    "Test_retest_reliability_agreement_and_minimum_detectable_change_in_people_with_"
    "early-stage_knee_osteoarthritis/20597538",
)

NPRS = Measure(
    id="nprs",
    name=N_("Knee pain over the last week (NPRS)"),
    unit="/10",
    low=0,
    high=10,
    higher_is_better=False,
    threshold=2,
    threshold_fraction=0.3,
    threshold_kind="MCID",
    how=N_("The average knee pain over the last week: 0 no pain, 10 the worst pain imaginable."),
    threshold_note=N_(
        "A fall of about 2 points or about 30% is clinically important (Farrar 2001); "
        "kneefit counts a change only when it is both, since a high first score needs more "
        "than 2 points."
    ),
    sources=(FARRAR_2001, ABBOTT_2014),
)
PSFS = Measure(
    id="psfs",
    name=N_("Patient-Specific Functional Scale (PSFS)"),
    unit="/10",
    low=0,
    high=10,
    higher_is_better=True,
    threshold=2.3,
    threshold_fraction=None,
    threshold_kind="MCID",
    how=N_(
        "Up to 3 activities the person finds hard because of the knee, each rated 0 (unable "
        "to do it) to 10 (as well as before); the score is their average."
    ),
    threshold_note=N_(
        "The minimum important difference on the average score is 1.3 for a small, 2.3 for "
        "a medium and 2.7 for a large change (Abbott and Schmitt 2014); kneefit uses the "
        "cautious 2.3. A single activity needs 3 points, its minimum detectable change on "
        "the PSFS form."
    ),
    sources=(STRATFORD_1995, ABBOTT_2014),
)
PSFS_ACTIVITY = Measure(
    id="psfs-activity",
    name=N_("PSFS, one activity"),
    unit="/10",
    low=0,
    high=10,
    higher_is_better=True,
    threshold=3,
    threshold_fraction=None,
    threshold_kind="MDC",
    how=N_("One activity of the PSFS, rated 0 (unable to do it) to 10 (as well as before)."),
    threshold_note=N_(
        "The PSFS form gives a minimum detectable change (90% confidence) of 2 points on the "
        "average and 3 points on a single activity; kneefit counts 3 for one activity."
    ),
    sources=(STRATFORD_1995,),
)
CHAIR_STAND = Measure(
    id="chair-stand",
    name=N_("30-second chair stand"),
    unit=" stands",
    low=0,
    high=60,
    higher_is_better=True,
    threshold=3,
    threshold_fraction=None,
    threshold_kind="MDC",
    how=N_(
        "Full stands from a chair about 43 cm high, arms crossed over the chest, in 30 "
        "seconds (Jones, Rikli and Beam 1999)."
    ),
    threshold_note=N_(
        "Measurement error alone is about 2.5 stands in knee osteoarthritis (Gill 2022), so "
        "kneefit counts a gain of 3 or more stands as real change."
    ),
    sources=(JONES_1999, GILL_2022),
)

DOBSON_2013 = Citation(
    "Dobson F, Hinman RS, Roos EM, et al. OARSI recommended performance-based tests to "
    "assess physical function in people diagnosed with hip or knee osteoarthritis. "
    "Osteoarthritis Cartilage. 2013;21(8):1042-1052.",
    "https://doi.org/10.1016/j.joca.2013.05.002",
)
HANCOCK_2018 = Citation(
    "Hancock GE, Hepworth T, Wembridge K. Accuracy and reliability of knee goniometry "
    "methods. J Exp Orthop. 2018;5:46.",
    "https://doi.org/10.1186/s40634-018-0161-5",
)
ALGHADIR_2015 = Citation(
    "Alghadir A, Anwer S, Brismee JM. The reliability and minimal detectable change of Timed "
    "Up and Go test in individuals with grade 1-3 knee osteoarthritis. BMC Musculoskelet "
    "Disord. 2015;16:174.",
    "https://doi.org/10.1186/s12891-015-0637-8",
)

KNEE_BEND = Measure(
    id="knee-bend",
    name=N_("Knee bend (flexion)"),
    unit=" degrees",
    low=0,
    high=160,
    higher_is_better=True,
    threshold=10,
    threshold_fraction=None,
    threshold_kind="MDC",
    how=N_("How far the knee bends, in degrees (a goniometer along the thigh and shin)."),
    threshold_note=N_(
        "No minimal important change is published for it that kneefit could confirm; a "
        "long-arm goniometer's measuring error is about 10 degrees (14 "
        "by eye; Hancock 2018), so kneefit counts 10 or more as real: measure the same way."
    ),
    sources=(HANCOCK_2018,),
)
KNEE_STRAIGHTEN = Measure(
    id="knee-straighten",
    name=N_("Knee straightening (degrees short of straight)"),
    unit=" degrees",
    low=0,
    high=90,
    higher_is_better=False,
    threshold=10,
    threshold_fraction=None,
    threshold_kind="MDC",
    how=N_("How far short of fully straight the knee stays, in degrees: 0 is straight."),
    threshold_note=N_(
        "No minimal important change is published for it that kneefit could confirm; as "
        "for the bend, 10 "
        "degrees counts as real."
    ),
    sources=(HANCOCK_2018,),
)
WALK_40M = Measure(
    id="walk-40m",
    name=N_("40-m fast-paced walk"),
    unit=" s",
    low=10,
    high=600,
    higher_is_better=False,
    threshold=None,
    threshold_fraction=None,
    threshold_kind="none",
    how=N_("Seconds for 4 lengths of a 10-m walkway, as fast as is safe (OARSI core set)."),
    threshold_note=N_(
        "No minimal important change is published for it that kneefit could confirm: the "
        "report shows the "
        "change without judging it."
    ),
    sources=(DOBSON_2013,),
)
STAIRS = Measure(
    id="stairs",
    name=N_("Stair climb test"),
    unit=" s",
    low=1,
    high=300,
    higher_is_better=False,
    threshold=None,
    threshold_fraction=None,
    threshold_kind="none",
    how=N_(
        "Seconds up and down a flight of stairs (9 steps of about 20 cm if possible) as fast "
        "as is safe (OARSI core set); always the same stairs, or the times do not compare."
    ),
    threshold_note=N_(
        "No minimal important change is published for it that kneefit could confirm: the "
        "report shows the "
        "change without judging it."
    ),
    sources=(DOBSON_2013,),
)
TUG = Measure(
    id="tug",
    name=N_("Timed Up and Go"),
    unit=" s",
    low=2,
    high=300,
    higher_is_better=False,
    threshold=1.14,
    threshold_fraction=None,
    threshold_kind="MDC",
    how=N_(
        "Seconds to stand from a chair, walk 3 m, turn, walk back and sit down (OARSI "
        "recommended set)."
    ),
    threshold_note=N_(
        "No minimal important change is published for it that kneefit could confirm; "
        "measuring error in knee osteoarthritis is 1.10 s with one tester "
        "and 1.14 s between testers (Alghadir 2015), so kneefit counts 1.14 s as real."
    ),
    sources=(DOBSON_2013, ALGHADIR_2015),
)

MEASURES = (NPRS, PSFS, CHAIR_STAND)
#: The follow-up measures a clinician takes ('kneefit checkin --knee-bend' and on): shown
#: in a report only when recorded in its period.
FOLLOW_UP = (KNEE_BEND, KNEE_STRAIGHTEN, WALK_40M, STAIRS, TUG)
#: The most activities a PSFS check-in takes.
MAX_PSFS_ACTIVITIES = 3


@dataclass(frozen=True)
class Change:
    """How a score moved from the first check-in to the latest, and whether it matters."""

    measure: Measure
    first: float
    latest: float

    @property
    def delta(self) -> float:
        return round(self.latest - self.first, 2)

    @property
    def better(self) -> bool:
        gain = self.delta if self.measure.higher_is_better else -self.delta
        return gain > 0

    @property
    def important(self) -> bool:
        """The change is an improvement at least as large as the measure's threshold."""
        gain = self.delta if self.measure.higher_is_better else -self.delta
        if self.measure.threshold is None or gain + 1e-9 < self.measure.threshold:
            return False
        fraction = self.measure.threshold_fraction
        if fraction is not None:
            return self.first > 0 and gain + 1e-9 >= fraction * self.first
        return True

    @property
    def worse_by_threshold(self) -> bool:
        """The change is a worsening at least as large as the threshold."""
        loss = -self.delta if self.measure.higher_is_better else self.delta
        threshold = self.measure.threshold
        return threshold is not None and loss + 1e-9 >= threshold

    def verdict(self) -> str:
        kind = self.measure.threshold_kind
        if self.important:
            return _("improved by at least the {kind}").format(kind=kind)
        if self.worse_by_threshold:
            return _("worse by at least the {kind}").format(kind=kind)
        if self.delta == 0:
            return _("no change")
        if self.measure.threshold is None:
            if self.better:
                return _("better; no important change is published to judge it by")
            return _("worse; no important change is published to judge it by")
        if self.better:
            return _("better, less than the {kind}").format(kind=kind)
        return _("worse, less than the {kind}").format(kind=kind)


def psfs_score(scores: tuple[int, ...]) -> float | None:
    """The PSFS score: the average of the activities' scores (None without any)."""
    return round(sum(scores) / len(scores), 2) if scores else None


def number(value: float) -> str:
    """A score as printed: whole numbers without a decimal point."""
    if language() != "en":
        return format_decimal(value if value == int(value) else round(value, 1))
    return f"{value:g}" if value == int(value) else f"{value:.1f}"
