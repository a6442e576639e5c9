"""The README stays true: every command is documented, the Quickstart matches CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from warledger.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quickstart_commands() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quickstart_has_exactly_two_commands() -> None:
    assert len(_quickstart_commands()) == 2


def test_ci_runs_the_quickstart_test_command_word_for_word() -> None:
    test_command = _quickstart_commands()[1]
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_quickstart_main_job_runs_on_the_bundled_examples() -> None:
    main_job = _quickstart_commands()[0]
    folder = re.search(r"warledger \w+ (\S+)", main_job).group(1)
    assert any((ROOT / folder).glob("*.txt"))


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip()
    assert f"`warledger {name}" in README
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
