"""Every migration goes up and down: upgrade to head, downgrade to base, upgrade again, on SQLite
and on PostgreSQL (when EXAM_PREP_TEST_POSTGRES_URL is set; CI sets it; in a schema of its own).
The schema after the second upgrade is the one the models describe."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from exam_prep import create_app
from exam_prep.extensions import db

POSTGRES = os.environ.get("EXAM_PREP_TEST_POSTGRES_URL")
SCHEMA = "migrations_both_ways"
MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"


def head_revision() -> str:
    revisions = {p.stem for p in MIGRATIONS.glob("0*.py")}
    return max(revisions)


def tables(app) -> set[str]:
    with app.app_context():
        return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def revision(app) -> str | None:
    with app.app_context(), db.engine.connect() as conn:
        if "alembic_version" not in inspect(conn).get_table_names():
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def up_down_up(url: str) -> None:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    directory = app.extensions["migrate"].directory
    model_tables = set(db.metadata.tables)
    with app.app_context():
        upgrade(directory=directory)
    assert revision(app) == head_revision()
    assert tables(app) == model_tables
    with app.app_context():
        downgrade(directory=directory, revision="base")
    assert tables(app) == set()
    assert revision(app) is None
    with app.app_context():
        upgrade(directory=directory)
    assert revision(app) == head_revision()
    assert tables(app) == model_tables
    with app.app_context():
        db.engine.dispose()


def test_migrations_up_down_up_on_sqlite(tmp_path: Path) -> None:
    up_down_up(f"sqlite:///{tmp_path / 'both_ways.sqlite'}")


@pytest.mark.skipif(not POSTGRES, reason="EXAM_PREP_TEST_POSTGRES_URL is not set (CI sets it)")
def test_migrations_up_down_up_on_postgresql() -> None:
    engine = create_engine(POSTGRES)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    try:
        up_down_up(f"{POSTGRES}{'&' if '?' in POSTGRES else '?'}options=-csearch_path%3D{SCHEMA}")
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        engine.dispose()
