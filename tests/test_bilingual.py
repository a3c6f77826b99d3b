"""The handout in two languages (``kneefit plan --lang es --also-in en``): each language's
handout whole, marked with its ``lang``, on pages of its own, no id repeated; the same plan
in both; refused for a format that is not a handout, a language kneefit lacks, or the run's
own language."""

from __future__ import annotations

import re
from datetime import datetime, time, timezone
from pathlib import Path

import pytest

from kneefit.catalogue import Catalogue
from kneefit.environment import Environment
from kneefit.i18n import speaking
from kneefit.render import InLanguage, RenderOptions
from kneefit.render.html import PART_ID, HtmlRenderer, _prefixed
from kneefit.schedule import single
from kneefit.usecases.plan import PlanAsk, make_plan, plan_in
from tests.conftest import SMALL_START, Invoke, small_catalogue, small_routine

SMALL = small_catalogue()
SCHEDULE = single(small_routine(SMALL), SMALL_START, at=time(7, 30))


def _body(page: str) -> str:
    """What is inside a page's ``<main>``."""
    return page.split("<main>\n", 1)[1].split("\n</main>", 1)[0]


def _part(page: str, n: int) -> tuple[str, str]:
    """The language and the inside of the page's part ``n``."""
    found = re.search(
        rf"<div lang='([a-z]+)' id='{PART_ID}{n}' class='language'>\n(.*?)\n</div>"
        r"(?:\n(?=<div lang)|$)",
        _body(page),
        re.S,
    )
    assert found is not None, n
    return found[1], found[2]


def test_each_part_is_that_languages_handout() -> None:
    page = HtmlRenderer(RenderOptions()).bilingual(
        (InLanguage("es", SCHEDULE), InLanguage("en", SCHEDULE))
    )
    with speaking("es"):
        spanish = _body(HtmlRenderer(RenderOptions()).plan(SCHEDULE))
    english = _body(HtmlRenderer(RenderOptions()).plan(SCHEDULE))
    assert page.startswith("<!DOCTYPE html>\n<html lang='es'>\n")
    assert "<meta name='kneefit-pages' content='2,2'>" in page
    assert "<title>Sus ejercicios para la rodilla</title>" in page
    assert _part(page, 1) == ("es", spanish)
    code, second = _part(page, 2)
    also = (
        "<p class='also'>The same plan as on the pages before, in English, for a clinician "
        "to check what the person reads.</p>\n"
    )
    assert code == "en"
    assert second == _prefixed(also + english, "en")
    # The prefix is the only change: taken away, the English handout is what is left.
    assert re.sub(r"((?:id|aria-labelledby)=')en-", r"\1", second) == also + english


def test_no_id_twice_and_every_reference_found() -> None:
    page = HtmlRenderer(RenderOptions()).bilingual(
        (InLanguage("en", SCHEDULE), InLanguage("es", SCHEDULE))
    )
    ids = re.findall(r"\bid='([^']*)'", page)
    assert len(ids) == len(set(ids)) > 10
    referred = re.findall(r"aria-labelledby='([^']*)'", page)
    assert referred and {i for r in referred for i in r.split()} <= set(ids)
    assert {"exercises", "es-exercises", "part-1", "part-2"} <= set(ids)
    assert "<p class='also'>El mismo plan de las páginas anteriores, en español" in page


def test_prefixed_touches_only_kneefits_own_attributes() -> None:
    # Text is escaped (kneefit.render.html._e): an id='b' in it is not an attribute.
    markup = "<h2 id='a'>id=&#x27;b&#x27;</h2><section aria-labelledby='a b'><p>a</p></section>"
    assert _prefixed(markup, "en") == (
        "<h2 id='en-a'>id=&#x27;b&#x27;</h2><section aria-labelledby='en-a en-b'><p>a</p></section>"
    )


def _env(home: Path, language: str) -> Environment:
    from kneefit.environment import Places

    made = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    return Environment(
        places=Places(data_dir=home),
        today=made.date(),
        now=made,
        wall_clock=made,
        language=language,
    )


@pytest.mark.parametrize(
    "ask",
    [
        PlanAsk(conditions=("arthritis",)),
        PlanAsk(conditions=("meniscus-surgery",), minutes=45),
        PlanAsk(conditions=("patellofemoral-pain", "bursitis"), days=3, floor=False),
        PlanAsk(conditions=("acl-injury",), level="intermediate", equipment=("none",)),
    ],
)
def test_both_parts_are_the_same_plan(tmp_path: Path, catalogue: Catalogue, ask: PlanAsk) -> None:
    from kneefit.catalogue.translations import in_language

    english = make_plan(catalogue, ask, _env(tmp_path, "en"), remember=False).schedule
    spanish = plan_in(in_language(catalogue, "es"), ask, _env(tmp_path, "es"))

    def doses(schedule: object) -> list[tuple[str, str]]:
        from kneefit.models import Schedule

        assert isinstance(schedule, Schedule)
        days = [s for d in schedule.days for s in d.sections]
        return [
            (i.exercise.id, i.dose.describe())
            for s in (*schedule.routine.sections, *days)
            for i in s.items
        ]

    assert doses(english) == doses(spanish) != []
    names = {i.exercise.name for s in spanish.routine.sections for i in s.items}
    assert not names & {i.exercise.name for s in english.routine.sections for i in s.items}


def test_plan_also_in_writes_both_languages(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    done = cli("plan", "-c", "artrosis", "--lang", "es", "--also-in", "en", "-o", str(target))
    assert (done.code, done.stdout) == (0, "")
    page = target.read_text(encoding="utf-8")
    assert page.count("<div lang='es' id='part-1'") == page.count("<div lang='en' id='part-2'") == 1
    assert "Knee osteoarthritis" in page and "Artrosis de rodilla" in page
    assert "<meta name='kneefit-pages' content='2,2'>" in page


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--lang", "es", "--also-in", "es", "-f", "html"],
            "Error: Valor no válido para '--also-in': es ya es el idioma del plan (--lang): "
            "dé otro idioma para imprimir a su lado\n",
        ),
        (
            ["--also-in", "fr", "-f", "html"],
            "Error: --also-in 'fr' is not a language kneefit has: give one of en, es\n",
        ),
        (
            ["--also-in", "es", "-f", "markdown"],
            "Error: the markdown format is not for plans in two languages: use html or pdf\n",
        ),
        (
            ["--also-in", "es", "-o", "plan.txt"],
            "Error: the text format is not for plans in two languages: use html or pdf\n",
        ),
    ],
)
def test_also_in_refusals_are_usage_mistakes(cli: Invoke, args: list[str], said: str) -> None:
    done = cli("plan", "-c", "arthritis", "--no-history", *args)
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr.endswith(said), done.stderr
    assert not Path("plan.txt").exists()
