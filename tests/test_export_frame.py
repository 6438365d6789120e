"""pandas DataFrames: tz-aware datetimes, categoricals for vocabularies."""

from __future__ import annotations

import pandas as pd
import pytest

import summit_events as se
from summit_events.export import to_frame


def test_calls_frame_has_typed_columns(rich_ds: se.Dataset) -> None:
    calls = to_frame(rich_ds, "calls")
    assert len(calls) == len(rich_ds.calls)
    assert isinstance(calls["start"].dtype, pd.DatetimeTZDtype) and str(calls["start"].dt.tz) == "UTC"
    assert isinstance(calls["status"].dtype, pd.CategoricalDtype)
    assert list(calls["status"].cat.categories) == [s.value for s in se.EventStatus]
    row = calls.set_index("id").loc["2025-03-18-trump-putin-call"]
    assert row["start"] == pd.Timestamp("2025-03-18T14:00:00Z")


def test_frames_join_on_ids(ds: se.Dataset) -> None:
    joined = to_frame(ds, "participants").merge(to_frame(ds, "people"), left_on="person_id", right_on="id")
    assert len(joined) == sum(len(e.participants) for e in ds.events())


def test_unknown_table_is_refused(ds: se.Dataset) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        to_frame(ds, "nope")
