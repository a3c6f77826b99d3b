"""Write a catalogue of N exercises in the schema of data/exercises.yaml, for benchmarks.

The bundled exercises are repeated, each copy with its own ids and names and its variants
pointing inside the same copy, so the result is a valid, self-contained catalogue of the
same shape (and about the same bytes per exercise) as the real one.

    python benchmarks/generate.py 10000 > big.yaml
"""

from __future__ import annotations

import sys
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


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].isdigit():
        sys.stderr.write("usage: python benchmarks/generate.py COUNT > catalogue.yaml\n")
        return 2
    sys.stdout.write(make_catalogue(int(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
