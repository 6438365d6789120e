"""CSV tables: the csv module and pandas read them back, and the id columns join."""

from __future__ import annotations

import csv
import io

import pandas as pd

import summit_events as se
from summit_events.export.tables import TABLES, csv_tables


def test_every_table_has_its_header_and_one_row_per_record(ds: se.Dataset) -> None:
    tables = csv_tables(ds)
    assert set(tables) == {t.filename for t in TABLES}
    for table in TABLES:
        rows = list(csv.reader(io.StringIO(tables[table.filename], newline="")))
        assert rows[0] == [c.name for c in table.columns]
        assert all(len(row) == len(table.columns) for row in rows)
    counts = {name: len(pd.read_csv(io.StringIO(text))) for name, text in tables.items()}
    assert counts["calls.csv"] == len(ds.calls)
    assert counts["meetings.csv"] == len(ds.meetings)
    assert counts["people.csv"] == len(ds.people)
    assert counts["reactions.csv"] == len(ds.reactions)
    assert counts["sources.csv"] == len(ds.sources)
    assert counts["participants.csv"] == sum(len(e.participants) for e in ds.events())
    assert counts["event_sources.csv"] == sum(len(e.sources) for e in ds.events())


def _frame(tables: dict[str, str], name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(tables[name]), dtype=str, keep_default_na=False)


def test_id_columns_join(ds: se.Dataset) -> None:
    tables = csv_tables(ds)
    for table in TABLES:
        frame = _frame(tables, table.filename)
        for column, target, target_column in table.foreign_keys:
            keys = set(_frame(tables, f"{target}.csv")[target_column])
            used = set(frame[column]) - {""}
            assert used <= keys, (table.name, column, used - keys)
    joined = _frame(tables, "participants.csv").merge(
        _frame(tables, "people.csv"), left_on="person_id", right_on="id"
    ).merge(_frame(tables, "calls.csv"), left_on="event_id", right_on="id", suffixes=("", "_call"))
    pairs = {(row.event_id, row.name) for row in joined.itertuples()}
    assert ("2025-02-12-trump-putin-call", "Vladimir Putin") in pairs


def test_values_round_trip_through_csv(rich_ds: se.Dataset) -> None:
    calls = _frame(csv_tables(rich_ds), "calls.csv").set_index("id")
    call = rich_ds.event("2025-03-18-trump-putin-call")
    assert call.timing is not None and call.timing.start is not None
    assert pd.Timestamp(calls.loc[call.id, "start"]) == pd.Timestamp(call.timing.start)
    assert calls.loc[call.id, "status"] == "held"
