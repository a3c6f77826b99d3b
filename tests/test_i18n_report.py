"""`kneefit report` and `kneefit review` in Spanish (issue 31): each renderer word for word
in both languages on a small fixture, the review's advice translated, and the English left
in each Spanish page measured through the command line."""

# ruff: noqa: E501 (the Spanish report's table is as wide as it prints)

from __future__ import annotations

import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from kneefit import i18n
from kneefit.errors import DataError
from kneefit.measures import FOLLOW_UP, MEASURES
from kneefit.models import Session
from kneefit.render.review import review_text
from kneefit.report import build_report
from kneefit.review import review_week, translate_advice, week_of
from kneefit.usecases.review import advice_in, advice_words_path, load_advice
from tests.conftest import clean_env, run_child
from tests.test_i18n import english_share
from tests.test_report import CHECKINS, SESSIONS, START, TEXT, TODAY, render_report
from tests.test_review import SMALL, _small_review

pytestmark = pytest.mark.usefixtures("pinned_today")

REPORT_ES = """\
kneefit: informe de progreso
============================
Periodo: del 16 de noviembre de 2026 al 29 de noviembre de 2026 (14 días); 3
sesiones por semana planeadas.

kneefit no es un consejo médico y no reemplaza a un médico ni a un
fisioterapeuta.

Sesiones hechas frente a las planeadas
  Semana  Fechas                   Planeadas  Hecho  Caminó  Dolor medio, sesión  Dolor medio, mañana
  1       2026-11-16 a 2026-11-22  3          3      0 min   3,3                  2,5
  2       2026-11-23 a 2026-11-29  3          3      0 min   1,7                  1
  6 de 6 sesiones planeadas hechas (100%). Caminó 0 minutos fuera de las
    sesiones en 2 semanas (la meta: 150 por semana).

Dolor durante las sesiones y a la mañana siguiente (0 a 10)
  Dolor promedio durante las sesiones: 3,3/10 en la semana 1, 1,7/10 en la
    semana 2; a la mañana siguiente 2,5/10 en la semana 1, 1/10 en la semana
    2.
  2026-11-16  ####......  4   mañana siguiente 3
  2026-11-18  ###.......  3   mañana siguiente 2
  2026-11-20  ###.......  3   mañana siguiente -  SEÑAL DE ALARMA
  2026-11-23  ##........  2   mañana siguiente 1
  2026-11-25  ##........  2   mañana siguiente 1
  2026-11-27  #.........  1   mañana siguiente 1

Señales de alarma
  ! 20 de noviembre de 2026: knee gave way; NO AUTORIZADO: el progreso está en
    pausa por lo menos hasta el 5 de diciembre de 2026; vea a la persona ahora

Progreso
  - 27 de noviembre de 2026: subió un paso, 0 -> 1

Controles
  Fecha       Dolor de la semana (NPRS)  Promedio PSFS  Levantarse de la silla (30 s)
  2026-11-16  6                          4              9
  2026-11-29  3                          6,5            13
  - Dolor de rodilla de la última semana (Escala Numérica del Dolor, NPRS):
      6/10 -> 3/10 (cambio -3): mejoró tanto como el umbral MCID o más.
  - Escala Funcional Específica del Paciente (PSFS): 4/10 -> 6,5/10 (cambio
      +2,5): mejoró tanto como el umbral MCID o más.
      stairs: 3/10 -> 6/10 (cambio +3): mejoró tanto como el umbral MDC o más.
      walking: 5/10 -> 7/10 (cambio +2): mejor, menos que el umbral MDC.
  - Prueba de levantarse de la silla en 30 segundos: 9 veces -> 13 veces
      (cambio +4): mejoró tanto como el umbral MDC o más.
"""


@pytest.mark.parametrize(
    ("language", "expected", "heading"),
    [
        ("en", TEXT, "The measures and their sources"),
        ("es", REPORT_ES, "Las medidas y sus fuentes"),
    ],
)
def test_the_report_text_in_both_languages(language: str, expected: str, heading: str) -> None:
    report = build_report(SESSIONS, CHECKINS, 3, START, TODAY)
    with i18n.speaking(language):
        text = render_report(report, "text")
    assert text.split(f"\n{heading}\n")[0] == expected
    assert "Farrar JT" in text and "https://doi.org/10.2519/jospt.2014.5248" in text


def test_the_spanish_report_names_the_measures_as_checkin_does() -> None:
    """The published instruments keep their abbreviations, in the names 'checkin --help
    --lang es' uses; each measure's name and how it is taken are translated."""
    with i18n.speaking("es"):
        names = [i18n._(m.name) for m in (*MEASURES, *FOLLOW_UP)]
        hows = [i18n._(m.how) for m in (*MEASURES, *FOLLOW_UP)]
        notes = [i18n._(m.threshold_note) for m in (*MEASURES, *FOLLOW_UP)]
    assert names[:3] == [
        "Dolor de rodilla de la última semana (Escala Numérica del Dolor, NPRS)",
        "Escala Funcional Específica del Paciente (PSFS)",
        "Prueba de levantarse de la silla en 30 segundos",
    ]
    assert "Caminata rápida de 40 m" in names and "Prueba Timed Up and Go" in names
    english = [(m.name, m.how, m.threshold_note) for m in (*MEASURES, *FOLLOW_UP)]
    assert all(t not in e for t, e in zip(names, english, strict=True))
    assert all(h != e[1] for h, e in zip(hows, english, strict=True))
    assert all(n != e[2] for n, e in zip(notes, english, strict=True))


REVIEW_EN = """\
kneefit: weekly review
======================
Week: 2026-11-09 to 2026-11-15.
Sessions for: both knees.

kneefit is not medical advice and does not replace a doctor or
physiotherapist.

Sessions: 1 of 2 planned. Behind.
Walking: 40 of 150 minutes. Behind.
Pain during sessions: 3/10 on average (none logged in the 3 weeks before).
Pain the next morning: none logged (none logged in the 3 weeks before).
Progression: your plan stayed at the same step.

Behind this week. What got in the way: pain.
  - Walk. [1]
  - Ease off. [1]

With kneefit:
  - kneefit swap X

Why look back each week: Why. [1]

Sources
  [1] A. P, no date. https://a.example/
"""

REVIEW_ES = """\
kneefit: revisión semanal
=========================
Semana: del 9 de noviembre de 2026 al 15 de noviembre de 2026.
Sesiones para: las dos rodillas.

kneefit no es un consejo médico y no reemplaza a un médico ni a un
fisioterapeuta.

Sesiones: 1 de 2 planeadas. Con atraso.
Caminatas: 40 de 150 minutos. Con atraso.
Dolor durante las sesiones: 3/10 en promedio (nada anotado en las 3 semanas
  anteriores).
Dolor a la mañana siguiente: nada anotado (nada anotado en las 3 semanas
  anteriores).
Progreso: su plan siguió en el mismo paso.

Con atraso esta semana. Lo que se lo impidió: pain.
  - Walk. [1]
  - Ease off. [1]

Con kneefit:
  - kneefit swap X

Por qué revisar cada semana: Why. [1]

Fuentes
  [1] A. P, s/f. https://a.example/
"""


@pytest.mark.parametrize(("language", "expected"), [("en", REVIEW_EN), ("es", REVIEW_ES)])
def test_the_review_text_in_both_languages(language: str, expected: str) -> None:
    """The review's own words (the small advice file's texts are the fixture's)."""
    with i18n.speaking(language):
        assert review_text(_small_review()) == expected  # type: ignore[arg-type]


def _session(day: date, pain: int, stage: int, **more: object) -> Session:
    return Session.model_validate({"date": day, "pain": pain, "effort": 5, "stage": stage} | more)


def test_the_review_counts_days_and_steps_in_spanish() -> None:
    monday = date(2026, 11, 16)
    sessions = [_session(monday, 3, 0), _session(monday + timedelta(days=1), 2, 1)]
    review = review_week(sessions, [], week_of(monday, date(2026, 11, 18)), 3, SMALL)
    with i18n.speaking("es"):
        text = review_text(review)
    assert "Semana: del 16 de noviembre de 2026 al 22 de noviembre de 2026 (hasta ahora:" in text
    assert "3 días, hasta el 18 de noviembre de 2026)." in text
    assert "Sesiones: 2 de 1 planeada. Al día." in text
    assert "Progreso: su plan subió 1 paso." in text


# ------------------------------------------------------------------ the review's advice


def test_every_barrier_and_piece_of_advice_has_its_spanish() -> None:
    english, spanish = load_advice(), advice_in("es")
    assert [b.id for b in spanish.barriers] == [b.id for b in english.barriers]
    for en, es in zip(english.barriers, spanish.barriers, strict=True):
        assert es.label != en.label or en.label == "dolor"
        assert len(es.advice) == len(en.advice) and len(es.tries) == len(en.tries)
        for a, b in zip(en.advice, es.advice, strict=True):
            assert a.sources == b.sources and a.text != b.text
    for piece in ("about", "on_track", "walking"):
        assert getattr(spanish, piece).text != getattr(english, piece).text
    assert spanish.sources == english.sources
    assert advice_in("en") is load_advice()


@pytest.mark.parametrize("word", ["falta de tiempo", "ocupado", "no time", "busy"])
def test_a_spanish_or_english_word_names_a_barrier(word: str) -> None:
    assert advice_in("es").barrier(word).id == "no-time"


def test_a_translation_missing_a_barrier_or_a_line_is_refused() -> None:
    path = advice_words_path("es")
    assert path is not None
    text = path.read_text(encoding="utf-8")
    without = re.sub(r"(?ms)^  away:.*", "", text)
    with pytest.raises(DataError, match="barriers: away: missing"):
        translate_advice(load_advice(), without, "es-review.yaml")
    second = (
        "      - >-\n        Pida instrucciones escritas claras y dibujos de cada ejercicio, "
        "para hacerlo con\n        confianza.\n"
    )
    assert second in text
    shorter = text.replace(second, "")
    with pytest.raises(DataError, match="unsure: advice: 1 lines, the English has 2"):
        translate_advice(load_advice(), shorter, "es-review.yaml")


def test_a_translations_problems_are_said_in_spanish() -> None:
    from kneefit.i18n import speaking

    path = advice_words_path("es")
    assert path is not None
    text = path.read_text(encoding="utf-8")
    without = re.sub(r"(?ms)^  away:.*", "", text)
    with speaking("es"), pytest.raises(DataError, match=r"barriers: away: falta$"):
        translate_advice(load_advice(), without, "es-review.yaml")
    second = (
        "      - >-\n        Pida instrucciones escritas claras y dibujos de cada ejercicio, "
        "para hacerlo con\n        confianza.\n"
    )
    shorter = text.replace(second, "")
    with (
        speaking("es"),
        pytest.raises(DataError, match=r"unsure: advice: 1 línea; el inglés tiene 2$"),
    ):
        translate_advice(load_advice(), shorter, "es-review.yaml")


# ------------------------------------------------------------------ through the command


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A log of two weeks: sessions (one with a red flag), a walk and two check-ins."""
    home = tmp_path_factory.mktemp("home")
    env = clean_env(KNEEFIT_HOME=str(home), KNEEFIT_TODAY="2026-11-29", COLUMNS="100")
    for args in (
        ["log", "--pain", "4", "--effort", "5", "--date", "2026-11-16", "--knee", "left"],
        ["log", "--next-morning", "3", "--date", "2026-11-16"],
        ["log", "--pain", "3", "--effort", "5", "--date", "2026-11-20", "--red-flag", "swollen"],
        ["log", "--pain", "2", "--effort", "5", "--date", "2026-11-24"],
        ["log", "--walked", "30", "--date", "2026-11-25"],
        ["checkin", "--date", "2026-11-16", "--pain", "6", "--activity", "stairs=3"],
        ["checkin", "--date", "2026-11-29", "--pain", "3", "--activity", "stairs=6",
         "--chair-stands", "12", "--knee-bend", "110", "--tug", "9.5"],
    ):  # fmt: skip
        done = run_child([sys.executable, "-m", "kneefit", *args], env=env)
        assert done.returncode == 0, done.stderr
    return env


def _spanish(env: dict[str, str], *args: str) -> str:
    done = run_child([sys.executable, "-m", "kneefit", *args, "--lang", "es"], env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    return done.stdout.decode()


def _measured(page: str) -> tuple[int, int]:
    """The English words of a Spanish page, its tags, the measures' published sources
    (their titles as published) and the review's list of sources left aside."""
    from kneefit.measures import (
        ALGHADIR_2015,
        DOBSON_2013,
        FOLLOW_UP,
        HANCOCK_2018,
        MEASURES,
    )

    page = re.sub(r"<style>.*?</style>|<svg.*?</svg>|<[^>]+>", " ", page, flags=re.S)
    page = re.split(r"(?m)^(?:#+ )?Fuentes\s*$", page, maxsplit=1)[0]
    cited = {c.text for m in (*MEASURES, *FOLLOW_UP) for c in m.sources}
    cited |= {c.text for c in (ALGHADIR_2015, DOBSON_2013, HANCOCK_2018)}
    return english_share(page, leave=tuple(sorted(cited, key=len, reverse=True)))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_spanish_report_has_under_2_percent_english(logged: dict[str, str], fmt: str) -> None:
    page = _spanish(logged, "report", "-f", fmt)
    english, total = _measured(page)
    assert total > 400
    assert english / total < 0.02, (english, total)


def test_the_spanish_report_page_is_marked_spanish(logged: dict[str, str]) -> None:
    page = _spanish(logged, "report", "-f", "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="es">')
    assert "<title>kneefit: informe de progreso</title>" in page
    assert 'aria-label="Sesiones planeadas y hechas por semana"' in page
    assert "Semana 1 (16 nov" in page


def test_the_spanish_report_csv_words_its_prose_and_keeps_its_codes(
    logged: dict[str, str],
) -> None:
    rows = _spanish(logged, "report", "-f", "csv").splitlines()
    assert rows[0].startswith("section,week,date,end_date")
    assert any(r.startswith("session,,2026-11-20,") and "señal de alarma" in r for r in rows)
    assert any(r.startswith("change,") and "más bajo es mejor" in r for r in rows)


def test_the_spanish_report_json_keeps_its_keys(logged: dict[str, str]) -> None:
    data = json.loads(_spanish(logged, "report", "-f", "json"))
    assert {"start", "end", "weeks", "measures"} <= set(data)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("barrier", [None, "sin tiempo"])
def test_a_spanish_review_has_under_2_percent_english(
    logged: dict[str, str], fmt: str, barrier: str | None
) -> None:
    ask = ["--barrier", barrier] if barrier else []
    page = _spanish(logged, "review", "-f", fmt, *ask)
    assert "revisión semanal" in page
    english, total = _measured(page)
    assert total > 100
    assert english / total < 0.02, (english, total)


def test_the_spanish_review_json_keeps_keys_and_ids(logged: dict[str, str]) -> None:
    data = json.loads(_spanish(logged, "review", "-f", "json", "--barrier", "dolor"))
    assert data["barrier"] == {"id": "pain", "label": "dolor"}
    assert data["advice"][0]["text"].startswith("La meta para los adultos")


def test_the_review_file_ships_in_the_wheel() -> None:
    config = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/translations/es-review.yaml" = "kneefit/data/translations/es-review.yaml"' in (
        config
    )
