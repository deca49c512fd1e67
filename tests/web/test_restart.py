"""A restart of the site on an unchanged bank does not read the bank again (setup, bank.fingerprint):
the first request's background load compares the folder's fingerprint with the last load's. A
changed file, or a load of another folder in between, is still read and loaded."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import func, select

from exam_prep.bank import sync
from exam_prep.extensions import db
from exam_prep.models import BankLoad, QuestionVersion
from exam_prep.setup import wait_for_bank_load
from tests.conftest import FIXTURE_BANK, make_app

UNCHANGED = "unchanged since its last load: not read again"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders the bank loader parses."""
    seen: list[str] = []
    parse = sync.load_bank
    monkeypatch.setattr(sync, "load_bank", lambda folder: seen.append(str(folder)) or parse(folder))
    return seen


def start_site(db_path: Path, bank: Path) -> tuple[int, str]:
    """A new application process's start: its first request, then its background bank load.
    Returns the number of bank loads recorded and the text of question t2-basics-1."""
    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank), EXAM_PREP_AUTO_SETUP=True)
    assert app.test_client().get("/auth/login").status_code == 200
    assert wait_for_bank_load(app, timeout=60)
    with app.app_context():
        loads = db.session.scalar(select(func.count()).select_from(BankLoad))
        text = db.session.scalar(select(QuestionVersion.payload).where(
            QuestionVersion.question_id == "t2-basics-1", QuestionVersion.is_current.is_(True)))["question"]
        db.engine.dispose()
    return loads, text


def test_a_restart_on_an_unchanged_bank_does_not_read_it_and_a_changed_file_is_read(
        db_path: Path, bank: Path, reads: list[str], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="exam_prep")
    loads, _ = start_site(db_path, bank)  # the database was loaded from another folder: read
    assert reads == [str(bank)]

    assert start_site(db_path, bank)[0] == loads  # unchanged: not read, no load recorded
    assert reads == [str(bank)]
    assert any(UNCHANGED in r.getMessage() for r in caplog.records)

    path = bank / "level2" / "basics.yaml"
    text = path.read_text(encoding="utf-8")
    question = next(line for line in text.splitlines() if "question:" in line)
    path.write_text(text.replace(question, question + " (고침)", 1), encoding="utf-8")
    new_loads, shown = start_site(db_path, bank)
    assert reads == [str(bank), str(bank)] and new_loads == loads + 1
    assert shown.endswith("(고침)")


def test_a_load_of_another_folder_in_between_means_a_full_load(db_path: Path, bank: Path, reads: list[str]) -> None:
    start_site(db_path, bank)
    start_site(db_path, FIXTURE_BANK)
    start_site(db_path, bank)
    assert reads == [str(bank), str(FIXTURE_BANK), str(bank)]


def test_bank_load_on_the_command_line_always_reads_the_bank(db_path: Path, bank: Path, reads: list[str]) -> None:
    app = make_app(db_path, EXAM_PREP_QUESTION_BANK=str(bank))
    for _ in range(2):
        result = app.test_cli_runner().invoke(args=["bank", "load"])
        assert result.exit_code == 0 and "불러왔습니다" in result.output
    assert reads == [str(bank), str(bank)]
    with app.app_context():
        db.engine.dispose()
