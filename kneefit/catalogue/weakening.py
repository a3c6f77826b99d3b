"""The weakening check: each safety rule of the bundled catalogue that a later layer loosens,
named.

It is built from the rule types themselves. :data:`FIELDS` gives every field of every model a
catalogue is made of, from :class:`~kneefit.catalogue.schema.CatalogueFile` down, a
:class:`Way` of comparing the later value with the first: how an entry is matched with its
first definition (its id); which change loosens a rule (a higher pain ceiling or level
limit, a lower urgency or exercise level, a knee-load tag or rule dropped, a trait added
to ``only_traits``, a limits block gone, a phase that now moves on by itself, ...); or
that the field is not a rule at all (words, names, sources, a dose), with the reason why.
A model's field without an entry is a bug that :func:`missing_fields` names (a test runs
it, and so does the check itself), so a field added to a model later is compared, or the
tests fail.

On top of the fields, the check asks each condition the planner's own question
(:func:`kneefit.screening.exclusion_reasons`): which exercises did its rules and limits leave
out before that they let in now, by a change to the condition or to the exercise?

Nothing here refuses a layer: a clinician may loosen a rule on purpose. Every loosening is
said, by name, with the file and line that made it.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from pydantic import BaseModel

from kneefit.catalogue.schema import CatalogueFile
from kneefit.models import (
    Condition,
    Exercise,
    FlarePlan,
    Level,
    Limits,
    PainEducation,
    PainRule,
    RedFlag,
    Restriction,
    Review,
    Safety,
    Urgency,
)
from kneefit.templates import Advance, Phase, ProgramTemplate


class Way(Enum):
    """How a field's later value is compared with its first."""

    #: The id an entry is matched by: not compared.
    KEY = "key"
    #: Not a rule (words, names, sources, a dose): not compared; the rule says why.
    NOT_A_RULE = "not a rule"
    #: A limit: a higher value, or none (no limit), loosens it.
    NO_HIGHER = "no higher"
    #: A floor: a lower value loosens it (a level, an urgency, weeks before moving on).
    NO_LOWER = "no lower"
    #: A flag that is stricter when true.
    STAYS_TRUE = "stays true"
    #: Something said that must not be dropped.
    STAYS_GIVEN = "stays given"
    #: A set whose every member is a rule: one dropped loosens it.
    KEEPS_ALL = "keeps all"
    #: A set of exemptions: one added loosens it.
    ADDS_NONE = "adds none"
    #: ``only_traits``: any of these, or (empty) anything; a trait added, or all dropped,
    #: loosens it.
    ANY_OF = "any of"
    #: A set rules are judged by (an exercise's traits): any change can let it past one.
    UNCHANGED = "unchanged"
    #: An exercise's drawing: the planner takes the deepest knee bend from it.
    DRAWN = "drawn"
    #: A model compared field by field; its absence loosens (a condition's limits).
    NESTED = "nested"
    #: A model compared field by field; its presence loosens (a phase's advance: kneefit
    #: moves a person on by itself).
    OPTED_IN = "opted in"
    #: Models with ids: one dropped loosens; the rest compared field by field.
    BY_ID = "by id"
    #: Models without ids (a condition's rules): their fields pooled over all of them and
    #: compared as sets.
    POOLED = "pooled"


@dataclass(frozen=True)
class Rule:
    """How one field is compared: the way, the words for it, and the model it holds."""

    way: Way
    #: What the field is, in a warning (for NOT_A_RULE: why it is not a rule).
    label: str = ""
    #: The model a NESTED, OPTED_IN, BY_ID or POOLED field holds.
    model: type[BaseModel] | None = None
    #: For BY_ID: what one of its entries is called ("red flag").
    noun: str = ""


def _not_a_rule(why: str) -> Rule:
    return Rule(Way.NOT_A_RULE, why)


_KEY = Rule(Way.KEY)
_WORDS = _not_a_rule("words a person reads; what they say is not compared")
_SOURCES = _not_a_rule("the sources a rule is drawn from")
_NAMES = _not_a_rule("what an entry is called")

#: Every field of every model of a catalogue, and how a later layer's value is compared.
FIELDS: dict[type[BaseModel], dict[str, Rule]] = {
    CatalogueFile: {
        "sources": _not_a_rule("sources are cited, not rules"),
        "exercises": Rule(Way.BY_ID, model=Exercise, noun="exercise"),
        "conditions": Rule(Way.BY_ID, model=Condition, noun="condition"),
        "programs": Rule(Way.BY_ID, model=ProgramTemplate, noun="program"),
        "safety": Rule(Way.NESTED, "the safety block", model=Safety),
    },
    Exercise: {
        "id": _KEY,
        "name": _NAMES,
        "aliases": _NAMES,
        "category": _not_a_rule("no condition rules an exercise out by its category"),
        "primary_muscles": _not_a_rule("the muscles worked"),
        "secondary_muscles": _not_a_rule("the muscles worked"),
        "equipment": _not_a_rule("what a person needs at hand"),
        "level": Rule(Way.NO_LOWER, "its level"),
        "knee_load": Rule(Way.KEEPS_ALL, "loads the knee by"),
        "traits": Rule(Way.UNCHANGED, "traits"),
        "dose": _not_a_rule(
            "the catalogue's dose: a program's phase gives the working dose, and a "
            "condition's volume and days limits apply to any dose"
        ),
        "steps": _WORDS,
        "cues": _WORDS,
        "easier": _not_a_rule("a variant, checked for its level when the catalogue loads"),
        "harder": _not_a_rule("a variant, checked for its level when the catalogue loads"),
        "notes": _WORDS,
        "sources": _SOURCES,
        "poses": Rule(Way.DRAWN, "its deepest knee bend, as drawn,"),
    },
    Condition: {
        "id": _KEY,
        "name": _NAMES,
        "aliases": _NAMES,
        "first_note": Rule(Way.STAYS_GIVEN, "gives its first note"),
        "rules_out": Rule(Way.POOLED, model=Restriction),
        "prefers": _not_a_rule(
            "what a plan favours among the exercises its rules and limits allow: it lets nothing in"
        ),
        "limits": Rule(Way.NESTED, "its limits", model=Limits),
        "see_clinician_first": Rule(Way.STAYS_TRUE, "says to see a clinician first"),
        "notes": _WORDS,
        "sources": _SOURCES,
    },
    Restriction: {
        "tags": Rule(Way.KEEPS_ALL, "rules out the knee load"),
        "traits": Rule(Way.KEEPS_ALL, "rules out the trait"),
        "exercises": Rule(Way.KEEPS_ALL, "rules out by name"),
        "allows": Rule(Way.ADDS_NONE, "exempts from its rules"),
        "reason": _WORDS,
        "sources": _SOURCES,
    },
    Limits: {
        "only_traits": Rule(Way.ANY_OF, "keeps its plans to exercises that are"),
        "max_level": Rule(Way.NO_HIGHER, "the level"),
        "max_knee_flexion": Rule(Way.NO_HIGHER, "the knee bend (degrees)"),
        "volume": Rule(Way.NO_HIGHER, "the share of the catalogue's dose"),
        "max_days_per_week": Rule(Way.NO_HIGHER, "the days a week"),
        "reason": _WORDS,
        "sources": _SOURCES,
    },
    Safety: {
        "disclaimer": _WORDS,
        "pain_rule": Rule(Way.NESTED, "the pain rule", model=PainRule),
        "discomfort_vs_pain": _WORDS,
        "see_clinician_first": _WORDS,
        "red_flags": Rule(Way.BY_ID, "red flag(s)", model=RedFlag, noun="red flag"),
        "persistent_pain": _WORDS,
        "review": Rule(Way.NESTED, "its review when nothing improves", model=Review),
        "flare_up": Rule(Way.NESTED, "its flare-up plan", model=FlarePlan),
        "education": Rule(Way.NESTED, "what it says of pain and exercise", model=PainEducation),
        "sources": _SOURCES,
    },
    FlarePlan: {
        "volume": Rule(Way.NO_HIGHER, "the share of the dose on a bad day"),
        "what": _WORDS,
        "lighter": _WORDS,
        "back": _WORDS,
        "see": _WORDS,
        "sources": _SOURCES,
        "not_for": Rule(Way.ADDS_NONE, "the conditions it is not for"),
    },
    PainEducation: {
        "hurt_not_harm": _WORDS,
        "why_exercise_helps": _WORDS,
        "sources": _SOURCES,
    },
    Review: {
        "weeks": Rule(Way.NO_HIGHER, "the weeks before a review when nothing improves"),
        "sources": _SOURCES,
        "note": _WORDS,
    },
    PainRule: {
        "safe_max": Rule(Way.NO_HIGHER, "safe pain"),
        "acceptable_max": Rule(Way.NO_HIGHER, "acceptable pain"),
        "safe": _WORDS,
        "acceptable": _WORDS,
        "stop": _WORDS,
        "next_morning": _WORDS,
    },
    RedFlag: {
        "id": _KEY,
        "sign": _WORDS,
        "urgency": Rule(Way.NO_LOWER, "its urgency"),
        "action": _WORDS,
        "handout_sign": _WORDS,
        "handout_action": _WORDS,
        "sources": _SOURCES,
    },
    ProgramTemplate: {
        "id": _KEY,
        "name": _NAMES,
        "conditions": Rule(Way.KEEPS_ALL, "is for the condition"),
        "phases": Rule(Way.BY_ID, "phase(s)", model=Phase, noun="phase"),
        "notes": _WORDS,
        "sources": _SOURCES,
    },
    Phase: {
        "id": _KEY,
        "name": _NAMES,
        "goal": _WORDS,
        "conditions": Rule(Way.KEEPS_ALL, "starts the condition"),
        "days_per_week": Rule(Way.NO_HIGHER, "the days a week"),
        "pain_ceiling": Rule(Way.NO_HIGHER, "pain during exercise"),
        "roles": _not_a_rule(
            "what the phase prescribes: every candidate is screened by the conditions' rules "
            "and limits, which are compared"
        ),
        "move_on": _WORDS,
        "advance": Rule(Way.OPTED_IN, "moves a person on by itself", model=Advance),
        "review": Rule(Way.NESTED, "its review when nothing improves", model=Review),
        "sources": _SOURCES,
    },
    Advance: {
        "weeks": Rule(Way.NO_LOWER, "the weeks before moving on"),
        "sessions": Rule(Way.NO_LOWER, "the sessions before moving on"),
        "pain_at_most": Rule(Way.NO_HIGHER, "pain before moving on"),
        "top_step": Rule(Way.STAYS_TRUE, "waits for every exercise to reach its top step"),
        "note": _WORDS,
    },
}

#: The ways whose field holds models of its own.
_HOLDERS = (Way.NESTED, Way.OPTED_IN, Way.BY_ID, Way.POOLED)

#: The ways a pooled model's fields may take: sets, or not a rule.
_POOLABLE = (Way.KEEPS_ALL, Way.ADDS_NONE, Way.NOT_A_RULE)


def missing_fields() -> list[str]:
    """What :data:`FIELDS` fails to cover or gets wrong, from the models themselves: every
    model reachable from a catalogue file has an entry for each of its fields (and none
    for a field it lacks), each model a field holds is the one its type names, and a
    pooled model has only set-like fields. Empty when the table is complete."""
    problems: list[str] = []
    for model, rules in FIELDS.items():
        declared, actual = set(rules), set(model.model_fields)
        problems += [f"{model.__name__}.{n}: no way of comparing it" for n in actual - declared]
        problems += [f"{model.__name__}.{n}: not a field" for n in declared - actual]
        for name in declared & actual:
            rule = rules[name]
            held = _models_in(model.model_fields[name].annotation)
            if rule.way in _HOLDERS:
                if rule.model not in FIELDS or rule.model not in held:
                    problems.append(
                        f"{model.__name__}.{name}: holds {sorted(m.__name__ for m in held)}"
                    )
                if rule.way is Way.POOLED and rule.model is not None:
                    problems += [
                        f"{rule.model.__name__}.{n}: cannot be pooled"
                        for n, r in FIELDS[rule.model].items()
                        if r.way not in _POOLABLE
                    ]
            elif held and rule.way not in (Way.NOT_A_RULE, Way.DRAWN):
                problems.append(f"{model.__name__}.{name}: holds models, compared as a value")
    return problems


def _models_in(annotation: object) -> set[type[BaseModel]]:
    """The models a field's type names (in a tuple, an optional, an annotation)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    found: set[type[BaseModel]] = set()
    for arg in typing.get_args(annotation):
        found |= _models_in(arg)
    return found


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
        return "no limit"
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
        base, way, label = self.base, rule.way, rule.label
        if way is Way.NO_HIGHER:
            if new is None or (old is not None and _rank(new) > _rank(old)):
                given = (
                    f"no longer limits {label}"
                    if new is None
                    else (f"allows {label} up to {_shown(new)}")
                )
                self.say(place, f"{what} {given} ({here}), where {base} allows up to {_shown(old)}")
        elif way is Way.NO_LOWER:
            if old is not None and (new is None or _rank(new) < _rank(old)):
                self.say(
                    place,
                    f"{what} lowers {label} ({here}) to {_shown(new)}, where {base} has "
                    f"{_shown(old)}",
                )
        elif way in (Way.STAYS_TRUE, Way.STAYS_GIVEN):
            if old and not new:
                self.say(place, f"{what} no longer {label} ({here}), as {base} does")
        elif way is Way.KEEPS_ALL:
            kept = set(_members(new))
            lost = [x for x in _members(old) if x not in kept]
            if lost:
                self.say(
                    place, f"{what} no longer {label} {_quoted(lost)} ({here}), as {base} does"
                )
        elif way is Way.ADDS_NONE:
            had = set(_members(old))
            added = [x for x in _members(new) if x not in had]
            if added:
                self.say(
                    place, f"{what} now {label} {_quoted(added)} ({here}), which {base} does not"
                )
        elif way is Way.ANY_OF:
            self.any_of(_members(old), _members(new), what, here, place, label)
        elif way is Way.UNCHANGED:
            had, has = set(_members(old)), set(_members(new))
            gained = [x for x in _members(new) if x not in had]
            lost = [x for x in _members(old) if x not in has]
            change = "; ".join(
                part
                for part in (
                    f"now {_quoted(gained)}" if gained else "",
                    f"no longer {_quoted(lost)}" if lost else "",
                )
                if part
            )
            self.say(
                place,
                f"{what} changes its {label} ({here}): {change}, unlike {base}; a condition's "
                "rules and limits go by traits",
            )
        elif way in (Way.NESTED, Way.OPTED_IN):
            assert rule.model is not None
            if old is None or new is None:
                if way is Way.NESTED and new is None:
                    self.say(place, f"{what} no longer has {label} ({here}), as {base} does")
                elif way is Way.OPTED_IN and old is None:
                    self.say(place, f"{what} now {label} ({here}), which {base} does not")
                return
            assert isinstance(old, BaseModel) and isinstance(new, BaseModel)
            self.model(rule.model, old, new, what, f"{here}.", place)
        elif way is Way.BY_ID:
            assert rule.model is not None
            self.by_id(rule, _members(old), _members(new), what, here, place)
        elif way is Way.POOLED:
            assert rule.model is not None
            for name, inner in FIELDS[rule.model].items():
                if inner.way is Way.NOT_A_RULE:
                    continue
                pooled = [_pool(_members(side), name) for side in (old, new)]
                if pooled[0] != pooled[1]:
                    self.value(inner, pooled[0], pooled[1], what, f"{here}.{name}", place)
        else:  # pragma: no cover - every way is handled above
            raise AssertionError(way)

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
                f"{what} no longer {label} {_quoted(old)} ({here}), as {self.base} does",
            )
            return
        added = [x for x in new if x not in set(old)]
        if added:
            self.say(
                place,
                f"{what} now also lets in exercises that are {_quoted(added)} ({here}), which "
                f"{self.base} does not",
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
                f"{what} drops {len(dropped)} {rule.label} of {self.base}: {_quoted(dropped)}",
            )
        for before in old:
            ident = getattr(before, "id", None)
            after = now.get(ident)
            if after is not None and after != before:
                assert isinstance(before, BaseModel) and isinstance(after, BaseModel)
                self.model(rule.model, before, after, f"{what}, {rule.noun} {ident!r}", "", place)

    def drawn(
        self, before: Exercise, after: Exercise, what: str, here: str, place: str, rule: Rule
    ) -> None:
        from kneefit.screening import knee_flexion

        old, new = knee_flexion(before), knee_flexion(after)
        if new < old:
            self.say(
                place,
                f"{what} lowers {rule.label} ({here}) to {new} degrees, where {self.base} has "
                f"{old}: a condition's limit on the knee bend goes by it",
            )


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
    "exercises": lambda i, n: f"exercise {i!r} ({n})",
    "conditions": lambda i, n: f"condition {i!r} ({n})",
    "programs": lambda i, n: f"program {i!r} ({n})",
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
                walk.model(Safety, old, new, rule.label, "", safety_origin)
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
        what = f"condition {ident!r} ({cond.name})"
        # A new exercise is judged by the condition before and after; a condition kept as
        # it was only needs the exercises redefined since (the others are judged alike).
        looked_at: Iterable[str] = redefined if kept else final.exercises
        lost: dict[tuple[str, str], list[str]] = {}
        for ex_id in looked_at:
            ex = final.exercises[ex_id]
            old = first.exercises.get(ex_id, ex)
            if not exclusion_reasons(old, [before], None, None):
                continue
            if exclusion_reasons(ex, [cond], None, None):
                continue
            by_rule = any(rule.matched(old) is not None for rule in before.rules_out)
            cause = place("exercises", ex_id) if kept else place("conditions", ident)
            lost.setdefault((cause, "rules out" if by_rule else "limits away"), []).append(ex_id)
        for (cause, how), ids in lost.items():
            warnings.append(f"{cause}: {what} no longer {how} {_quoted(ids)}, as {base} does")
    return warnings
