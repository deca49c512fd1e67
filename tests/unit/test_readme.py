"""The README's quick start is what a newcomer types first: it must be complete and short."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def quick_start() -> str:
    text = README.read_text(encoding="utf-8")
    return re.search(r"^## Quick start\n(.*?)^## ", text, re.DOTALL | re.MULTILINE).group(1)


def test_quick_start_says_python_version_and_virtual_environment_before_the_commands() -> None:
    section = quick_start()
    before_code = section.split("```", 1)[0]
    assert re.search(r"Python 3\.11", before_code), "the Python version is not said before the commands"
    assert "`python3 -m venv .venv && . .venv/bin/activate`" in before_code


def test_quick_start_keeps_exactly_its_two_command_lines() -> None:
    blocks = re.findall(r"```\n(.*?)```", quick_start(), re.DOTALL)
    assert len(blocks) == 1
    assert blocks[0].splitlines() == [
        "pip install -r requirements.txt && flask --app exam_prep run",
        "pip install -r requirements-dev.txt && pytest",
    ]
