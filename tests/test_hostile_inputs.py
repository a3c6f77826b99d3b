"""The last hostile inputs of issue 33 that crashed or misled: each gets a one-line error
with the README's exit code, or the right answer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import Invoke, clean_env

PYTHON = [sys.executable, "-m", "kneefit"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return clean_env(
        KNEEFIT_HOME=str(tmp_path / "home"), KNEEFIT_CACHE_DIR=str(tmp_path / "cache"), **extra
    )


def _one_line(stderr: str | bytes) -> None:
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert text.count("\n") == 1 and text.startswith("Error: "), text
    assert "internal error" not in text and "Traceback" not in text


# ---------------------------------------------------------------------- a start past year 9999


@pytest.mark.parametrize("fmt", ["text", "ics", "html", "json"])
def test_a_start_kneefit_cannot_lay_a_week_from_is_a_usage_error(cli: Invoke, fmt: str) -> None:
    late = cli("plan", "-c", "arthritis", "--no-history", "--start", "9999-12-31", "-f", fmt)
    assert (late.code, late.stdout) == (2, "")
    _one_line(late.stderr)
    assert "runs past the year 9999" in late.stderr
    # The last day a week fits before the calendar ends still plans.
    last = cli("plan", "-c", "arthritis", "--no-history", "--start", "9999-12-25", "-f", fmt)
    assert last.code == 0, last.stderr
