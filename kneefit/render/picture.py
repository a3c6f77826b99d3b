"""One exercise's picture as an SVG file: ``kneefit show NAME -o NAME.svg``."""

from __future__ import annotations

from collections.abc import Sequence

from kneefit.catalogue import Catalogue
from kneefit.errors import DataError, UsageError
from kneefit.models import Condition, Exercise, Schedule, Session
from kneefit.render.common import RenderOptions


class PictureRenderer:
    """Draws one exercise (its start and end poses); everything else is a usage mistake."""

    format_name = "svg"

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        from kneefit.render.svg import exercise_svg

        if exercise.poses is None:
            raise DataError(
                f"{exercise.name} has no picture: its catalogue entry has no poses "
                "(see 'Writing your own catalogue' in README.md)"
            )
        return exercise_svg(exercise.name, exercise.poses)

    def _refuse(self) -> str:
        raise UsageError("the svg format draws one exercise: use it with 'kneefit show EXERCISE'")

    def plan(self, schedule: Schedule) -> str:
        return self._refuse()

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        return self._refuse()

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        return self._refuse()

    def history(self, sessions: Sequence[Session]) -> str:
        return self._refuse()
