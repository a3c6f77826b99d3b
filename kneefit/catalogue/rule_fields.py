"""Which fields of a catalogue are safety rules, and how a later layer's value of each is
compared with the first: the table the weakening check (:mod:`kneefit.catalogue.weakening`)
is built from.

:data:`FIELDS` gives every field of every model a catalogue is made of, from
:class:`~kneefit.catalogue.schema.CatalogueFile` down, a :class:`Way` of comparing, or the
reason it is not a rule; :func:`missing_fields` names a field without an entry (a test runs
it, and so does the check itself), so a field added to a model later is compared, or the
tests fail.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel

from kneefit.catalogue.schema import CatalogueFile
from kneefit.i18n import N_
from kneefit.models import (
    Condition,
    Exercise,
    FlarePlan,
    Limits,
    PainEducation,
    PainRule,
    RedFlag,
    Restriction,
    Review,
    Safety,
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
        "safety": Rule(Way.NESTED, N_("the safety block"), model=Safety),
    },
    Exercise: {
        "id": _KEY,
        "name": _NAMES,
        "aliases": _NAMES,
        "category": _not_a_rule("no condition rules an exercise out by its category"),
        "primary_muscles": _not_a_rule("the muscles worked"),
        "secondary_muscles": _not_a_rule("the muscles worked"),
        "equipment": _not_a_rule("what a person needs at hand"),
        "level": Rule(Way.NO_LOWER, N_("its level")),
        "knee_load": Rule(Way.KEEPS_ALL, N_("loads the knee by")),
        "traits": Rule(Way.UNCHANGED, N_("traits")),
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
        "poses": Rule(Way.DRAWN, N_("its deepest knee bend, as drawn,")),
    },
    Condition: {
        "id": _KEY,
        "name": _NAMES,
        "aliases": _NAMES,
        "first_note": Rule(Way.STAYS_GIVEN, N_("gives its first note")),
        "rules_out": Rule(Way.POOLED, model=Restriction),
        "prefers": _not_a_rule(
            "what a plan favours among the exercises its rules and limits allow: it lets nothing in"
        ),
        "limits": Rule(Way.NESTED, N_("its limits"), model=Limits),
        "see_clinician_first": Rule(Way.STAYS_TRUE, N_("says to see a clinician first")),
        "notes": _WORDS,
        "sources": _SOURCES,
    },
    Restriction: {
        "tags": Rule(Way.KEEPS_ALL, N_("rules out the knee load")),
        "traits": Rule(Way.KEEPS_ALL, N_("rules out the trait")),
        "exercises": Rule(Way.KEEPS_ALL, N_("rules out by name")),
        "allows": Rule(Way.ADDS_NONE, N_("exempts from its rules")),
        "reason": _WORDS,
        "sources": _SOURCES,
    },
    Limits: {
        "only_traits": Rule(Way.ANY_OF, N_("keeps its plans to exercises that are")),
        "max_level": Rule(Way.NO_HIGHER, N_("the level")),
        "max_knee_flexion": Rule(Way.NO_HIGHER, N_("the knee bend (degrees)")),
        "volume": Rule(Way.NO_HIGHER, N_("the share of the catalogue's dose")),
        "max_days_per_week": Rule(Way.NO_HIGHER, N_("the days a week")),
        "reason": _WORDS,
        "sources": _SOURCES,
    },
    Safety: {
        "pain_rule": Rule(Way.NESTED, N_("the pain rule"), model=PainRule),
        "discomfort_vs_pain": _WORDS,
        "see_clinician_first": _WORDS,
        "red_flags": Rule(Way.BY_ID, N_("red flag(s)"), model=RedFlag, noun="red flag"),
        "persistent_pain": _WORDS,
        "review": Rule(Way.NESTED, N_("its review when nothing improves"), model=Review),
        "flare_up": Rule(Way.NESTED, N_("its flare-up plan"), model=FlarePlan),
        "education": Rule(Way.NESTED, N_("what it says of pain and exercise"), model=PainEducation),
        "sources": _SOURCES,
    },
    FlarePlan: {
        "volume": Rule(Way.NO_HIGHER, N_("the share of the dose on a bad day")),
        "what": _WORDS,
        "lighter": _WORDS,
        "back": _WORDS,
        "see": _WORDS,
        "sources": _SOURCES,
        "not_for": Rule(Way.ADDS_NONE, N_("the conditions it is not for")),
    },
    PainEducation: {
        "hurt_not_harm": _WORDS,
        "why_exercise_helps": _WORDS,
        "sources": _SOURCES,
    },
    Review: {
        "weeks": Rule(Way.NO_HIGHER, N_("the weeks before a review when nothing improves")),
        "sources": _SOURCES,
        "note": _WORDS,
    },
    PainRule: {
        "safe_max": Rule(Way.NO_HIGHER, N_("safe pain")),
        "acceptable_max": Rule(Way.NO_HIGHER, N_("acceptable pain")),
        "safe": _WORDS,
        "acceptable": _WORDS,
        "stop": _WORDS,
        "next_morning": _WORDS,
    },
    RedFlag: {
        "id": _KEY,
        "sign": _WORDS,
        "urgency": Rule(Way.NO_LOWER, N_("its urgency")),
        "action": _WORDS,
        "handout_sign": _WORDS,
        "handout_action": _WORDS,
        "sources": _SOURCES,
    },
    ProgramTemplate: {
        "id": _KEY,
        "name": _NAMES,
        "conditions": Rule(Way.KEEPS_ALL, N_("is for the condition")),
        "phases": Rule(Way.BY_ID, N_("phase(s)"), model=Phase, noun="phase"),
        "notes": _WORDS,
        "sources": _SOURCES,
    },
    Phase: {
        "id": _KEY,
        "name": _NAMES,
        "goal": _WORDS,
        "conditions": Rule(Way.KEEPS_ALL, N_("starts the condition")),
        "days_per_week": Rule(Way.NO_HIGHER, N_("the days a week")),
        "pain_ceiling": Rule(Way.NO_HIGHER, N_("pain during exercise")),
        "roles": _not_a_rule(
            "what the phase prescribes: every candidate is screened by the conditions' rules "
            "and limits, which are compared"
        ),
        "move_on": _WORDS,
        "advance": Rule(Way.OPTED_IN, N_("moves a person on by itself"), model=Advance),
        "review": Rule(Way.NESTED, N_("its review when nothing improves"), model=Review),
        "sources": _SOURCES,
    },
    Advance: {
        "weeks": Rule(Way.NO_LOWER, N_("the weeks before moving on")),
        "sessions": Rule(Way.NO_LOWER, N_("the sessions before moving on")),
        "pain_at_most": Rule(Way.NO_HIGHER, N_("pain before moving on")),
        "top_step": Rule(Way.STAYS_TRUE, N_("waits for every exercise to reach its top step")),
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
