"""Start-up, large-catalogue and long-log benchmark for kneefit; prints a markdown table.

Run it with the Python of the environment kneefit is installed in:

    .venv/bin/python benchmarks/run.py [--runs N] [--output FILE] [--check] [--only GROUP]

How it measures:

- Each comparison runs its two commands in turn, A B A B ..., N pairs after one untimed
  warm-up run of each, so whatever slows the machine for a while slows both sides alike.
  Its ratio is the median of the N per-pair ratios (A's time over B's time in the same
  pair), shown with the quartiles of those ratios; the times and peak memories shown are
  the medians of each side's own runs.
- A figure is one whole process: wall time from starting it to reaping it, and the peak
  resident memory the kernel reports for it when it is reaped (``os.wait4``). A child's peak
  counts the pages of this process it started from, so this process stays small (it only
  starts programs; catalogues and logs are written by child processes) and says how small.
- The import floor is ``python -c "import typer, rich.table, pydantic, yaml"``, what any
  program on kneefit's libraries pays before doing anything. "typer alone" is
  ``benchmarks/bare_typer.py``: a typer app with exactly ``plan``'s options and a body that
  does nothing, run in the same rounds as ``plan`` and the floor, so that ``plan``'s
  start-up splits into typer's share and kneefit's own.
- Beside the 10,000-exercise later runs, "the cache entry loaded" is the floor plus reading
  that file's cache entry (``read_layer``), with nothing else. Since an entry's exercises
  are rebuilt only when looked up, that is its index and the rest of the file (sources,
  conditions, programs, safety), no exercise: what a later run pays for the file before
  it plans.
- The libyaml anchor parses the catalogue with PyYAML's C loader and the garbage collector
  off (as kneefit parses), which is libyaml's own speed.
- Growth: each round runs ``plan`` on warm-cached catalogues of 1,000, 10,000 and 20,000
  exercises in turn; the cost per exercise from 1,000 to 10,000 is (t10k - t1k) / 9,000 and
  from 10,000 to 20,000 (t20k - t10k) / 10,000, and the figure is the median over rounds of
  the second over the first (1.00x is linear; above the target, it grows faster).
- Report growth: logs of 10,000, 40,000 and 80,000 sessions as ``generate.py --log N
  --full`` writes them (one session a day, the step changing every fortnight, a check-in a
  week, a walk every other day), each imported by 'kneefit log import' in parts of at most
  20,000 sessions (one import file may hold 32 MiB, about 30,000 sessions; an import adds
  to the log). Each round runs ``report`` on the three logs in turn; the figure is the
  median over rounds of the cost per session from 40,000 to 80,000, (t80k - t40k) /
  40,000, over that from 10,000 to 40,000, (t40k - t10k) / 30,000. These rows take
  ``min(N, 5)`` rounds, since a round of them takes several seconds.
- Every child runs with KNEEFIT_HOME and KNEEFIT_CACHE_DIR in a scratch folder; logs of N
  sessions are made by 'kneefit log import' of a file from benchmarks/generate.py.

With --check, the exit code is 1 when any target is missed (0 otherwise); without it, 0.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

FLOOR = "import typer, rich.table, pydantic, yaml"
LIBYAML = (
    "import gc, sys, yaml; gc.disable(); "
    "yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
)
#: The import floor, then one catalogue file read from kneefit's cache (its exercises are
#: rebuilt when looked up, so none here), with the collector off as kneefit loads: no CLI,
#: no checks, no planning. (Given the time, as the CLI gives it, so that a first run stores
#: the file.)
CACHE_LOAD = (
    f"{FLOOR}; import gc, sys; from datetime import datetime, timezone; "
    "from pathlib import Path; gc.disable(); "
    "from kneefit.catalogue.loading import read_layer; "
    "read_layer(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]), now=datetime.now(timezone.utc))"
)
DEFAULT_RUNS = 15
#: The groups of rows --only may pick: start-up, large catalogues, long logs, the report's
#: growth with the log.
GROUPS = ("start-up", "catalogues", "logs", "report")
#: The report's growth rows: the logs' sizes, at most this many rounds, the formats timed
#: (text, and json, the slowest of json, html and markdown; fhir is left out, see README).
REPORT_SIZES = (10_000, 40_000, 80_000)
REPORT_RUNS = 5
REPORT_FORMATS = ("text", "json")
#: The most sessions in one import file: 20,000 take about 21 MB of the 32 MiB allowed.
IMPORT_PART = 20_000

# ---------------------------------------------------------------------------- the maths


@dataclass(frozen=True)
class Sample:
    """One whole-process run: wall time and peak resident memory."""

    seconds: float
    megabytes: float
    cpu_seconds: float


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("the median of no values")
    return float(statistics.median(values))


def quartiles(values: Sequence[float]) -> tuple[float, float]:
    """The first and third quartiles (both the value itself when there is only one)."""
    if not values:
        raise ValueError("the quartiles of no values")
    if len(values) == 1:
        return (values[0], values[0])
    low, _, high = statistics.quantiles(values, n=4, method="inclusive")
    return (low, high)


def pair_ratios(a: Sequence[float], b: Sequence[float]) -> list[float]:
    """A over B within each pair: a[i] / b[i]. The two sides must have the same length."""
    if len(a) != len(b):
        raise ValueError(f"{len(a)} A runs but {len(b)} B runs: they must come in pairs")
    if not a:
        raise ValueError("no pairs")
    if any(value <= 0 for value in b):
        raise ValueError("a B figure is zero or negative")
    return [x / y for x, y in zip(a, b, strict=True)]


def growth_ratios(
    small: Sequence[float],
    middle: Sequence[float],
    large: Sequence[float],
    sizes: tuple[int, int, int],
) -> list[float]:
    """Per round: cost per exercise from middle to large over that from small to middle.

    A round whose first cost is zero or negative (noise larger than the work) gives
    infinity, which counts against the target.
    """
    if not len(small) == len(middle) == len(large):
        raise ValueError("each round must time every size")
    if not small:
        raise ValueError("no rounds")
    s, m, n = sizes
    if not s < m < n:
        raise ValueError("sizes must grow")
    out = []
    for t_s, t_m, t_n in zip(small, middle, large, strict=True):
        first = (t_m - t_s) / (m - s)
        second = (t_n - t_m) / (n - m)
        out.append(second / first if first > 0 else float("inf"))
    return out


@dataclass(frozen=True)
class Target:
    """``what`` (e.g. "time") of a comparison must be at most ``limit`` times B's."""

    what: str
    limit: float


@dataclass(frozen=True)
class Outcome:
    target: Target
    ratio: float

    @property
    def met(self) -> bool:
        return self.ratio <= self.target.limit

    @property
    def margin(self) -> float:
        """How far under (positive) or over (negative) the limit, as a fraction of it."""
        return 1 - self.ratio / self.target.limit

    def describe(self) -> str:
        verdict = "met" if self.met else "**missed**"
        percent = abs(self.margin) * 100
        shown = f"{percent:.0f}" if percent >= 10 else f"{percent:.1f}"
        return (
            f"{self.target.what} <= {self.target.limit:g}x: {verdict} "
            f"({self.ratio:.3f}x, {shown}% {'under' if self.met else 'over'})"
        )


def exit_status(outcomes: Iterable[Outcome], check: bool) -> int:
    """With --check, 1 when any target is missed; otherwise (and with no targets) 0."""
    if not check:
        return 0
    return 0 if all(o.met for o in outcomes) else 1


# ---------------------------------------------------------------------------- the rows


@dataclass(frozen=True)
class Side:
    label: str
    samples: tuple[Sample, ...]

    @property
    def seconds(self) -> float:
        return median([s.seconds for s in self.samples])

    @property
    def megabytes(self) -> float:
        return median([s.megabytes for s in self.samples])


@dataclass(frozen=True)
class Row:
    what: str
    versus: str
    time: str
    memory: str
    ratio: str
    outcomes: tuple[Outcome, ...] = ()
    note: str = ""
    spread: float = 0.0

    def cells(self) -> tuple[str, ...]:
        goal = "; ".join(o.describe() for o in self.outcomes) or self.note
        if self.spread > NOISY:
            warning = f"noisy: the middle half of the pairs spans {self.spread * 100:.0f}%"
            goal = f"{goal}; {warning}" if goal else warning
        return (self.what, self.versus, self.time, self.memory, self.ratio, goal)


#: A row whose per-pair time ratios' quartiles lie further apart than this (as a fraction
#: of their median) is marked noisy: something else was using the machine.
NOISY = 0.2


def spread(ratios: Sequence[float]) -> float:
    """How far apart the quartiles of ``ratios`` are, as a fraction of their median."""
    low, high = quartiles(ratios)
    middle = median(ratios)
    return (high - low) / middle if middle > 0 else float("inf")


def ratio_text(ratios: Sequence[float], what: str = "") -> str:
    low, high = quartiles(ratios)
    suffix = f" {what}" if what else ""
    return f"{median(ratios):.2f}x{suffix} ({low:.2f}-{high:.2f})"


def compare_row(
    what: str,
    a: Side,
    b: Side,
    time_limit: float | None = None,
    memory_limit: float | None = None,
) -> Row:
    """A row for A against B: each side's medians, the median per-pair ratios, the targets."""
    times = pair_ratios([s.seconds for s in a.samples], [s.seconds for s in b.samples])
    memories = pair_ratios([s.megabytes for s in a.samples], [s.megabytes for s in b.samples])
    outcomes = []
    if time_limit is not None:
        outcomes.append(Outcome(Target("time", time_limit), median(times)))
    if memory_limit is not None:
        outcomes.append(Outcome(Target("memory", memory_limit), median(memories)))
    cpu = pair_ratios([s.cpu_seconds for s in a.samples], [s.cpu_seconds for s in b.samples])
    ratio = ratio_text(times, "time")
    if memory_limit is not None:
        ratio += "; " + ratio_text(memories, "memory")
    ratio += f"; CPU {median(cpu):.2f}x"
    return Row(
        what,
        b.label,
        f"{a.seconds * 1000:.0f} / {b.seconds * 1000:.0f} ms",
        f"{a.megabytes:.0f} / {b.megabytes:.0f} MB",
        ratio,
        tuple(outcomes),
        spread=spread(times),
    )


def render(rows: Sequence[Row], header: Sequence[str], footer: Sequence[str]) -> str:
    columns = (
        "What (A)",
        "Against (B)",
        "Time, A / B",
        "Peak memory, A / B",
        "Ratio A/B: median of pairs (quartiles)",
        "Target",
    )
    lines = [*header, "", "| " + " | ".join(columns) + " |"]
    lines.append("|---|---|---:|---:|---|---|")
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    if footer:
        lines += ["", *footer]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Job:
    label: str
    command: tuple[str, ...]
    before: Callable[[], None] | None = field(default=None, compare=False)
    #: The environment to run in, when not the one of its rows (a job's own log).
    env: dict[str, str] | None = field(default=None, compare=False)


def run_once(job: Job, env: dict[str, str]) -> Sample:
    """Run ``job`` once; its wall time and the peak memory the kernel reports on reaping."""
    if job.before is not None:
        job.before()
    start = time.perf_counter()
    child = subprocess.Popen(
        job.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=job.env or env
    )
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.stderr.close()
    child.returncode = code = os.waitstatus_to_exitcode(status)
    if code != 0:
        shown = errors.decode(errors="replace").strip()
        raise SystemExit(f"{' '.join(job.command)} exited {code}: {shown}")
    # ru_maxrss is in kilobytes on Linux
    return Sample(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def alternate(jobs: Sequence[Job], runs: int, env: dict[str, str]) -> list[Side]:
    """One untimed warm-up run of each job, then ``runs`` rounds of each job in turn."""
    for job in jobs:
        run_once(job, env)
    samples: list[list[Sample]] = [[] for _ in jobs]
    for _ in range(runs):
        for job, into in zip(jobs, samples, strict=True):
            into.append(run_once(job, env))
    return [Side(job.label, tuple(s)) for job, s in zip(jobs, samples, strict=True)]


def available(command: Sequence[str], env: dict[str, str]) -> bool:
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    return done.returncode == 0


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.split('=', 1)[1].strip(chr(34))} ({system})"
    except OSError:
        pass
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return (
        f"{model}, {cores} cores ({usable} usable), {system}, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def installation() -> str:
    """How kneefit is installed here: editable or not, and how many distributions beside it.

    The figures depend on it: on the machine this was written on, 'plan' took about 2.0x
    the floor from an editable install and about 1.8x from 'pip install .', with or without
    the test tools beside it.
    """
    site = Path(sysconfig.get_paths()["purelib"])
    found = sorted(site.glob("kneefit-*.dist-info"))
    if not found:
        return "kneefit's installation not found"
    kind = "installed"
    try:
        if json.loads((found[0] / "direct_url.json").read_text(encoding="utf-8"))["dir_info"][
            "editable"
        ]:
            kind = "installed editable"
    except (OSError, ValueError, KeyError, TypeError):
        pass
    others = len(list(site.glob("*.dist-info"))) - 1
    return f"kneefit {kind} in {sys.prefix}, with {others} other distributions"


def growth_row(
    what: str, sides: tuple[Side, Side, Side], sizes: tuple[int, int, int], unit: str
) -> Row:
    """A growth row: per round, the cost per item from the middle size to the largest over
    that from the smallest to the middle (see :func:`growth_ratios`), its median against a
    target of 1.2x; the three sizes' median times and memories beside it."""
    small, middle, large = sides

    def ratios(figure: Callable[[Sample], float]) -> list[float]:
        return growth_ratios(
            [figure(s) for s in small.samples],
            [figure(s) for s in middle.samples],
            [figure(s) for s in large.samples],
            sizes,
        )

    growth = ratios(lambda s: s.seconds)
    cpu_growth = ratios(lambda s: s.cpu_seconds)
    first_cost = (middle.seconds - small.seconds) / (sizes[1] - sizes[0])
    second_cost = (large.seconds - middle.seconds) / (sizes[2] - sizes[1])
    return Row(
        what,
        "linear",
        f"{small.seconds * 1000:.0f} / {middle.seconds * 1000:.0f} / {large.seconds * 1000:.0f} ms",
        f"{small.megabytes:.0f} / {middle.megabytes:.0f} / {large.megabytes:.0f} MB",
        f"{ratio_text(growth)}: {first_cost * 1e6:.1f} then {second_cost * 1e6:.1f} us "
        f"{unit} (medians); CPU {median(cpu_growth):.2f}x",
        (Outcome(Target("growth", 1.2), median(growth)),),
        spread=spread(growth),
    )


def generate(python: str, arguments: Sequence[str], path: Path) -> None:
    """Write benchmarks/generate.py's output to ``path``, in a child (keeps this one small)."""
    with path.open("wb") as handle:
        subprocess.run([python, str(HERE / "generate.py"), *arguments], stdout=handle, check=True)


def settle(path: Path) -> None:
    """Date the file an hour back, so kneefit may cache it (it skips just-edited files)."""
    old = time.time() - 3600
    os.utime(path, (old, old))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help=f"pairs per row (default {DEFAULT_RUNS})"
    )
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 if any target is missed")
    parser.add_argument(
        "--only",
        action="append",
        choices=GROUPS,
        help="run only this group of rows (repeat for several; default: all of them)",
    )
    args = parser.parse_args(argv)
    groups: tuple[str, ...] = tuple(args.only or GROUPS)
    runs: int = args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    kneefit = Path(sys.executable).with_name("kneefit")
    if not kneefit.exists():
        parser.error(f"kneefit is not installed beside {sys.executable}")
    python = sys.executable
    started = time.time()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    with tempfile.TemporaryDirectory(prefix="kneefit-bench-") as scratch:
        work = Path(scratch)
        cache = work / "cache"
        base = {k: v for k, v in os.environ.items() if not k.startswith("KNEEFIT_")}
        base["KNEEFIT_CACHE_DIR"] = str(cache)

        def env_for(home: str) -> dict[str, str]:
            return base | {"KNEEFIT_HOME": str(work / home)}

        env = env_for("home")  # no log: plan remembers its plan there
        version = subprocess.run(
            [str(kneefit), "--version"], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()

        def kf(label: str, *arguments: str) -> Job:
            return Job(label, (str(kneefit), *arguments))

        floor = Job("import floor", (python, "-c", FLOOR))
        plan = ("plan", "--condition", "arthritis")
        rows: list[Row] = []

        sides: list[Side] = []

        def measured(jobs: Sequence[Job], runs: int, env: dict[str, str]) -> list[Side]:
            done = alternate(jobs, runs, env)
            sides.extend(done)
            return done

        def progress(text: str) -> None:
            sys.stderr.write(f"[{time.time() - started:5.0f} s] {text}\n")

        if "start-up" in groups:
            progress("start-up")
            stand_in = Job("typer alone", (python, str(HERE / "bare_typer.py"), *plan))
            a, b, t = measured([kf("plan", *plan), floor, stand_in], runs, env)
            rows.append(compare_row("`kneefit plan -c arthritis`", a, b, time_limit=1.25))
            rows.append(compare_row("typer alone: plan's options, no work", t, b))
            rows.append(compare_row("`kneefit plan -c arthritis`", a, t))
            a, b = measured([kf("help", "--help"), floor], runs, env)
            rows.append(compare_row("`kneefit --help`", a, b, time_limit=0.8))
            for command in ("start", "report"):
                what = f"`kneefit {command} --help`"
                if available([str(kneefit), command, "--help"], env):
                    a, b = measured([kf(command, command, "--help"), floor], runs, env)
                    rows.append(compare_row(what, a, b))
                else:
                    rows.append(Row(what, "import floor", "", "", "", note="not available"))

        if "catalogues" in groups:
            progress("generating catalogues")
            sizes = (1_000, 10_000, 20_000)
            catalogues: dict[int, Path] = {}
            megabytes: dict[int, float] = {}
            for size in sizes:
                path = catalogues[size] = work / f"catalogue-{size}.yaml"
                generate(python, [str(size)], path)
                settle(path)
                megabytes[size] = path.stat().st_size / 1e6

            def later(size: int) -> Job:
                return kf(f"{size}", *plan, "--catalogue", str(catalogues[size]))

            def head(size: int) -> str:
                return f"{size:,} exercises ({megabytes[size]:.1f} MB)"

            progress("later runs")
            a, b = measured([later(1_000), floor], runs, env)
            rows.append(compare_row(f"{head(1_000)}: plan, later runs", a, b, time_limit=1.4))
            # Beside it, in the same rounds: the floor plus reading the cache entry (its index
            # and all but its exercises, which are rebuilt when looked up), and nothing else.
            loaded = Job(
                "floor + cache entry loaded",
                # -I: the installed kneefit, not a source tree in the working directory
                # (whose cache key would differ from the installed one's).
                (python, "-I", "-c", CACHE_LOAD, str(catalogues[10_000]), str(cache)),
            )
            a, b, c = measured([later(10_000), floor, loaded], runs, env)
            rows.append(compare_row(f"{head(10_000)}: plan, later runs", a, b, time_limit=2.5))
            rows.append(compare_row(f"{head(10_000)}: the cache entry loaded, no planning", c, b))

            progress("growth")
            small, middle, large = measured([later(size) for size in sizes], runs, env)
            rows.append(
                growth_row(
                    "growth of later runs: cost per exercise 10k-20k over 1k-10k",
                    (small, middle, large),
                    sizes,
                    "an exercise",
                )
            )

            progress("first runs")

            def clear_cache() -> None:
                shutil.rmtree(cache, ignore_errors=True)

            big = catalogues[10_000]
            first = Job("first", (*later(10_000).command,), before=clear_cache)
            libyaml = Job("libyaml, collector off", (python, "-c", LIBYAML, str(big)))
            a, b = measured([first, libyaml], runs, env)
            rows.append(
                compare_row(
                    f"{head(10_000)}: plan, first run",
                    a,
                    b,
                    time_limit=1.1,
                    memory_limit=1.2,
                )
            )
            run_once(later(10_000), env)  # leave the cache warm

        if "logs" in groups:
            progress("logs")
            for count in (1_000, 10_000):
                log = work / f"log-{count}.json"
                generate(python, ["--log", str(count)], log)
                imported = env_for(f"home-{count}")
                run_once(kf("import", "log", "import", str(log)), imported)
                run_once(kf("plan", *plan), imported)  # remembers a plan for 'kneefit log'
            many = env_for("home-10000")
            a, b = measured(
                [kf("plan", *plan), kf("plan --no-history", *plan, "--no-history")], runs, many
            )
            rows.append(compare_row("10,000 sessions: `plan`", a, b, time_limit=1.1))
            a, b = measured([kf("history", "history", "--format", "text"), floor], runs, many)
            rows.append(compare_row("10,000 sessions: `history` (text)", a, b, time_limit=2.0))
            some = env_for("home-1000")
            a, b = measured([kf("plan", *plan), floor], runs, some)
            rows.append(compare_row("1,000 sessions: `plan`", a, b))
            a, b = measured([kf("history", "history", "--format", "text"), floor], runs, some)
            rows.append(compare_row("1,000 sessions: `history` (text)", a, b))
            # Last: each run adds a session to this log.
            a, b = measured([kf("log", "log", "--pain", "1", "--effort", "1"), floor], runs, some)
            rows.append(compare_row("1,000 sessions: `log --pain 1 --effort 1`", a, b))

        if "report" in groups:
            progress("report logs")
            for count in REPORT_SIZES:
                full = env_for(f"report-{count}")
                parts = -(-count // IMPORT_PART)
                for part in range(1, parts + 1):
                    log = work / "report-part.json"
                    generate(
                        python, ["--log", str(count), "--full", "--part", f"{part}/{parts}"], log
                    )
                    run_once(kf("import", "log", "import", str(log)), full)
                    log.unlink()
            rounds = min(runs, REPORT_RUNS)
            for form in REPORT_FORMATS:
                progress(f"report ({form})")
                # The same command on each log: each job runs with its own KNEEFIT_HOME.
                jobs = [
                    Job(
                        f"report {count}",
                        (str(kneefit), "report", "--format", form),
                        env=env_for(f"report-{count}"),
                    )
                    for count in REPORT_SIZES
                ]
                small, middle, large = measured(jobs, rounds, env)
                rows.append(
                    growth_row(
                        f"`report --format {form}`, 10,000 / 40,000 / 80,000 sessions: cost "
                        f"per session 40k-80k over 10k-40k ({rounds} rounds)",
                        (small, middle, large),
                        REPORT_SIZES,
                        "a session",
                    )
                )

    end_load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lowest = min(s.megabytes for side in sides for s in side.samples)
    floor_note = (
        f"the lowest child figure, {lowest:.1f} MB, is above it"
        if lowest > own
        else f"**the lowest child figure, {lowest:.1f} MB, is not above it**"
    )
    elapsed = time.time() - started
    outcomes = [o for row in rows for o in row.outcomes]
    met = sum(o.met for o in outcomes)
    header = [
        f"Machine: {machine()}. {version}: {installation()}. "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}; "
        f"load average {load:.2f} at the start, {end_load:.2f} at the end; {runs} pairs a "
        f"row; {elapsed:.0f} s in all.",
    ]
    footer = [
        f"Targets met: {met} of {len(outcomes)}. Every ratio is the median of per-pair ratios "
        "of runs taken A B A B ...; times and memory are each side's medians; targets are "
        "on wall time, and CPU (user + system time of the child) is shown beside it as a "
        "check on a busy machine. "
        f"This benchmark's own process peaked at {own:.1f} MB; a child's peak counts the "
        "pages it was started from, so only a figure at or below that could be this "
        f"process's: {floor_note}.",
    ]
    table = render(rows, header, footer)
    sys.stdout.write(table)
    if args.output is not None:
        args.output.write_text(table, encoding="utf-8")
    return exit_status(outcomes, args.check)


if __name__ == "__main__":
    sys.exit(main())
