"""Write a catalogue of N exercises, or a session log of N sessions, for benchmarks.

A catalogue follows the schema of data/exercises.yaml: the bundled exercises are repeated,
each copy with its own ids and names and its variants pointing inside the same copy, so the
result is a valid, self-contained catalogue of the same shape as the real one (the copies
cite their sources by id alone).

A log is an export file for 'kneefit log import': one session a day, the last on the day
before END (default: yesterday), with the same pain, effort and exercises for the same N
and END every time.

    python benchmarks/generate.py 10000 > big.yaml
    python benchmarks/generate.py --log 10000 [--end YYYY-MM-DD] > log.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "exercises.yaml"


class _Dumper(yaml.CSafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # Write every copy out in full, as a person would: no anchors and aliases.
        return True


def _renamed(exercise: dict[str, Any], copy: int, kept: set[str]) -> dict[str, Any]:
    out = dict(exercise)
    out["id"] = f"{exercise['id']}-{copy}"
    out["name"] = f"{exercise['name']} {copy}"
    out.pop("aliases", None)
    # A copy cites its sources by id, as a clinician's own file may: the bundled entries'
    # notes on what each source shows are not repeated 20,000 times.
    out["sources"] = [c["id"] if isinstance(c, dict) else c for c in exercise["sources"]]
    for key in ("easier", "harder"):
        if key in out:
            if out[key] in kept:
                out[key] = f"{out[key]}-{copy}"
            else:
                del out[key]
    return out


def make_catalogue(count: int) -> str:
    """A catalogue of ``count`` exercises (at least one full copy of the bundled ones)."""
    data = yaml.load(BUNDLED.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    base: list[dict[str, Any]] = data["exercises"]
    if count < len(base):
        raise ValueError(f"a generated catalogue holds at least {len(base)} exercises")
    exercises = list(base)
    copy = 1
    while len(exercises) < count:
        chunk = base[: count - len(exercises)]
        kept = {e["id"] for e in chunk}
        exercises += [_renamed(e, copy, kept) for e in chunk]
        copy += 1
    data["exercises"] = exercises
    dumped: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return dumped


def bundled_exercises() -> list[tuple[str, str]]:
    """The (id, name) of each bundled exercise, in catalogue order."""
    data = yaml.load(BUNDLED.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return [(str(e["id"]), str(e["name"])) for e in data["exercises"]]


def make_log(count: int, end: date, exercises: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """An export of ``count`` sessions, one a day, the last on the day before ``end``.

    Pain stays 0 to 3 (no red flags), so every session is one a person could log; each
    session names eight of ``exercises`` (id, name), taken in turn.
    """
    if count < 0:
        raise ValueError("a log holds zero or more sessions")
    if not exercises:
        raise ValueError("a log needs exercises to name")
    first = end - timedelta(days=count)
    sessions: list[dict[str, Any]] = []
    for index in range(count):
        start = (index * 3) % len(exercises)
        done = [exercises[(start + k) % len(exercises)] for k in range(min(8, len(exercises)))]
        pain = (index * 7) % 4
        sessions.append(
            {
                "date": (first + timedelta(days=index)).isoformat(),
                "pain": pain,
                "effort": 3 + index % 5,
                "next_morning_pain": None if index % 3 == 2 else max(0, pain - 1),
                "exercises": [
                    {"id": ident, "name": name, "dose": "2 sets of 10 reps, rest 60 s between"}
                    for ident, name in done
                ],
                "notes": "Stairs were easier." if index % 5 == 0 else "",
                "red_flags": [],
                "stage": 0,
            }
        )
    return {"kneefit_log": 1, "sessions": sessions}


USAGE = (
    "usage: python benchmarks/generate.py COUNT > catalogue.yaml\n"
    "       python benchmarks/generate.py --log COUNT [--end YYYY-MM-DD] > log.json\n"
)


def main(argv: list[str]) -> int:
    if len(argv) == 1 and argv[0].isdigit():
        sys.stdout.write(make_catalogue(int(argv[0])))
        return 0
    if len(argv) in (2, 4) and argv[0] == "--log" and argv[1].isdigit():
        end = date.today()
        if len(argv) == 4:
            try:
                end = date.fromisoformat(argv[3])
            except ValueError:
                end = date.min
            if argv[2] != "--end" or end == date.min or end > date.today():
                sys.stderr.write(USAGE)
                return 2
        log = make_log(int(argv[1]), end, bundled_exercises())
        sys.stdout.write(json.dumps(log, ensure_ascii=False) + "\n")
        return 0
    sys.stderr.write(USAGE)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
