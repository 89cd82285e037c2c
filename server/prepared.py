"""Running the hot paths' prebuilt statements straight on the database driver.

A submission reads two rows and writes six.  Through ``Connection.execute`` each statement
cost SQLAlchemy more than the database (parameter processing, compiled-cache lookup, result
set-up: 20 to 60 µs each; measured with benchmarks/profile_submit.py).  Here a statement is
compiled once per dialect and set of parameter names, and later runs are a cursor
``execute`` on the DBAPI connection of the session or connection given, so they stay in its
transaction.

Values still go through each column type's bind and result processors (JSON, dates,
:class:`~server.identity.models.UtcDateTime`), so rows are stored and read back exactly as
SQLAlchemy would, and driver errors are raised as SQLAlchemy's (``IntegrityError`` and so
on), as callers expect.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.dml import UpdateBase

Processor = Callable[[Any], Any] | None


class Written(NamedTuple):
    rowcount: int
    #: The first column of the first RETURNING row (None without RETURNING).
    returned: Any


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    positional: bool
    returning: bool
    processors: dict[str, Processor]
    #: Values written into the statement itself (``status = 'draft'``, ``last_value = 1``).
    fixed: dict[str, Any]
    #: For a SELECT: the selected columns' keys and result processors, in order.
    columns: tuple[str, ...] = ()
    column_processors: tuple[Processor, ...] = ()

    def bind(self, parameters: Mapping[str, Any]) -> Any:
        values = []
        for name in self.names:
            value = parameters[name] if name in parameters else self.fixed[name]
            processor = self.processors[name]
            values.append(value if processor is None else processor(value))
        return tuple(values) if self.positional else dict(zip(self.names, values, strict=True))

    def row(self, values: tuple[Any, ...]) -> dict[str, Any]:
        return {name: value if processor is None or value is None else processor(value)
                for name, processor, value in zip(self.columns, self.column_processors, values,
                                                  strict=True)}


_compiled: dict[tuple[Any, str, tuple[str, ...]], _Compiled] = {}


def _compile(statement: UpdateBase | Select[Any], dialect: Dialect, keys: tuple[str, ...]
             ) -> _Compiled:
    compiled: Any = statement.compile(dialect=dialect, column_keys=list(keys))
    if compiled.insert_prefetch or compiled.update_prefetch:
        # Python-side column defaults are computed by SQLAlchemy's execution: give the values.
        raise ValueError(f"give every column a value (defaults are not run): {compiled}")
    positional = bool(compiled.positional)
    names = tuple(compiled.positiontup) if positional else tuple(compiled.binds)
    binds = compiled.binds
    missing = [n for n in names if n not in keys and binds[n].required]
    if missing:
        raise KeyError(f"no value for {missing} in {compiled}")
    selected = list(statement.selected_columns) if isinstance(statement, Select) else []
    return _Compiled(
        sql=compiled.string, names=names, positional=positional,
        returning=bool(compiled.effective_returning),
        processors={n: binds[n].type.dialect_impl(dialect).bind_processor(dialect)
                    for n in names},
        fixed={n: binds[n].effective_value for n in names if n not in keys},
        columns=tuple(str(column.key) for column in selected),
        column_processors=tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in selected),
    )


_HELD_CONNECTION = "xizmat_prepared_connection"


#: Where a statement runs: a Session's transaction, or a connection used without a Session
#: (:func:`server.db.get_connection`, the submission's path).
Database = Session | Connection


def engine_of(database: Database) -> Engine:
    """The engine behind a session (whatever it is bound to) or a connection."""
    bind = database if isinstance(database, Connection) else database.get_bind()
    return bind.engine


def _connection(database: Database) -> Connection:
    """The connection itself, or the session's, asked of the session once per transaction.

    ``Session.connection()`` walks SQLAlchemy's transaction state machine on every call (some
    7 µs); a submission runs eight statements in one transaction.  The connection is kept with
    the transaction it belongs to, so after a commit or rollback the session is asked again.
    """
    if isinstance(database, Connection):
        return database
    transaction = database.get_transaction()
    held = database.info.get(_HELD_CONNECTION)
    if held is not None and transaction is not None and held[0] is transaction:
        connection: Connection = held[1]
        return connection
    connection = database.connection()
    database.info[_HELD_CONNECTION] = (database.get_transaction(), connection)
    return connection


def _run(database: Database, statement: UpdateBase | Select[Any],
         parameters: Mapping[str, Any], fetch: Callable[[Any, _Compiled], Any]) -> Any:
    connection = _connection(database)
    dialect = connection.dialect
    key = (statement, dialect.name, tuple(parameters))
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = _compile(statement, dialect, key[2])
    values = compiled.bind(parameters)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(compiled.sql, values)
        return fetch(cursor, compiled)
    except dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(compiled.sql, values, error, dialect.loaded_dbapi.Error,
                                  hide_parameters=True, dialect=dialect) from error
    finally:
        cursor.close()


def _written(cursor: Any, compiled: _Compiled) -> Written:
    row = cursor.fetchone() if compiled.returning else None
    return Written(cursor.rowcount, row[0] if row else None)


def _first_row(cursor: Any, compiled: _Compiled) -> dict[str, Any] | None:
    row = cursor.fetchone()
    return None if row is None else compiled.row(row)


def write(database: Database, statement: UpdateBase, parameters: Mapping[str, Any]
          ) -> Written:
    """Run an INSERT/UPDATE (optionally RETURNING one column) in the current transaction."""
    written: Written = _run(database, statement, parameters, _written)
    return written


def read_first(database: Database, statement: Select[Any], parameters: Mapping[str, Any]
               ) -> dict[str, Any] | None:
    """The first row of a SELECT as ``{column key: value}``, or None when there is none."""
    row: dict[str, Any] | None = _run(database, statement, parameters, _first_row)
    return row
