"""Shell completion: the scripts kneefit prints for each shell, and what they complete, asked
the way each shell asks (and, for bash, by a real bash that sources the script)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import clean_env, run, run_child


def _script() -> str:
    return str(Path(sys.executable).with_name("kneefit"))


def _complete(words: str, cword: int) -> list[str]:
    """What the bash script's helper gets back from kneefit for ``words``, the cursor on
    word ``cword``: kneefit is asked through the environment, as the script asks it."""
    env = clean_env(_KNEEFIT_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    done = run_child([_script()], env=env)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode().split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_show_completion_prints_the_bash_script_in_bash() -> None:
    # The exit after it keeps bash from replacing itself with kneefit (its one-command
    # shortcut), so bash stays kneefit's parent, whichever process runs this test.
    done = run_child(["bash", "-c", f"'{_script()}' --show-completion; exit $?"], env=clean_env())
    assert done.returncode == 0, done.stderr.decode()
    script = done.stdout.decode()
    assert "_KNEEFIT_COMPLETE=complete_bash" in script
    assert script.rstrip().endswith("complete -o default -F _kneefit_completion kneefit")


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _kneefit_completion kneefit"),
        ("zsh", "compdef _kneefit_completion kneefit"),
        ("fish", "complete --command kneefit"),
    ],
)
def test_a_script_for_each_shell(shell: str, marker: str) -> None:
    # typer names the shell itself (shellingham); its own switch lets a test name it.
    env = clean_env(_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    result = run(["--show-completion", shell], env=env)
    assert result.code == 0, result.stderr
    assert marker in result.stdout


def test_commands_subcommands_and_options_complete() -> None:
    assert _complete("kneefit pl", 1) == ["plan"]
    assert _complete("kneefit c", 1) == ["conditions", "checkin"]
    assert _complete("kneefit log ", 2) == ["export", "import", "forget"]
    assert _complete("kneefit plan --le", 2) == ["--level"]
    assert "--no-history" in _complete("kneefit plan --no-h", 2)


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_a_real_bash_completes_with_the_script() -> None:
    line = (
        f'source <("{_script()}" --show-completion); '
        "COMP_WORDS=(kneefit hist); COMP_CWORD=1; _kneefit_completion kneefit; "
        'echo "${COMPREPLY[@]}"'
    )
    # The script runs 'kneefit' from PATH, as a shell would.
    path = f"{Path(_script()).parent}:{clean_env().get('PATH', '')}"
    done = run_child(["bash", "-c", line], env=clean_env(PATH=path))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == ["history"]


def test_completion_is_on_the_root_alone() -> None:
    result = run(["plan", "--help"])
    assert result.code == 0 and "--show-completion" not in result.stdout
    assert "--install-completion" in run(["--help"]).stdout
