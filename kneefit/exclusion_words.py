"""The words for why an exercise is not for a person and why another may take its place
(:mod:`kneefit.exclusions`), in the run's language.

The renderers word a plan's left-out exercises and a swap's alternatives with these; the
errors that refuse a swap or a clinician's program entry say them too, so, like
:mod:`kneefit.value_words`, this sits beside the core rather than among the renderers. It
holds no command line: the reasons say what is so, not what to type.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from kneefit.exclusions import (
    AboveConditionLevel,
    AboveYourLevel,
    AtLevel,
    BendsTooFar,
    EasierVariant,
    HigherLevel,
    KeptToCount,
    KneeLoadWithin,
    MoreKneeLoad,
    NeedsKit,
    OnlyKinds,
    OnTheFloor,
    OtherKind,
    OtherMuscles,
    Qualifies,
    RuledOut,
    SameExercise,
    Unsafe,
    WhyNot,
    WorksLike,
)
from kneefit.i18n import _
from kneefit.value_words import value_word


def names(values: Collection[str]) -> str:
    """'quadriceps and glutes': catalogue values in the run's language, the last two
    joined by 'and'."""
    words = [value_word(v) for v in values]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + _(" and ") + words[-1]


def why_not_text(reason: WhyNot | Unsafe) -> str:
    """One reason an exercise is not for this person (or may not replace another):
    'needs chair'."""
    if isinstance(reason, RuledOut):
        why = f" ({', '.join(reason.tags)})" if reason.tags else ""
        return _("ruled out by {condition}{why}: {reason}").format(
            condition=reason.condition, why=why, reason=reason.reason
        )
    if isinstance(reason, OnlyKinds):
        return _("{condition} allows only {kinds} work for now: {reason}").format(
            condition=reason.condition,
            kinds=_(" or ").join(value_word(k) for k in reason.kinds),
            reason=reason.reason,
        )
    if isinstance(reason, BendsTooFar):
        return _(
            "bends the knee past {degrees} degrees, the limit for {condition}: {reason}"
        ).format(degrees=reason.degrees, condition=reason.condition, reason=reason.reason)
    if isinstance(reason, AboveConditionLevel):
        return _("above the {level} level {condition} allows: {reason}").format(
            level=value_word(reason.level), condition=reason.condition, reason=reason.reason
        )
    if isinstance(reason, AboveYourLevel):
        return _("above your level ({level})").format(level=value_word(reason.level))
    if isinstance(reason, NeedsKit):
        return _("needs {equipment}").format(
            equipment=", ".join(value_word(e) for e in reason.equipment)
        )
    if isinstance(reason, OnTheFloor):
        return _("done on the floor (you asked for standing and seated work only)")
    if isinstance(reason, KeptToCount):
        return _("left out to keep the program to {count} exercises").format(count=reason.count)
    return unsafe_text(reason)


def unsafe_text(reason: Unsafe) -> str:
    """One reason an exercise may not replace another: 'it is the same exercise'."""
    if isinstance(reason, SameExercise):
        return _("it is the same exercise")
    if isinstance(reason, OtherKind):
        return _("it is {kind}, not {other} like {name}").format(
            kind=value_word(reason.kind), other=value_word(reason.other), name=reason.name
        )
    if isinstance(reason, OtherMuscles):
        return _("it works the {muscles}, not the {others} like {name}").format(
            muscles=names(reason.muscles), others=names(reason.others), name=reason.name
        )
    if isinstance(reason, MoreKneeLoad):
        return _("it loads the knee more than {name} ({load})").format(
            name=reason.name, load=names(reason.load)
        )
    if isinstance(reason, HigherLevel):
        return _("it is at a higher level ({level}) than {name} ({other})").format(
            level=value_word(reason.level), name=reason.name, other=value_word(reason.other)
        )
    return _("{name} is already in the plan").format(name=reason.name)


def qualifies_text(reason: Qualifies) -> str:
    """One reason an alternative qualifies: 'works the quadriceps like Squat'."""
    if isinstance(reason, WorksLike):
        said = _("works the {muscles} like {name}").format(
            muscles=names(reason.muscles), name=reason.name
        )
        if reason.missing:
            said += _(" (not the {muscles})").format(muscles=names(reason.missing))
        return said
    if isinstance(reason, EasierVariant):
        return _("the easier variant of {name}").format(name=reason.name)
    if isinstance(reason, KneeLoadWithin):
        if not reason.load:
            return _("no knee-load tags")
        return _("knee load {load}, none that {name} lacks").format(
            load=names(reason.load), name=reason.name
        )
    if isinstance(reason, AtLevel):
        return _("level {level}").format(level=value_word(reason.level))
    if reason.equipment:
        return _("needs {equipment}, which you have").format(equipment=names(reason.equipment))
    return _("needs no equipment")


def why_not_texts(reasons: Iterable[WhyNot | Unsafe]) -> list[str]:
    """Each reason's words, in order."""
    return [why_not_text(r) for r in reasons]


def sentences(reasons: Iterable[WhyNot | Unsafe]) -> str:
    """Reasons as sentences: 'Ruled out by X: why. Above your level (advanced).'"""
    return " ".join(r[:1].upper() + r[1:].rstrip(".") + "." for r in why_not_texts(reasons))
