"""What a table schema is: its columns, each with a type and a meaning (the tables are in :mod:`.tables`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import AnalysisError

__all__ = ["TYPES", "SchemaError", "Column", "TableSchema", "table_schema"]


#: The column types: how each is checked, and the dtype of an empty column.
TYPES = {
    "str": "object",
    "int": "int64",
    "float": "float64",
    "bool": "bool",
    "date": "datetime64[s]",
    "list": "object",
    "any": "object",
}


class SchemaError(AnalysisError):
    """A table does not have the columns or types its schema declares."""


@dataclass(frozen=True)
class Column:
    """One column: its name, type (a key of :data:`TYPES`) and meaning."""

    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class TableSchema:
    """A table: one row is ``row``; its ``columns`` in order; ``more`` says what further columns mean, if any."""

    name: str
    row: str
    columns: tuple[Column, ...]
    more: str = ""
    more_type: str = ""

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The column of that name."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


def table_schema(name: str, row: str, *specs: tuple[str, str, str], more: str = "", more_type: str = "") -> TableSchema:
    return TableSchema(name, row, tuple(Column(*spec) for spec in specs), more, more_type)
