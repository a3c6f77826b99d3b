"""Errors the core raises; the CLI maps each kind to one exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: How many problems one file's error lists before it says "... and N more".
MAX_LISTED_PROBLEMS = 20


class KneefitError(Exception):
    """Base of every error kneefit expects and explains."""

    exit_code = 1


class DataError(KneefitError):
    """A problem with a catalogue or another file: exit code 1."""

    exit_code = 1


class UsageError(KneefitError):
    """A mistake in what the user typed: exit code 2."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file kneefit reads (a catalogue, a log export, ...), and where."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"{self.path}: {self.message}" if self.path else self.message
        return f"{where}: {what}"


class ProblemError(DataError):
    """A file that cannot be used, with every problem found (up to a cap), each located."""

    def __init__(
        self, problems: Sequence[Problem], more: int = 0, *, stopped: bool = False
    ) -> None:
        self.problems = tuple(problems[:MAX_LISTED_PROBLEMS])
        self.more = more + max(0, len(problems) - MAX_LISTED_PROBLEMS)
        self.stopped = stopped
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.more:
            lines.append(f"... and {self.more} more")
        if self.stopped:
            lines.append(
                f"(kneefit stopped checking after {MAX_LISTED_PROBLEMS} problems; "
                "fix these and run it again)"
            )
        return "\n".join(lines)


def file_error(
    file: str, message: str, line: int | None = None, column: int | None = None, path: str = ""
) -> ProblemError:
    """An error of one located problem."""
    return ProblemError([Problem(file, message, line, column, path)])


class UnknownNameError(UsageError):
    """A name the user typed that matches nothing, with the choices and a did-you-mean."""

    def __init__(self, kind: str, value: str, choices: Sequence[str], suggestions: Sequence[str]):
        self.kind = kind
        self.value = value
        self.choices = tuple(choices)
        self.suggestions = tuple(suggestions)
        message = f"unknown {kind} {value!r}."
        if suggestions:
            message += " Did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        plural = {"category": "categories", "equipment": "equipment"}.get(kind, kind + "s")
        # Conditions are listed in full (there are a few dozen); exercises are too many.
        if len(choices) <= (40 if kind == "condition" else 20):
            message += f"\nValid {plural}: " + ", ".join(choices)
        else:
            message += f"\nSee 'kneefit list' for all {len(choices)} {plural}."
        super().__init__(message)
