"""kneefit's own words in the language of the run: GNU gettext message catalogues.

Every sentence kneefit writes itself (help, errors, warnings, the words of a plan) is
written in English in the source and wrapped in :func:`_` (or :func:`ngettext` for a
sentence with a count, :func:`pgettext` for a word that means two things); ``N_`` marks a
text to be translated later, when it is shown (the help of options, built at import).
``pybabel extract`` (see ``[tool.babel]`` notes in the README) collects them into
``kneefit/locale/kneefit.pot``; each language has ``kneefit/locale/LANG/LC_MESSAGES/kneefit.po``
and its compiled ``kneefit.mo``, which the standard library's :mod:`gettext` reads.

The language is chosen once per run, by the command line (``--lang``, ``KNEEFIT_LANG``,
the locale: see :func:`kneefit.environment.language_of`), with :func:`activate`. English
is the source text: an English run imports no catalogue (and not :mod:`gettext`), and
every function here hands its English back unchanged.

A language is a folder under ``kneefit/locale/`` with a compiled catalogue: a new one needs
no change to the code (:func:`available` finds it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import date

#: The folder of the message catalogues, one folder per language.
LOCALE_DIR = Path(__file__).parent / "locale"

#: The gettext domain: the catalogues' file name.
DOMAIN = "kneefit"

#: The language the source is written in.
SOURCE_LANGUAGE = "en"


class _Translations(Protocol):
    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...


#: The catalogue of the run's language; None for English (the source text).
_active: dict[str, _Translations | None] = {"translations": None}
_language = {"code": SOURCE_LANGUAGE}


def available() -> tuple[str, ...]:
    """The languages kneefit has: English, and each folder of ``kneefit/locale`` with a
    compiled catalogue, sorted."""
    found = {SOURCE_LANGUAGE}
    if LOCALE_DIR.is_dir():
        for folder in LOCALE_DIR.iterdir():
            if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found.add(folder.name)
    return (SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE}))


def activate(language: str) -> None:
    """Speak ``language`` from now on (its catalogue is read once, here)."""
    _language["code"] = language
    if language == SOURCE_LANGUAGE:
        _active["translations"] = None
        return
    import gettext

    _active["translations"] = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True
    )


def language() -> str:
    """The language being spoken."""
    return _language["code"]


@contextmanager
def speaking(language_code: str) -> Iterator[None]:
    """Speak ``language_code`` inside the block, then the language spoken before (tests, and
    a second language on the same page)."""
    before = language()
    activate(language_code)
    try:
        yield
    finally:
        activate(before)


def _(message: str) -> str:
    """``message`` in the run's language."""
    translations = _active["translations"]
    return message if translations is None else translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only: it is translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The sentence for ``n`` things, by the language's plural rules."""
    translations = _active["translations"]
    if translations is None:
        return singular if n == 1 else plural
    return translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the run's language, where ``context`` tells which of its meanings."""
    translations = _active["translations"]
    return message if translations is None else translations.pgettext(context, message)


def format_date(day: date, form: str = "long") -> str:
    """``day`` written for the language (Babel's CLDR data): ``2 de marzo de 2026``. English
    keeps kneefit's own ISO form, and does not import Babel."""
    if language() == SOURCE_LANGUAGE:
        return day.isoformat()
    from babel.dates import format_date as babel_date

    return str(babel_date(day, format=form, locale=language()))


def format_decimal(number: float) -> str:
    """``number`` written for the language: ``1,5`` in Spanish, ``1.5`` in English."""
    if language() == SOURCE_LANGUAGE:
        return f"{number:g}"
    from babel.numbers import format_decimal as babel_decimal

    return str(babel_decimal(number, locale=language()))


def format_count(number: int) -> str:
    """A whole number with the language's thousands separator: ``1,048,576`` in English,
    ``1.048.576`` in Spanish."""
    if language() == SOURCE_LANGUAGE:
        return f"{number:,}"
    from babel.numbers import format_decimal as babel_decimal

    return str(babel_decimal(number, locale=language()))


def language_name(code: str) -> str:
    """The name of the language ``code`` in the language being spoken (Babel's CLDR data):
    ``inglés`` in Spanish, ``Spanish`` in English."""
    from babel import Locale

    name = Locale.parse(language()).languages.get(code)
    return str(name) if name else code
