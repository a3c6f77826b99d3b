"""What a reader of the session log trusts of each value, and the first value kneefit
would not have written, said with where it is and how to repair it.

The tables' CHECK constraints hold these rules for every row kneefit writes; a row
changed with another tool (or with the CHECKs switched off) may not, and kneefit
would plan from it: :func:`kneefit.log.sqlite.open_log` refuses such a log."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kneefit.errors import DataError, RepairByExport, RepairInPlace
from kneefit.i18n import N_, _, pgettext

if TYPE_CHECKING:
    import sqlite3


#: A day column holds a real date, in the years Python's dates allow (SQLite's date() with
#: a modifier makes 2026-02-30 another day, and 2026-13-45 none).
_A_DAY = "(typeof({c}) = 'text' AND {c} >= '0001-01-01' AND date({c}, '+0 days') IS {c})"


def _whole(low: int, high: int, *, optional: bool = False) -> str:
    """A column holding a whole number from ``low`` to ``high`` (or NULL, if ``optional``)."""
    held = f"(typeof({{c}}) = 'integer' AND {{c}} BETWEEN {low} AND {high})"
    return f"({{c}} IS NULL OR {held})" if optional else held


_TEXT = "typeof({c}) = 'text'"


def _seconds_rule(low: int, high: int) -> str:
    """A column holding a number from ``low`` to ``high``, or NULL (a timed test)."""
    return (
        f"({{c}} IS NULL OR (typeof({{c}}) IN ('real', 'integer') "
        f"AND {{c}} BETWEEN {low} AND {high}))"
    )


def _follow_up_rules() -> tuple[tuple[str, str, str], ...]:
    """The rules of a check-in's follow-up measures (kneefit.log.schema.FOLLOW_UP_COLUMNS)."""
    from kneefit.log.schema import FOLLOW_UP_COLUMNS

    rules = []
    for column, kind, low, high in FOLLOW_UP_COLUMNS:
        if kind == "INTEGER":
            rule = _whole(low, high, optional=True)
            words = _("a whole number from {low} to {high}").format(low=low, high=high)
        else:
            rule = _seconds_rule(low, high)
            words = _("a number of seconds from {low} to {high}").format(low=low, high=high)
        rules.append((column, rule, words))
    return tuple(rules)


def value_rules() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Each column a reader of the log trusts, per table: the column, the SQL condition its
    value keeps (``{c}`` for the column) and that in words. The tables' CHECK constraints
    hold these for every row kneefit writes; a row changed with another tool (or with the
    CHECKs switched off) may not, and kneefit would plan from it."""
    from kneefit.models import MAX_WALK_MINUTES, STAGE_LIMIT

    pain = _whole(0, 10)
    pain_words = _("a whole number from {low} to {high}").format(low=0, high=10)
    day = (_A_DAY, _("a date (YYYY-MM-DD)"))
    knee = ("knee", "({c} IS NULL OR {c} IN ('left', 'right', 'both'))", _("left, right or both"))
    text = pgettext("what a value of the log must be", "text")
    return {
        "sessions": (
            ("day", *day),
            ("pain", pain, pain_words),
            ("effort", pain, pain_words),
            ("next_morning_pain", _whole(0, 10, optional=True), pain_words),
            (
                "stage",
                _whole(-STAGE_LIMIT, STAGE_LIMIT),
                _("a whole number from {low} to {high}").format(low=-STAGE_LIMIT, high=STAGE_LIMIT),
            ),
            ("notes", _TEXT, text),
            ("red_flags", _TEXT, _("a JSON list of text")),
            knee,
        ),
        "clearances": (("day", *day), ("text", _TEXT, text)),
        "checkins": (
            ("day", *day),
            ("week_pain", _whole(0, 10, optional=True), pain_words),
            (
                "chair_stands",
                _whole(0, 60, optional=True),
                _("a whole number from {low} to {high}").format(low=0, high=60),
            ),
            knee,
            *_follow_up_rules(),
        ),
        "checkin_activities": (("score", pain, pain_words), ("activity", _TEXT, text)),
        "walks": (
            ("day", *day),
            (
                "minutes",
                _whole(1, MAX_WALK_MINUTES),
                _("a whole number from {low} to {high}").format(low=1, high=MAX_WALK_MINUTES),
            ),
        ),
        "reviews": (("day", *day), ("week_start", *day)),
    }


#: How each table's rows are named in a message: a row's own day, or its check-in's.
_ROW_NAMES = {
    "sessions": (N_("the session"), "SELECT day FROM sessions WHERE id = ?"),
    "clearances": (N_("the clinician's all-clear"), "SELECT day FROM clearances WHERE id = ?"),
    "checkins": (N_("the check-in"), "SELECT day FROM checkins WHERE id = ?"),
    "checkin_activities": (
        N_("an activity score of the check-in"),
        "SELECT day FROM checkins WHERE id = ?",
    ),
    "walks": (N_("the walk"), "SELECT day FROM walks WHERE id = ?"),
    "reviews": (N_("the weekly review"), "SELECT day FROM reviews WHERE id = ?"),
}
_ROW_IDS = {"checkin_activities": "checkin_id"}


def bad_value(db: sqlite3.Connection, path: Path) -> DataError | None:
    """The first value in the log that kneefit would not have written, said with where it
    is, and how to repair it without losing anything as its advice; None if every value is
    as written.
    One pass over each table (a few milliseconds for 80,000 sessions)."""
    for table, rules in value_rules().items():
        held = " AND ".join(rule.format(c=column) for column, rule, _ in rules)
        ident = _ROW_IDS.get(table, "id")
        columns = ", ".join(column for column, _, _ in rules)
        row = db.execute(
            f"SELECT {ident}, {columns} FROM {table} WHERE NOT ({held}) LIMIT 1"
        ).fetchone()
        if row is None:
            continue
        for (column, rule, want), value in zip(rules, row[1:], strict=True):
            if not _holds(db, rule, value):
                return _bad_value_error(db, path, table, row[0], column, value, want)
    return None


def _holds(db: sqlite3.Connection, rule: str, value: object) -> bool:
    """Whether ``value`` keeps ``rule`` (asked of SQLite, so it judges as the scan did)."""
    found = db.execute(f"SELECT {rule.replace('{c}', '?1')}", (value,)).fetchone()
    return bool(found[0])


def _shown(value: object) -> str:
    """A value as a message shows it: Python's repr (control characters escaped), cut."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _bad_value_error(
    db: sqlite3.Connection,
    path: Path,
    table: str,
    ident: int,
    column: str,
    value: object,
    want: str,
) -> DataError:
    name, query = _ROW_NAMES[table]
    found = db.execute(query, (ident,)).fetchone()
    day = found[0] if found else None
    row_table = "checkins" if table == "checkin_activities" else table
    if isinstance(day, str) and _holds(db, _A_DAY, day):
        where = _("{row} of {day} (row {ident} of the table {table})").format(
            row=_(name), day=day, ident=ident, table=row_table
        )
    else:
        where = _("{row} (row {ident} of the table {table})").format(
            row=_(name), ident=ident, table=row_table
        )
    said = _(
        "the session log {file} has a bad value: {where} has {column} {value}, "
        "where {want} belongs; kneefit has not changed the log."
    ).format(file=path, where=where, column=column, value=_shown(value), want=want)
    if column == "day" or table == "reviews" or "integer" not in _rule_of(table, column):
        # The export reads dates and text as kneefit does (and a review's dates too):
        # repair the row where it is.
        in_place = RepairInPlace(str(path), table, column, _ROW_IDS.get(table, "id"), ident)
        return DataError(said, advice=in_place)
    return DataError(said, advice=RepairByExport())


def _rule_of(table: str, column: str) -> str:
    return next(rule for name, rule, _ in value_rules()[table] if name == column)
