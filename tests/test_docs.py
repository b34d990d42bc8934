"""The README documents every CLI command (after sqlite-utils' tests/test_docs.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: str = "fieldcase") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found.extend(_commands(sub, f"{prefix} {name}"))
    return found


@pytest.mark.parametrize("command", _commands(build_parser()))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`{command}" in README, f"{command} is not documented in README.md"


def test_readme_gives_the_two_commands() -> None:
    assert "./scripts/run.sh" in README and "./scripts/test.sh" in README
