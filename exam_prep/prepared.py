"""Statements run straight on a DBAPI cursor: built and compiled by SQLAlchemy, once per dialect.

The answer save is the request the site serves most, and SQLAlchemy's work around each of its
two statements (the cache key, the execution context, result and transaction objects) took
longer than the database took to run them: about 100 us of a 400 us save, against 35 us for
the statements themselves. A Prepared statement keeps what SQLAlchemy compiled (the SQL in the
dialect's own parameter style, with PostgreSQL's casts) and the conversions each parameter's
and column's type makes for the dialect (JSON, DATETIME and BOOLEAN on SQLite; JSON on
PostgreSQL), so what is written and read is what SQLAlchemy writes and reads; only the
machinery around each call is left out. Use it where that machinery shows in a profile, and
nowhere else: the ORM and Core stay the way to query everywhere.
"""
from __future__ import annotations

import weakref
from collections import namedtuple
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import MultipleResultsFound, NoResultFound
from sqlalchemy.sql.expression import Executable

_by_dialect: weakref.WeakKeyDictionary[Dialect, dict[Executable, Prepared]] = weakref.WeakKeyDictionary()


def prepared(statement: Executable, dialect: Dialect) -> Prepared:
    """``statement`` compiled for ``dialect``, made once and kept while the dialect lives."""
    kept = _by_dialect.setdefault(dialect, {})
    found = kept.get(statement)
    if found is None:
        found = kept[statement] = Prepared(statement, dialect)
    return found


class Prepared:
    def __init__(self, statement: Executable, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        if compiled.escaped_bind_names:
            raise ValueError(f"parameter names that need escaping: {sorted(compiled.escaped_bind_names)}")
        self._compiled = compiled
        self._dialect = dialect
        self.sql = compiled.string
        self._order = tuple(compiled.positiontup) if compiled.positional else None
        self._to_database = tuple((name, convert) for name, bind in compiled.binds.items()
                                  if (convert := bind.type.dialect_impl(dialect).bind_processor(dialect)))
        columns = list(getattr(statement, "selected_columns", ()))
        self._types = [column.type.dialect_impl(dialect) for column in columns]
        self._row = namedtuple("Row", [column.key for column in columns]) if columns else None  # type: ignore[misc]
        self._from_database: list[Any] | None = None  # per column, from the first result's description

    def execute(self, cursor: Any, params: dict[str, Any]) -> Any:
        """Run the statement on ``cursor`` with ``params`` (by parameter name); the cursor."""
        values = self._compiled.construct_params(params)
        for name, convert in self._to_database:
            values[name] = convert(values[name])
        cursor.execute(self.sql, [values[name] for name in self._order] if self._order is not None else values)
        return cursor

    def one_or_none(self, cursor: Any, params: dict[str, Any]) -> Any:
        """The one row the statement selects (its columns by name), or None."""
        rows = self.execute(cursor, params).fetchmany(2)
        if len(rows) > 1:
            raise MultipleResultsFound("more than one row where one or none was expected")
        return self._make_row(rows[0], cursor.description) if rows else None

    def one(self, cursor: Any, params: dict[str, Any]) -> Any:
        row = self.one_or_none(cursor, params)
        if row is None:
            raise NoResultFound("no row where one was expected")
        return row

    def _make_row(self, values: Any, description: Any) -> Any:
        convert = self._from_database
        if convert is None:
            convert = self._from_database = [kind.result_processor(self._dialect, column[1])
                                             for kind, column in zip(self._types, description, strict=True)]
        return self._row._make(value if to is None else to(value) for to, value in zip(convert, values, strict=True))
