"""Running the hot path's prebuilt write statements straight on the database driver.

A submission writes six short rows.  Through ``Connection.execute`` each cost SQLAlchemy more
than the database (parameter processing, compiled-cache lookup, result set-up, about 20 µs
each; measured with benchmarks/profile_submit.py).  Here each statement is compiled once per
dialect and set of parameter names, and later runs are a cursor ``execute`` on the session's
own DBAPI connection, so they stay in the request's transaction.  Values still go through
each column type's bind processor (JSON, dates, :class:`UtcDateTime`), so rows are stored
exactly as SQLAlchemy would store them, and driver errors are raised as SQLAlchemy's
(``IntegrityError`` and so on), as callers expect.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase


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
    processors: dict[str, Callable[[Any], Any] | None]
    #: Values written into the statement itself (``status = 'draft'``, ``last_value = 1``).
    fixed: dict[str, Any]

    def bind(self, parameters: Mapping[str, Any]) -> Any:
        values = []
        for name in self.names:
            value = parameters[name] if name in parameters else self.fixed[name]
            processor = self.processors[name]
            values.append(value if processor is None else processor(value))
        return tuple(values) if self.positional else dict(zip(self.names, values, strict=True))


_compiled: dict[tuple[UpdateBase, str, tuple[str, ...]], _Compiled] = {}


def _compile(statement: UpdateBase, dialect: Dialect, keys: tuple[str, ...]) -> _Compiled:
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
    return _Compiled(
        sql=compiled.string, names=names, positional=positional,
        returning=bool(compiled.effective_returning),
        processors={n: binds[n].type.dialect_impl(dialect).bind_processor(dialect)
                    for n in names},
        fixed={n: binds[n].effective_value for n in names if n not in keys},
    )


def write(session: Session, statement: UpdateBase, parameters: Mapping[str, Any]) -> Written:
    """Run an INSERT/UPDATE (optionally RETURNING one column) in the session's transaction."""
    connection = session.connection()
    dialect = connection.dialect
    key = (statement, dialect.name, tuple(parameters))
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = _compile(statement, dialect, key[2])
    values = compiled.bind(parameters)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(compiled.sql, values)
        row = cursor.fetchone() if compiled.returning else None
        return Written(cursor.rowcount, row[0] if row else None)
    except dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(compiled.sql, values, error, dialect.loaded_dbapi.Error,
                                  hide_parameters=True, dialect=dialect) from error
    finally:
        cursor.close()
