"""The progress report as a FHIR R4 Bundle (``kneefit report -f fhir``), for a clinic's
record system.

Modelled on the HL7 Physical Activity implementation guide (which is based on FHIR R4): the
routine is a ServiceRequest for exercise therapy (SNOMED CT 229065009, the code of the
guide's own exercise prescription example, with the guide's "PhysicalActivity" category),
at the sessions a week planned; what was measured is an Observation each:

- each session's pain, and the next morning's, is LOINC 72514-3 (Pain severity - 0-10
  verbal numeric rating [Score] - Reported), as is a check-in's pain over the last week
  (over that week's period);
- a check-in's 30-second chair stand is LOINC 66247-8 (Sit to stand frequency in 30
  seconds), in the UCUM unit LOINC gives for it, ``{#}/(30.s)``;
- a PSFS activity's score has no LOINC code kneefit has checked: it is named in words;
- a check-in's follow-up measures: the Timed Up and Go is LOINC 89423-8 (Time to rise from
  chair, walk 10 feet and back, and return to sitting [TUG]), in seconds; the knee bend, how
  far short of straight the knee stays, the 40-m fast-paced walk and the stair climb have no
  LOINC code kneefit has checked, so each is coded in kneefit's own code system
  (:data:`KNEEFIT_MEASURES`, its codes the measures' ids) and named in words; degrees are
  UCUM ``deg``, seconds ``s``;
- each red flag is a Flag, active until a clinician's all-clear (or kneefit's 14 days)
  ends its period.

The Bundle is a ``collection``; its entries refer to each other by ``urn:uuid`` names made
from their content and place (the same report gives the same Bundle, and no two entries
share a name). It is validated with the
``fhir.resources`` package (pydantic models of FHIR; its R4B models, which R4B left as in R4
for every resource used here) before it is written: without that package (the ``fhir``
extra), ``-f fhir`` says how to get it and exits with code 2.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from kneefit.errors import UsageError
from kneefit.render.common import RenderOptions
from kneefit.render.documents import Refusing
from kneefit.vocabulary import Format

if TYPE_CHECKING:
    from kneefit.log.checkin import CheckIn
    from kneefit.report import PainPoint, RedFlag, Report

#: How to get what ``-f fhir`` needs.
HOW_TO_GET_IT = "pip install 'kneefit[fhir]'"

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
PA_CODES = "http://hl7.org/fhir/us/physical-activity/CodeSystem/pa-temporary-codes"

#: LOINC 72514-3: a pain score from 0 to 10, as the person reports it.
PAIN = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
#: LOINC 66247-8: full stands from a chair in 30 seconds.
CHAIR_STANDS = {
    "system": LOINC,
    "code": "66247-8",
    "display": "Sit to stand frequency in 30 seconds",
}
#: LOINC 89423-8: the Timed Up and Go, in seconds (loinc.org lists it in its TUG panel,
#: 89422-0).
TIMED_UP_AND_GO = {
    "system": LOINC,
    "code": "89423-8",
    "display": "Time to rise from chair, walk 10 feet and back, and return to sitting [TUG]",
}
#: kneefit's own code system for the measures no LOINC code has been checked for: its codes
#: are the ids of kneefit.measures (``knee-bend``, ``knee-straighten``, ``walk-40m``,
#: ``stairs``). No web address is kneefit's to name it by, so it is a fixed UUID.
KNEEFIT_MEASURES = "urn:uuid:5b9f3c1e-2d8a-4c6f-9e1b-7a4d2c8f0e63"
#: The follow-up measures (kneefit.measures.FOLLOW_UP) as FHIR: the code (None: kneefit's
#: own), the words, and the UCUM unit (its code, and as printed).
FOLLOW_UP_CODES: dict[str, tuple[dict[str, str] | None, str, str, str]] = {
    "knee-bend": (None, "Knee bend (flexion), in degrees", "deg", "degrees"),
    "knee-straighten": (
        None,
        "Knee straightening: degrees short of fully straight (0 is straight)",
        "deg",
        "degrees",
    ),
    "walk-40m": (None, "40-m fast-paced walk (OARSI), time", "s", "s"),
    "stairs": (None, "Stair climb test (OARSI), time up and down a flight", "s", "s"),
    "tug": (TIMED_UP_AND_GO, "Timed Up and Go, time", "s", "s"),
}
EXERCISE_THERAPY = {
    "system": SNOMED,
    "code": "229065009",
    "display": "Exercise therapy (regime/therapy)",
}

#: The namespace of the entries' names (uuid5 of their content).
_NAMESPACE = uuid.UUID("6f1d0c52-6a47-4d2e-9a63-5b0e3c8a1f27")


def _name(*parts: object) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, '|'.join(str(p) for p in parts))}"


def _category(system: str, code: str, display: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": system, "code": code, "display": display}]}]


class FhirRenderer(Refusing):
    """Renders the progress report as a FHIR R4 Bundle in JSON."""

    fmt = Format.FHIR

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def report(self, report: Report) -> str:
        bundle = report_bundle(report)
        validate(bundle)
        return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"


def report_bundle(report: Report) -> dict[str, Any]:
    """The report as a FHIR Bundle (JSON data), not yet validated: the patient, the
    exercise prescription, the pain of each session, each check-in's measures, and the red
    flags, in that order."""
    patient_name = _name("patient", report.person or "", report.start, report.end)
    patient: dict[str, Any] = {"resourceType": "Patient"}
    if report.person and report.person.strip():
        # FHIR's strings hold something other than whitespace: a blank name is no name.
        patient["name"] = [{"text": report.person}]
    bundle = _Entries({"reference": patient_name}, [(patient_name, patient)])
    bundle.entries.append(_service_request(report, bundle.subject))
    for point in report.pain:
        _session_pain(bundle, point)
    for checkin in report.checkins:
        _checkin_measures(bundle, checkin)
    for flag in report.red_flags:
        _red_flag(bundle, flag)
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": name, "resource": resource} for name, resource in bundle.entries],
    }


@dataclass
class _Entries:
    """The bundle's entries so far, each a name and a resource, about one patient."""

    subject: dict[str, Any]
    entries: list[tuple[str, dict[str, Any]]]

    def observation(
        self, key: tuple[object, ...], code: dict[str, Any], value: dict[str, Any], **more: Any
    ) -> None:
        resource = {
            "resourceType": "Observation",
            "status": "final",
            "category": _category(OBSERVATION_CATEGORY, "survey", "Survey"),
            "code": code,
            "subject": self.subject,
            **more,
            "performer": [self.subject],
            **value,
        }
        # The entry's place keeps two alike (two sessions of one day) apart.
        self.entries.append((_name("observation", len(self.entries), *key), resource))


def _session_pain(bundle: _Entries, point: PainPoint) -> None:
    """A session's pain, and the next morning's when it was logged."""
    bundle.observation(
        ("pain", point.date, point.pain),
        {"coding": [PAIN], "text": "Knee pain during the session, 0 to 10"},
        {"valueInteger": point.pain},
        effectiveDateTime=point.date.isoformat(),
    )
    if point.next_morning is not None:
        bundle.observation(
            ("next-morning", point.date, point.next_morning),
            {"coding": [PAIN], "text": "Knee pain the morning after the session, 0 to 10"},
            {"valueInteger": point.next_morning},
            effectiveDateTime=(point.date + timedelta(days=1)).isoformat(),
        )


def _checkin_measures(bundle: _Entries, checkin: CheckIn) -> None:
    """A check-in's measures: the week's pain, the chair stands, the PSFS activities and
    the follow-up measures."""
    day = checkin.date.isoformat()
    if checkin.week_pain is not None:
        week = {"start": (checkin.date - timedelta(days=6)).isoformat(), "end": day}
        bundle.observation(
            ("week-pain", day, checkin.week_pain),
            {"coding": [PAIN], "text": "Average knee pain over the last week (NPRS), 0 to 10"},
            {"valueInteger": checkin.week_pain},
            effectivePeriod=week,
        )
    if checkin.chair_stands is not None:
        bundle.observation(
            ("chair-stands", day, checkin.chair_stands),
            {"coding": [CHAIR_STANDS], "text": "30-second chair stand: full stands"},
            {
                "valueQuantity": {
                    "value": checkin.chair_stands,
                    "unit": "stands in 30 s",
                    "system": UCUM,
                    "code": "{#}/(30.s)",
                }
            },
            effectiveDateTime=day,
            category=_category(OBSERVATION_CATEGORY, "exam", "Exam"),
        )
    for activity, score in checkin.activities:
        bundle.observation(
            ("psfs", day, activity, score),
            {
                "text": "Patient-Specific Functional Scale (PSFS), 0 (unable) to 10 (as "
                f"before): {activity}"
            },
            {"valueInteger": score},
            effectiveDateTime=day,
        )
    for key, value in checkin.follow_up().items():
        if value is None:
            continue
        loinc, text, unit, printed = FOLLOW_UP_CODES[key]
        coding = loinc or {"system": KNEEFIT_MEASURES, "code": key, "display": text}
        bundle.observation(
            (key, day, value),
            {"coding": [coding], "text": text},
            {
                "valueQuantity": {
                    "value": value,
                    "unit": printed,
                    "system": UCUM,
                    "code": unit,
                }
            },
            effectiveDateTime=day,
            category=_category(OBSERVATION_CATEGORY, "exam", "Exam"),
        )


def _red_flag(bundle: _Entries, flag: RedFlag) -> None:
    """A red flag logged, active until it was cleared."""
    period = {"start": flag.date.isoformat()}
    if flag.cleared is not None:
        period["end"] = flag.cleared.isoformat()
    resource: dict[str, Any] = {
        "resourceType": "Flag",
        "status": "active" if flag.cleared is None else "inactive",
        "category": _category(FLAG_CATEGORY, "clinical", "Clinical"),
        "code": {"text": f"Knee red flag logged: {flag.text}"},
        "subject": bundle.subject,
        "period": period,
    }
    bundle.entries.append((_name("flag", len(bundle.entries), flag.date, flag.text), resource))


def _service_request(report: Report, subject: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The routine as the Physical Activity guide's exercise prescription: exercise therapy
    so many sessions a week, from the report's start, with what was done as a note."""
    per_week = report.planned_per_week
    resource = {
        "resourceType": "ServiceRequest",
        "status": "active",
        # kneefit plans; it does not prescribe: a plan, not an order.
        "intent": "plan",
        "category": _category(PA_CODES, "PhysicalActivity", "Physical Activity"),
        "code": {
            "coding": [EXERCISE_THERAPY],
            "text": "Home exercise routine for the knee (kneefit)",
        },
        "subject": subject,
        "occurrenceTiming": {
            "repeat": {
                "boundsPeriod": {"start": report.start.isoformat()},
                "frequency": per_week,
                "period": 1,
                "periodUnit": "wk",
            }
        },
        "note": [{"text": _done_text(report)}],
    }
    return _name("service-request", report.start, per_week), resource


def _done_text(report: Report) -> str:
    period = f"{report.start.isoformat()} to {report.end.isoformat()}"
    return (
        f"{report.done} of {report.planned} planned sessions done from {period} "
        f"({report.planned_per_week} a week planned)."
    )


def validate(bundle: dict[str, Any]) -> None:
    """Check ``bundle`` against FHIR's models (``fhir.resources``) before it is written. A
    Bundle they refuse is kneefit's bug, never the person's: it surfaces as one."""
    try:
        from fhir.resources.R4B.bundle import Bundle
    except ImportError:
        raise UsageError(
            f"writing FHIR needs the fhir.resources package, which is not installed: "
            f"{HOW_TO_GET_IT} (or write the report as JSON with -f json)"
        ) from None
    Bundle.model_validate(bundle)
