"""The benchmark's pure parts: pairing, ratios, medians, growth, the --check decision, logs.

Nothing here times anything.
"""

from __future__ import annotations

import json
import math
import os
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.generate import bundled_exercises, make_log
from benchmarks.run import (
    Outcome,
    Sample,
    Side,
    Target,
    compare_row,
    exit_status,
    growth_ratios,
    median,
    pair_ratios,
    quartiles,
    spread,
)
from kneefit.log.export import parse_export
from tests.conftest import run_child

positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)


def test_pair_ratios_divide_within_each_pair() -> None:
    assert pair_ratios([2.0, 3.0, 10.0], [1.0, 2.0, 4.0]) == [2.0, 1.5, 2.5]


def test_the_median_of_pair_ratios_is_not_the_ratio_of_medians() -> None:
    a = [1.0, 2.0, 9.0]
    b = [1.0, 4.0, 3.0]
    assert median(pair_ratios(a, b)) == 1.0  # pairs: 1.0, 0.5, 3.0
    assert median(a) / median(b) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("a", "b"),
    [([1.0], [1.0, 2.0]), ([], []), ([1.0], [0.0]), ([1.0], [-1.0])],
    ids=["unpaired", "empty", "zero", "negative"],
)
def test_pair_ratios_refuse_what_is_not_pairs(a: list[float], b: list[float]) -> None:
    with pytest.raises(ValueError):
        pair_ratios(a, b)


@given(st.lists(st.tuples(positive, positive), min_size=1, max_size=30), positive)
def test_scaling_one_side_scales_the_median_ratio(
    pairs: list[tuple[float, float]], k: float
) -> None:
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    scaled = median(pair_ratios([x * k for x in a], b))
    assert scaled == pytest.approx(k * median(pair_ratios(a, b)), rel=1e-9)


def test_median_and_quartiles() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert quartiles([1.0, 2.0, 3.0, 4.0, 5.0]) == (2.0, 4.0)
    assert quartiles([7.0]) == (7.0, 7.0)
    with pytest.raises(ValueError):
        median([])
    with pytest.raises(ValueError):
        quartiles([])


@given(st.lists(positive, min_size=1, max_size=40))
def test_quartiles_bracket_the_median(values: list[float]) -> None:
    low, high = quartiles(values)
    assert min(values) <= low <= median(values) <= high <= max(values)


def test_growth_is_one_for_a_linear_cost_and_more_when_it_speeds_up() -> None:
    sizes = (1_000, 10_000, 20_000)

    def times(fixed: float, per: float, extra: float = 0.0) -> list[float]:
        return [fixed + per * n + extra * n * n for n in sizes]

    linear = times(0.1, 30e-6)
    assert growth_ratios([linear[0]], [linear[1]], [linear[2]], sizes) == [pytest.approx(1.0)]
    quadratic = times(0.1, 30e-6, 1e-9)
    # cost per exercise: 30 us + 11 us from 1k to 10k, 30 us + 30 us from 10k to 20k
    assert growth_ratios([quadratic[0]], [quadratic[1]], [quadratic[2]], sizes) == [
        pytest.approx(60 / 41)
    ]


def test_growth_counts_a_round_without_measurable_cost_against_the_target() -> None:
    sizes = (1_000, 10_000, 20_000)
    assert growth_ratios([0.3, 0.3], [0.3, 0.4], [0.5, 0.5], sizes) == [
        math.inf,
        pytest.approx(0.1 / 10_000 / (0.1 / 9_000)),
    ]
    with pytest.raises(ValueError):
        growth_ratios([0.3], [0.4, 0.5], [0.6], sizes)
    with pytest.raises(ValueError):
        growth_ratios([0.3], [0.4], [0.6], (10, 10, 20))


def test_an_outcome_is_met_at_or_under_its_limit() -> None:
    target = Target("time", 1.25)
    assert Outcome(target, 1.25).met
    assert Outcome(target, 1.0).met
    assert not Outcome(target, 1.2501).met
    assert Outcome(target, 1.0).margin == pytest.approx(0.2)
    assert Outcome(target, 1.5).margin == pytest.approx(-0.2)
    assert "met (1.000x, 20% under)" in Outcome(target, 1.0).describe()
    assert "**missed** (1.500x, 20% over)" in Outcome(target, 1.5).describe()


def test_check_exits_one_only_when_a_target_is_missed() -> None:
    met = Outcome(Target("time", 2.0), 1.0)
    missed = Outcome(Target("memory", 1.2), 1.3)
    assert exit_status([met, met], check=True) == 0
    assert exit_status([met, missed], check=True) == 1
    assert exit_status([], check=True) == 0
    assert exit_status([missed], check=False) == 0


def test_a_row_reports_each_sides_medians_and_the_median_pair_ratio() -> None:
    a = Side("a", (Sample(0.2, 30, 0.2), Sample(0.4, 32, 0.3), Sample(0.3, 31, 0.3)))
    b = Side("floor", (Sample(0.1, 20, 0.1), Sample(0.4, 20, 0.3), Sample(0.2, 20, 0.2)))
    row = compare_row("`kneefit plan`", a, b, time_limit=1.25, memory_limit=1.5)
    # per pair: 2.0, 1.0, 1.5 -> median 1.5; memory 1.5, 1.6, 1.55 -> 1.55
    assert [o.ratio for o in row.outcomes] == [pytest.approx(1.5), pytest.approx(1.55)]
    assert [o.met for o in row.outcomes] == [False, False]
    assert row.time == "300 / 200 ms"
    assert row.memory == "31 / 20 MB"
    assert row.versus == "floor"
    assert row.ratio.startswith("1.50x time")
    assert row.ratio.endswith("CPU 1.50x")  # per pair: 2.0, 1.0, 1.5
    # quartiles of 1.0, 1.5, 2.0 are 1.25 and 1.75: a spread of a third of the median
    assert row.spread == pytest.approx(1 / 3)
    assert "noisy" in row.cells()[-1]


def test_a_row_is_noisy_only_when_its_quartiles_lie_far_apart() -> None:
    assert spread([1.0, 1.0, 1.0]) == 0.0
    assert spread([1.0, 1.1, 1.2]) == pytest.approx(0.1 / 1.1)
    a = Side("a", tuple(Sample(t, 30, t) for t in (0.20, 0.21, 0.22)))
    b = Side("b", tuple(Sample(0.1, 20, 0.1) for _ in range(3)))
    assert "noisy" not in compare_row("x", a, b, time_limit=3.0).cells()[-1]


def test_a_generated_log_is_a_valid_export_of_past_sessions() -> None:
    end = date(2026, 1, 10)
    text = json.dumps(make_log(40, end, bundled_exercises()))
    sessions = parse_export(text, "log.json", end)
    assert len(sessions) == 40
    assert sessions[-1].date == end - timedelta(days=1)
    assert sessions[0].date == end - timedelta(days=40)
    assert len({s.date for s in sessions}) == 40
    assert all(0 <= s.pain <= 3 and not s.red_flags for s in sessions)
    assert make_log(40, end, bundled_exercises()) == make_log(40, end, bundled_exercises())
    with pytest.raises(ValueError):
        make_log(1, end, [])


def test_a_full_log_in_parts_is_the_whole_log_with_steps_checkins_and_walks() -> None:
    """--full adds what the report reads (steps, check-ins, walks); --part I/K splits the
    days so that the K imports together are the one log, each file within the import limit."""
    from kneefit.log.export import parse_checkins, parse_walks

    end = date(2026, 1, 10)
    exercises = bundled_exercises()
    whole = make_log(100, end, exercises, full=True)
    parts = [make_log(100, end, exercises, full=True, part=(i, 3)) for i in (1, 2, 3)]
    for key in ("sessions", "checkins", "walks"):
        assert [x for part in parts for x in part[key]] == whole[key]
    text = json.dumps(whole)
    sessions = parse_export(text, "log.json", end)
    assert len(sessions) == 100 and sessions[-1].date < end
    assert len({s.stage for s in sessions}) == 4
    assert len(parse_checkins(text, "log.json", end)) == 15
    assert len(parse_walks(text, "log.json", end)) == 50
    assert "checkins" not in make_log(100, end, exercises)
    with pytest.raises(ValueError):
        make_log(10, end, exercises, part=(4, 3))


def test_the_report_rows_import_parts_within_the_import_limit() -> None:
    from benchmarks.run import IMPORT_PART, REPORT_SIZES
    from kneefit.catalogue.reading import MAX_CATALOGUE_BYTES  # a log import's limit too

    size = len(json.dumps(make_log(1_000, date(2026, 1, 10), bundled_exercises(), full=True)))
    assert size * IMPORT_PART / 1_000 < 0.8 * MAX_CATALOGUE_BYTES
    assert max(REPORT_SIZES) == 80_000


def test_a_margin_under_ten_percent_keeps_a_decimal() -> None:
    assert "**missed** (1.104x, 0.4% over)" in Outcome(Target("time", 1.1), 1.104).describe()


def test_the_largest_generated_catalogue_is_within_the_yaml_limits() -> None:
    import yaml

    from benchmarks.generate import make_catalogue
    from kneefit.catalogue import MAX_CATALOGUE_BYTES
    from kneefit.yamlread import MAX_NODES

    # The bundled sources, conditions and programs come once; nodes and bytes then grow
    # with the exercises copied: measure 400 and 800, and project to the benchmark's 20,000.
    def measure(count: int) -> tuple[int, int]:
        text = make_catalogue(count)
        nodes, stack = 0, [yaml.compose(text, Loader=yaml.CSafeLoader)]
        while stack:
            node = stack.pop()
            nodes += 1
            if isinstance(node, yaml.SequenceNode):
                stack += node.value
            elif isinstance(node, yaml.MappingNode):
                stack += [part for pair in node.value for part in pair]
        return nodes, len(text.encode())

    sample, largest = 400, 20_000
    (nodes, size), (nodes2, size2) = measure(sample), measure(2 * sample)
    copies = (largest - sample) / sample
    assert nodes + (nodes2 - nodes) * copies < MAX_NODES * 0.9
    assert size + (size2 - size) * copies < MAX_CATALOGUE_BYTES * 0.9


def test_only_picks_groups_of_rows() -> None:
    from benchmarks.run import GROUPS, main

    assert GROUPS == ("start-up", "catalogues", "logs", "report")
    with pytest.raises(SystemExit) as raised:
        main(["--only", "nothing"])
    assert raised.value.code == 2


def _kind(parameter: Any) -> tuple[object, ...]:
    """An option's type and bounds: typer 0.2x keeps them in a type descriptor of its own,
    earlier versions in a click type."""
    described = getattr(parameter, "type_descriptor", None)
    if described is not None:
        info = described.parameter_info
        return (described.annotation, info.min, info.max)
    kind = parameter.type
    return (type(kind).__name__, getattr(kind, "min", None), getattr(kind, "max", None))


def _options(command: Any) -> list[tuple[object, ...]]:
    """What typer has to build for each of a command's options."""
    return [
        (p.name, tuple(p.opts), p.multiple, getattr(p, "is_flag", False), *_kind(p), p.default)
        for p in command.params
    ]


def test_the_typer_stand_in_has_exactly_plans_options() -> None:
    """benchmarks/bare_typer.py stands for typer's share of `plan`: it must parse the same."""
    import typer

    from benchmarks import bare_typer
    from kneefit.cli.lazy import load

    stand_in = typer.main.get_command(bare_typer.app).commands["plan"]  # type: ignore[attr-defined]
    assert _options(stand_in) == _options(load("plan"))


def test_the_cache_load_probe_loads_a_catalogue_through_the_cache(tmp_path: Path) -> None:
    """The 'cache entry loaded' row's command runs, and its second run reads the cache."""
    from benchmarks.generate import make_catalogue
    from benchmarks.run import CACHE_LOAD

    path = tmp_path / "catalogue.yaml"
    path.write_text(make_catalogue(150), encoding="utf-8")
    os.utime(path, (0, 0))  # long settled, so it may be cached
    cache = tmp_path / "cache"
    for _ in range(2):
        done = run_child([sys.executable, "-c", CACHE_LOAD, str(path), str(cache)])
        assert done.returncode == 0, done.stderr
        assert done.stdout == b"" and done.stderr == b""
    assert len(list((cache / "catalogues").glob("*.json"))) == 1


def test_a_generated_catalogue_passes_kneefits_own_checks(tmp_path: Path) -> None:
    """The catalogue rows plan from generated files: each must pass `kneefit validate`, as
    a clinician's layer must (a copy of a bundled drawing known to miss a contact would be
    refused under its new id, so none is copied)."""
    from benchmarks.generate import make_catalogue
    from kneefit.cli import main

    path = tmp_path / "catalogue.yaml"
    path.write_text(make_catalogue(250), encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["validate", str(path)])
    assert done.value.code == 0
