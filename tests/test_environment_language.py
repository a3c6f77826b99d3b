"""The language a run speaks: KNEEFIT_LANG, then the locale, then English."""

from __future__ import annotations

import pytest

from kneefit.environment import language_of
from kneefit.errors import UsageError

#: The languages kneefit has (locale folders with a catalogue), as kneefit.i18n finds them.
LANGUAGES = ("en", "es")


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "en"),
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "es_MX"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_AR.UTF-8@euro", "LANG": "en_US"}, "es"),
        ({"LC_ALL": "", "LANG": "es"}, "es"),
        ({"KNEEFIT_LANG": "es", "LC_ALL": "en_US.UTF-8"}, "es"),
        ({"KNEEFIT_LANG": "en", "LANG": "es_ES.UTF-8"}, "en"),
        ({"KNEEFIT_LANG": "ES-es"}, "es"),
    ],
)
def test_language_of(variables: dict[str, str], expected: str) -> None:
    assert language_of(variables, LANGUAGES) == expected


def test_unknown_kneefit_lang_is_a_usage_error_naming_the_languages() -> None:
    with pytest.raises(UsageError, match=r"KNEEFIT_LANG='xx' .*en, es"):
        language_of({"KNEEFIT_LANG": "xx"}, LANGUAGES)


def test_the_languages_are_the_locale_folders_kneefit_ships() -> None:
    from kneefit.i18n import available

    assert available() == LANGUAGES
