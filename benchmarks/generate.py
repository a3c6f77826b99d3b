"""Write a catalogue of N exercises, or a session log of N sessions, for benchmarks.

A catalogue follows the schema of data/exercises.yaml: the bundled exercises are repeated,
each copy with its own ids and names and its variants pointing inside the same copy, so the
result is a valid, self-contained catalogue of the same shape as the real one (the copies
cite their sources by id alone).

A log is an export file for 'kneefit log import': one session a day, the last on the day
before END (default: yesterday), with the same pain, effort and exercises for the same N
and END every time. With --full, it is more of a person's log, all of which 'kneefit
report' reads: the progression step moves up and back down a step each fortnight (0 to
3), and the log holds a check-in every seventh day (NPRS, two PSFS activities, chair
stands) and a walk outside sessions every other day. With --part I/K, it holds only the
I-th of K runs of days of that log (1 <= I <= K): a log larger than 'kneefit log import'
takes in one file (32 MiB, about 30,000 sessions) is imported as K files in turn (an
import adds to the log), and the K parts together are the whole log.

    python benchmarks/generate.py 10000 > big.yaml
    python benchmarks/generate.py --log 10000 [--end YYYY-MM-DD] [--full] [--part I/K] > log.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from kneefit.pose_contact import NOT_YET_REDRAWN

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
    # A bundled drawing known to miss a contact is let through for its own id only; a copy
    # under a new id would be refused, as a clinician's layer would be.
    copyable = [e for e in base if e["id"] not in NOT_YET_REDRAWN]
    copy = 1
    while len(exercises) < count:
        chunk = copyable[: count - len(exercises)]
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


#: The steps a --full log goes through, a fortnight each: up three steps and back down.
STAGES = (0, 1, 2, 3, 2, 1)


def make_log(
    count: int,
    end: date,
    exercises: Sequence[tuple[str, str]],
    full: bool = False,
    part: tuple[int, int] = (1, 1),
) -> dict[str, Any]:
    """An export of ``count`` sessions, one a day, the last on the day before ``end``.

    Pain stays 0 to 3 (no red flags), so every session is one a person could log; each
    session names eight of ``exercises`` (id, name), taken in turn. With ``full``, the step
    changes every fortnight, and there is a check-in every seventh day and a walk every
    other day. ``part`` (I, K) keeps only
    the I-th of K runs of days, split as evenly as whole days allow.
    """
    if count < 0:
        raise ValueError("a log holds zero or more sessions")
    if not exercises:
        raise ValueError("a log needs exercises to name")
    which, parts = part
    if not 1 <= which <= parts:
        raise ValueError("a part is I of K, with 1 <= I <= K")
    first = end - timedelta(days=count)
    days = range((which - 1) * count // parts, which * count // parts)
    sessions: list[dict[str, Any]] = []
    for index in days:
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
                "stage": STAGES[(index // 14) % len(STAGES)] if full else 0,
            }
        )
    log: dict[str, Any] = {"kneefit_log": 1, "sessions": sessions}
    if full:
        log["checkins"] = [
            {
                "date": (first + timedelta(days=index)).isoformat(),
                "week_pain": 1 + (index // 7) % 4,
                "activities": [
                    {"activity": "climbing stairs", "score": 4 + (index // 7) % 5},
                    {"activity": "walking to the shops", "score": 5 + (index // 14) % 4},
                ],
                "chair_stands": 9 + (index // 7) % 6,
            }
            for index in days
            if index % 7 == 0
        ]
        log["walks"] = [
            {"date": (first + timedelta(days=index)).isoformat(), "minutes": 20 + 5 * (index % 5)}
            for index in days
            if index % 2 == 1
        ]
    return log


def _log_options(argv: list[str]) -> tuple[date, bool, tuple[int, int]] | None:
    """--end, --full and --part from ``argv``; None if they do not parse."""
    end, full, part = date.today(), False, (1, 1)
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "--full":
            full = True
        elif option in ("--end", "--part") and rest:
            value = rest.pop(0)
            if option == "--end":
                try:
                    end = date.fromisoformat(value)
                except ValueError:
                    return None
                if end > date.today():
                    return None
            else:
                which, _, parts = value.partition("/")
                if not (which.isdigit() and parts.isdigit()):
                    return None
                part = (int(which), int(parts))
                if not 1 <= part[0] <= part[1]:
                    return None
        else:
            return None
    return end, full, part


USAGE = (
    "usage: python benchmarks/generate.py COUNT > catalogue.yaml\n"
    "       python benchmarks/generate.py --log COUNT [--end YYYY-MM-DD] [--full] "
    "[--part I/K] > log.json\n"
)


def main(argv: list[str]) -> int:
    if len(argv) == 1 and argv[0].isdigit():
        sys.stdout.write(make_catalogue(int(argv[0])))
        return 0
    if len(argv) >= 2 and argv[0] == "--log" and argv[1].isdigit():
        options = _log_options(argv[2:])
        if options is None:
            sys.stderr.write(USAGE)
            return 2
        end, full, part = options
        log = make_log(int(argv[1]), end, bundled_exercises(), full, part)
        sys.stdout.write(json.dumps(log, ensure_ascii=False) + "\n")
        return 0
    sys.stderr.write(USAGE)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
