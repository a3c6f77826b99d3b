"""Text measured and wrapped in terminal cells: wide characters take two, combining marks
none, and Chinese or Japanese without spaces still wraps within the width."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kneefit.render.cells import CellWrapper, cell_width, char_width, ljust, pieces, wrap
from kneefit.render.columns import wrap as column_wrap
from tests.conftest import Invoke

JAPANESE = "膝の痛みが少し和らぎました。明日も同じ運動を続けて、階段を上るときの様子を見ます。"


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("abc", 3),
        ("", 0),
        ("日本", 4),
        ("\uff46\uff55\uff4c\uff4c", 8),  # "full" in fullwidth Latin
        ("e\u0301", 1),  # e and a combining acute accent
        ("\U0001f44d", 2),  # an emoji
        ("a\u200db", 2),  # a zero-width joiner takes nothing
        ("soft\u00adhyphen", 11),  # the soft hyphen shows
        ("한국어", 6),
        ("café", 4),
    ],
)
def test_cells_are_counted_as_a_terminal_counts_them(text: str, cells: int) -> None:
    assert cell_width(text) == cells
    assert ljust(text, 12) == text + " " * (12 - cells)


def test_a_mark_stays_with_its_character_and_wide_characters_part() -> None:
    assert pieces("日\u0301本go") == ["日\u0301", "本", "go"]
    assert pieces("a\u0301b") == ["a\u0301b"]
    # Closing punctuation never starts a line: it stays with the character before.
    assert pieces("様子。明日、") == ["様", "子。", "明", "日、"]
    assert char_width("\u0301") == 0


_ascii = st.text(alphabet=st.sampled_from("ab -\t\n.x"), max_size=120)


@given(
    text=_ascii,
    indent=st.sampled_from(["", "  ", "1.1  "]),
    hanging=st.sampled_from(["", "    "]),
    width=st.integers(min_value=1, max_value=100),
)
def test_ascii_wraps_exactly_as_textwrap_does(
    text: str, indent: str, hanging: str, width: int
) -> None:
    def both(kind: type[textwrap.TextWrapper]) -> list[str]:
        return kind(
            width=width,
            initial_indent=indent,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        ).wrap(text)

    assert both(CellWrapper) == both(textwrap.TextWrapper)


_mixed = st.lists(
    st.sampled_from(["日", "本", "語", "。", "a", "b", " ", "e\u0301", "\U0001f44d"]),
    max_size=80,
).map("".join)


@given(text=_mixed, width=st.integers(min_value=2, max_value=40))
def test_every_line_fits_its_cells_and_nothing_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width, "", "  ")
    for number, line in enumerate(lines):
        body = line.strip()
        # A line is over the width only if it holds one piece too wide for any line.
        assert cell_width(line) <= width or (" " not in body and len(pieces(body)) == 1)
        assert not line.endswith(" ") and (number == 0 or line.startswith("  "))
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_japanese_wraps_within_the_width_in_text_and_tables() -> None:
    lines = wrap(JAPANESE, 30)
    assert len(lines) > 1 and all(cell_width(line) <= 30 for line in lines)
    assert "".join(lines) == JAPANESE
    assert all(cell_width(line) <= 30 for line in column_wrap(JAPANESE + " 5 s", 30))


@pytest.fixture
def noted(cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNEEFIT_HOME", str(tmp_path / "home"))
    assert cli("log", "--pain", "2", "--effort", "3", "--notes", JAPANESE * 2).code == 0


@pytest.mark.usefixtures("noted")
@pytest.mark.parametrize(("fmt", "width"), [("text", 78), ("table", 60), ("table", 100)])
def test_a_japanese_note_stays_within_the_width(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, fmt: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli("history", "-f", fmt)
    assert result.code == 0, result.stderr
    assert JAPANESE[:5] in result.stdout
    widest = max(cell_width(line) for line in result.stdout.splitlines())
    assert widest <= width, result.stdout
