"""The HTML pages' templates (kneefit.render.templating): escaping is their default, a
missing name is an error, the environment is made once, and jinja2 is loaded only when a
page is rendered. The pages' exact text is tested by test_render.py and test_report.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from kneefit.render.templating import environment, macro, markup
from tests.conftest import clean_env, run_child

HOSTILE = "<script>alert('x')</script> & \"quoted\""


def test_every_value_is_escaped_as_html_escape_writes_it() -> None:
    # html.escape's spelling of the quotes (&#x27; &quot;), which the pages always had.
    made = macro("handout_parts.html.j2", "also")(text=HOSTILE)
    assert made == (
        "<p class='also'>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; "
        "&quot;quoted&quot;</p>"
    )
    assert isinstance(made, Markup)


def test_in_an_attribute_too() -> None:
    made = macro("handout_parts.html.j2", "sources")(
        heading="Sources", where="(where):", entries=[("NHS 2024", "https://x.org/'a\"><b>")]
    )
    assert made == (
        "<p class='sources'><b>Sources</b> (where): "
        "<a href='https://x.org/&#x27;a&quot;&gt;&lt;b&gt;'>NHS 2024</a>.</p>"
    )


def test_only_what_is_marked_as_markup_is_written_as_it_is() -> None:
    made = macro("handout_parts.html.j2", "also")(text=markup("<b>kneefit's own</b>"))
    assert made == "<p class='also'><b>kneefit's own</b></p>"


def test_a_name_not_given_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(UndefinedError):
        environment().get_template("handout.html.j2").render(title="only the title")


def test_the_environment_is_made_once_with_autoescape_on() -> None:
    assert environment() is environment()
    assert environment().autoescape is not False
    assert environment().from_string("{{ x }}").render(x="<i>") == "&lt;i&gt;"


#: Prints whether jinja2 was imported, after running argv.
PROBE = """
import json, sys
from kneefit.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stderr.write(json.dumps("jinja2" in sys.modules))
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["plan", "-c", "arthritis", "--no-history", "-f", "text"], False),
        (["plan", "-c", "arthritis", "--no-history", "-f", "html"], True),
    ],
)
def test_jinja2_is_imported_only_for_a_page(tmp_path: Path, args: list[str], loaded: bool) -> None:
    done = run_child(
        [sys.executable, "-c", PROBE, *args],
        env=clean_env(KNEEFIT_HOME=str(tmp_path), KNEEFIT_CACHE_DIR=str(tmp_path / "cache")),
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.decode().splitlines()[-1]) is loaded
