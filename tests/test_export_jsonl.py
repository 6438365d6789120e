"""JSON Lines: every line parses, and DuckDB reads back the right number of rows per type."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import duckdb

import summit_events as se
from summit_events.export.jsonl import jsonl


def test_every_line_is_one_json_object_with_a_type(ds: se.Dataset) -> None:
    lines = jsonl(ds).splitlines()
    records = [json.loads(line) for line in lines]
    assert records[0] == {**records[0], "type": "dataset", "data_version": ds.data_version}
    assert all(isinstance(r, dict) and "type" in r for r in records)


def test_duckdb_reads_back_the_row_counts(ds: se.Dataset, tmp_path: Path) -> None:
    path = tmp_path / "summit.jsonl"
    path.write_text(jsonl(ds), encoding="utf-8")
    found = dict(
        duckdb.sql(
            f"select type, count(*) from read_json('{path}', format='newline_delimited') group by type"
        ).fetchall()
    )
    expected = {
        "dataset": 1, "person": len(ds.people), "source": len(ds.sources), "call": len(ds.calls),
        "meeting": len(ds.meetings), "occurrence": len(ds.occurrences), "reaction": len(ds.reactions),
        "series": len(ds.series), "document": len(ds.documents),
    }
    assert found == {kind: n for kind, n in expected.items() if n}


def test_records_read_back_equal_the_originals(ds: se.Dataset) -> None:
    lines = [json.loads(line) for line in jsonl(ds).splitlines()[1:]]
    calls = [{k: v for k, v in r.items() if k != "type"} for r in lines if r["type"] == "call"]
    rebuilt = {se.from_dict({"schema_version": 1, **c}, se.Call) for c in calls}
    assert rebuilt == set(ds.calls)
    assert Counter(r["kind"] for r in lines if r["type"] == "reaction") == Counter(r.kind for r in ds.reactions)
