"""The remembered plan: the last plan ``kneefit plan`` printed, what ``kneefit log`` records
by default.

It is a small JSON file beside the log, replaced in one step, so ``kneefit plan`` needs no
database unless a log exists to read. Each exercise's dose is kept as data (a
:class:`~kneefit.models.LoggedDose`); a file an older kneefit wrote holds the dose's words,
which are read back as data where they can be.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kneefit.errors import DataError
from kneefit.i18n import _
from kneefit.models import KNEES, STAGE_LIMIT, Knee, LoggedDose, LoggedExercise

#: The file name of the last plan inside kneefit's data directory.
LAST_PLAN = "last-plan.json"

#: A remembered plan larger than this is not read (twelve weeks of seven days take ~150 kB).
MAX_PLAN_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class RememberedPlan:
    """The last plan ``kneefit plan`` printed: what a session logs by default."""

    made: datetime
    stage: int
    exercises: tuple[LoggedExercise, ...]
    #: For a week's plan (``--days``): each session day's exercises, by date.
    days: dict[date, tuple[LoggedExercise, ...]] = field(default_factory=dict)
    #: The program phase the plan followed (``program/phase``), if it named or moved on
    #: to one: a session logged from it records it.
    phase: str | None = None
    #: Which knee the plan was for (``--knee``): a session logged from it records it,
    #: unless ``kneefit log --knee`` says otherwise.
    knee: Knee | None = None
    #: The most pain, out of 10, the plan allowed during a session (its program's ceiling,
    #: else the catalogue's rule): ``kneefit log`` says "too much" above it. None from an
    #: older kneefit's file.
    pain_ceiling: int | None = None

    def for_day(self, day: date) -> tuple[LoggedExercise, ...]:
        """What a session on ``day`` did: that day's part of a week, or the whole plan."""
        return self.days.get(day, self.exercises)


def remember_plan(folder: Path, plan: RememberedPlan) -> None:
    """Keep ``plan`` (atomically) as the one ``kneefit log`` records by default."""
    from kneefit.atomic import replace_file
    from kneefit.files import folder_problem

    data: dict[str, Any] = {
        "made": plan.made.isoformat(),
        "stage": plan.stage,
        "phase": plan.phase,
        "exercises": [_exercise(e) for e in plan.exercises],
        "days": {day.isoformat(): [_exercise(e) for e in done] for day, done in plan.days.items()},
    }
    if plan.knee is not None:
        # Only where one was named: the file reads as an older kneefit wrote it otherwise.
        data["knee"] = plan.knee
    if plan.pain_ceiling is not None:
        data["pain_ceiling"] = plan.pain_ceiling
    text = json.dumps(data, indent=1)
    problem = folder_problem(folder)
    if problem:
        raise DataError(_("cannot remember the plan: {problem}").format(problem=problem))
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        replace_file(folder / LAST_PLAN, text.encode("utf-8"))
    except OSError as exc:
        raise DataError(
            _("cannot remember the plan in {folder}: {error}").format(
                folder=folder, error=exc.strerror or exc
            )
        ) from None


def _exercise(exercise: LoggedExercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "dose": exercise.dose.model_dump(mode="json", exclude_none=True),
    }


#: A program phase as a log keeps it: ``program/phase``.
_PHASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*")


def last_plan(folder: Path) -> RememberedPlan | None:
    """The plan ``kneefit plan`` last printed; None if there is none or it cannot be used.

    It is read through the guarded reader: a FIFO, a device, a huge or deeply nested file,
    or text with control characters counts as no plan, never as a hang or a crash.
    """
    from kneefit.errors import KneefitError
    from kneefit.files import text_control
    from kneefit.jsonread import read_json

    try:
        data, _ = read_json(folder / LAST_PLAN, limit=MAX_PLAN_BYTES)
    except KneefitError:
        return None

    def text(value: Any) -> str:
        if not isinstance(value, str) or text_control(value) or len(value) > 2000:
            raise ValueError("not usable text")
        return value

    def dose(value: Any) -> LoggedDose | str:
        # Data, or an older kneefit's words (the model reads them back).
        return LoggedDose.model_validate(value) if isinstance(value, dict) else text(value)

    def done(items: list[dict[str, Any]]) -> tuple[LoggedExercise, ...]:
        return tuple(
            LoggedExercise(id=text(e["id"]), name=text(e["name"]), dose=dose(e["dose"]))
            for e in items
        )

    try:
        stage = data["stage"]
        if type(stage) is not int or not -STAGE_LIMIT <= stage <= STAGE_LIMIT:
            raise ValueError("not a stage")
        phase = data.get("phase")
        if phase is not None and not _PHASE.fullmatch(text(phase)):
            raise ValueError("not a phase")
        knee = data.get("knee")
        if knee is not None and knee not in KNEES:
            raise ValueError("not a knee")
        ceiling = data.get("pain_ceiling")
        if ceiling is not None and (type(ceiling) is not int or not 0 <= ceiling <= 10):
            raise ValueError("not a pain ceiling")
        return RememberedPlan(
            made=datetime.fromisoformat(text(data["made"])),
            stage=stage,
            phase=phase,
            knee=knee,
            pain_ceiling=ceiling,
            exercises=done(data["exercises"]),
            days={date.fromisoformat(d): done(items) for d, items in data.get("days", {}).items()},
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def forget_plan(folder: Path) -> None:
    """Delete the remembered plan in ``folder``, if there is one."""
    path = folder / LAST_PLAN
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DataError(f"cannot delete {path}: {exc.strerror or exc}") from None
