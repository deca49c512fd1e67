"""Migration 0003: responses stored before saves were checked strictly (a lone surrogate, a
control character) are made sendable, so the attempts that hold them open again."""
from __future__ import annotations

import json

import pytest
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from exam_prep.extensions import db
from tests.web.test_no_500 import open_attempts_holding


def _store_unchecked(app: Flask, attempt_id: int, response: object) -> None:
    """Write a response the way the old save did: without the checks that now refuse it."""
    with app.app_context():
        db.session.execute(text("UPDATE attempt_item SET response = :r WHERE attempt_id = :a AND type = 'short'"),
                           {"r": json.dumps(response), "a": attempt_id})
        db.session.commit()


def _migrate_again(app: Flask, attempt_id: int) -> object:
    """Run migration 0003 again (from 0002), and return the response it left."""
    with app.app_context():
        directory = app.extensions["migrate"].directory
        downgrade(directory=directory, revision="0002_accounts")
        upgrade(directory=directory)
        stored = db.session.execute(
            text("SELECT response FROM attempt_item WHERE attempt_id = :a AND type = 'short'"), {"a": attempt_id}
        ).scalar_one()
        db.engine.dispose()
    return stored if isinstance(stored, dict) else json.loads(stored)  # PostgreSQL's driver parses JSON


def test_unencodable_text_saved_by_an_old_version_is_scrubbed(app: Flask) -> None:
    [(candidate, state)] = open_attempts_holding(app, "level2", {"short"})
    _store_unchecked(app, state["id"], {"text": "a\ud800b\x00c\ud83d\ude00", "extra": ["\udfff"]})
    with pytest.raises(UnicodeEncodeError):  # what the probe saw: the page cannot be sent
        candidate.client.get(f"/attempts/{state['id']}")

    stored = _migrate_again(app, state["id"])
    assert stored == {"text": "a\ufffdbc\U0001f600", "extra": ["\ufffd"]}
    assert candidate.client.get(f"/attempts/{state['id']}").status_code == 200


def test_clean_responses_are_left_as_they_are(app: Flask) -> None:
    [(_candidate, state)] = open_attempts_holding(app, "level2", {"short"})
    _store_unchecked(app, state["id"], {"text": "줄\n바꿈\t탭"})
    stored = _migrate_again(app, state["id"])
    assert stored == {"text": "줄\n바꿈\t탭"}
