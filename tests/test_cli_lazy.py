"""The root command builds only the command being run, yet lists and suggests every one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kneefit.cli.lazy import COMMANDS, load
from tests.conftest import Invoke, clean_env, run_child

#: Prints the kneefit modules and libraries a run imported, after running argv.
PROBE = """
import json, sys
from kneefit.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
names = sorted(m for m in sys.modules if m.startswith(("kneefit", "pydantic", "yaml")))
sys.stderr.write(json.dumps(names))
"""


def _imported(*args: str) -> set[str]:
    done = run_child([sys.executable, "-c", PROBE, *args], env=clean_env())
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.decode().splitlines()[-1]))


def _command_modules(imported: set[str]) -> set[str]:
    shared = {
        "kneefit.cli",
        "kneefit.cli.arguments",
        "kneefit.cli.common",
        "kneefit.cli.knee",
        "kneefit.cli.language",
        "kneefit.cli.lazy",
        "kneefit.cli.options",
        "kneefit.cli.sigterm",
        "kneefit.cli.stdout",
    }
    return {m for m in imported if m.startswith("kneefit.cli.") and m not in shared}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_listed_command_loads_under_its_name_with_help(name: str) -> None:
    command = load(name)
    assert command.name == name
    assert command.help and command.help.strip()
    assert command.short_help == COMMANDS[name].summary


def test_every_summary_fits_an_80_column_terminal() -> None:
    width = max(len(name) for name in COMMANDS)
    for name, entry in COMMANDS.items():
        assert 2 + width + 2 + len(entry.summary) <= 80, name
        assert entry.summary.endswith("."), name


def test_the_root_help_lists_every_command_in_order_without_building_one() -> None:
    imported = _imported("--help")
    assert _command_modules(imported) == set()
    assert not any(m.startswith(("pydantic", "yaml")) for m in imported)


def test_a_command_builds_only_itself() -> None:
    assert _command_modules(_imported("plan", "--help")) == {"kneefit.cli.plan"}
    assert _command_modules(_imported("log", "export", "--help")) == {"kneefit.cli.log"}


def test_history_reads_the_log_without_the_catalogue_or_the_planner(tmp_path: Path) -> None:
    """A log-only command imports neither the catalogue's loading (YAML, layers, cache) nor
    the planner: each is start-up time that `history` would pay for nothing."""
    env = clean_env() | {"KNEEFIT_HOME": str(tmp_path / "home")}
    done = run_child([sys.executable, "-c", PROBE, "history"], env=env)
    assert done.returncode == 0, done.stderr
    imported = set(json.loads(done.stderr.decode().splitlines()[-1]))
    assert "kneefit.render.text" in imported  # it did render the history
    unneeded = {
        "kneefit.catalogue.loading",
        "kneefit.catalogue.layering",
        "kneefit.catalogue.cache",
        "kneefit.catalogue.cache_format",
        "kneefit.catalogue.cache_records",
        "kneefit.catalogue.cache_results",
        "kneefit.yamlread",
        "yaml",
        "kneefit.planner",
        "kneefit.progression",
        "kneefit.program",
        "kneefit.swap",
        "kneefit.usecases.plan",
    }
    assert imported.isdisjoint(unneeded), imported & unneeded


def test_the_catalogue_package_gives_each_name_from_its_own_module() -> None:
    import importlib

    import kneefit.catalogue as package

    assert sorted(package.__all__) == sorted(package._HOMES)
    for name, home in package._HOMES.items():
        module = importlib.import_module(f"kneefit.catalogue.{home}")
        assert getattr(package, name) is getattr(module, name)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        package.nothing  # noqa: B018


def test_help_shows_each_summary(cli: Invoke) -> None:
    done = cli("--help")
    assert done.code == 0
    assert done.stderr == ""
    listed = [line.split()[0] for line in done.stdout.split("Commands:\n")[1].splitlines()]
    assert listed == list(COMMANDS)
    for entry in COMMANDS.values():
        assert entry.summary in done.stdout


@pytest.mark.parametrize(("typed", "meant"), [("plna", "plan"), ("histroy", "history")])
def test_a_mistyped_command_suggests_the_nearest(cli: Invoke, typed: str, meant: str) -> None:
    done = cli(typed)
    assert done.code == 2
    assert done.stdout == ""
    assert f"No such command {typed!r}. Did you mean {meant!r}?" in done.stderr


def test_an_unknown_command_far_from_any_says_so_plainly(cli: Invoke) -> None:
    done = cli("xyzzy")
    assert done.code == 2
    assert "No such command 'xyzzy'.\n" in done.stderr
    assert "Did you mean" not in done.stderr
