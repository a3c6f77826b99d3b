"""kneefit report -f fhir: the progress report as a FHIR R4 Bundle, validated by the
fhir.resources package (pydantic models of FHIR) and checked for its codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.conftest import Invoke

pytestmark = pytest.mark.usefixtures("home_dir")


@pytest.fixture
def home_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "kneefit-home"
    monkeypatch.setenv("KNEEFIT_HOME", str(folder))
    return folder


def on(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    monkeypatch.setenv("KNEEFIT_TODAY", day)


@pytest.fixture
def logged(cli: Invoke, monkeypatch: pytest.MonkeyPatch, home_dir: Path) -> None:
    """Two weeks: sessions (two on one day), a next morning, a cleared red flag and one
    still standing, and two check-ins with every score."""
    steps: list[tuple[str, tuple[str, ...]]] = [
        ("2026-03-02", ("checkin", "--pain", "5", "--chair-stands", "9", "--activity", "stairs=3")),
        ("2026-03-02", ("log", "--pain", "3", "--effort", "5")),
        ("2026-03-03", ("log", "--next-morning", "2")),
        ("2026-03-04", ("log", "--pain", "6", "--effort", "5", "--red-flag", "knee locked")),
        ("2026-03-06", ("log", "--cleared", "seen by the GP: fine to go on")),
        ("2026-03-09", ("log", "--pain", "2", "--effort", "4")),
        ("2026-03-09", ("log", "--pain", "2", "--effort", "4")),
        ("2026-03-12", ("log", "--pain", "7", "--effort", "6", "--red-flag", "hot & swollen")),
        (
            "2026-03-13",
            ("checkin", "--pain", "3", "--chair-stands", "12", "--activity", "stairs=6"),
        ),
    ]
    for day, args in steps:
        on(monkeypatch, day)
        result = cli(*args)
        assert result.code == 0, (args, result.stderr)


def report(cli: Invoke, *more: str) -> dict[str, Any]:
    result = cli("report", "-f", "fhir", *more)
    assert result.code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def codes(resource: dict[str, Any]) -> list[str]:
    return [c["code"] for c in resource["code"].get("coding", [])]


@pytest.mark.usefixtures("logged")
def test_the_report_is_a_valid_bundle_with_loinc_coded_observations(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, "2026-03-13")
    bundle = report(cli)
    parsed = Bundle.model_validate(bundle)
    assert parsed.entry is not None and len(parsed.entry) == 16
    assert parsed.type == "collection"
    names = [e["fullUrl"] for e in bundle["entry"]]
    assert len(names) == len(set(names)) and all(n.startswith("urn:uuid:") for n in names)
    # Every reference names an entry of the Bundle: the one Patient.
    (patient,) = [
        e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ]
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] != "Patient":
            assert resource["subject"] == {"reference": patient}

    observations = resources(bundle, "Observation")
    pain = [o for o in observations if codes(o) == ["72514-3"]]
    during = [o for o in pain if o["code"]["text"] == "Knee pain during the session, 0 to 10"]
    assert [(o["effectiveDateTime"], o["valueInteger"]) for o in during] == [
        ("2026-03-02", 3),
        ("2026-03-04", 6),
        ("2026-03-09", 2),
        ("2026-03-09", 2),
        ("2026-03-12", 7),
    ]
    morning = [o for o in pain if "morning after" in o["code"]["text"]]
    assert [(o["effectiveDateTime"], o["valueInteger"]) for o in morning] == [("2026-03-03", 2)]
    week = [o for o in pain if "last week" in o["code"]["text"]]
    assert [(o["effectivePeriod"], o["valueInteger"]) for o in week] == [
        ({"start": "2026-02-24", "end": "2026-03-02"}, 5),
        ({"start": "2026-03-07", "end": "2026-03-13"}, 3),
    ]
    stands = [o for o in observations if codes(o) == ["66247-8"]]
    assert [o["valueQuantity"] for o in stands] == [
        {"value": n, "unit": "stands in 30 s", "system": "http://unitsofmeasure.org",
         "code": "{#}/(30.s)"}
        for n in (9, 12)
    ]  # fmt: skip
    psfs = [o for o in observations if "PSFS" in o["code"]["text"]]
    assert [(o["code"]["text"].rsplit(": ", 1)[1], o["valueInteger"]) for o in psfs] == [
        ("stairs", 3),
        ("stairs", 6),
    ]
    assert all(o["status"] == "final" for o in observations)

    (request,) = resources(bundle, "ServiceRequest")
    assert codes(request) == ["229065009"] and request["intent"] == "plan"
    assert request["occurrenceTiming"]["repeat"]["frequency"] == 3
    assert request["occurrenceTiming"]["repeat"]["periodUnit"] == "wk"

    flags = resources(bundle, "Flag")
    assert [(f["code"]["text"], f["status"], f["period"]) for f in flags] == [
        ("Knee red flag logged: knee locked", "inactive",
         {"start": "2026-03-04", "end": "2026-03-06"}),
        ("Knee red flag logged: hot & swollen", "active", {"start": "2026-03-12"}),
    ]  # fmt: skip


@pytest.mark.usefixtures("logged")
def test_the_same_report_gives_the_same_bundle(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    on(monkeypatch, "2026-03-13")
    first = cli("report", "-f", "fhir")
    written = tmp_path / "report.fhir.json"  # the extension picks FHIR, not kneefit's JSON
    assert cli("report", "-o", str(written)).code == 0
    assert written.read_text(encoding="utf-8") == first.stdout


def test_an_empty_log_is_a_bundle_of_the_patient_and_the_routine(cli: Invoke) -> None:
    bundle = report(cli)
    Bundle.model_validate(bundle)
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == [
        "Patient",
        "ServiceRequest",
    ]


def test_without_fhir_resources_the_format_says_how_to_get_it(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "fhir.resources.R4B.bundle", None)
    result = cli("report", "-f", "fhir")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: writing FHIR needs the fhir.resources package, which is not installed: "
        "pip install 'kneefit[fhir]' (or write the report as JSON with -f json)\n"
    )


@pytest.mark.parametrize("command", [("plan", "-c", "arthritis"), ("history",), ("list",)])
def test_fhir_is_for_reports_only(cli: Invoke, command: tuple[str, ...]) -> None:
    result = cli(*command, "-f", "fhir")
    assert (result.code, result.stdout) == (2, "")
    assert "the fhir format is not for" in result.stderr


def test_the_check_refuses_what_fhir_does_not_allow() -> None:
    """The validation before writing is not a formality: an Observation without its code
    (FHIR requires one) is refused."""
    from pydantic import ValidationError

    from kneefit.render.fhir import validate

    validate({"resourceType": "Bundle", "type": "collection"})
    broken = {"resourceType": "Observation", "status": "final", "valueInteger": 3}
    with pytest.raises(ValidationError):
        validate({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": broken}]})


def test_a_name_of_only_spaces_is_left_out_and_the_bundle_stays_valid() -> None:
    """FHIR refuses a string that is all whitespace (an ideographic space, say); a report
    whose person is one names no one rather than writing a Bundle FHIR refuses."""
    from datetime import date, timedelta

    from kneefit.render.fhir import report_bundle, validate
    from kneefit.report import build_report

    day = date(2026, 11, 2)
    built = build_report([], [], 3, day, day + timedelta(days=6), person="\u3000")
    bundle = report_bundle(built)
    validate(bundle)
    (patient,) = resources(bundle, "Patient")
    assert "name" not in patient
