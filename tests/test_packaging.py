"""What a built kneefit carries: the licence, py.typed and the JSON Schemas in the sdist and
the wheel, and metadata that says what the pyproject and README say."""

from __future__ import annotations

import re
import sys
import tarfile
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest

from kneefit.schemas import SCHEMAS, file_name
from tests.conftest import ROOT, run_child

pytestmark = pytest.mark.slow

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist, and the wheel built from it (as ``python -m build`` does by default)."""
    out = tmp_path_factory.mktemp("dist")
    done = run_child([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    (sdist,) = out.glob("kneefit-*.tar.gz")
    (wheel,) = out.glob("kneefit-*.whl")
    return sdist, wheel


def _shipped() -> set[str]:
    catalogues = {
        str(p.relative_to(ROOT)) for p in (ROOT / "kneefit" / "locale").glob("*/LC_MESSAGES/*.mo")
    }
    assert catalogues, "no compiled message catalogue to ship"
    templates = {
        str(p.relative_to(ROOT)) for p in (ROOT / "kneefit" / "render" / "templates").glob("*.j2")
    }
    assert templates, "no HTML template to ship"
    return (
        {"kneefit/py.typed"}
        | {f"kneefit/schemas/{file_name(n)}" for n in SCHEMAS.values()}
        | catalogues
        | templates
    )


def test_the_wheel_has_the_licence_py_typed_and_the_schemas(built: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(built[1]) as wheel:
        names = set(wheel.namelist())
        (metadata_name,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(wheel.read(metadata_name).decode())
        (licence,) = (n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
        assert wheel.read(licence) == (ROOT / "LICENSE").read_bytes()
    assert _shipped() <= names
    assert metadata["License-Expression"] == "MIT" and metadata["License-File"] == "LICENSE"
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])


def test_the_sdist_has_the_licence_py_typed_and_the_schemas(built: tuple[Path, Path]) -> None:
    with tarfile.open(built[0]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml"} | _shipped() <= names


@pytest.fixture(scope="module")
def metadata(built: tuple[Path, Path]) -> Message:
    """The wheel's METADATA: the pyproject as installers read it."""
    with zipfile.ZipFile(built[1]) as wheel:
        (name,) = (n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(wheel.read(name).decode())


def test_the_licence_is_the_one_declared(metadata: Message) -> None:
    assert metadata["License-Expression"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_the_pythons_claimed_agree(metadata: Message) -> None:
    """requires-python's lowest and the classifiers name the same Pythons, the ones .ci/ends
    tries at both ends, and the README says the lowest."""
    lowest = re.fullmatch(r">=(3\.\d+)", metadata["Requires-Python"])
    assert lowest is not None
    claimed = [
        c.rsplit(" ", 1)[1]
        for c in metadata.get_all("Classifier", [])
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    minors = sorted(int(v.split(".")[1]) for v in claimed)
    assert claimed and minors == list(range(minors[0], minors[-1] + 1))
    assert f"3.{minors[0]}" == lowest.group(1)
    assert f"Python {lowest.group(1)} or newer" in README


def test_the_readme_gives_every_lower_bound(metadata: Message) -> None:
    """The design notes name each dependency's lowest version, as the pyproject has it."""
    notes = README.split("## Design notes", 1)[1]
    runtime = [r for r in metadata.get_all("Requires-Dist", []) if "extra ==" not in r]
    assert len(runtime) >= 6
    for requirement in runtime:
        found = re.search(r"([A-Za-z0-9_-]+)\b.*>=([0-9.]+)", requirement)
        assert found is not None, requirement
        name, version = found.groups()
        assert re.search(rf"{re.escape(name)} {re.escape(version)}\b", notes, re.I), requirement
