"""The log's decisions in the run's language: a plan with a logged history says why it steps
up, down or holds in Spanish under ``KNEEFIT_LANG=es``, with no English sentence left."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kneefit.i18n import speaking
from kneefit.reasons import FeltHard, LittleMoreThanLastWeek, PainAboveCeiling, SteppingUp
from kneefit.render.wording import notice_text, reason_text
from tests.conftest import clean_env, run


def _plan_after(tmp_path: Path, today: date, *sessions: tuple[int, int, int]) -> str:
    """The Markdown plan's progress section in Spanish, after logging ``(days ago, pain,
    effort)`` sessions."""
    env = clean_env(
        KNEEFIT_HOME=str(tmp_path / "home"),
        KNEEFIT_CACHE_DIR=str(tmp_path / "cache"),
        KNEEFIT_LANG="es",
    )
    for days_ago, pain, effort in sessions:
        day = (today - timedelta(days=days_ago)).isoformat()
        logged = run(["log", "--pain", str(pain), "--effort", str(effort), "--date", day], env=env)
        assert logged.code == 0, logged.stderr
    done = run(["plan", "-c", "arthritis", "--format", "markdown"], env=env)
    assert done.code == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.split("## Su progreso\n\n", 1)[1].split("\n\n", 1)[0]


def test_pain_above_the_ceiling_steps_down_in_spanish(tmp_path: Path, pinned_today: date) -> None:
    said = _plan_after(tmp_path, pinned_today, (3, 8, 5))
    assert said.splitlines()[0] == (
        "- Un paso menos (paso de progreso -1): El dolor durante la sesión del 15 de noviembre "
        "de 2026 fue de 8/10, más que el 5/10 aceptable: se baja un paso."
    )
    assert "stepping down" not in said
    assert "below the program" not in said
    assert "reps" not in said


def test_a_hard_session_holds_the_plan_in_spanish(tmp_path: Path, pinned_today: date) -> None:
    said = _plan_after(tmp_path, pinned_today, (3, 2, 9))
    assert said == (
        "- El mismo plan (paso de progreso 0): La sesión del 15 de noviembre de 2026 le costó "
        "(esfuerzo 9/10). Se mantiene el mismo plan hasta que le resulte más fácil."
    )


def test_one_good_session_waits_for_another_in_spanish(tmp_path: Path, pinned_today: date) -> None:
    said = _plan_after(tmp_path, pinned_today, (3, 2, 5))
    assert said == (
        "- El mismo plan (paso de progreso 0): El dolor del 15 de noviembre de 2026 fue de "
        "2/10, dentro del 5/10 que permite este plan. Con una sesión más como esa, y el dolor "
        "calmado para la mañana siguiente, kneefit subirá un paso."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Your last two sessions (2026-03-02, 2026-03-04) had pain 2/10 and 3/10, within the "
            "5/10 this plan allows, and settled by the next morning: stepping up.",
        ),
        (
            "es",
            "Sus dos últimas sesiones (2 de marzo de 2026, 4 de marzo de 2026) tuvieron un dolor "
            "de 2/10 y 3/10, dentro del 5/10 que permite este plan, y se calmó para la mañana "
            "siguiente: se sube un paso.",
        ),
    ],
)
def test_stepping_up_in_each_language(language: str, expected: str) -> None:
    reason = SteppingUp(days=(date(2026, 3, 2), date(2026, 3, 4)), pains=(2, 3), ceiling=5)
    with speaking(language):
        assert reason_text(reason) == expected


def test_week_notes_and_other_decisions_in_spanish() -> None:
    with speaking("es"):
        assert notice_text(LittleMoreThanLastWeek(week=3, safe=5)) == (
            "Semana 3: un poco más que la semana 2: en los ejercicios de fortalecimiento, 2 "
            "repeticiones más o mantenga 5 segundos más; en los estiramientos, 5 segundos más; "
            "dentro de los rangos de las fuentes. Solo si la semana 2 le fue bien (dolor de "
            "hasta 5/10, no peor a la mañana siguiente); si no, repita la semana 2."
        )
        assert reason_text(FeltHard(day=date(2026, 3, 4), effort=9)) == (
            "La sesión del 4 de marzo de 2026 le costó (esfuerzo 9/10). Se mantiene el mismo "
            "plan hasta que le resulte más fácil."
        )
        assert reason_text(PainAboveCeiling(day=date(2026, 3, 4), pain=7, ceiling=5)) == (
            "El dolor durante la sesión del 4 de marzo de 2026 fue de 7/10, más que el 5/10 "
            "aceptable: se baja un paso."
        )
