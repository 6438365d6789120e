"""pandas DataFrames of the tables (needs the ``pandas`` extra).

Datetimes are ``datetime64[us, UTC]``, dates ``datetime64[us]`` (midnight), whether or not a column
has values; vocabularies are categoricals
with every allowed value as a category.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..collection import Dataset
from ._common import require
from .tables import TABLES_BY_NAME, rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_frame"]


def _pandas() -> Any:
    return require("pandas", feature="to_frame", extra="pandas")


def to_frame(ds: Dataset, table: str) -> pd.DataFrame:
    """One table (``"calls"``, ``"meetings"``, ``"participants"``, … see :data:`TABLES`) as a DataFrame."""
    lib = _pandas()
    if table not in TABLES_BY_NAME:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES_BY_NAME)}")
    spec = TABLES_BY_NAME[table]
    data = rows(ds, spec)
    columns: dict[str, Any] = {}
    for index, column in enumerate(spec.columns):
        values = [row[index] for row in data]
        if column.vocabulary is not None:
            categories = [member.value for member in column.vocabulary]
            plain = [None if v is None else column.vocabulary(v).value for v in values]
            columns[column.name] = lib.Categorical(plain, categories=categories)
        elif column.kind == "datetime":
            # one unit for every datetime column, even an all-empty one (pandas would pick seconds)
            columns[column.name] = lib.to_datetime(lib.Series(values, dtype=object), utc=True).dt.as_unit("us")
        elif column.kind == "date":
            columns[column.name] = lib.to_datetime(
                lib.Series([v and v.isoformat() for v in values], dtype=object)
            ).dt.as_unit("us")
        elif column.kind == "integer":
            columns[column.name] = lib.array(values, dtype="Int64")
        elif column.kind == "number":
            columns[column.name] = lib.array(values, dtype="Float64")
        elif column.kind == "boolean":
            columns[column.name] = lib.array(values, dtype="boolean")
        else:
            columns[column.name] = lib.array(values, dtype="string")
    frame: pd.DataFrame = lib.DataFrame(columns, columns=[c.name for c in spec.columns])
    return frame
