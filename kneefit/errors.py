"""Errors the core raises; the CLI maps each kind to one exit code.

An error says what is wrong in words without a command line: what the person can do next
(:data:`Advice`) and which of their options it is about (:class:`Given`) travel with it as
data, and the terminal's wording (kneefit.render.error_words) says them with the command
lines and options that do it."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from kneefit.i18n import N_, _
from kneefit.records import Record

#: How many problems one file's error lists before it says "... and N more".
MAX_LISTED_PROBLEMS = 20


class Option(enum.Enum):
    """What a person gave that an error is about (the terminal names its option)."""

    WITHOUT = "without"
    SWAP = "swap"
    PHASE = "phase"
    EQUIPMENT = "equipment"


class Given(Record):
    """The option an error is about, and the value given to it (``old=new`` for a swap)."""

    option: Option
    value: str = ""


class LogASessionFirst(Record):
    """There is no session to add to: log one first."""


class PlanWithoutTheLog(Record):
    """The session log cannot be read: plan without it meanwhile."""


class RepairInPlace(Record):
    """A bad value in the session log: put the right one in its row, with SQLite's own
    tool (``ident`` is the row's ``id_column``); plan without the log meanwhile."""

    file: str
    table: str
    column: str
    id_column: str
    ident: int


class RepairByExport(Record):
    """A bad value in the session log: export the log, correct the value, forget the log
    and import the export; plan without the log meanwhile."""


class SeeTheList(Record):
    """Too many names to list: see the list of them (``kind`` as in
    :class:`UnknownNameError`; ``plural`` its plural word)."""

    kind: str
    count: int
    plural: str


class SeeTheAlternatives(Record):
    """A swap that is not safe: see the safe alternatives to ``exercise`` (an id)."""

    exercise: str


class ReplaceIt(Record):
    """A file is already there: it can be replaced when asked to."""


class WriteToStandardOutput(Record):
    """A file kneefit may not write: write to standard output instead."""


class NameSomeEquipment(Record):
    """No equipment named: name some, or bodyweight only."""


#: What an error tells the person to do next.
Advice = (
    LogASessionFirst
    | PlanWithoutTheLog
    | RepairInPlace
    | RepairByExport
    | SeeTheList
    | SeeTheAlternatives
    | ReplaceIt
    | WriteToStandardOutput
    | NameSomeEquipment
)


class KneefitError(Exception):
    """Base of every error kneefit expects and explains: ``str()`` is what is wrong;
    ``advice`` what to do about it and ``given`` the option it is about, as data."""

    exit_code = 1

    def __init__(
        self, message: str = "", *, advice: Advice | None = None, given: Given | None = None
    ) -> None:
        super().__init__(message)
        self.advice = advice
        self.given = given


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
            lines.append(_("... and {count} more").format(count=self.more))
        if self.stopped:
            lines.append(
                _(
                    "(kneefit stopped checking after {count} problems; fix these and run it again)"
                ).format(count=MAX_LISTED_PROBLEMS)
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
        message = _(_UNKNOWN.get(kind, N_("unknown {kind} {value!r}."))).format(
            kind=kind, value=value
        )
        if suggestions:
            message += " " + _("Did you mean {names}?").format(
                names=_(" or ").join(repr(s) for s in suggestions)
            )
        # Conditions are listed in full (there are a few dozen); exercises are too many.
        plural = {"category": "categories", "equipment": "equipment"}.get(kind, kind + "s")
        advice = None
        if len(choices) <= (40 if kind == "condition" else 20):
            message += "\n" + _(_VALID.get(kind, N_("Valid {plural}: {names}"))).format(
                plural=plural, names=", ".join(choices)
            )
        else:
            advice = SeeTheList(kind, len(choices), plural)
        super().__init__(message, advice=advice)


#: "unknown NAME" for each kind of name, a whole sentence each (the word's gender and order
#: differ between languages).
_UNKNOWN = {
    "condition": N_("unknown condition {value!r}."),
    "exercise": N_("unknown exercise {value!r}."),
    "category": N_("unknown category {value!r}."),
    "equipment": N_("unknown equipment {value!r}."),
    "level": N_("unknown level {value!r}."),
    "format": N_("unknown format {value!r}."),
    "barrier": N_("unknown barrier {value!r}."),
}

#: The list of valid names for each kind of name.
_VALID = {
    "condition": N_("Valid conditions: {names}"),
    "exercise": N_("Valid exercises: {names}"),
    "category": N_("Valid categories: {names}"),
    "equipment": N_("Valid equipment: {names}"),
    "level": N_("Valid levels: {names}"),
    "format": N_("Valid formats: {names}"),
    "barrier": N_("Valid barriers: {names}"),
}
