"""The weakening check: each safety rule of the bundled catalogue that a later layer loosens,
named.

It is built from the rule types themselves (:mod:`kneefit.catalogue.rule_fields`): every
field of every model a catalogue is made of, from
:class:`~kneefit.catalogue.schema.CatalogueFile` down, has a
:class:`~kneefit.catalogue.rule_fields.Way` of comparing the later value with the first:
how an entry is matched with its first definition (its id); which change loosens a rule (a
higher pain ceiling or level limit, a lower urgency or exercise level, a knee-load tag or
rule dropped, a trait added to ``only_traits``, a limits block gone, a phase that now
moves on by itself, ...); or that the field is not a rule at all (words, names, sources, a
dose), with the reason why. A model's field without an entry is a bug the check names
before it compares anything, so a field added to a model later is compared, or the tests
fail.

On top of the fields, the check asks each condition the planner's own question
(:func:`kneefit.screening.exclusion_reasons`): which exercises did its rules and limits leave
out before that they let in now, by a change to the condition or to the exercise?

Nothing here refuses a layer: a clinician may loosen a rule on purpose. Every loosening is
said, by name, with the file and line that made it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from pydantic import BaseModel

from kneefit.catalogue.rule_fields import FIELDS, Rule, Way, missing_fields
from kneefit.catalogue.schema import CatalogueFile
from kneefit.i18n import N_, _
from kneefit.models import (
    Condition,
    Exercise,
    Level,
    Safety,
    Urgency,
)
from kneefit.templates import ProgramTemplate

# ---------------------------------------------------------------------- comparing values

_URGENCY = {Urgency.SOON: 0, Urgency.URGENT: 1, Urgency.EMERGENCY: 2}


def _rank(value: object) -> float:
    if isinstance(value, Level):
        return value.rank
    if isinstance(value, Urgency):
        return _URGENCY[value]
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return value
    raise TypeError(f"no order for {value!r}")  # pragma: no cover - FIELDS is checked


def _shown(value: object) -> str:
    if value is None:
        return _("no limit")
    if isinstance(value, Enum):
        return repr(value.value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _quoted(items: Iterable[object]) -> str:
    return ", ".join(repr(getattr(i, "value", i)) for i in items)


def _members(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple) else ()


@dataclass
class _Walk:
    """One comparison: the name of the first layer, and the warnings found so far."""

    base: str
    found: list[str] = field(default_factory=list)

    def say(self, place: str, text: str) -> None:
        self.found.append(f"{place}: {text}")

    def model(
        self, kind: type[BaseModel], before: BaseModel, after: BaseModel, what: str, path: str,
        place: str,
    ) -> None:  # fmt: skip
        """Compare two definitions of one entry (or part of one), field by field."""
        for name, rule in FIELDS[kind].items():
            if rule.way in (Way.KEY, Way.NOT_A_RULE):
                continue
            old, new = getattr(before, name), getattr(after, name)
            if old == new:
                continue
            here = f"{path}{name}"
            if rule.way is Way.DRAWN:
                assert isinstance(before, Exercise) and isinstance(after, Exercise)
                self.drawn(before, after, what, here, place, rule)
            else:
                self.value(rule, old, new, what, here, place)

    def value(self, rule: Rule, old: object, new: object, what: str, here: str, place: str) -> None:
        """Compare two values of one field, the way its rule says (:data:`_COMPARE`)."""
        compare = _COMPARE.get(rule.way)
        if compare is None:  # pragma: no cover - an id, words or a drawing never get here
            raise AssertionError(rule.way)
        compare(self, rule, old, new, what, here, place)

    def any_of(
        self,
        old: tuple[object, ...],
        new: tuple[object, ...],
        what: str,
        here: str,
        place: str,
        label: str,
    ) -> None:
        if not old:
            return  # no such limit before: nothing to loosen
        if not new:
            self.say(
                place,
                _("{what} no longer {label} {items} ({here}), as {base} does").format(
                    what=what, label=_(label), items=_quoted(old), here=here, base=self.base
                ),
            )
            return
        added = [x for x in new if x not in set(old)]
        if added:
            self.say(
                place,
                _(
                    "{what} now also lets in exercises that are {items} ({here}), which "
                    "{base} does not"
                ).format(what=what, items=_quoted(added), here=here, base=self.base),
            )

    def by_id(
        self,
        rule: Rule,
        old: tuple[object, ...],
        new: tuple[object, ...],
        what: str,
        here: str,
        place: str,
    ) -> None:
        assert rule.model is not None
        now = {getattr(x, "id", None): x for x in new}
        dropped = [getattr(x, "id", None) for x in old if getattr(x, "id", None) not in now]
        if dropped:
            self.say(
                place,
                _("{what} drops {count} {label} of {base}: {items}").format(
                    what=what,
                    count=len(dropped),
                    label=_(rule.label),
                    base=self.base,
                    items=_quoted(dropped),
                ),
            )
        for before in old:
            ident = getattr(before, "id", None)
            after = now.get(ident)
            if after is not None and after != before:
                assert isinstance(before, BaseModel) and isinstance(after, BaseModel)
                inner = _(_NOUNS[rule.noun]).format(what=what, ident=ident)
                self.model(rule.model, before, after, inner, "", place)

    def drawn(
        self, before: Exercise, after: Exercise, what: str, here: str, place: str, rule: Rule
    ) -> None:
        from kneefit.screening import knee_flexion

        old, new = knee_flexion(before), knee_flexion(after)
        if new < old:
            self.say(
                place,
                _(
                    "{what} lowers {label} ({here}) to {new} degrees, where {base} has "
                    "{old}: a condition's limit on the knee bend goes by it"
                ).format(
                    what=what, label=_(rule.label), here=here, new=new, base=self.base, old=old
                ),
            )


# ---------------------------------------------------------------------- each way of comparing
#
# One small function a way, in the table :meth:`_Walk.value` looks a field's way up in; each
# is given the walk, the field's rule, its first and later value, the entry it is of, the
# field's path and the place that changed it, and says each loosening it finds.

#: How one value of a field is compared with its first (see :data:`_COMPARE`).
_Compare = Callable[[_Walk, Rule, object, object, str, str, str], None]


def _no_higher(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """A limit: a higher value, or none, loosens it."""
    if not (new is None or (old is not None and _rank(new) > _rank(old))):
        return
    said = (
        _("{what} no longer limits {label} ({here}), where {base} allows up to {old}")
        if new is None
        else _("{what} allows {label} up to {new} ({here}), where {base} allows up to {old}")
    )
    walk.say(
        place,
        said.format(
            what=what,
            label=_(rule.label),
            here=here,
            base=walk.base,
            new=_shown(new),
            old=_shown(old),
        ),
    )


def _no_lower(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """A floor: a lower value, or none, loosens it."""
    if old is not None and (new is None or _rank(new) < _rank(old)):
        walk.say(
            place,
            _("{what} lowers {label} ({here}) to {new}, where {base} has {old}").format(
                what=what,
                label=_(rule.label),
                here=here,
                new=_shown(new),
                base=walk.base,
                old=_shown(old),
            ),
        )


def _stays(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """A flag that is stricter when true, or something said: dropping it loosens it."""
    if old and not new:
        walk.say(
            place,
            _("{what} no longer {label} ({here}), as {base} does").format(
                what=what, label=_(rule.label), here=here, base=walk.base
            ),
        )


def _keeps_all(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """A set of rules: one dropped loosens it."""
    kept = set(_members(new))
    lost = [x for x in _members(old) if x not in kept]
    if lost:
        walk.say(
            place,
            _("{what} no longer {label} {items} ({here}), as {base} does").format(
                what=what, label=_(rule.label), items=_quoted(lost), here=here, base=walk.base
            ),
        )


def _adds_none(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """A set of exemptions: one added loosens it."""
    had = set(_members(old))
    added = [x for x in _members(new) if x not in had]
    if added:
        walk.say(
            place,
            _("{what} now {label} {items} ({here}), which {base} does not").format(
                what=what, label=_(rule.label), items=_quoted(added), here=here, base=walk.base
            ),
        )


def _any_of(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """``only_traits``: a trait added, or all dropped, loosens it."""
    walk.any_of(_members(old), _members(new), what, here, place, rule.label)


def _unchanged(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """A set rules are judged by: any change is said."""
    had, has = set(_members(old)), set(_members(new))
    gained = [x for x in _members(new) if x not in had]
    lost = [x for x in _members(old) if x not in has]
    change = "; ".join(
        part
        for part in (
            _("now {items}").format(items=_quoted(gained)) if gained else "",
            _("no longer {items}").format(items=_quoted(lost)) if lost else "",
        )
        if part
    )
    walk.say(
        place,
        _(
            "{what} changes its {label} ({here}): {change}, unlike {base}; a condition's "
            "rules and limits go by traits"
        ).format(what=what, label=_(rule.label), here=here, change=change, base=walk.base),
    )


def _nested(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """A model whose absence loosens: gone, it is said; there, compared field by field."""
    assert rule.model is not None
    if old is None or new is None:
        if new is None:
            walk.say(
                place,
                _("{what} no longer has {label} ({here}), as {base} does").format(
                    what=what, label=_(rule.label), here=here, base=walk.base
                ),
            )
        return
    assert isinstance(old, BaseModel) and isinstance(new, BaseModel)
    walk.model(rule.model, old, new, what, f"{here}.", place)


def _opted_in(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """A model whose presence loosens: new, it is said; there before, compared field by
    field."""
    assert rule.model is not None
    if old is None or new is None:
        if old is None:
            walk.say(
                place,
                _("{what} now {label} ({here}), which {base} does not").format(
                    what=what, label=_(rule.label), here=here, base=walk.base
                ),
            )
        return
    assert isinstance(old, BaseModel) and isinstance(new, BaseModel)
    walk.model(rule.model, old, new, what, f"{here}.", place)


def _by_id(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """Models with ids: one dropped loosens; the rest compared field by field."""
    assert rule.model is not None
    walk.by_id(rule, _members(old), _members(new), what, here, place)


def _pooled(
    walk: _Walk, rule: Rule, old: object, new: object, what: str, here: str, place: str
) -> None:
    """Models without ids: each field pooled over all of them, and compared its own way."""
    assert rule.model is not None
    for name, inner in FIELDS[rule.model].items():
        if inner.way is Way.NOT_A_RULE:
            continue
        pooled = [_pool(_members(side), name) for side in (old, new)]
        if pooled[0] != pooled[1]:
            walk.value(inner, pooled[0], pooled[1], what, f"{here}.{name}", place)


#: Each way of comparing a value, by the way a field's rule gives. Not here: the id
#: (:data:`Way.KEY`) and what is not a rule, never compared, and an exercise's drawing
#: (:data:`Way.DRAWN`), compared by :meth:`_Walk.drawn` as a whole exercise.
_COMPARE: dict[Way, _Compare] = {
    Way.NO_HIGHER: _no_higher,
    Way.NO_LOWER: _no_lower,
    Way.STAYS_TRUE: _stays,
    Way.STAYS_GIVEN: _stays,
    Way.KEEPS_ALL: _keeps_all,
    Way.ADDS_NONE: _adds_none,
    Way.ANY_OF: _any_of,
    Way.UNCHANGED: _unchanged,
    Way.NESTED: _nested,
    Way.OPTED_IN: _opted_in,
    Way.BY_ID: _by_id,
    Way.POOLED: _pooled,
}


def _pool(items: tuple[object, ...], name: str) -> tuple[object, ...]:
    """One field of id-less models pooled: every value any of them holds, once each."""
    return tuple(dict.fromkeys(v for item in items for v in _members(getattr(item, name))))


# ---------------------------------------------------------------------- the whole check


@dataclass(frozen=True)
class Definitions:
    """A catalogue's entries as defined first (the bundled catalogue), or as in force."""

    exercises: Mapping[str, Exercise]
    conditions: Mapping[str, Condition]
    programs: Mapping[str, ProgramTemplate]
    safety: Safety | None


#: Each layered file's name and line of an entry, by kind and id.
Origin = Mapping[tuple[str, str], tuple[str, int]]

#: What the entries of each kind are called in a warning.
_CALLED: dict[str, Callable[[str, str], str]] = {
    "exercises": lambda i, n: _("exercise {ident!r} ({name})").format(ident=i, name=n),
    "conditions": lambda i, n: _("condition {ident!r} ({name})").format(ident=i, name=n),
    "programs": lambda i, n: _("program {ident!r} ({name})").format(ident=i, name=n),
}

#: An entry inside another (a red flag of the safety block, a phase of a program).
_NOUNS = {
    "red flag": N_("{what}, red flag {ident!r}"),
    "phase": N_("{what}, phase {ident!r}"),
}


@functools.cache
def _checked_table() -> None:
    problems = missing_fields()
    if problems:  # pragma: no cover - the tests keep the table complete
        raise AssertionError("the weakening check does not cover: " + "; ".join(problems))


def weakened(
    first: Definitions, final: Definitions, origin: Origin, safety_origin: str, base: str
) -> tuple[str, ...]:
    """A warning for each safety rule of the ``first`` definitions that the ``final`` ones
    loosen, each starting with the place (file and line) that changed it; ``base`` is what
    the first layer is called ("the bundled catalogue")."""
    _checked_table()
    walk = _Walk(base)

    def place(kind: str, ident: str) -> str:
        file, line = origin[(kind, ident)]
        return f"{file}:{line}" if line else file

    # Each kind's entries defined anew (not a layer's word-for-word copy), in catalogue
    # order: only these can loosen anything.
    changed = {
        name: [
            (ident, before, entry)
            for ident, entry in getattr(final, name).items()
            if (before := getattr(first, name).get(ident)) is not None
            and before is not entry
            and before != entry
        ]
        for name, rule in FIELDS[CatalogueFile].items()
        if rule.way is Way.BY_ID
    }
    redefined = [ident for ident, _, _ in changed["exercises"]]
    walk.found += _let_in(first, final, redefined, place, base)
    for name, rule in FIELDS[CatalogueFile].items():
        if rule.way is Way.BY_ID:
            assert rule.model is not None
            for ident, before, entry in changed[name]:
                what = _CALLED[name](ident, getattr(entry, "name", ident))
                walk.model(rule.model, before, entry, what, "", place(name, ident))
        elif rule.way is Way.NESTED:
            old, new = first.safety, final.safety
            if old is not None and new is not None and old is not new and old != new:
                walk.model(Safety, old, new, _(rule.label), "", safety_origin)
    return tuple(walk.found)


def _let_in(
    first: Definitions,
    final: Definitions,
    redefined: list[str],
    place: Callable[[str, str], str],
    base: str,
) -> list[str]:
    """The planner's question for each condition: the exercises its rules or limits left
    out before and let in now, named by the place that made the change (the condition,
    or, the condition unchanged, the exercise's new definition). ``redefined``: the
    exercises defined anew since the first layer, in catalogue order; a condition left as
    it was can only let in one of these."""
    from kneefit.screening import exclusion_reasons

    warnings: list[str] = []
    for ident, cond in final.conditions.items():
        before = first.conditions.get(ident)
        if before is None:
            continue
        kept = cond is before or cond == before
        if kept and not redefined:
            continue
        what = _("condition {ident!r} ({name})").format(ident=ident, name=cond.name)
        # A new exercise is judged by the condition before and after; a condition kept as
        # it was only needs the exercises redefined since (the others are judged alike).
        looked_at: Iterable[str] = redefined if kept else final.exercises
        lost: dict[tuple[str, bool], list[str]] = {}
        for ex_id in looked_at:
            ex = final.exercises[ex_id]
            old = first.exercises.get(ex_id, ex)
            if not exclusion_reasons(old, [before], None, None):
                continue
            if exclusion_reasons(ex, [cond], None, None):
                continue
            by_rule = any(rule.matched(old) is not None for rule in before.rules_out)
            cause = place("exercises", ex_id) if kept else place("conditions", ident)
            lost.setdefault((cause, by_rule), []).append(ex_id)
        for (cause, by_rule), ids in lost.items():
            said = (
                _("{what} no longer rules out {items}, as {base} does")
                if by_rule
                else _("{what} no longer limits away {items}, as {base} does")
            )
            warnings.append(f"{cause}: " + said.format(what=what, items=_quoted(ids), base=base))
    return warnings
