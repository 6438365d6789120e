"""Apache Parquet: one file per table, with the types of the Data Package (needs the ``parquet`` extra).

The tables and columns are those of the CSV export and the Data Package
(:data:`~summit_events.export.tables.TABLES`), typed as the Data Package declares them:
``string`` → UTF-8 string, ``integer`` → int64, ``number`` → float64, ``date`` → date32,
``datetime`` → timestamp in microseconds, UTC. A column with a vocabulary is dictionary-encoded
with every allowed value (pandas reads it as a categorical). Required columns are not
nullable. An all-empty column keeps its type, unlike in CSV. Each file's metadata holds the
data version, the licence and the attribution.
"""

from __future__ import annotations

from typing import Any

from ..collection import Dataset
from ._common import ATTRIBUTION, DATA_LICENSE, require
from .tables import TABLES, Column, Table, rows

__all__ = ["arrow_table", "parquet_tables"]


def _arrow() -> Any:
    require("pyarrow.parquet", feature="the parquet export", extra="parquet")
    return require("pyarrow", feature="the parquet export", extra="parquet")


def _type(pa: Any, column: Column) -> Any:
    if column.vocabulary is not None:
        return pa.dictionary(pa.int32(), pa.string())
    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "datetime": pa.timestamp("us", tz="UTC"),
    }[column.kind]


def _array(pa: Any, column: Column, values: list[Any]) -> Any:
    if column.vocabulary is None:
        return pa.array(values, type=_type(pa, column))
    allowed = [member.value for member in column.vocabulary]
    position = {value: index for index, value in enumerate(allowed)}
    indices = pa.array([None if v is None else position[column.vocabulary(v).value] for v in values], pa.int32())
    return pa.DictionaryArray.from_arrays(indices, pa.array(allowed, pa.string()))


def arrow_table(ds: Dataset, table: str | Table) -> Any:
    """One table as a ``pyarrow.Table``, typed as in the Data Package."""
    pa = _arrow()
    spec = table if isinstance(table, Table) else next((t for t in TABLES if t.name == table), None)
    if spec is None:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(t.name for t in TABLES)}")
    data = rows(ds, spec)
    schema = pa.schema(
        [pa.field(c.name, _type(pa, c), nullable=not c.required) for c in spec.columns],
        metadata={"data_version": ds.data_version, "license": DATA_LICENSE, "attribution": ATTRIBUTION,
                  "description": spec.description},
    )
    arrays = [_array(pa, column, [row[i] for row in data]) for i, column in enumerate(spec.columns)]
    return pa.Table.from_arrays(arrays, schema=schema)


def parquet_tables(ds: Dataset) -> dict[str, bytes]:
    """Every table as ``{"calls.parquet": bytes, ...}``: write them all to one folder."""
    pa = _arrow()
    files = {}
    for spec in TABLES:
        sink = pa.BufferOutputStream()
        pa.parquet.write_table(arrow_table(ds, spec), sink, compression="zstd")
        files[f"{spec.name}.parquet"] = sink.getvalue().to_pybytes()
    return files
