"""The Jinja2 environment of kneefit's HTML pages (the handout, kneefit.render.html, and the
progress report's, kneefit.render.report_page): their markup is in templates shipped in the
package (kneefit/render/templates/*.html.j2); the Python prepares the words.

Escaping is the templates' default: ``autoescape`` is on, so every ``{{ value }}`` is escaped
unless it is :class:`markupsafe.Markup` (an SVG drawing, a part another template made, the
stylesheet), which the renderers mark deliberately. A name a template uses and is not given
is an error (``StrictUndefined``), not an empty string.

jinja2 is imported here only, and this module only when a page is rendered: a plan as text
never loads it. The environment is made once per process.
"""

from __future__ import annotations

import html
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup


def _spelled(value: Any) -> Any:
    """Every value a template writes, escaped as kneefit's pages always were
    (``html.escape``: ``&#x27;`` and ``&quot;`` for the quotes, where MarkupSafe would write
    ``&#39;`` and ``&#34;``), so that a page is the same, byte for byte. Jinja's autoescape
    runs after this and leaves the result, now Markup, as it is; markup (``__html__``) is
    passed through unchanged."""
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


@cache
def environment() -> Environment:
    """The environment the pages' templates are loaded from, made on first use."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("kneefit.render", "templates"),
        autoescape=select_autoescape(["html.j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        finalize=_spelled,
        # A block tag's line is not output; the markup's own line breaks are.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render(template: str, **values: Any) -> str:
    """``template`` (a file name in kneefit/render/templates) filled with ``values``."""
    return environment().get_template(template).render(**values)


def macro(template: str, name: str) -> Any:
    """The macro ``name`` of ``template``, to call from Python with a part's values; it
    returns Markup."""
    return getattr(environment().get_template(template).module, name)


def markup(text: str) -> Markup:
    """``text`` as markup the templates write unescaped: only for markup kneefit made itself
    (an SVG drawing, the stylesheet), never for catalogue or log text."""
    from markupsafe import Markup

    return Markup(text)
