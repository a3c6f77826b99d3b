"""Start-up and large-catalogue benchmark for kneefit; prints a markdown table.

Run it with the Python of the environment kneefit is installed in:

    .venv/bin/python benchmarks/run.py [--runs N] [--output FILE]

Every figure is the median of N whole-process runs (wall time, and peak resident memory
from the kernel's accounting of the child). Ratios compare figures taken in this one run,
so a busy machine slows both sides alike. Nothing here passes or fails the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

FLOOR = "import typer, rich.console, rich.table, pydantic, yaml"
SIZES = (100, 1_000, 10_000)


@dataclass(frozen=True)
class Figure:
    seconds: float
    megabytes: float


def measure(
    command: Sequence[str], runs: int, env: dict[str, str], before: Callable[[], None] | None
) -> Figure:
    """Median wall time and peak memory of ``runs`` runs of ``command``."""
    times: list[float] = []
    peaks: list[float] = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
        )
        assert child.stderr is not None
        errors = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {errors.decode(errors='replace')}")
        times.append(elapsed)
        peaks.append(usage.ru_maxrss / 1024)  # kilobytes on Linux
    return Figure(statistics.median(times), statistics.median(peaks))


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (default 9)")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    kneefit = Path(sys.executable).with_name("kneefit")
    if not kneefit.exists():
        parser.error(f"kneefit is not installed beside {sys.executable}")
    runs: int = args.runs

    with tempfile.TemporaryDirectory(prefix="kneefit-bench-") as scratch:
        work = Path(scratch)
        cache = work / "cache"
        env = {k: v for k, v in os.environ.items() if not k.startswith("KNEEFIT_")}
        env["KNEEFIT_CACHE_DIR"] = str(cache)
        env["KNEEFIT_HOME"] = str(work / "home")  # plan remembers its plan there

        def clear_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        def time_of(command: Sequence[str], before: Callable[[], None] | None = None) -> Figure:
            return measure(command, runs, env, before)

        python = sys.executable
        rows: list[tuple[str, str, str, str, str]] = []
        floor = time_of([python, "-c", FLOOR])
        rows.append(("import floor: `" + FLOOR + "`", ms(floor), mb(floor), "1.00x", ""))
        time_of([str(kneefit), "plan"])  # fills the cache of the bundled catalogue
        for label, command, target in (
            ("`kneefit plan --condition arthritis`", ["plan", "--condition", "arthritis"], 1.25),
            ("`kneefit plan --format json`", ["plan", "--format", "json"], None),
            ("`kneefit --help`", ["--help"], None),
        ):
            figure = time_of([str(kneefit), *command])
            ratio = figure.seconds / floor.seconds
            goal = f"<= {target}x: {verdict(ratio <= target)}" if target else ""
            rows.append((label, ms(figure), mb(figure), f"{ratio:.2f}x", goal))
        bare = time_of([python, str(HERE / "bare_typer.py"), "plan", "--condition", "arthritis"])
        rows.append(
            (
                "reference: a bare typer app with plan's options",
                ms(bare),
                mb(bare),
                f"{bare.seconds / floor.seconds:.2f}x",
                "",
            )
        )

        later_times: dict[int, float] = {}
        for size in SIZES:
            path = work / f"catalogue-{size}.yaml"
            # In a child process: the peak memory the kernel reports for a child counts the
            # parent's pages it was forked with, so this process must stay small.
            with path.open("wb") as handle:
                subprocess.run(
                    [python, str(HERE / "generate.py"), str(size)], stdout=handle, check=True
                )
            old = time.time() - 3600  # long settled, so kneefit may cache it
            os.utime(path, (old, old))
            megabytes = path.stat().st_size / 1e6
            libyaml = time_of(
                [
                    python,
                    "-c",
                    "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
                    "Loader=yaml.CSafeLoader)",
                    str(path),
                ]
            )
            plan = [str(kneefit), "plan", "--condition", "arthritis", "--catalogue", str(path)]
            first = time_of(plan, before=clear_cache)
            time_of(plan)  # make sure the cache is in place
            later = time_of(plan)
            later_times[size] = later.seconds
            head = f"{size:,} exercises ({megabytes:.1f} MB)"
            rows.append((f"{head}: libyaml's own parse", ms(libyaml), mb(libyaml), "", ""))
            time_ratio = first.seconds / libyaml.seconds
            memory_ratio = first.megabytes / libyaml.megabytes
            goals = (
                f"time <= 1.1x libyaml: {verdict(time_ratio <= 1.1)}; "
                f"memory <= 1.2x libyaml: {verdict(memory_ratio <= 1.2)}"
                if size == 10_000
                else ""
            )
            rows.append(
                (
                    f"{head}: plan, first run",
                    ms(first),
                    mb(first),
                    f"{time_ratio:.2f}x libyaml time, {memory_ratio:.2f}x memory",
                    goals,
                )
            )
            if size == 1_000:
                goal = f"<= 1.5x floor: {verdict(later.seconds <= 1.5 * floor.seconds)}"
            elif size == 10_000:
                goal = (
                    f"<= 500 ms: {verdict(later.seconds <= 0.5)}; "
                    f"< 120 MB: {verdict(later.megabytes < 120)}"
                )
            else:
                goal = ""
            rows.append(
                (
                    f"{head}: plan, later runs",
                    ms(later),
                    mb(later),
                    f"{later.seconds / floor.seconds:.2f}x floor",
                    goal,
                )
            )

    small = (later_times[1_000] - later_times[100]) / 900
    large = (later_times[10_000] - later_times[1_000]) / 9_000
    growth = large / small if small > 0 else float("inf")
    lines = [
        f"Machine: {machine()}; {runs} runs each, medians; {time.strftime('%Y-%m-%d')}.",
        "",
        "| What | Time | Peak memory | Ratio | Target |",
        "|---|---:|---:|---|---|",
        *(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows),
        "",
        f"Cost per extra exercise after the first run: {small * 1e6:.0f} us from 100 to 1,000, "
        f"{large * 1e6:.0f} us from 1,000 to 10,000 ({growth:.2f}x; linear growth: "
        f"{verdict(growth <= 1.5)}, allowing 1.5x for noise).",
    ]
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.output is not None:
        args.output.write_text(table, encoding="utf-8")
    return 0


def ms(figure: Figure) -> str:
    return f"{figure.seconds * 1000:.0f} ms"


def mb(figure: Figure) -> str:
    return f"{figure.megabytes:.0f} MB"


if __name__ == "__main__":
    sys.exit(main())
