"""One exercise's picture as an SVG file: ``kneefit show NAME -o NAME.svg``."""

from __future__ import annotations

from kneefit.catalogue import Catalogue
from kneefit.errors import DataError
from kneefit.models import Exercise
from kneefit.render.common import RenderOptions
from kneefit.render.documents import Refusing
from kneefit.vocabulary import Format


class PictureRenderer(Refusing):
    """Draws one exercise (its start and end poses); every other document is refused."""

    fmt = Format.SVG

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        from kneefit.render.svg import exercise_svg

        if exercise.poses is None:
            raise DataError(
                f"{exercise.name} has no picture: its catalogue entry has no poses "
                "(see 'Writing your own catalogue' in README.md)"
            )
        return exercise_svg(
            exercise.name, exercise.poses, muscles=[m.value for m in exercise.primary_muscles]
        )
