"""Migration 0002 on a database that already holds what the races made, and the schema matching
the models (so the invariants tested through the app are the ones `flask db upgrade` builds)."""
from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from exam_prep.extensions import db
from tests.conftest import make_app

USERS = [(1, "Race"), (2, "race"), (3, "RACE"), (4, "김강사")]


def _fill_0001(conn) -> None:
    for user_id, name in USERS:
        conn.execute(text("INSERT INTO user (id, username, password_hash, role, created_at) "
                          "VALUES (:id, :name, 'x', 'candidate', '2026-01-01')"), {"id": user_id, "name": name})
    conn.execute(text("INSERT INTO exam_definition VALUES ('level2', 't', 2, 0, '{}', 1)"))
    conn.execute(text("INSERT INTO question_version (id, question_id, version, type, level, domain, content_hash, "
                      "payload, source_path, is_current, created_at) "
                      "VALUES (1, 'q', 1, 'ox', 2, 'd', 'h', '{}', '', 1, '2026-01-01')"))
    # Three open attempts of one exam from parallel starts: answers saved in 1 (earlier) and 2.
    for attempt_id, saved_at in [(1, "2026-01-01 00:01:00"), (2, "2026-01-01 00:02:00"), (3, None)]:
        conn.execute(text("INSERT INTO attempt (id, user_id, exam_id, status, started_at, deadline, rules) "
                          "VALUES (:id, 1, 'level2', 'open', '2026-01-01', '2026-01-02', '{}')"), {"id": attempt_id})
        conn.execute(text("INSERT INTO attempt_item (attempt_id, position, section, question_version_id, type, "
                          "flagged, seq, saved_at) VALUES (:id, 1, 0, 1, 'ox', 0, 1, :saved)"),
                     {"id": attempt_id, "saved": saved_at})


def test_upgrade_settles_race_duplicates_and_keeps_foreign_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path / "old.sqlite")
    directory = app.extensions["migrate"].directory
    with app.app_context():
        upgrade(directory=directory, revision="0001_initial")
        with db.engine.begin() as conn:
            _fill_0001(conn)
        upgrade(directory=directory)  # rebuilding `user` must not trip over attempts that refer to it
        with db.engine.connect() as conn:
            users = conn.execute(text("SELECT id, username, username_key, session_token FROM user ORDER BY id")).all()
            attempts = conn.execute(text("SELECT id, status, finish_reason FROM attempt ORDER BY id")).all()
            items = conn.execute(text("SELECT attempt_id FROM attempt_item ORDER BY attempt_id")).scalars().all()
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        db.engine.dispose()
    assert [(u.id, u.username, u.username_key) for u in users] == [
        (1, "Race", "race"), (2, "race", "race~2"), (3, "RACE", "race~3"), (4, "김강사", "김강사")]
    assert len({u.session_token for u in users}) == 4 and all(len(u.session_token) == 32 for u in users)
    assert attempts == [(1, "finished", "duplicate"), (2, "open", None)]  # 3 had nothing saved: gone
    assert items == [1, 2]


def test_the_migrated_schema_matches_the_models_and_downgrades(tmp_path: Path) -> None:
    app = make_app(tmp_path / "fresh.sqlite")
    directory = app.extensions["migrate"].directory
    with app.app_context():
        upgrade(directory=directory)
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), db.metadata) == []
            indexes = dict(conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index'")).all())
        assert indexes["uq_attempt_open_per_exam"].endswith("WHERE status = 'open'")
        assert "UNIQUE" in indexes["ix_user_username_key"]
        downgrade(directory=directory, revision="0001_initial")
        upgrade(directory=directory)
        db.engine.dispose()
