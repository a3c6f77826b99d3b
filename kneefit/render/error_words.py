"""An error in the terminal's words: what is wrong (the core says it), then what to do
about it and the option it is about, with the command lines and options that do it (the
core gives those as data: see :data:`kneefit.errors.Advice` and
:class:`kneefit.errors.Given`)."""

from __future__ import annotations

import sys

from kneefit.errors import (
    Advice,
    Given,
    KneefitError,
    LogASessionFirst,
    NameSomeEquipment,
    Option,
    PlanWithoutTheLog,
    RepairByExport,
    RepairInPlace,
    ReplaceIt,
    SeeTheAlternatives,
    SeeTheList,
    WriteToStandardOutput,
)
from kneefit.i18n import _, ngettext

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # pragma: no cover
    from typing_extensions import assert_never


def error_text(error: KneefitError) -> str:
    """``error`` as the terminal says it: its problem, with its advice and its option."""
    said = str(error)
    if error.advice is not None:
        said = advised(said, error.advice)
    if error.given is not None:
        said = about(said, error.given)
    return said


def advised(problem: str, advice: Advice) -> str:
    """``problem`` followed by what to do about it."""
    if isinstance(advice, LogASessionFirst):
        return _("{problem}; log one first with 'kneefit log --pain N --effort N'").format(
            problem=problem
        )
    if isinstance(advice, PlanWithoutTheLog):
        return _("{problem}; 'kneefit plan --no-history' plans without it meanwhile.").format(
            problem=problem
        )
    if isinstance(advice, RepairInPlace):
        return _(
            "{said} To repair it, put the right value in that row with the sqlite3 tool "
            "(sqlite3 '{file}' \"{command}\"); {meanwhile}"
        ).format(
            said=problem,
            file=advice.file,
            command=f"UPDATE {advice.table} SET {advice.column} = ... "
            f"WHERE {advice.id_column} = {advice.ident}",
            meanwhile=_meanwhile(),
        )
    if isinstance(advice, RepairByExport):
        return _(
            "{said} To repair it, losing nothing: 'kneefit log export -o log.json' (it writes "
            "the value as it is), correct it in log.json, then 'kneefit log forget --yes' and "
            "'kneefit log import log.json'; {meanwhile}"
        ).format(said=problem, meanwhile=_meanwhile())
    if isinstance(advice, SeeTheList):
        if advice.kind == "exercise":
            see = ngettext(
                "See 'kneefit list' for the {count} exercise.",
                "See 'kneefit list' for all {count} exercises.",
                advice.count,
            ).format(count=advice.count)
        else:
            see = _("See 'kneefit list' for all {count} {plural}.").format(
                count=advice.count, plural=advice.plural
            )
        return problem + "\n" + see
    if isinstance(advice, SeeTheAlternatives):
        return _("{problem} See 'kneefit swap {ident}' for the safe alternatives.").format(
            problem=problem, ident=advice.exercise
        )
    if isinstance(advice, ReplaceIt):
        return _("{problem}; use --force to replace it").format(problem=problem)
    if isinstance(advice, WriteToStandardOutput):
        return _("{problem} (leave out -o to write to standard output)").format(problem=problem)
    if isinstance(advice, NameSomeEquipment):
        return _("{problem}; give a name (e.g. -e chair), or -e none for bodyweight only").format(
            problem=problem
        )
    assert_never(advice)


def _meanwhile() -> str:
    return _("'kneefit plan --no-history' plans without the log meanwhile.")


def about(problem: str, given: Given) -> str:
    """``problem`` said of the option it is about."""
    if given.option is Option.WITHOUT:
        return _("--without {problem}").format(problem=problem)
    if given.option is Option.SWAP:
        return _("--swap {value}: {problem}").format(value=given.value, problem=problem)
    if given.option is Option.PHASE:
        return _("--phase {problem}").format(problem=problem)
    if given.option is Option.EQUIPMENT:
        return _("'-e' / '--equipment': {problem}").format(problem=problem)
    assert_never(given.option)
