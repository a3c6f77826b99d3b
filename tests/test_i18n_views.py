"""kneefit's own words in Spanish in 'list', 'show', 'conditions' and 'swap': their renderers
by exact text in both languages, and the English left in each format measured."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator

import pytest

from kneefit import i18n
from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.models import Equipment, Level, PlanRequest
from kneefit.render.common import RenderOptions
from kneefit.render.markdown import MarkdownRenderer
from kneefit.render.text import TextRenderer
from kneefit.swap import Swaps, alternatives
from tests.conftest import clean_env, run_child, small_catalogue
from tests.test_i18n import english_share


def _text() -> TextRenderer:
    return TextRenderer(RenderOptions(width=100))


def _two_strength() -> Catalogue:
    """The small catalogue with a second strength exercise, so a swap has an alternative."""
    cat = small_catalogue()
    first = cat.exercises["sit-to-stand"]
    mini = first.model_copy(
        update={
            "id": "mini-squat",
            "name": "Mini squat",
            "aliases": (),
            "level": Level.BEGINNER,
            "knee_load": (),
        }
    )
    harder = first.model_copy(update={"level": Level.INTERMEDIATE})
    exercises = {
        "sit-to-stand": harder,
        "mini-squat": mini,
        "calf-stretch": cat.exercises["calf-stretch"],
    }
    return Catalogue(
        sources=cat.sources, exercises=exercises, conditions=cat.conditions, safety=cat.safety
    )


LIST_EN = """\
Calf stretch [calf-stretch]
    stretch, beginner; hold 30 s, 2 times, each side; daily
    Works: calves. Equipment: towel.

1 exercise.
"""

LIST_ES = """\
Calf stretch [calf-stretch]
    estiramiento, principiante; mantenga 30 s, 2 veces, por lado; a diario
    Trabaja: pantorrillas. Equipo: toalla.

1 ejercicio.
"""


@pytest.mark.parametrize(("language", "expected"), [("en", LIST_EN), ("es", LIST_ES)])
def test_list_text_in_both_languages(language: str, expected: str) -> None:
    cat = small_catalogue()
    with i18n.speaking(language):
        assert _text().exercises([cat.exercises["calf-stretch"]], cat) == expected


def test_an_empty_list_in_spanish() -> None:
    with i18n.speaking("es"):
        assert _text().exercises([], small_catalogue()) == "Ningún ejercicio coincide.\n"


LIST_MD_ES = "# Ejercicios\n\n| Ejercicio | ID | Tipo | Nivel | Dosis | Trabaja | Equipo |  \n"


def test_list_markdown_head_in_spanish() -> None:
    cat = small_catalogue()
    with i18n.speaking("es"):
        page = MarkdownRenderer(RenderOptions(width=100)).exercises(
            [cat.exercises["calf-stretch"]], cat
        )
    assert page.startswith(LIST_MD_ES)
    assert "| Calf stretch | calf-stretch | estiramiento | principiante |" in page


CONDITION_EN = """\
  See a clinician before starting: yes
  Rules out:
    - kneeling: Kneeling presses on the joint.
  Notes:
    - Pain may rise a little at first; that is not harm.
  Sources: [1]
"""

CONDITION_ES = """\
  Vea a un profesional de salud antes de empezar: sí
  Descarta:
    - de rodillas: Kneeling presses on the joint.
  Notas:
    - Pain may rise a little at first; that is not harm.
  Fuentes: [1]
"""


@pytest.mark.parametrize(
    ("language", "expected", "called"),
    [("en", CONDITION_EN, "Also called: OA"), ("es", CONDITION_ES, "También llamado: OA")],
)
def test_conditions_text_in_both_languages(language: str, expected: str, called: str) -> None:
    cat = small_catalogue()
    with i18n.speaking(language):
        page = _text().conditions(list(cat.conditions.values()), cat)
    lines = page.splitlines()
    assert lines[:3] == ["Osteoarthritis [arthritis]", "--------------------------", f"  {called}"]
    assert "\n".join(lines[3:9]) + "\n" == expected


def _swaps(language: str) -> Swaps:
    cat = _two_strength()
    request = PlanRequest(equipment=frozenset({Equipment.CHAIR}))
    original = cat.exercises["sit-to-stand"]
    from kneefit.screening import exclusion_reasons

    with i18n.speaking(language):
        found = alternatives(original, cat, request)
        mine = exclusion_reasons(original, [], request.level, request.equipment)
    return Swaps(original, tuple(mine), tuple(found))


SWAP_EN = (
    (
        "Instead of Sit to stand (sit-to-stand): strength, quadriceps, glutes; "
        "knee load weight-bearing; intermediate.\n"
    )
    + """\
  ! Sit to stand itself is not for this person: above your level (intermediate)
1. Mini squat (mini-squat)
     - works the quadriceps and glutes like Sit to stand
     - no knee-load tags
     - level beginner
     - needs chair, which you have
Use one: kneefit plan ... --swap 'sit-to-stand=mini-squat'
"""
)

SWAP_ES = (
    (
        "En lugar de Sit to stand (sit-to-stand): fortalecimiento, cuádriceps, glúteos; "
        "carga en la rodilla: con el peso del cuerpo; intermedio.\n"
    )
    + """\
  ! Sit to stand no es para esta persona: por encima de su nivel (intermedio)
1. Mini squat (mini-squat)
     - trabaja cuádriceps y glúteos, como Sit to stand
     - sin carga especial en la rodilla
     - nivel principiante
     - necesita silla, que usted tiene
Para usar una: kneefit plan ... --swap 'sit-to-stand=mini-squat'
"""
)


@pytest.mark.parametrize(("language", "expected"), [("en", SWAP_EN), ("es", SWAP_ES)])
def test_swap_text_in_both_languages(language: str, expected: str) -> None:
    found = _swaps(language)
    with i18n.speaking(language):
        assert _text().swaps(found) == expected


# ------------------------------------------------------------ the English left, measured


def _ids() -> re.Pattern[str]:
    cat = load_catalogue()
    ids = set(cat.exercises) | set(cat.conditions) | set(cat.sources)
    alternatives_ = "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives_})(?![\w-])")


def _source_words() -> Iterator[str]:
    """The sources' titles, publishers and notes: names, not kneefit's words."""
    for source in load_catalogue().sources.values():
        yield source.title
        yield source.publisher
        if source.note:
            yield source.note


#: JSON and CSV fields that hold the catalogue's fixed values (the schema's words, the same
#: in every language, as the log keeps them) or the sources: left out of the measure.
DATA_FIELDS = {
    "category",
    "level",
    "primary_muscles",
    "secondary_muscles",
    "equipment",
    "knee_load",
    "traits",
    "tags",
    "only_traits",
    "max_level",
    "sources",
    "per_side",
    "see_clinician_first",
    "urgency",
}


def _json_strings(value: object, key: str = "") -> Iterator[str]:
    if key in DATA_FIELDS:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _json_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v, key)


def _csv_words(page: str) -> str:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(page)))
    head = rows[0]
    keep = [i for i, name in enumerate(head) if name not in DATA_FIELDS]
    return "\n".join(" ".join(row[i] for i in keep) for row in rows[1:])


def spanish_page(args: list[str], fmt: str) -> str:
    """What ``kneefit ARGS --lang es -f FMT`` prints, as words to measure: ids, the sources'
    titles and the data fields (JSON keys, CSV header, fixed values) left out."""
    done = run_child(
        [sys.executable, "-m", "kneefit", *args, "--lang", "es", "-f", fmt],
        env=clean_env(KNEEFIT_TODAY="2026-03-02", COLUMNS="100"),
    )
    assert done.returncode == 0, done.stderr
    page = done.stdout.decode()
    if fmt == "json":
        page = "\n".join(_json_strings(json.loads(page)))
    elif fmt == "csv":
        page = _csv_words(page)
    page = re.split(r"(?m)^(?:#+ )?Fuentes\s*$", page, maxsplit=1)[0]
    flat = " ".join(page.split())
    for said in sorted(_source_words(), key=len, reverse=True):
        flat = flat.replace(" ".join(said.split()), " ")
    return _ids().sub(" ", flat)


READING = ("table", "text", "markdown", "json", "csv")

#: What each command's Spanish pages are measured on (README, Languages).
VIEWS = [
    *[(["list", "estiramientos"], f) for f in READING],
    *[(["conditions"], f) for f in READING],
    *[(["show", "sentadilla"], f) for f in READING],
    *[(["swap", "sentadilla"], f) for f in ("table", "text", "json")],
]


@pytest.mark.parametrize(
    ("args", "fmt"), VIEWS, ids=lambda v: "-".join(v) if isinstance(v, list) else v
)
def test_a_spanish_view_has_under_2_percent_english(args: list[str], fmt: str) -> None:
    english, total = english_share(spanish_page(args, fmt))
    assert total > 50
    assert english / total < 0.02, (english, total)
