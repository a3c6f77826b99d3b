"""The handout's red flags and pictures, checked on the markup (the browser tests print it)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kneefit.catalogue import Catalogue
from kneefit.models import RedFlag, Safety, Urgency
from kneefit.render.html import _URGENCY, _balanced_split, _red_flags, flag_words


def _columns(markup: str) -> list[list[tuple[str, str]]]:
    """Each column of the red-flag section as (heading, sign) pairs, in reading order."""
    inner = markup.split("<div class='columns'>", 1)[1]
    columns = []
    for column in re.findall(r"<div>(.*?)</div>", inner, flags=re.S):
        heading, found = "", []
        for kind, text in re.findall(r"<(h3|b)>(.*?)</\1>", column, flags=re.S):
            if kind == "h3":
                heading = unescape(text)
            else:
                found.append((heading, unescape(text)))
        columns.append(found)
    return columns


def _check(safety: Safety) -> None:
    columns = _columns(_red_flags(safety))
    assert len(columns) == 2
    urgency_of = {flag_words(f)[0]: f.urgency for f in safety.red_flags}
    shown = [sign for column in columns for _, sign in column]
    # Every flag once, most urgent first, and each under the heading of its own urgency.
    assert sorted(shown) == sorted(urgency_of)
    order = list(Urgency)
    assert [order.index(urgency_of[s]) for s in shown] == sorted(
        order.index(urgency_of[s]) for s in shown
    )
    for column in columns:
        for heading, sign in column:
            assert heading == _URGENCY[urgency_of[sign]], sign


def test_the_bundled_red_flags_sit_under_their_urgency_in_two_even_columns(
    catalogue: Catalogue,
) -> None:
    _check(catalogue.safety)
    flags = [f for u in Urgency for f in catalogue.safety.red_flags if f.urgency is u]
    split = _balanced_split(flags)
    assert 0 < split < len(flags)


def test_a_flag_without_handout_words_prints_its_own_in_full(catalogue: Catalogue) -> None:
    flag = catalogue.safety.red_flags[0]
    plain = flag.model_copy(update={"handout_sign": None, "handout_action": None})
    sign, action = flag_words(plain)
    assert action == flag.action
    assert sign and sign in flag.sign
    assert flag_words(flag) == (flag.handout_sign, flag.handout_action or "")


def test_handout_action_without_a_sign_is_refused(catalogue: Catalogue) -> None:
    data = catalogue.safety.red_flags[0].model_dump()
    data.update(handout_sign=None, handout_action="go now.")
    with pytest.raises(ValueError, match="handout_action needs a handout_sign"):
        RedFlag.model_validate(data)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(Urgency)), st.integers(min_value=5, max_value=300)),
        min_size=1,
        max_size=14,
    )
)
def test_any_set_of_flags_keeps_each_sign_under_its_heading(
    catalogue: Catalogue, shapes: list[tuple[Urgency, int]]
) -> None:
    model = catalogue.safety.red_flags[0]
    flags = tuple(
        model.model_copy(
            update={
                "id": f"flag-{n}",
                "urgency": urgency,
                "sign": f"Sign {n} " + "x" * length,
                "handout_sign": None,
                "handout_action": None,
            }
        )
        for n, (urgency, length) in enumerate(shapes)
    )
    _check(catalogue.safety.model_copy(update={"red_flags": flags}))


def _words(page: str) -> str:
    body = page.split("<main>")[1]
    return unescape(re.sub(r"<[^>]+>", " ", body))


def test_no_handout_holds_a_command_line(tmp_path: Path) -> None:
    """Every condition, with each kind of log a plan reacts to: the handout names what to
    do, never what to type (it is worded for a person where it is made, not rewritten)."""
    from datetime import datetime

    from kneefit.catalogue import load_catalogue
    from kneefit.environment import Environment, Places
    from kneefit.models import Clearance, Session
    from kneefit.render import renderer_for
    from kneefit.render.common import RenderOptions
    from kneefit.usecases.common import History
    from kneefit.usecases.plan import PlanAsk, make_plan
    from kneefit.vocabulary import Format

    catalogue = load_catalogue()
    day = date(2026, 12, 7)
    now = datetime(2026, 12, 7, 9)
    env = Environment(places=Places(tmp_path), today=day, now=now, wall_clock=now)
    good = tuple(
        Session(id=n, date=date(2026, 11, 20 + n), pain=2, effort=4, next_morning_pain=1)
        for n in range(6)
    )
    histories = [
        History(),
        History((Session(id=1, date=date(2026, 12, 1), pain=3, effort=5),)),
        History((*good[:2], Session(id=9, date=date(2026, 12, 1), pain=1, effort=4))),
        History((Session(id=1, date=date(2026, 12, 1), pain=2, effort=5, red_flags=("locked",)),)),
        History(
            (Session(id=1, date=date(2026, 12, 1), pain=2, effort=5, red_flags=("locked",)),),
            (Clearance(date=date(2026, 12, 2), text="GP: carry on"),),
        ),
        History(good),
    ]
    renderer = renderer_for(Format.HTML, RenderOptions())
    conditions = [*catalogue.conditions, None]
    # Every kind of log for one condition; for the others, the kinds in turn.
    cases: list[tuple[str | None, History]] = [("arthritis", h) for h in histories]
    cases += [(c, histories[n % len(histories)]) for n, c in enumerate(conditions)]
    for condition, history in cases:
        named = (condition,) if condition else ()
        for ask in (PlanAsk(conditions=named), PlanAsk(named, days=3, weeks=2, max_exercises=4)):
            result = make_plan(catalogue, ask, env, history, remember=False)
            text = _words(renderer.plan(result.schedule))
            assert "kneefit log" not in text and "kneefit swap" not in text, text
            assert re.search(r"(?<![\w-])--[a-z]", text) is None, (condition, text)


def test_each_card_has_its_picture_sized_titled_described_and_tinted(tmp_path: Path) -> None:
    """On the handout every exercise's picture fills the one box (38 by 35 mm), is named by
    the exercise and described in words naming its working muscles."""
    from kneefit.cli import main
    from kneefit.render.html import PICTURE_BOX, PICTURE_KEY

    page = tmp_path / "plan.html"
    with pytest.raises(SystemExit) as done:
        main(["plan", "-c", "arthritis", "--start", "2026-12-02", "--no-history", "-o", str(page)])
    assert done.value.code == 0
    markup = page.read_text(encoding="utf-8")
    # How to read the pictures, said once, before the first card.
    assert markup.count(PICTURE_KEY) == 1
    assert markup.index(PICTURE_KEY) < markup.index("<article class='exercise'")
    cards = re.findall(r"<article class='exercise'.*?</article>", markup, flags=re.S)
    assert len(cards) >= 6
    for card in cards:
        name = unescape(re.findall(r"<h3 id='ex-\d+'>\d+\. (.*?)</h3>", card)[0])
        svg = re.search(
            r'<svg viewBox="[^"]+" width="([\d.]+)mm" height="([\d.]+)mm" role="img" '
            r'aria-label="([^"]+)" class="kneefit-figure"><title>([^<]+)</title>'
            r"<desc>([^<]+)</desc>",
            card,
        )
        assert svg is not None, name
        width, height = float(svg.group(1)), float(svg.group(2))
        assert width <= PICTURE_BOX[0] + 0.05 and height <= PICTURE_BOX[1] + 0.05, name
        assert max(width / PICTURE_BOX[0], height / PICTURE_BOX[1]) > 0.99, name
        assert unescape(svg.group(3)) == unescape(svg.group(4))
        assert unescape(svg.group(4)).startswith(f"{name}: ")
        assert "Tinted: the working muscles (" in svg.group(5), name
