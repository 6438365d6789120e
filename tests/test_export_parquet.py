"""Parquet: the tables and types of the Data Package, read by DuckDB and pandas."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import summit_events as se
from summit_events.cli import main
from summit_events.export import FORMATS
from summit_events.export.tables import TABLES

pa = pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")

DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE",
                "datetime": "TIMESTAMP WITH TIME ZONE"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("parquet")
    assert main(["export", "--format", "parquet", "-o", str(target)], io.StringIO()) == 0
    return target


def test_one_file_per_table_with_the_data_package_types(folder: Path, ds: se.Dataset) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t.name}.parquet" for t in TABLES)
    for table in TABLES:
        described = duckdb.sql(f"DESCRIBE SELECT * FROM '{folder / table.filename.replace('.csv', '.parquet')}'")
        columns = {row[0]: row[1] for row in described.fetchall()}
        assert list(columns) == [c.name for c in table.columns], table.name
        for column in table.columns:
            assert columns[column.name] == DUCKDB_TYPES[column.kind], (table.name, column.name)


def test_empty_columns_keep_their_type(folder: Path) -> None:
    # `end` has no value in the packaged calls: CSV readers guess float64 or VARCHAR for it
    frame = pd.read_parquet(folder / "calls.parquet")
    assert frame["end"].isna().all()
    assert str(frame["start"].dtype) == str(frame["end"].dtype) == "datetime64[us, UTC]"
    assert isinstance(frame["status"].dtype, pd.CategoricalDtype)
    assert list(frame["status"].cat.categories) == [s.value for s in se.EventStatus]


def test_duckdb_joins_and_counts(folder: Path, ds: se.Dataset) -> None:
    count = duckdb.sql(f"SELECT count(*) FROM '{folder / 'reactions.parquet'}'").fetchall()[0]
    assert count == (len(ds.reactions),)
    pairs = duckdb.sql(
        f"SELECT c.id, p.name FROM '{folder / 'calls.parquet'}' c "
        f"JOIN '{folder / 'participants.parquet'}' x ON x.event_id = c.id "
        f"JOIN '{folder / 'people.parquet'}' p ON p.id = x.person_id"
    ).fetchall()
    assert ("2025-02-12-trump-putin-call", "Vladimir Putin") in pairs


def test_values_match_the_records(rich_ds: se.Dataset, tmp_path: Path) -> None:
    for name, data in FORMATS["parquet"](rich_ds).items():
        (tmp_path / name).write_bytes(data)  # type: ignore[arg-type]
    calls = pd.read_parquet(tmp_path / "calls.parquet").set_index("id")
    call = rich_ds.event("2025-03-18-trump-putin-call")
    assert call.timing is not None and call.timing.start is not None
    assert calls.loc[call.id, "start"] == pd.Timestamp(call.timing.start)
    meetings = pd.read_parquet(tmp_path / "meetings.parquet").set_index("id")
    assert meetings.loc["2025-08-15-alaska-summit", "latitude"] == 61.25
    table = pa.parquet.read_table(tmp_path / "durations.parquet")
    assert table.schema.field("minutes").type == pa.int64() and not table.schema.field("minutes").nullable
    assert table.schema.metadata[b"data_version"] == rich_ds.data_version.encode()


def test_to_frame_uses_one_unit_for_every_datetime(ds: se.Dataset) -> None:
    from summit_events.export import to_frame

    calls = to_frame(ds, "calls")
    assert str(calls["start"].dtype) == str(calls["end"].dtype) == "datetime64[us, UTC]"
    assert str(calls["date"].dtype) == "datetime64[us]"


def test_parquet_to_stdout_needs_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "parquet"], io.StringIO()) == 2
    assert "give -o DIR" in capsys.readouterr().err
