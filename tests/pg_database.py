"""The test database on PostgreSQL (EXAM_PREP_TEST_DATABASE=postgres), for tests/conftest.py.

The schema is built once per test session from the migrations, in a PostgreSQL schema of the
session's own (``ept_<pid>``, on EXAM_PREP_TEST_POSTGRES_URL's database, through the connection's
search_path), so that two sessions, or the tests that empty ``public`` (test_postgres.py), never
meet. The fixture bank is loaded and a copy of every table's rows is kept in ``ept_<pid>_template``.
Each test then starts from that state: one TRUNCATE of every table and an INSERT ... SELECT from
the copy (tens of milliseconds; a CREATE DATABASE from a template and its DROP take over a second
each here). Apps a test makes on its db_path share that schema; an app on another (new) file
path gets an empty schema of its own for the test, as a new SQLite file would be; an app on a
copy of the template file gets a schema of its own built like the template, kept for the session
(a module's site shares it across tests). The schemas are dropped when the session ends (and
those of sessions no longer running, when one starts).
"""
from __future__ import annotations

import atexit
import os
import re

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

SCHEMA = f"ept_{os.getpid()}"
TEMPLATE = f"{SCHEMA}_template"
_SESSION_SCHEMA = re.compile(r"^ept_(\d+)(_template|_fresh\d+|_copy\d+)?$")


def selected() -> bool:
    return os.environ.get("EXAM_PREP_TEST_DATABASE", "sqlite").strip().lower() in {"postgres", "postgresql", "pg"}


def server_url() -> str:
    value = os.environ.get("EXAM_PREP_TEST_POSTGRES_URL")
    if not value:
        raise RuntimeError("EXAM_PREP_TEST_DATABASE=postgres needs EXAM_PREP_TEST_POSTGRES_URL "
                           "(e.g. postgresql+psycopg://exam_prep:exam_prep@127.0.0.1/exam_prep_test)")
    return value


def url(schema: str = SCHEMA) -> str:
    """The database URL of one schema of this session (first on the connection's search_path)."""
    base = server_url()
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Reset:
    """Puts the session's schema back to its template state."""

    def __init__(self) -> None:
        # No pool: a connection is opened per reset and closed after it, so that nothing is left
        # open for a forked worker process (tests fork some) to inherit.
        self.engine: Engine = create_engine(server_url(), poolclass=NullPool)
        self.statements: list[str] = []
        self.copies: list[str] = []

    def empty_schema(self) -> None:
        with self.engine.begin() as conn:
            for (name,) in conn.execute(text("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ept\\_%'")):
                match = _SESSION_SCHEMA.match(name)
                if match and (name in (SCHEMA, TEMPLATE) or not _running(int(match.group(1)))):
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
        atexit.register(self.drop)

    def _new_schema(self, name: str) -> str:
        with self.engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        return name

    def fresh(self, number: int) -> str:
        """An empty schema of its own, for an app a test builds on a new database file."""
        return self._new_schema(f"{SCHEMA}_fresh{number}")

    def copy(self, number: int) -> str:
        """An empty schema of its own for a copy of the template (kept until the session ends);
        the caller builds it."""
        self.copies.append(self._new_schema(f"{SCHEMA}_copy{number}"))
        return self.copies[-1]

    def drop_fresh(self, names: list[str]) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '20s'"))
            for name in names:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))

    def drop(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{TEMPLATE}" CASCADE'))
            for name in self.copies:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        self.engine.dispose()

    def snapshot(self) -> None:
        """Copy every table's rows (after the migrations and the fixture bank) into the template
        schema, and prepare the statements that bring them back."""
        with self.engine.begin() as conn:
            inspector = inspect(conn)
            ordered = [name for name, _fks in inspector.get_sorted_table_and_fkc_names(schema=SCHEMA) if name]
            tables = [t for t in ordered if t != "alembic_version"]
            conn.execute(text(f'CREATE SCHEMA "{TEMPLATE}"'))
            filled = []
            for table in tables:
                conn.execute(text(f'CREATE TABLE "{TEMPLATE}"."{table}" AS SELECT * FROM "{SCHEMA}"."{table}"'))
                if conn.execute(text(f'SELECT EXISTS (SELECT 1 FROM "{SCHEMA}"."{table}")')).scalar():
                    filled.append(table)
            serials = [(t, c["name"]) for t in filled for c in inspector.get_columns(t, schema=SCHEMA)
                       if conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                       {"t": f'"{SCHEMA}"."{t}"', "c": c["name"]}).scalar()]
        quoted = ", ".join(f'"{SCHEMA}"."{t}"' for t in tables)
        self.statements = [f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"]
        self.statements += [f'INSERT INTO "{SCHEMA}"."{t}" SELECT * FROM "{TEMPLATE}"."{t}"' for t in filled]
        self.statements += [
            f"SELECT setval(pg_get_serial_sequence('\"{SCHEMA}\".\"{t}\"', '{c}'), "
            f'COALESCE((SELECT MAX("{c}") FROM "{SCHEMA}"."{t}"), 0) + 1, false)'
            for t, c in serials]

    def __call__(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '20s'"))  # a leaked open transaction fails loudly
            for statement in self.statements:
                conn.execute(text(statement))
