"""kneefit's own words in other languages: the message catalogues, --lang, and what an
English run does not load."""

from __future__ import annotations

import functools
import gettext
import json
import shutil
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kneefit import i18n
from kneefit.cli.language import choose, given
from kneefit.errors import UnknownNameError, UsageError
from tests.conftest import ROOT, Invoke, clean_env, run_child

LOCALE = ROOT / "kneefit" / "locale"
TEMPLATE = LOCALE / "kneefit.pot"


def _catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/kneefit.po"))


def _read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def _ids(catalog: Catalog) -> set[object]:
    return {(m.id, m.context) for m in catalog if m.id}


def test_every_language_folder_has_a_catalogue() -> None:
    assert [p.parts[-3] for p in _catalogues()] == ["es"]
    assert i18n.available() == ("en", "es")


def test_the_template_holds_exactly_the_messages_in_the_code() -> None:
    # What 'pybabel extract -F babel.cfg' finds, with the same keywords (Babel's defaults).
    found = {
        (message, context)
        for _, _, message, _, context in extract_from_dir(
            str(ROOT / "kneefit"), method_map=[("**.py", "python")]
        )
    }
    template = _ids(_read(TEMPLATE))
    added, removed = found - template, template - found
    assert (added, removed) == (set(), set()), (
        "kneefit/locale/kneefit.pot is out of date: run pybabel extract (README, Languages)"
    )


@pytest.mark.parametrize("po", _catalogues(), ids=lambda p: p.parts[-3])
def test_every_message_has_a_translation(po: Path) -> None:
    catalog = _read(po)
    assert _ids(catalog) == _ids(_read(TEMPLATE)), f"run pybabel update for {po}"
    untranslated = [
        m.id
        for m in catalog
        if m.id and (not all(m.string) if isinstance(m.string, tuple) else not m.string)
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert (untranslated, fuzzy) == ([], [])


@pytest.mark.parametrize("po", _catalogues(), ids=lambda p: p.parts[-3])
def test_every_translation_keeps_the_placeholders(po: Path) -> None:
    import string

    def fields(text: object) -> set[str]:
        assert isinstance(text, str)
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}

    for message in _read(po):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert fields(text) == fields(ids[-1]), message.id


@pytest.mark.parametrize("po", _catalogues(), ids=lambda p: p.parts[-3])
def test_the_compiled_catalogue_is_the_po_file_compiled(po: Path) -> None:
    compiled = BytesIO()
    write_mo(compiled, _read(po))
    fresh = gettext.GNUTranslations(BytesIO(compiled.getvalue()))
    with po.with_suffix(".mo").open("rb") as file:
        kept = gettext.GNUTranslations(file)
    new: dict[object, object] = fresh._catalog  # type: ignore[attr-defined]
    old: dict[object, object] = kept._catalog  # type: ignore[attr-defined]
    stale = {k for k in new.keys() | old.keys() if new.get(k) != old.get(k)}
    assert stale == set(), f"{po.with_suffix('.mo')} is stale: run pybabel compile"


def test_english_is_the_source_text() -> None:
    assert i18n._("Warning") == "Warning"
    assert i18n.ngettext("one {n}", "many {n}", 1) == "one {n}"
    assert i18n.ngettext("one {n}", "many {n}", 2) == "many {n}"
    assert i18n.pgettext("menu", "Rest") == "Rest"
    assert i18n.format_date(date(2026, 3, 2)) == "2026-03-02"
    assert i18n.format_decimal(1.5) == "1.5"


def test_spanish_words_plurals_dates_and_numbers() -> None:
    with i18n.speaking("es"):
        assert i18n.language() == "es"
        assert i18n._("Warning") == "Aviso"
        one = "See 'kneefit list' for the {count} exercise."
        many = "See 'kneefit list' for all {count} exercises."
        assert i18n.ngettext(one, many, 1) == "Vea 'kneefit list' para el {count} ejercicio."
        assert i18n.ngettext(one, many, 120) == "Vea 'kneefit list' para los {count} ejercicios."
        assert i18n.pgettext("nowhere", "Warning") == "Warning"  # no such context: as written
        assert i18n.format_date(date(2026, 3, 2)) == "2 de marzo de 2026"
        assert i18n.format_decimal(1.5) == "1,5"
    assert i18n.language() == "en"
    assert i18n._("Warning") == "Warning"


def test_a_third_language_needs_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A made-up language 'xx', added as the README says: a folder with a compiled catalogue.
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    catalog = Catalog(locale="fr")  # any plural rule will do
    catalog.add("Warning", "Achtung-xx")
    folder = locale / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "kneefit.mo").open("wb") as file:
        write_mo(file, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    assert i18n.available() == ("en", "es", "xx")
    assert choose(["plan", "--lang", "xx"], {}) == "xx"
    assert choose([], {"LANG": "xx_YY.UTF-8"}) == "xx"
    with i18n.speaking("xx"):
        assert i18n._("Warning") == "Achtung-xx"
        assert i18n._("Error") == "Error"  # untranslated: English


@pytest.mark.parametrize(
    ("args", "variables", "expected"),
    [
        (["plan"], {}, "en"),
        (["plan", "--lang", "es"], {}, "es"),
        (["--lang=es", "plan"], {"KNEEFIT_LANG": "en"}, "es"),
        (["plan", "--lang", "en"], {"LANG": "es_ES.UTF-8"}, "en"),
        (["plan"], {"KNEEFIT_LANG": "es"}, "es"),
        (["plan"], {"LANG": "es_MX.UTF-8"}, "es"),
        (["plan", "--lang", "es-MX"], {}, "es"),
        (["log", "--", "--lang", "xx"], {}, "en"),
    ],
)
def test_choose(args: list[str], variables: dict[str, str], expected: str) -> None:
    assert choose(args, variables) == expected


def test_given_takes_the_last_and_ignores_a_missing_value() -> None:
    assert given(["--lang", "en", "--lang", "es"]) == "es"
    assert given(["plan", "--lang"]) is None


def test_an_unknown_lang_is_a_usage_error_naming_the_languages() -> None:
    with pytest.raises(UsageError, match=r"--lang 'fr' is not a language kneefit has: .*en, es"):
        choose(["--lang", "fr"], {})


def test_unknown_name_error_in_spanish() -> None:
    with i18n.speaking("es"):
        error = UnknownNameError("condition", "artritis", ["arthritis", "bursitis"], ["arthritis"])
    assert str(error) == (
        "problema de rodilla desconocido 'artritis'. ¿Quiso decir 'arthritis'?\n"
        "Problemas válidos: arthritis, bursitis"
    )
    english = UnknownNameError("condition", "artritis", ["arthritis", "bursitis"], ["arthritis"])
    assert str(english) == (
        "unknown condition 'artritis'. Did you mean 'arthritis'?\n"
        "Valid conditions: arthritis, bursitis"
    )


def test_plan_help_in_spanish(cli: Invoke) -> None:
    done = cli("plan", "--help", "--lang", "es")
    assert done.code == 0, done.stderr
    assert done.stderr == ""
    assert "Preparar una rutina: calentamiento, fortalecimiento" in done.stdout
    assert "Mostrar también lo que se dejó fuera, y por" in done.stdout
    assert "Build a routine" not in done.stdout
    # click's and typer's own words too (kneefit.cli.framework).
    assert done.stdout.startswith("Uso: kneefit plan [OPCIONES]")


def test_root_help_in_spanish_from_the_environment(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNEEFIT_LANG", "es")
    done = cli("--help")
    assert done.code == 0, done.stderr
    assert "Prepare una rutina de ejercicios segura para rodillas que duelen." in done.stdout
    assert "Mostrar los problemas de rodilla y lo que cada uno descarta." in done.stdout
    assert "--lang LANG" in done.stdout


def test_every_command_takes_lang(cli: Invoke) -> None:
    from kneefit.cli.lazy import COMMANDS

    for name in COMMANDS:
        done = cli(name, "--lang", "es", "--help")
        assert done.code == 0, (name, done.stderr)
        assert "--lang LANG" in done.stdout, name


def test_unknown_condition_in_spanish_is_a_usage_error(cli: Invoke) -> None:
    done = cli("plan", "-c", "nonsense", "--lang", "es", "--no-history")
    assert done.code == 2
    assert done.stdout == ""
    assert done.stderr.startswith(
        "Error: Valor no válido para '-c' / '--condition': "
        "problema de rodilla desconocido 'nonsense'.\n  Problemas válidos: arthritis, "
    )


def test_unknown_lang_exits_2(cli: Invoke) -> None:
    done = cli("plan", "--lang", "fr")
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr == "Error: --lang 'fr' is not a language kneefit has: give one of en, es\n"


def test_english_is_unchanged_by_a_spanish_run_before_it(cli: Invoke) -> None:
    spanish = cli("plan", "-c", "nonsense", "--lang", "es", "--no-history")
    english = cli("plan", "-c", "nonsense", "--no-history")
    assert spanish.code == english.code == 2
    assert "Invalid value for '-c' / '--condition': unknown condition 'nonsense'." in (
        english.stderr
    )


#: Prints which translation machinery a run loaded, after running argv.
PROBE = """
import json, sys
from kneefit.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
from kneefit import i18n
sys.stderr.write(json.dumps({
    "babel": sorted(m for m in sys.modules if m.split(".")[0] == "babel"),
    "catalogue": i18n._active["translations"] is not None,
}))
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["plan", "--help"], ["plan", "-c", "arthritis", "--no-history"]]
)
def test_an_english_run_loads_no_catalogue_and_no_babel(args: list[str]) -> None:
    done = run_child([sys.executable, "-c", PROBE, *args], env=clean_env())
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stderr.decode().splitlines()[-1])
    assert loaded == {"babel": [], "catalogue": False}


def test_a_spanish_run_loads_its_catalogue() -> None:
    done = run_child(
        [sys.executable, "-c", PROBE, "plan", "--help", "--lang", "es"], env=clean_env()
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.decode().splitlines()[-1])["catalogue"] is True


# ---------------------------------------------------------------- English left in Spanish


def _words(text: str) -> list[str]:
    """The words of ``text``; names joined by underscores (a file's keys, such as
    ``clinician_override``) are not words of either language."""
    import re

    text = re.sub(r"\w*_\w*", " ", text)
    return [w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)]


def english_words() -> set[str]:
    """The English words kneefit itself uses (every message's English, the words the
    Spanish catalogue also uses taken away: 'kneefit', option names, 'total', 'no')."""
    english: set[str] = set()
    spanish: set[str] = set()
    for message in _read(LOCALE / "es" / "LC_MESSAGES" / "kneefit.po"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        english.update(w for text in ids for w in _words(_unplaced(str(text))))
        spanish.update(w for text in strings for w in _words(_unplaced(str(text))))
    return english - spanish


def _unplaced(text: str) -> str:
    """``text`` without its placeholders: '{start}' in a Spanish message is no Spanish."""
    import re

    return re.sub(r"\{\w*\}", " ", text)


def english_share(text: str, leave: tuple[str, ...] = ()) -> tuple[int, int]:
    """How many of ``text``'s words are English ones (see :func:`english_words`), and how
    many words it has; URLs, option names and placeholders (``--start``, ``FILE``), the
    ``leave`` phrases and the list of sources (titles, publishers) left aside."""
    import re

    flat = " ".join(text.split())
    for phrase in leave:
        flat = flat.replace(phrase, " ")
    text = flat if leave else text
    text = re.sub(r"https?://\S+|(?<![\w-])--?[\w-]+|\b[A-Z][A-Z_]+\b", " ", text)
    for heading in ("\nSources\n", "\nFuentes\n"):
        text = text.split(heading, 1)[0]
    words = _words(text)
    english = english_words()
    return sum(w in english for w in words), len(words)


def test_english_share_counts_english_and_not_spanish() -> None:
    assert english_share("Before you begin: see a clinician first") == (6, 6)
    assert english_share("Use --start FILE, then") == (1, 2)
    assert english_share("Antes de empezar: vea a un profesional de salud") == (0, 8)
    assert english_share("see https://example.org/before-you-start\nFuentes\nBefore you") == (1, 1)


def test_a_spanish_help_has_under_2_percent_english() -> None:
    import re

    for args in (["--help"], ["plan", "--help"]):
        done = run_child([sys.executable, "-m", "kneefit", *args, "--lang", "es"], env=clean_env())
        assert done.returncode == 0, done.stderr
        # The commands' names in the list of commands are what is typed, not words.
        page = re.sub(r"(?m)^  [a-z]+(?=  )", " ", done.stdout.decode())
        english, total = english_share(page)
        assert english / total < 0.02, (args, english, total)


@functools.cache
def catalogue_texts() -> tuple[str, ...]:
    """Every text of the bundled catalogue (names, steps, notes, the safety notes), longest
    first, its spaces made single: the part of a plan that the catalogue's own translation
    layer turns into Spanish, not kneefit's message catalogue. Read once, by libyaml where
    PyYAML has it (PyYAML's own reader took seconds a call)."""
    import yaml

    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str) and len(value) > 3:
            found.add(" ".join(value.split()).lower())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    walk(yaml.load((ROOT / "data" / "exercises.yaml").read_text(encoding="utf-8"), loader))
    return tuple(sorted(found, key=len, reverse=True))


def own_words(text: str) -> str:
    """``text`` with every catalogue text and the list of sources taken out: kneefit's own
    words alone."""
    import re

    text = re.split(r"(?m)^(?:Fuentes|Sources)\s*$", text, maxsplit=1)[0]
    flat = " ".join(text.split()).lower()
    for said in catalogue_texts():
        if said in flat:
            flat = re.sub(rf"(?<!\w){re.escape(said)}(?!\w)", " ", flat)
    return flat


def test_own_words_leave_the_catalogues_texts_aside() -> None:
    step = "Sit near the front of a sturdy\n chair, feet flat and hip-width apart."
    said = own_words(f"Dosis: 10 min; flatter.\n  {step}")
    assert said.split() == ["dosis:", "10", "min;", "flatter."]
    assert "titles" not in own_words("Dosis\n\nFuentes\n-------\n[1] Source titles")


#: The share of English words left among kneefit's own words in a Spanish plan (the
#: catalogue's texts aside), by format, for a session and for a week; measured on the plan
#: below (README, Languages).
LEFT_IN_PLAN = {"text": 0.002, "table": 0.002}


@pytest.mark.parametrize("days", [None, "3"])
@pytest.mark.parametrize("fmt", sorted(LEFT_IN_PLAN))
def test_a_spanish_plan_keeps_kneefits_own_words_spanish(fmt: str, days: str | None) -> None:
    """``kneefit plan -c arthritis --lang es``: what English is left of kneefit's own words.
    Most of the English left in the whole plan is the catalogue's (names, steps, notes),
    which its own translation layer turns; this bounds the rest, so that kneefit's own
    words cannot slide back into English unseen (the week's table once kept its headings,
    "Week 1", "Day", "Rest" and "Before you start", in English)."""
    week = ["--days", days] if days else []
    command = [sys.executable, "-m", "kneefit", "plan", "-c", "arthritis", "--lang", "es"]
    done = run_child(
        [*command, "-f", fmt, *week],
        env=clean_env(KNEEFIT_TODAY="2026-03-02", COLUMNS="100"),
    )
    assert done.returncode == 0, done.stderr
    english, total = english_share(own_words(done.stdout.decode()))
    assert english / total < LEFT_IN_PLAN[fmt], (english, total)


def test_dose_words_in_english_are_the_logs_words(catalogue: object) -> None:
    from kneefit.catalogue import Catalogue
    from kneefit.render.common import session_dose_text

    assert isinstance(catalogue, Catalogue)
    for exercise in catalogue.exercises.values():
        dose = exercise.dose
        for changed in ({}, {"sets": 1}, {"sets": 3, "rest_seconds": 45}):
            shown = dose.model_copy(update=changed)
            assert session_dose_text(shown) == shown.describe(), exercise.id


def test_dose_words_in_spanish() -> None:
    from kneefit.models import SessionDose
    from kneefit.render.common import session_dose_text

    cases = {
        SessionDose(sets=2, reps=10, rest_seconds=60, per_side=True): (
            "2 series de 10 repeticiones, por lado, descanse 60 s entre series"
        ),
        SessionDose(sets=1, reps=8, hold_seconds=5): (
            "1 serie de 8 repeticiones, mantenga cada una 5 s"
        ),
        SessionDose(sets=1, reps=5, hold_seconds=45): "mantenga 45 s, 5 veces",
        SessionDose(sets=3, hold_seconds=30): "mantenga 30 s, 3 veces",
        SessionDose(minutes=10): "10 min",
    }
    with i18n.speaking("es"):
        assert {d: session_dose_text(d) for d in cases} == cases


# ------------------------------------------------- every format of a Spanish plan


#: JSON fields whose values are codes (ids, kinds, the vocabularies' values, addresses):
#: machine-readable like the keys, and English in every language (README, Languages).
JSON_CODES = frozenset(
    {
        "id",
        "kind",
        "role",
        "easier",
        "harder",
        "category",
        "level",
        "primary_muscles",
        "secondary_muscles",
        "equipment",
        "knee_load",
        "traits",
        "url",
        "sources",
        "source_ids",
        "not_for",
        "kneefit_plan",
        "kneefit_version",
    }
)

#: CSV columns that hold codes (a row's kind, ids, the vocabularies' fixed values, yes/no,
#: addresses), kept English like the header row (README, Languages).
CSV_CODES = frozenset(
    {
        "section",
        "id",
        "category",
        "level",
        "per_side",
        "primary_muscles",
        "secondary_muscles",
        "equipment",
        "knee_load",
        "easier",
        "harder",
        "sources",
    }
)


def _html_words(page: str) -> str:
    """What a person reads of a handout: the text, and the pictures' titles and
    descriptions; the style sheet and the fine print of sources aside."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.said: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "style" or ("class", "sources") in attrs:
                self.skip += 1
            self.said += [v for k, v in attrs if k in ("title", "aria-label", "alt") and v]

        def handle_endtag(self, tag: str) -> None:
            if self.skip and tag in ("style", "p"):
                self.skip -= 1

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.said.append(data)

    reader = Reader()
    reader.feed(page)
    return "\n".join(reader.said)


def _json_words(document: str) -> str:
    """The JSON's string values: its keys, its codes and its sources aside."""
    said: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in JSON_CODES:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            said.append(value)

    walk(json.loads(document))
    return "\n".join(said)


def _csv_words(table: str) -> str:
    """The CSV's cells: the header row and the columns of codes aside."""
    import csv
    from io import StringIO

    rows = csv.DictReader(StringIO(table))
    return "\n".join(
        cell for row in rows for column, cell in row.items() if column not in CSV_CODES
    )


def _ics_words(calendar: str) -> str:
    """The calendar's titles and descriptions, their folded lines joined."""
    import re

    keep = ("SUMMARY:", "DESCRIPTION:", "CATEGORIES:")
    lines = re.sub(r"\r?\n ", "", calendar).splitlines()
    said = "\n".join(line for line in lines if line.startswith(keep))
    return re.sub(r"\\([,;])", r"\1", said.replace("\\n", "\n"))


#: What a person reads of each format of a plan, the list of sources aside.
READABLE = {
    "text": lambda out: out,
    "table": lambda out: out,
    "markdown": lambda out: out.split("\n## Fuentes\n", 1)[0],
    "html": _html_words,
    "json": _json_words,
    "csv": _csv_words,
    "ics": _ics_words,
}


@pytest.mark.parametrize("fmt", sorted(READABLE))
def test_a_spanish_plan_is_spanish_in_every_format(fmt: str) -> None:
    """``kneefit plan -c arthritis --lang es -f FORMAT``: under 2% of the words a person
    reads are English (URLs, the list of sources, keys and codes aside)."""
    done = run_child(
        [sys.executable, "-m", "kneefit", "plan", "-c", "arthritis", "--lang", "es", "-f", fmt],
        env=clean_env(KNEEFIT_TODAY="2026-03-02", COLUMNS="100"),
    )
    assert done.returncode == 0, done.stderr
    english, total = english_share(READABLE[fmt](done.stdout.decode()))
    assert total > 100, total
    assert english / total < 0.02, (fmt, english, total)


# ------------------------------------------------------------ before the language is settled


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        (
            "C.UTF-8",
            "KNEEFIT_LANG='xx' is not a language kneefit has: give one of en, es, or unset it",
        ),
        (
            "es_MX.UTF-8",
            "KNEEFIT_LANG='xx' no es un idioma que kneefit tenga: indique uno de en, es, o quite "
            "la variable",
        ),
    ],
)
def test_an_unknown_kneefit_lang_is_said_in_the_locales_language(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, locale: str, said: str
) -> None:
    monkeypatch.setenv("KNEEFIT_LANG", "xx")
    monkeypatch.setenv("LANG", locale)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    done = cli("list")
    assert (done.code, done.stdout, done.stderr) == (2, "", f"Error: {said}\n")


def test_an_unknown_lang_is_said_in_the_locales_language(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.delenv("KNEEFIT_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    done = cli("list", "--lang", "fr")
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr == (
        "Error: --lang 'fr' no es un idioma que kneefit tenga: indique uno de en, es\n"
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "the value of '--catalogue' is not text: it holds the byte 0xff, which is not UTF-8; "
            "kneefit takes its arguments (file names too) as UTF-8 text",
        ),
        (
            "es",
            "el valor de '--catalogue' no es texto: tiene el byte 0xff, que no es UTF-8; kneefit "
            "toma sus argumentos (también los nombres de archivo) como texto UTF-8",
        ),
    ],
)
def test_an_argument_not_utf8_in_the_language_of_lang(cli: Invoke, lang: str, said: str) -> None:
    done = cli("show", "--lang", lang, "--catalogue", "a\udcffb", "squat")
    assert (done.code, done.stdout, done.stderr) == (2, "", f"Error: {said}\n")
