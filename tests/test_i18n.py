"""kneefit's own words in other languages: the message catalogues, --lang, and what an
English run does not load."""

from __future__ import annotations

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
    # typer's own words stay as typer prints them.
    assert done.stdout.startswith("Usage: kneefit plan [OPTIONS]")


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
