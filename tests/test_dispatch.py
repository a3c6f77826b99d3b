"""One dispatch for every document and format: each (document, format) pair is rendered, or
refused by the one refusal, a usage mistake that names the formats the document has; the
commands give that same answer for a format their document does not have."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time, timedelta

import pytest

from kneefit.catalogue import load_catalogue
from kneefit.errors import UsageError
from kneefit.exclusions import AtLevel, NeedsKit
from kneefit.log import CheckIn
from kneefit.render import (
    Document,
    FormatRefused,
    InLanguage,
    Renderer,
    RenderOptions,
    dispatch,
    formats_of,
    renderer_for,
)
from kneefit.report import build_report
from kneefit.review import review_week, week_of
from kneefit.schedule import single
from kneefit.swap import Alternative, Swaps
from kneefit.usecases.review import load_advice
from kneefit.vocabulary import Format
from tests.conftest import SMALL_START, Invoke, small_catalogue, small_routine, two_sessions

SMALL = small_catalogue()
#: The small catalogue's strength exercise, with the bundled catalogue's drawing of it.
STANDING = SMALL.exercises["sit-to-stand"].model_copy(
    update={"poses": load_catalogue([]).exercises["sit-to-stand"].poses}
)
CHECKINS = [
    CheckIn(SMALL_START, week_pain=4, activities=(("stairs", 3), ("kneeling", 6))),
    CheckIn(SMALL_START + timedelta(days=7), week_pain=2, chair_stands=12),
]
OPTIONS = RenderOptions(width=100)

#: Each document, rendered by a renderer, from the small fixtures.
SAMPLES: dict[Document, Callable[[Renderer], str]] = {
    Document.PLAN: lambda r: r.plan(single(small_routine(SMALL), SMALL_START, at=time(7, 30))),
    Document.EXERCISES: lambda r: r.exercises(list(SMALL.exercises.values()), SMALL),
    Document.EXERCISE: lambda r: r.exercise(STANDING, SMALL),
    Document.CONDITIONS: lambda r: r.conditions(list(SMALL.conditions.values()), SMALL),
    Document.HISTORY: lambda r: r.history(two_sessions()),
    Document.CHECKINS: lambda r: r.checkins(CHECKINS),
    Document.REPORT: lambda r: r.report(
        build_report(two_sessions(), CHECKINS, 3, date(2026, 11, 23), date(2026, 12, 7))
    ),
    Document.SWAPS: lambda r: r.swaps(
        Swaps(
            STANDING,
            (NeedsKit(("chair",)),),
            (Alternative(SMALL.exercises["calf-stretch"], (AtLevel("beginner"),)),),
        )
    ),
    Document.REVIEW: lambda r: r.review(
        review_week(two_sessions(), (), week_of(SMALL_START, SMALL_START), 3, load_advice())
    ),
    Document.BILINGUAL: lambda r: r.bilingual(
        [InLanguage(code, single(small_routine(SMALL), SMALL_START)) for code in ("es", "en")]
    ),
}

#: What a refusal says: the format, the document, and the formats it has.
REFUSAL = re.compile(r"the (?P<fmt>[a-z]+) format is not for (?P<what>[a-z -]+): use (?P<has>.+)")


def _named(has: str) -> list[str]:
    """The formats a refusal names: 'text, markdown or json' is three."""
    *most, last = has.split(" or ")
    return [f for part in most for f in part.split(", ")] + [last]


def _refusal(message: str, document: Document, fmt: Format) -> None:
    said = REFUSAL.fullmatch(message)
    assert said is not None, message
    assert said["fmt"] == fmt.value
    assert _named(said["has"]) == [f.value for f in formats_of(document)]


def test_every_document_is_a_renderer_method_with_a_sample_and_formats() -> None:
    methods = {name for name in vars(Renderer) if not name.startswith("_")}
    assert methods == {d.value for d in Document}
    assert set(SAMPLES) == set(Document)
    for document in Document:
        assert formats_of(document), document
        assert list(formats_of(document)) == [f for f in Format if f in formats_of(document)]


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
@pytest.mark.parametrize("document", list(Document), ids=[d.value for d in Document])
def test_every_document_in_every_format_is_rendered_or_refused(
    document: Document, fmt: Format
) -> None:
    render = SAMPLES[document]
    if fmt in formats_of(document):
        text = render(dispatch(document, fmt, OPTIONS))
        assert text.strip(), (document, fmt)
        # The renderer of a format alone (what the commands' emit asks for) says the same.
        assert render(renderer_for(fmt, OPTIONS)) == text
        return
    with pytest.raises(FormatRefused) as early:
        dispatch(document, fmt, OPTIONS)
    with pytest.raises(FormatRefused) as late:
        render(renderer_for(fmt, OPTIONS))
    for refused in (early.value, late.value):
        assert isinstance(refused, UsageError) and refused.exit_code == 2
        assert (refused.document, refused.format) == (document, fmt)
        _refusal(str(refused), document, fmt)
    assert str(early.value) == str(late.value)


#: A command that prints each document, with what makes it print something.
COMMANDS: dict[Document, list[str]] = {
    Document.PLAN: ["plan", "-c", "arthritis", "--no-history"],
    Document.EXERCISES: ["list", "strength"],
    Document.EXERCISE: ["show", "wall sit"],
    Document.CONDITIONS: ["conditions", "arthritis"],
    Document.HISTORY: ["history"],
    Document.CHECKINS: ["history", "--checkins"],
    Document.REPORT: ["report"],
    Document.SWAPS: ["swap", "wall sit", "-c", "arthritis"],
    Document.REVIEW: ["review"],
    Document.BILINGUAL: ["plan", "-c", "arthritis", "--no-history", "--also-in", "es"],
}


def _refused_pairs() -> list[tuple[Document, Format]]:
    return [(d, f) for d in Document for f in Format if f not in formats_of(d)]


@pytest.mark.parametrize(
    ("document", "fmt"), _refused_pairs(), ids=lambda v: getattr(v, "value", v)
)
def test_every_command_refuses_a_format_its_document_lacks_the_same_way(
    cli: Invoke, document: Document, fmt: Format
) -> None:
    result = cli(*COMMANDS[document], "-f", fmt.value)
    assert result.code == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.endswith("\n"), result.stderr
    _refusal(result.stderr[len("Error: ") : -1], document, fmt)


def test_history_and_its_check_ins_refuse_svg_alike(cli: Invoke) -> None:
    sessions = cli("history", "-f", "svg").stderr
    checkins = cli("history", "--checkins", "-f", "svg").stderr
    assert sessions == (
        "Error: the svg format is not for the session history: "
        "use table, text, markdown, json or csv\n"
    )
    assert checkins == sessions.replace("the session history", "the check-in history")


def test_a_format_word_is_read_alike_by_every_command(cli: Invoke) -> None:
    # swap reads -f as every command does: a short word, and a did-you-mean for a slip.
    assert cli(*COMMANDS[Document.SWAPS], "-f", "txt").code == 0
    slip = cli(*COMMANDS[Document.SWAPS], "-f", "jsno")
    assert slip.code == 2 and "unknown format 'jsno'. Did you mean 'json'?" in slip.stderr
