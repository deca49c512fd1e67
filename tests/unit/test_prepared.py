"""exam_prep.prepared: statements SQLAlchemy compiled, run on a DBAPI cursor, write and read what
SQLAlchemy itself writes and reads (on SQLite, and on PostgreSQL when the suite runs there)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import MultipleResultsFound, NoResultFound

from exam_prep import prepared
from tests import pg_database

METADATA = MetaData()
THINGS = Table("prepared_things", METADATA, Column("id", Integer, primary_key=True), Column("doc", JSON),
               Column("at", DateTime), Column("flag", Boolean), Column("name", String(40)), prefixes=["TEMPORARY"])
WRITE = insert(THINGS).values(id=bindparam("id"), doc=bindparam("doc", type_=JSON), at=bindparam("at", type_=DateTime),
                              flag=bindparam("flag", type_=Boolean), name=bindparam("name"))
READ = select(THINGS.c.doc, THINGS.c.at, THINGS.c.flag, THINGS.c.name).where(THINGS.c.id == bindparam("id"))
BY_NAME = select(THINGS.c.id).where(THINGS.c.name == bindparam("name"))
# A parameter used twice and a literal one (bound by SQLAlchemy itself): positional styles list them in order.
RENAME = (update(THINGS).where(THINGS.c.id == bindparam("id"), THINGS.c.id < bindparam("id") + 1,
                               THINGS.c.flag.is_(True), THINGS.c.name != "never")
          .values(name=bindparam("new_name")))
AT = datetime(2026, 12, 3, 10, 0, 5, 123456)

# PostgreSQL whenever the suite has one (CI does), in a temporary table of the test's connection.
URLS = ["sqlite://"] + ([pg_database.server_url()] if os.environ.get("EXAM_PREP_TEST_POSTGRES_URL") else [])


@pytest.fixture(params=URLS, ids=lambda url: url.split(":")[0].split("+")[0])
def connection(request: pytest.FixtureRequest) -> Iterator[Connection]:
    engine = create_engine(request.param)
    with engine.connect() as conn:
        METADATA.create_all(conn)
        yield conn
        conn.rollback()
    engine.dispose()


def cursor_of(connection: Connection):
    return connection.connection.dbapi_connection.cursor()


def test_what_it_writes_sqlalchemy_reads_and_the_other_way(connection: Connection) -> None:
    dialect = connection.dialect
    row = {"doc": {"boxes": [[1, 2.5, "가"]], "none": None}, "at": AT, "flag": True, "name": "첫째"}
    prepared.prepared(WRITE, dialect).execute(cursor_of(connection), {"id": 1, **row})
    assert connection.execute(READ, {"id": 1}).one()._asdict() == row

    other = {"doc": [3, 1, 2], "at": AT.replace(microsecond=0), "flag": False, "name": "둘째"}
    connection.execute(WRITE, {"id": 2, **other})
    read = prepared.prepared(READ, dialect).one_or_none(cursor_of(connection), {"id": 2})
    assert read._asdict() == other
    assert (read.flag, read.name) == (False, "둘째")


def test_one_row_none_or_too_many(connection: Connection) -> None:
    for key in (1, 2):
        connection.execute(WRITE, {"id": key, "doc": None, "at": AT, "flag": True, "name": "같은 이름"})
    cursor = cursor_of(connection)
    by_name = prepared.prepared(BY_NAME, connection.dialect)
    assert by_name.one_or_none(cursor, {"name": "없는 이름"}) is None
    with pytest.raises(NoResultFound):
        by_name.one(cursor, {"name": "없는 이름"})
    with pytest.raises(MultipleResultsFound):
        by_name.one_or_none(cursor, {"name": "같은 이름"})
    assert prepared.prepared(READ, connection.dialect).one(cursor, {"id": 1}).doc is None


def test_a_parameter_used_twice_and_a_literal_one(connection: Connection) -> None:
    connection.execute(WRITE, {"id": 7, "doc": None, "at": AT, "flag": True, "name": "전"})
    rename = prepared.prepared(RENAME, connection.dialect)
    assert rename.execute(cursor_of(connection), {"id": 7, "new_name": "후"}).rowcount == 1
    assert rename.execute(cursor_of(connection), {"id": 8, "new_name": "후"}).rowcount == 0
    assert connection.execute(select(THINGS.c.name).where(THINGS.c.id == 7)).scalar_one() == "후"


def test_a_statement_is_compiled_once_per_dialect(connection: Connection) -> None:
    assert prepared.prepared(READ, connection.dialect) is prepared.prepared(READ, connection.dialect)
    other = create_engine("sqlite://").dialect
    assert prepared.prepared(READ, other) is not prepared.prepared(READ, connection.dialect)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8).filter(lambda k: "\x00" not in k),
                                                                inner, max_size=4),
    max_leaves=12)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=JSON_VALUES)
def test_any_json_document_reads_back_as_sqlalchemy_reads_it(connection: Connection, doc: object) -> None:
    cursor = cursor_of(connection)
    connection.execute(THINGS.delete())
    prepared.prepared(WRITE, connection.dialect).execute(cursor, {"id": 1, "doc": doc, "at": AT, "flag": True,
                                                                  "name": "x"})
    ours = prepared.prepared(READ, connection.dialect).one(cursor, {"id": 1}).doc
    assert ours == connection.execute(READ, {"id": 1}).one().doc
