"""The weekly review: a week looked back on, and advice matched to the reason it slipped.

Pure: it takes the logged sessions and walks, the week, the sessions planned a week and the
advice (``data/review.yaml``, parsed by :func:`parse_advice`), and returns the figures and
the advice; the renderers word them. Nothing here reads the log, files or the clock.

- A week is seven days from its first (``--week-of``), or the seven days that end today.
  A week not yet over is reviewed so far: its sessions and walking minutes are planned pro
  rata, rounded down (3 a week, 4 days in, is 1), as the report plans them.
- Sessions are on track when as many were done as planned; walking, when the minutes
  walked reach the aim (150 a week unless the person's physiotherapist set another).
- Pain is the mean of the week's sessions, beside the mean of the three weeks before.
- A red flag logged in the week, with no clinician's clearance on a later day, comes
  first: the review then urges no more exercise and asks for no reason (the plan holds no
  exercises until a clinician has seen the knee). A clearance the same day does not count:
  which came first is not known here, and this is the safer reading.
- A review is due once a week: seven days after the last one, or, before the first, seven
  days after the first session or walk logged.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from kneefit.errors import UnknownNameError
from kneefit.i18n import _, ngettext
from kneefit.models import Name, Session, Slug, Source, Text

if TYPE_CHECKING:
    from kneefit.log.walk import Walk

#: The days a review looks back over.
WEEK_DAYS = 7
#: The weeks before the reviewed one that its pain is compared with.
EARLIER_WEEKS = 3


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Sourced(_Strict):
    """Words for the person, with the sources that describe what they say."""

    text: Text
    sources: Annotated[tuple[Slug, ...], Field(min_length=1)]


class WalkingAim(Sourced):
    """The walking goal: minutes a week, and why."""

    minutes_a_week: Annotated[StrictInt, Field(ge=10, le=1000)]


class Barrier(_Strict):
    """A reason a week slipped, and the advice that answers it."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: Slug
    label: Name
    #: Other words --barrier takes for it (the id and the label always count).
    words: tuple[Name, ...] = ()
    advice: Annotated[tuple[Sourced, ...], Field(min_length=1)]
    #: kneefit commands that help (not health advice: no sources).
    tries: tuple[Text, ...] = Field(default=(), alias="try")

    def names(self) -> tuple[str, ...]:
        """Every word that names this barrier, normalised."""
        return tuple(dict.fromkeys(_word(w) for w in (self.id, self.label, *self.words)))


class Advice(_Strict):
    """The review's words: ``data/review.yaml``."""

    kneefit_review: Literal[1]
    about: Sourced
    on_track: Sourced
    walking: WalkingAim
    barriers: Annotated[tuple[Barrier, ...], Field(min_length=1)]
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Advice:
        declared = [s.id for s in self.sources]
        if len(set(declared)) != len(declared):
            raise ValueError(_("a source is declared twice"))
        cited = [
            self.about,
            self.on_track,
            self.walking,
            *(a for b in self.barriers for a in b.advice),
        ]
        missing = sorted({ref for c in cited for ref in c.sources} - set(declared))
        if missing:
            raise ValueError(
                _("cites sources it does not declare: {sources}").format(sources=", ".join(missing))
            )
        seen: dict[str, str] = {}
        for barrier in self.barriers:
            for word in barrier.names():
                if seen.setdefault(word, barrier.id) != barrier.id:
                    raise ValueError(
                        _("{word} names both {first} and {second}").format(
                            word=repr(word), first=seen[word], second=barrier.id
                        )
                    )
        return self

    def source(self, ident: str) -> Source:
        return next(s for s in self.sources if s.id == ident)

    def barrier(self, word: str) -> Barrier:
        """The barrier ``word`` names (its id, label or one of its words, in any case);
        an unknown word is a usage error listing the barriers."""
        key = _word(word)
        table = {name: b for b in self.barriers for name in b.names()}
        if key in table:
            return table[key]
        close = difflib.get_close_matches(key, list(table), n=3, cutoff=0.6)
        suggestions = list(dict.fromkeys(table[c].label for c in close))
        raise UnknownNameError("barrier", word, [b.label for b in self.barriers], suggestions)


def _word(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def parse_advice(text: str, name: str) -> Advice:
    """The review's advice from ``data/review.yaml``'s text, every problem located."""
    from pydantic import ValidationError

    from kneefit import validation_messages, yamlread

    data, locator = yamlread.load(text, name)
    try:
        return Advice.model_validate(data)
    except ValidationError as exc:
        raise validation_messages.error(exc, data, locator, name) from None


class _BarrierWords(_Strict):
    """A barrier in another language: its label and words, its advice and 'try' lines."""

    label: Name
    words: tuple[Name, ...] = ()
    advice: tuple[Text, ...]
    tries: tuple[Text, ...] = Field(default=(), alias="try")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class AdviceWords(_Strict):
    """The review's words in another language (``data/translations/LANG-review.yaml``)."""

    language: Slug
    about: Text
    on_track: Text
    walking: Text
    barriers: dict[Slug, _BarrierWords]


def _in_words(piece: Sourced, text: str) -> Sourced:
    return piece.model_copy(update={"text": text})


def translate_advice(advice: Advice, text: str, name: str) -> Advice:
    """``advice`` in the words of the translation ``text`` (file ``name``): every text
    replaced, each barrier's label and words the translation's, its English ones still
    taken by --barrier. A barrier missing or extra, or a count of advice or 'try' lines
    unlike the English, is a located error."""
    from pydantic import ValidationError

    from kneefit import validation_messages, yamlread
    from kneefit.errors import DataError

    data, locator = yamlread.load(text, name)
    try:
        words = AdviceWords.model_validate(data)
    except ValidationError as exc:
        raise validation_messages.error(exc, data, locator, name) from None
    ids = [b.id for b in advice.barriers]
    # Located as the other files' problems are (file: path:); only the words are translated.
    absent, unknown = _("missing"), _("not a barrier")
    problems = [f"{name}: barriers: {i}: {absent}" for i in ids if i not in words.barriers]
    problems += [f"{name}: barriers: {i}: {unknown}" for i in words.barriers if i not in ids]
    for barrier in advice.barriers:
        said = words.barriers.get(barrier.id)
        if said is None:
            continue
        for field, english, translated in (
            ("advice", barrier.advice, said.advice),
            ("try", barrier.tries, said.tries),
        ):
            if len(english) != len(translated):
                lines = ngettext(
                    "{count} lines, the English has {english}",
                    "{count} lines, the English has {english}",
                    len(translated),
                ).format(count=len(translated), english=len(english))
                problems.append(f"{name}: barriers: {barrier.id}: {field}: {lines}")
    if problems:
        raise DataError("\n".join(problems))
    barriers = []
    for barrier in advice.barriers:
        said = words.barriers[barrier.id]
        barriers.append(
            barrier.model_copy(
                update={
                    "label": said.label,
                    "words": tuple(dict.fromkeys((*said.words, barrier.label, *barrier.words))),
                    "advice": tuple(
                        _in_words(a, t) for a, t in zip(barrier.advice, said.advice, strict=True)
                    ),
                    "tries": said.tries,
                }
            )
        )
    return advice.model_copy(
        update={
            "about": _in_words(advice.about, words.about),
            "on_track": _in_words(advice.on_track, words.on_track),
            "walking": _in_words(advice.walking, words.walking),
            "barriers": tuple(barriers),
        }
    )


@dataclass(frozen=True)
class Week:
    """The seven days reviewed: ``start`` to ``end``; ``last`` is the last day looked at
    (``end``, or today for a week not yet over)."""

    start: date
    end: date
    last: date

    @property
    def complete(self) -> bool:
        return self.last == self.end

    @property
    def days(self) -> int:
        """The days of the week looked at so far (1 to 7)."""
        return (self.last - self.start).days + 1


def week_of(start: date | None, today: date) -> Week:
    """The week from ``start`` (up to today, if it is not over), or the seven days that end
    today. ``start`` must not be after today."""
    if start is None:
        start = today - timedelta(days=WEEK_DAYS - 1)
    if start > today:
        raise ValueError("a week reviewed starts on or before today")
    end = start + timedelta(days=WEEK_DAYS - 1)
    return Week(start=start, end=end, last=min(end, today))


@dataclass(frozen=True)
class PainSummary:
    """Mean pain during the week's sessions and the next mornings, and the same over the
    three weeks before (None where nothing was logged)."""

    mean: float | None
    next_morning: float | None
    earlier: float | None
    earlier_next_morning: float | None


@dataclass(frozen=True)
class WeekReview:
    """A week looked back on: sessions and walking against the plan, pain against the weeks
    before, the step the plan moved, and the advice the week calls for."""

    week: Week
    planned: int
    done: int
    walked: int
    #: The walking aim for the days looked at (pro rata for a week not yet over), and a week's.
    walk_goal: int
    walk_aim: int
    pain: PainSummary
    #: The steps the plan moved over the week: up (> 0), down (< 0) or none.
    steps: int
    #: The knees the week's sessions were for, as logged (left, right, both).
    knees: tuple[str, ...]
    barrier: Barrier | None
    about: Sourced
    #: What the week calls for: encouragement when on track, the walking aim when walking
    #: fell short, and the barrier's advice when one was named.
    advice: tuple[Sourced, ...]
    tries: tuple[str, ...]
    #: Every source the review cites, in the order first cited.
    sources: tuple[Source, ...]
    #: The reasons a person can name (--barrier), in the order they are offered.
    barrier_labels: tuple[str, ...] = ()
    #: The days of the week a red flag was logged on.
    red_flags: tuple[date, ...] = ()

    @property
    def sessions_on_track(self) -> bool:
        return self.done >= self.planned

    @property
    def walking_on_track(self) -> bool:
        return self.walked >= self.walk_goal

    @property
    def on_track(self) -> bool:
        return self.sessions_on_track and self.walking_on_track

    @property
    def asks_barrier(self) -> bool:
        """Behind, and no reason named yet (nor a red flag logged): ask for one."""
        return not self.on_track and self.barrier is None and not self.red_flags


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _pro_rata(per_week: int, week: Week) -> int:
    return per_week if week.complete else per_week * week.days // WEEK_DAYS


def review_week(
    sessions: Sequence[Session],
    walks: Sequence[Walk],
    week: Week,
    per_week: int,
    advice: Advice,
    barrier: Barrier | None = None,
    walk_aim: int | None = None,
    cleared: Sequence[date] = (),
) -> WeekReview:
    """The review of ``week``: ``sessions`` and ``walks`` may hold the whole log (the weeks
    before inform the pain comparison and the step the plan started the week at);
    ``cleared`` holds the days of clinicians' clearances."""
    ordered = sorted(sessions, key=lambda s: (s.date, s.id or 0))
    inside = [s for s in ordered if week.start <= s.date <= week.last]
    before = [s for s in ordered if s.date < week.start]
    earlier_start = week.start - timedelta(days=EARLIER_WEEKS * WEEK_DAYS)
    earlier = [s for s in before if s.date >= earlier_start]
    pain = PainSummary(
        mean=_mean([s.pain for s in inside]),
        next_morning=_mean(
            [s.next_morning_pain for s in inside if s.next_morning_pain is not None]
        ),
        earlier=_mean([s.pain for s in earlier]),
        earlier_next_morning=_mean(
            [s.next_morning_pain for s in earlier if s.next_morning_pain is not None]
        ),
    )
    steps = 0
    if inside:
        base = before[-1].stage if before else inside[0].stage
        steps = inside[-1].stage - base
    aim = walk_aim if walk_aim is not None else advice.walking.minutes_a_week
    walked = sum(w.minutes for w in walks if week.start <= w.date <= week.last)
    planned = _pro_rata(per_week, week)
    goal = aim if week.complete else aim * week.days // WEEK_DAYS
    chosen: list[Sourced] = []
    flagged = tuple(
        dict.fromkeys(
            s.date for s in inside if s.red_flags and not any(c > s.date for c in cleared)
        )
    )
    if not flagged and (inside or walked or planned or goal):
        if planned <= len(inside) and goal <= walked:
            chosen.append(advice.on_track)
        elif walked < goal:
            chosen.append(advice.walking)
    if barrier is not None:
        chosen += barrier.advice
    cited = [*chosen, advice.about]  # as the review prints them
    ids = list(dict.fromkeys(ref for c in cited for ref in c.sources))
    return WeekReview(
        week=week,
        planned=planned,
        done=len(inside),
        walked=walked,
        walk_goal=goal,
        walk_aim=aim,
        pain=pain,
        steps=steps,
        knees=tuple(dict.fromkeys(s.knee for s in inside if s.knee is not None)),
        barrier=barrier,
        about=advice.about,
        advice=tuple(chosen),
        tries=barrier.tries if barrier is not None else (),
        sources=tuple(advice.source(i) for i in ids),
        barrier_labels=tuple(b.label for b in advice.barriers),
        red_flags=flagged,
    )


def review_due(last_review: date | None, first_logged: date | None, today: date) -> bool:
    """Whether a weekly review is due on ``today``: a week after the last review, or, with
    none yet, a week after the first session or walk logged (nothing logged: not due)."""
    since = last_review if last_review is not None else first_logged
    if since is None:
        return False
    return (today - since).days >= WEEK_DAYS
