"""Questions asked on the terminal: questions on standard error, answers from standard input.

Ctrl-C while asking exits 130; the end of input while a number is wanted exits 1 with
nothing recorded.
"""

from __future__ import annotations

import sys

import typer

from kneefit.cli.common import print_error, typed_text
from kneefit.i18n import _, pgettext


def _answer() -> str:
    """One line from standard input ('' at its end); Ctrl-C exits 130."""
    sys.stderr.flush()
    try:
        return sys.stdin.readline()
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(130) from None


def ask_yes(question: str) -> bool:
    """A yes/no question; anything but yes is no."""
    sys.stderr.write(_("{question} [y/N]: ").format(question=question))
    # The answers that mean yes, in the run's language (English ones too).
    yes = {"y", "yes", *pgettext("the answers that mean yes", "y yes").split()}
    return _answer().strip().lower() in yes


def ask_number(question: str, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high``, asked again until given; Enter skips."""
    while True:
        sys.stderr.write(
            _("{question} [{low}-{high}, Enter to skip]: ").format(
                question=question, low=low, high=high
            )
        )
        answer = _answer()
        if answer == "":
            sys.stderr.write("\n")
            print_error(_("no answer (the input ended); nothing was recorded"))
            raise typer.Exit(1)
        answer = answer.strip()
        if not answer:
            return None
        if answer.isdigit() and low <= int(answer) <= high:
            return int(answer)
        sys.stderr.write(
            "  " + _("Give a whole number from {low} to {high}.").format(low=low, high=high) + "\n"
        )


def ask_text(question: str) -> str:
    sys.stderr.write(f"{question}: ")
    return typed_text(_answer().strip(), "activity")


def ask_checkin(
    before: tuple[str, ...], most: int
) -> tuple[int | None, list[tuple[str, int]], int | None]:
    """The check-in questions: last week's pain, the PSFS activities, the chair stands."""
    sys.stderr.write(_("Check-in (press Enter to skip a question).") + "\n")
    pain = ask_number(_("Average knee pain over the last week, 0 none to 10 worst"), 0, 10)
    activities: list[tuple[str, int]] = []
    sys.stderr.write(
        _("Activities your knee makes hard: rate each 0 (unable to do it) to 10 (as before).")
        + "\n"
    )
    for label in before:
        score = ask_number(f"  {label}", 0, 10)
        if score is not None:
            activities.append((label, score))
    while len(activities) < most and len(before) < most:
        label = ask_text("  " + _("Another activity (Enter for none)"))
        if not label:
            break
        score = ask_number(f"  {label}", 0, 10)
        if score is not None:
            activities.append((label, score))
    stands = ask_number(_("Chair stands in 30 seconds, arms crossed"), 0, 60)
    return pain, activities, stands
