"""Shared fixtures: an isolated environment, the bundled catalogue, and ways to run kneefit."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from kneefit.catalogue import Catalogue, load_catalogue
from kneefit.cautions import ConditionNote
from kneefit.exclusions import RuledOut
from kneefit.models import (
    DayFocus,
    Equipment,
    Level,
    PlanRequest,
    Routine,
    Schedule,
    SectionKind,
    Session,
    Step,
)
from kneefit.reasons import MorningNotLogged, NoSessions

ROOT = Path(__file__).resolve().parent.parent
_VARIABLES = (
    "NO_COLOR",
    "FORCE_COLOR",
    "KNEEFIT_DEBUG",
    "KNEEFIT_CACHE_DIR",
    "KNEEFIT_HOME",
    "KNEEFIT_TODAY",
    "COLUMNS",
    "LINES",
    "TERM",
    "KNEEFIT_LANG",
    "LC_MESSAGES",
)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile kneefit's modules once, before any test starts a kneefit process.

    With PYTHONDONTWRITEBYTECODE set (as on this project's machines), no Python process
    writes bytecode, so each kneefit a test starts compiled every module it imports from
    source again: a few hundred processes, a fifth of a second or more each. They still read
    bytecode that is there, so it is written here once (only what is out of date; xdist's
    workers leave it to the process that started them)."""
    if hasattr(session.config, "workerinput"):
        return
    import compileall

    compileall.compile_dir(ROOT / "kneefit", quiet=1, workers=1)


class _Cache:
    """The bundled catalogue's cache entry, made once per worker, and where this test's home
    keeps kneefit's cache (None for a test marked ``cold_cache``)."""

    factory: pytest.TempPathFactory | None = None
    warm: Path | None = None
    target: Path | None = None


def _warm_folder(factory: pytest.TempPathFactory) -> Path:
    if _Cache.warm is None:
        from kneefit.catalogue.translations import in_language

        folder = factory.mktemp("warm-cache") / "kneefit"
        now = datetime.now(timezone.utc)  # the cache's clock is the real one, as kneefit's
        catalogue = load_catalogue(cache_dir=folder, now=now)
        in_language(catalogue, "es", cache_dir=folder, now=now)
        _Cache.warm = folder
    return _Cache.warm


def warm_cache() -> None:
    """Give this test's home the cache a first run of kneefit leaves (the bundled catalogue,
    validated, in English and Spanish), a private copy, unless it has one already or the test
    is marked ``cold_cache``.

    Parsing the bundled catalogue takes a cold run about half a second; most tests run
    kneefit as a person does on any day but the first, so they start warm (:func:`clean_env`
    and the ``cli`` fixture call this). The cache's own tests start cold, or name their own
    folder.
    """
    target, factory = _Cache.target, _Cache.factory
    if target is not None and factory is not None and not target.exists():
        shutil.copytree(_warm_folder(factory), target)


@pytest.fixture(autouse=True)
def home(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Iterator[Path]:
    """No test sees the developer's settings, cache or log, or writes outside its own folders.

    Each test gets an empty home (returned), apart from its ``tmp_path``, so tests that list
    ``tmp_path`` do not see the cache; kneefit's cache in it is filled only when the test
    runs kneefit (see :func:`warm_cache`).
    """
    for name in _VARIABLES:
        monkeypatch.delenv(name, raising=False)
    # English unless a test asks for another language: a developer's Spanish locale must
    # not change what the tests read (LC_ALL and LANG also pick the encoding, so only a
    # language kneefit speaks other than English is taken away).
    for name in ("LC_ALL", "LANG"):
        if os.environ.get(name, "").lower().startswith("es"):
            monkeypatch.setenv(name, "C.UTF-8")
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    _Cache.factory = tmp_path_factory
    cold = request.node.get_closest_marker("cold_cache") is not None
    _Cache.target = None if cold else home / ".cache" / "kneefit"
    yield home
    _Cache.target = None


#: The day tests that depend on the date take for today: a fixed one, never the clock's, so
#: a run that crosses midnight sees one day throughout.
TODAY = date(2026, 11, 18)


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """kneefit's today pinned to :data:`TODAY` (``KNEEFIT_TODAY``), in this process and in
    the children it starts with :func:`clean_env`; returns it."""
    monkeypatch.setenv("KNEEFIT_TODAY", TODAY.isoformat())
    return TODAY


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


def warning_texts(routine: Routine) -> list[str]:
    """A routine's warnings (typed cautions) in the words the plan prints."""
    from kneefit.render.wording import caution_text

    return [caution_text(c) for c in routine.warnings]


def plan_routine(catalogue: Catalogue, request: PlanRequest, *, seed: int = 0) -> Routine:
    """The slot planner's routine for ``request``, without a schedule: what the planner's
    tests look at. Same request and seed, same routine."""
    from kneefit.planner import assemble, fit_selection, select

    selection = select(catalogue, request, seed=seed)
    return assemble(selection, fit_selection(selection), catalogue)


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str


#: Of those, what children do see: the home fixture clears the developer's own, so a value
#: here was set by the test (a pinned today, see ``pinned_today``).
_PASSED_ON = ("KNEEFIT_TODAY",)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a child kneefit: the test's home (its cache warm, see
    :func:`warm_cache`, unless ``extra`` names another cache), none of the developer's own
    settings, and ``extra``."""
    if not {"KNEEFIT_CACHE_DIR", "XDG_CACHE_HOME", "HOME"} & extra.keys():
        warm_cache()
    env = {k: v for k, v in os.environ.items() if k not in _VARIABLES or k in _PASSED_ON}
    env.update(extra)
    return env


#: How long any child process may take before a test gives up on it (and kills it).
TIMEOUT = 60.0


@contextmanager
def child(command: Sequence[str] | str, **popen: Any) -> Iterator[subprocess.Popen[bytes]]:
    """Start a child process in a process group of its own; on leaving, kill what is left.

    Whatever happens in the ``with`` block (a failed assertion, a timeout), the child and
    anything it started (a shell's pipeline, a browser's helpers) are killed and reaped, so
    no test leaves a process behind to slow or confuse the tests after it.
    """
    process = subprocess.Popen(command, start_new_session=True, **popen)
    try:
        yield process
    finally:
        # Only while the child is unreaped is its process group id certainly still its own.
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=TIMEOUT)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def run_child(
    command: Sequence[str] | str,
    *,
    input: bytes | None = None,
    timeout: float = TIMEOUT,
    **popen: Any,
) -> subprocess.CompletedProcess[bytes]:
    """Run a child to the end, within ``timeout`` seconds; stdout and stderr are captured
    unless given. The child (and its group) is killed if it overruns or the test fails."""
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    if input is not None:
        popen["stdin"] = subprocess.PIPE
    with child(command, **popen) as process:
        out, err = process.communicate(input, timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, out or b"", err or b"")


def read_until(fd: int, marker: bytes, timeout: float = TIMEOUT) -> bytes:
    """Read from ``fd`` until ``marker`` has been seen (or the end), within ``timeout`` seconds.

    Waits on the descriptor with ``select``, never with a fixed sleep.
    """
    deadline = time.monotonic() + timeout
    seen = b""
    while marker not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"no {marker!r} after {timeout} s; read so far: {seen[-500:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # a pseudo-terminal whose other side has closed
                chunk = b""
            if not chunk:
                pytest.fail(f"the stream ended before {marker!r}; read: {seen[-500:]!r}")
            seen += chunk
    return seen


def run(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: str | None = None,
    module: bool = False,
) -> Result:
    """Run the installed console script (or ``python -m kneefit``) as a real process."""
    command = [sys.executable, "-m", "kneefit"] if module else [_script()]
    done = run_child(
        [*command, *args],
        env=env if env is not None else clean_env(),
        cwd=cwd,
        input=stdin.encode() if stdin is not None else None,
    )
    return Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode())


def shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a shell line (for pipes, redirects and umask) with ``python -m kneefit`` as KNEEFIT."""
    line = command.replace("KNEEFIT", f'"{sys.executable}" -m kneefit')
    return run_child(line, shell=True, env=env or clean_env())


def _script() -> str:
    script = Path(sys.executable).with_name("kneefit")
    if not script.exists():
        pytest.fail(f"the kneefit console script is not installed beside {sys.executable}")
    return str(script)


Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts and ends speaking English (a command run in this process with
    ``--lang es`` leaves its language active for the rest of the process)."""
    from kneefit.i18n import activate

    activate("en")
    yield
    activate("en")


@pytest.fixture
def cli(capsysbinary: pytest.CaptureFixture[bytes]) -> Iterator[Invoke]:
    """Run kneefit in this process (fast) and return its exit code, stdout and stderr."""
    from kneefit.cli import main

    warm_cache()

    def invoke(*args: str) -> Result:
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        else:  # pragma: no cover - main always exits
            code = 0
        out, err = capsysbinary.readouterr()
        # A PDF on standard output (-f pdf) is bytes, not text; anything else must be UTF-8.
        text = out.decode("utf-8", "replace") if out.startswith(b"%PDF-") else out.decode()
        return Result(code, text, err.decode())

    yield invoke


# ---------------------------------------------------------------- small fixtures for renderers
#
# Built from the models by hand, not by the planner, so a renderer's test shows exactly
# what it was given. Text holds characters that Markdown, HTML and CSV treat specially.

SMALL_START = date(2026, 11, 30)  # a Monday


def plan_requests(conditions: Sequence[str], max_minutes: int) -> st.SearchStrategy[PlanRequest]:
    """Any request a person can make: up to two of ``conditions``, any level, kit and floor,
    10 to ``max_minutes`` minutes."""
    return st.builds(
        PlanRequest,
        conditions=st.lists(st.sampled_from(sorted(conditions)), max_size=2, unique=True).map(
            tuple
        ),
        level=st.sampled_from(Level),
        equipment=st.frozensets(st.sampled_from(Equipment)),
        minutes=st.integers(10, max_minutes),
        floor=st.booleans(),
    )


def small_catalogue() -> Catalogue:
    """Two exercises (a strength one, a stretch), one condition, one source, the safety notes."""
    from kneefit.models import (
        Condition,
        Exercise,
        PainRule,
        RedFlag,
        Restriction,
        Safety,
        Source,
    )

    source = Source(
        id="knee-guide",
        title="Knee exercises & advice",
        publisher="A knee clinic",
        year=2024,
        url="https://example.org/knee",
    )
    sit_to_stand = Exercise(
        id="sit-to-stand",
        name="Sit to stand",
        aliases=("chair stand",),
        category="strength",
        primary_muscles=("quadriceps", "glutes"),
        secondary_muscles=("hamstrings",),
        equipment=("chair",),
        level="beginner",
        knee_load=("weight-bearing",),
        dose={"sets": 3, "reps": 10, "rest_seconds": 60, "days_per_week": 3},
        steps=("Sit on the front half of a chair.", "Stand up without using your hands."),
        cues=("Keep your knees over your toes [not past them].",),
        sources=("knee-guide",),
    )
    calf_stretch = Exercise(
        id="calf-stretch",
        name="Calf stretch",
        category="stretch",
        primary_muscles=("calves",),
        equipment=("towel",),
        level="beginner",
        dose={"hold_seconds": 30, "sets": 2, "per_side": True, "days_per_week": 7},
        steps=("Loop a towel round the ball of your foot and pull gently.",),
        notes="Stop if it *tingles* or <burns>.",
        sources=("knee-guide",),
    )
    arthritis = Condition(
        id="arthritis",
        name="Osteoarthritis",
        aliases=("OA",),
        rules_out=(Restriction(tags=("kneeling",), reason="Kneeling presses on the joint."),),
        see_clinician_first=True,
        notes=("Pain may rise a little at first; that is not harm.",),
        sources=("knee-guide",),
    )
    safety = Safety(
        pain_rule=PainRule(
            safe_max=2,
            acceptable_max=5,
            safe="safe.",
            acceptable="acceptable if it settles.",
            stop="stop.",
            next_morning="back to usual.",
        ),
        discomfort_vs_pain="A stretch is not a pain.",
        see_clinician_first="See a clinician if unsure.",
        red_flags=(
            RedFlag(
                id="locks",
                sign="The knee locks",
                urgency="urgent",
                action="see a doctor today.",
                sources=("knee-guide",),
            ),
        ),
        persistent_pain="Pain that lasts two weeks needs a clinician.",
        sources=("knee-guide",),
    )
    return Catalogue(
        sources={source.id: source},
        exercises={e.id: e for e in (sit_to_stand, calf_stretch)},
        conditions={arthritis.id: arthritis},
        safety=safety,
    )


def small_routine(catalogue: Catalogue) -> Routine:
    """A ten-minute plan of the two exercises, with a warning, progress and one left out."""
    from kneefit.models import (
        Dose,
        Exclusion,
        PlannedExercise,
        PlanRequest,
        Progression,
        Section,
    )

    strength, stretch = catalogue.exercises["sit-to-stand"], catalogue.exercises["calf-stretch"]
    return Routine(
        request=PlanRequest(
            conditions=("arthritis",),
            equipment=frozenset({"chair", "towel"}),
            minutes=10,
        ),
        conditions=(catalogue.conditions["arthritis"],),
        sections=(
            Section(
                kind=SectionKind.STRENGTH,
                items=(
                    PlannedExercise(
                        exercise=strength,
                        dose=Dose(sets=2, reps=10, rest_seconds=60, days_per_week=3),
                        minutes=3.5,
                    ),
                ),
            ),
            Section(
                kind=SectionKind.STRETCH,
                items=(PlannedExercise(exercise=stretch, dose=stretch.dose, minutes=2.25),),
            ),
        ),
        estimated_minutes=5.8,
        warnings=(
            ConditionNote("Osteoarthritis: see a doctor or physiotherapist before starting."),
        ),
        excluded=(
            Exclusion(
                id="kneeling-lunge",
                name="Kneeling lunge",
                reasons=(
                    RuledOut("Osteoarthritis", ("kneeling",), "Kneeling presses on the knee."),
                ),
            ),
        ),
        safety=catalogue.safety,
        sources=tuple(catalogue.sources.values()),
        progression=Progression(
            step=Step.HOLD, stage=0, reasons=(NoSessions(), MorningNotLogged())
        ),
    )


def small_schedule(routine: Routine) -> Schedule:
    """One week of one session: the Monday session, then a rest day."""
    from kneefit.models import Day

    return Schedule(
        routine=routine,
        days_per_week=1,
        weeks=1,
        start=SMALL_START,
        at=clock_time(7, 30),
        made=datetime(2026, 11, 29, 18, 0, 0, tzinfo=timezone.utc),
        days=(
            Day(
                week=1, day=1, date=SMALL_START, focus=DayFocus.STRENGTH, sections=routine.sections
            ),
            Day(week=1, day=2, date=SMALL_START + timedelta(days=1), focus=DayFocus.REST),
        ),
    )


def two_sessions() -> list[Session]:
    """A calm session and one with a red flag and a note a spreadsheet would run."""
    from kneefit.models import LoggedExercise

    return [
        Session(
            date=date(2026, 11, 24),
            pain=2,
            effort=5,
            next_morning_pain=1,
            exercises=(
                LoggedExercise(id="sit-to-stand", name="Sit to stand", dose="2 sets of 10 reps"),
            ),
            notes="Stairs felt easier.",
        ),
        Session(
            date=date(2026, 11, 26),
            pain=6,
            effort=7,
            notes="=SUM(A1)",
            red_flags=("knee gave way",),
        ),
    ]
