"""`kneefit program new` and the plan's notices in Spanish: the program file's comments in
the run's language, its data the same in every language, so the file reads the same."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import Invoke


def _new(cli: Invoke, target: Path, *lang: str) -> list[str]:
    done = cli(
        "program", "new", "-c", "arthritis", "--name", "Ana", "--knee", "left",
        "-o", str(target), *lang,
    )  # fmt: skip
    assert (done.code, done.stdout) == (0, ""), done.stderr
    return target.read_text(encoding="utf-8").splitlines()


def test_program_new_comments_in_spanish_and_the_same_data(cli: Invoke, tmp_path: Path) -> None:
    english = _new(cli, tmp_path / "en.yaml")
    spanish = _new(cli, tmp_path / "es.yaml", "--lang", "es")
    assert spanish[0] == "# Un programa de kneefit: edítelo y luego imprímalo con"
    assert "# Sus notas para la persona, impresas antes de los ejercicios (opcional)." in spanish

    # Comments aside (the exercises' names after '#' too), the two files hold the same data.
    def data(lines: list[str]) -> list[str]:
        return [line.split("   #")[0] for line in lines if not line.startswith("#")]

    assert data(spanish) == data(english)
    loaded = [yaml.safe_load((tmp_path / f"{n}.yaml").read_text("utf-8")) for n in ("en", "es")]
    assert loaded[0] == loaded[1]
    assert all(len(line) <= 100 for line in spanish)
    assert not any(w in " ".join(spanish) for w in ("printed", "Edit it", "refused unless"))


def test_program_new_says_what_it_wrote_in_spanish(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    done = cli("program", "new", "-c", "arthritis", "-o", str(target), "--lang", "es")
    assert done.stderr == (
        f"Se escribió {target} (6 ejercicios). Edítelo y luego: kneefit plan --program {target}\n"
    )


def test_a_capped_week_is_said_in_spanish(cli: Invoke) -> None:
    done = cli("plan", "-c", "overuse", "--days", "6", "--no-history", "-f", "json", "--lang", "es")
    assert done.code == 0
    assert done.stderr == (
        "Aviso: Se planearon 4 sesiones por semana, no 6: sus problemas de rodilla piden días "
        "de descanso entre sesiones.\n"
    )
