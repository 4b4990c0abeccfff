"""Every table that crosses a stage boundary, declared once: its columns, their types and meaning.

The declarations are in :mod:`analysis.schema.tables`; :mod:`analysis.schema.model` says what a
schema is; this module names, builds and checks tables by their schema.

The stages talk through pandas tables; this module is their contract. Each
:class:`TableSchema` names its columns in order, with a type (:data:`TYPES`) and what the
column means, so that a stage builds and reads rows by name and the store
(:mod:`analysis.pipeline.store`) checks a table when it writes and reads it: a stored analysis
of an older version fails with one line naming the table and the column, not with a
``KeyError`` deep in a report.

Offsets (``start``, ``end``) are character offsets into ``documents.text``, half-open.

Examples
--------
>>> columns("sentences")
['doc_id', 'sent_id', 'paragraph', 'start', 'end', 'text']
>>> TABLES["attributions"].column("cue").meaning
'the reporting verb or phrase ("said", "according to")'
>>> import pandas as pd
>>> check(pd.DataFrame({"doc_id": ["d"], "sent_id": [0]}), "sentences")
Traceback (most recent call last):
...
analysis.schema.model.SchemaError: table 'sentences': column 'paragraph' is missing
"""

from __future__ import annotations

from collections import namedtuple
from functools import cache

import pandas as pd

from .model import TYPES, Column, SchemaError, TableSchema
from .tables import TABLES

__all__ = ["TYPES", "Column", "TableSchema", "SchemaError", "TABLES", "columns", "empty", "check", "row_type"]


def _schema(table: str | TableSchema) -> TableSchema:
    if isinstance(table, TableSchema):
        return table
    try:
        return TABLES[table]
    except KeyError:
        raise SchemaError(f"no table {table!r} (known: {', '.join(TABLES)})") from None


def columns(table: str | TableSchema) -> list[str]:
    """The column names of a table, in order.

    Examples
    --------
    >>> columns("stats")
    ['doc_id', 'paragraphs', 'sentences', 'words', 'characters']
    """
    return _schema(table).names


@cache
def row_type(table: str) -> type:
    """A named tuple of a table's columns: rows built by a stage in column order, read by name.

    Examples
    --------
    >>> Stats = row_type("stats")
    >>> Stats("d", 3, 9, 120, 700).words
    120
    """
    return namedtuple(f"{_schema(table).name.title().replace('_', '')}Row", columns(table))  # type: ignore[misc]


def empty(table: str | TableSchema) -> pd.DataFrame:
    """An empty table with the columns and types of its schema.

    Examples
    --------
    >>> empty("stats").dtypes.astype(str).tolist()
    ['object', 'int64', 'int64', 'int64', 'int64']
    """
    schema = _schema(table)
    return pd.DataFrame({c.name: pd.Series(dtype=TYPES[c.type]) for c in schema.columns})


def _fits(series: pd.Series, kind: str) -> bool:
    dtype = series.dtype
    is_object = pd.api.types.is_object_dtype(dtype)
    if kind in ("any", "list") or (series.empty and is_object):
        return True
    if kind == "str":
        return pd.api.types.is_string_dtype(dtype) or is_object
    if kind == "int":
        return pd.api.types.is_integer_dtype(dtype)
    if kind == "float":
        return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
    if kind == "bool":
        return pd.api.types.is_bool_dtype(dtype)
    if kind == "date":
        return pd.api.types.is_datetime64_any_dtype(dtype) or (is_object and series.isna().all())
    raise SchemaError(f"unknown column type {kind!r}")


def check(frame: pd.DataFrame, table: str | TableSchema, *, where: object = None) -> pd.DataFrame:
    """Check that a table has its schema's columns, of its types; return it unchanged.

    Columns beyond the schema are allowed where the schema says what they are (``more``), and
    then checked against its ``more_type``.

    Raises
    ------
    SchemaError
        One line naming ``where`` (a file, when given), the table and the first column missing
        or of the wrong type.

    Examples
    --------
    >>> check(empty("stats"), "stats").columns.tolist()[:2]
    ['doc_id', 'paragraphs']
    """
    schema = _schema(table)
    prefix = f"{where}: " if where is not None else ""
    for column in schema.columns:
        if column.name not in frame.columns:
            raise SchemaError(f"{prefix}table {schema.name!r}: column {column.name!r} is missing")
        if not _fits(frame[column.name], column.type):
            raise SchemaError(
                f"{prefix}table {schema.name!r}: column {column.name!r} is {frame[column.name].dtype}, "
                f"not {column.type}"
            )
    if schema.more_type and schema.more_type != "any":
        for name in frame.columns.difference(schema.names, sort=False):
            if not _fits(frame[name], schema.more_type):
                raise SchemaError(
                    f"{prefix}table {schema.name!r}: column {name!r} is {frame[name].dtype}, not {schema.more_type}"
                )
    return frame
