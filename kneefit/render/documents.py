"""What kneefit renders (the documents), the formats each comes in, and the one refusal.

Every command that prints prints one document; every document is one method of
:class:`kneefit.render.Renderer`, and every format one renderer class. A format a document
does not have is refused the same way wherever it is asked for: :class:`FormatRefused`, a
usage mistake (exit code 2) that names the formats the document has.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple, NoReturn

from kneefit.errors import UsageError
from kneefit.i18n import N_, _
from kneefit.vocabulary import Format

if sys.version_info >= (3, 11):
    from typing import assert_never
else:  # pragma: no cover
    from typing_extensions import assert_never

if TYPE_CHECKING:
    from kneefit.catalogue import Catalogue
    from kneefit.log import CheckIn
    from kneefit.models import Condition, Exercise, Schedule, Session
    from kneefit.report import Report
    from kneefit.review import WeekReview
    from kneefit.swap import Swaps


class Document(str, Enum):
    """What a command prints: each is one method of the Renderer."""

    PLAN = "plan"  # kneefit plan, a session or days and weeks
    EXERCISES = "exercises"  # kneefit list
    EXERCISE = "exercise"  # kneefit show
    CONDITIONS = "conditions"  # kneefit conditions
    HISTORY = "history"  # kneefit history: the sessions
    CHECKINS = "checkins"  # kneefit history --checkins
    REPORT = "report"  # kneefit report
    SWAPS = "swaps"  # kneefit swap
    REVIEW = "review"  # kneefit review
    BILINGUAL = "bilingual"  # kneefit plan --also-in: the handout in two languages


class InLanguage(NamedTuple):
    """A plan and the language it is worded in: one part of a handout in two languages."""

    language: str
    schedule: Schedule


#: The formats for reading and keeping that every list-like document comes in.
_READING = (Format.TABLE, Format.TEXT, Format.MARKDOWN, Format.JSON, Format.CSV)


def _about(document: Document) -> tuple[str, tuple[Format, ...]]:
    """What a refusal calls ``document`` (in English: translated where it is said), and
    the formats it comes in."""
    if document is Document.PLAN:
        return N_("plans"), (*_READING, Format.HTML, Format.PDF, Format.ICS)
    if document is Document.EXERCISES:
        return N_("exercise lists"), _READING
    if document is Document.EXERCISE:
        return N_("one exercise"), (*_READING, Format.SVG)
    if document is Document.CONDITIONS:
        return N_("conditions"), _READING
    if document is Document.HISTORY:
        return N_("the session history"), _READING
    if document is Document.CHECKINS:
        return N_("the check-in history"), _READING
    if document is Document.REPORT:
        # A report's table is its text: the report is for paper and files.
        return N_("reports"), (*_READING, Format.HTML, Format.FHIR)
    if document is Document.SWAPS:
        return N_("swaps"), (Format.TABLE, Format.TEXT, Format.JSON)
    if document is Document.REVIEW:
        return N_("the weekly review"), (Format.TEXT, Format.MARKDOWN, Format.JSON)
    if document is Document.BILINGUAL:
        # One page, two languages, each part on its own pages: for paper.
        return N_("plans in two languages"), (Format.HTML, Format.PDF)
    assert_never(document)


def formats_of(document: Document) -> tuple[Format, ...]:
    """The formats ``document`` comes in, in the order ``Format`` lists them."""
    return _about(document)[1]


def _either(words: Sequence[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("{some} or {last}").format(some=", ".join(words[:-1]), last=words[-1])


class FormatRefused(UsageError):
    """A format the document does not have: a usage mistake, naming the formats it has."""

    def __init__(self, document: Document, fmt: Format) -> None:
        self.document = document
        self.format = fmt
        name, formats = _about(document)
        super().__init__(
            _("the {format} format is not for {document}: use {formats}").format(
                format=fmt.value, document=_(name), formats=_either([f.value for f in formats])
            )
        )


def refuse(document: Document, fmt: Format) -> NoReturn:
    raise FormatRefused(document, fmt)


def check(document: Document, fmt: Format) -> None:
    """Refuse ``fmt`` unless ``document`` comes in it."""
    if fmt not in formats_of(document):
        refuse(document, fmt)


class Refusing:
    """The base of every format's renderer: a document the format does not render (does not
    override here) is refused with :class:`FormatRefused`."""

    #: The format this renderer writes.
    fmt: Format

    def plan(self, schedule: Schedule) -> str:
        refuse(Document.PLAN, self.fmt)

    def exercises(self, exercises: Sequence[Exercise], catalogue: Catalogue) -> str:
        refuse(Document.EXERCISES, self.fmt)

    def exercise(self, exercise: Exercise, catalogue: Catalogue) -> str:
        refuse(Document.EXERCISE, self.fmt)

    def conditions(self, conditions: Sequence[Condition], catalogue: Catalogue) -> str:
        refuse(Document.CONDITIONS, self.fmt)

    def history(self, sessions: Sequence[Session]) -> str:
        refuse(Document.HISTORY, self.fmt)

    def checkins(self, checkins: Sequence[CheckIn]) -> str:
        refuse(Document.CHECKINS, self.fmt)

    def report(self, report: Report) -> str:
        refuse(Document.REPORT, self.fmt)

    def swaps(self, found: Swaps) -> str:
        refuse(Document.SWAPS, self.fmt)

    def review(self, review: WeekReview) -> str:
        refuse(Document.REVIEW, self.fmt)

    def bilingual(self, plans: Sequence[InLanguage]) -> str:
        refuse(Document.BILINGUAL, self.fmt)
