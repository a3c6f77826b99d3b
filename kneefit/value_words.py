"""The words of kneefit's fixed vocabularies as a person reads them: levels, equipment,
muscles, categories (the values themselves stay English in files, options and JSON keys).
It sits beside the vocabularies, not among the renderers, since the planner's and the
swaps' reasons name these values too, as the renderers do.

Each value is listed once here, marked for the message catalogues; :func:`value_word`
gives it in the run's language.
"""

from __future__ import annotations

from kneefit.i18n import N_, _

#: Every value a person reads in a plan, by its English word.
WORDS = {
    "beginner": N_("beginner"),
    "intermediate": N_("intermediate"),
    "advanced": N_("advanced"),
    "chair": N_("chair"),
    "step": N_("step"),
    "towel": N_("towel"),
    "mat": N_("mat"),
    "resistance-band": N_("resistance-band"),
    "ankle-weights": N_("ankle-weights"),
    "dumbbells": N_("dumbbells"),
    "stability-ball": N_("stability-ball"),
    "suspension-trainer": N_("suspension-trainer"),
    "foam-roller": N_("foam-roller"),
    "massage-ball": N_("massage-ball"),
    "stationary-bike": N_("stationary-bike"),
    "pool": N_("pool"),
    "slant-board": N_("slant-board"),
    "gym-machines": N_("gym-machines"),
    "quadriceps": N_("quadriceps"),
    "hamstrings": N_("hamstrings"),
    "glutes": N_("glutes"),
    "abductors": N_("abductors"),
    "adductors": N_("adductors"),
    "calves": N_("calves"),
    "abdominals": N_("abdominals"),
    "lower back": N_("lower back"),
    "middle back": N_("middle back"),
    "lats": N_("lats"),
    "hip flexors": N_("hip flexors"),
    "shoulders": N_("shoulders"),
    "traps": N_("traps"),
    "chest": N_("chest"),
    "cardio": N_("cardio"),
    "strength": N_("strength"),
    "balance": N_("balance"),
    "range-of-motion": N_("range-of-motion"),
    "stretch": N_("stretch"),
    "foam-rolling": N_("foam-rolling"),
    "mobility": N_("mobility"),
    "rest": N_("rest"),
    "none": N_("none"),
}


#: The knee-load tags and traits a person reads in 'list', 'show', 'conditions' and 'swap'.
TAG_WORDS = {
    "high-impact": N_("high-impact"),
    "jumping": N_("jumping"),
    "twisting": N_("twisting"),
    "sudden-change": N_("sudden-change"),
    "deep-knee-flexion": N_("deep-knee-flexion"),
    "kneeling": N_("kneeling"),
    "single-leg": N_("single-leg"),
    "lateral": N_("lateral"),
    "weight-bearing": N_("weight-bearing"),
    "unstable": N_("unstable"),
    "isometric": N_("isometric"),
    "floor": N_("floor"),
    "bed": N_("bed"),
    "prone": N_("prone"),
    "seated": N_("seated"),
    "standing": N_("standing"),
    "non-weight-bearing": N_("non-weight-bearing"),
    "closed-chain": N_("closed-chain"),
    "open-chain": N_("open-chain"),
    "water": N_("water"),
}


def value_word(value: str) -> str:
    """``value`` (a level, a piece of equipment, a muscle, a knee-load tag, ...) in the
    run's language."""
    if value in WORDS:
        return _(WORDS[value])
    return _(TAG_WORDS[value]) if value in TAG_WORDS else value


def value_words(values: list[str]) -> str:
    """Several values, comma-separated, each in the run's language."""
    return ", ".join(value_word(v) for v in values)


#: The roles of a program's phase (:class:`kneefit.models.Role`) as a plan names them.
ROLE_WORDS = {
    "warm-up": N_("warm up"),
    "circulation": N_("circulation"),
    "quadriceps-activation": N_("quadriceps activation"),
    "quadriceps-closed-chain": N_("quadriceps closed chain"),
    "quadriceps-open-chain": N_("quadriceps open chain"),
    "hamstrings": N_("hamstrings"),
    "hip-abductors": N_("hip abductors"),
    "hip-adductors": N_("hip adductors"),
    "hip-extensors": N_("hip extensors"),
    "calf": N_("calf"),
    "trunk": N_("trunk"),
    "balance": N_("balance"),
    "knee-straightening": N_("knee straightening"),
    "knee-bending": N_("knee bending"),
    "tendon-isometric": N_("tendon isometric"),
    "tendon-heavy-slow": N_("tendon heavy slow"),
    "tendon-energy-storage": N_("tendon energy storage"),
    "landing": N_("landing"),
    "function": N_("function"),
    "quadriceps-stretch": N_("quadriceps stretch"),
    "hamstring-stretch": N_("hamstring stretch"),
    "calf-stretch": N_("calf stretch"),
    "hip-stretch": N_("hip stretch"),
    "release": N_("release"),
    "aerobic": N_("aerobic"),
}


def role_word(value: str) -> str:
    """A program role (``quadriceps-closed-chain``) in the run's language."""
    return _(ROLE_WORDS[value]) if value in ROLE_WORDS else value.replace("-", " ")
