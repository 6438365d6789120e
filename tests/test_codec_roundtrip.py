"""JSON round trips: every model object survives to_json/from_json unchanged."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import datasets, places, timings

import summit_events as se


@given(datasets())
def test_generated_dataset_round_trips_through_json(ds: se.Dataset) -> None:
    assert se.from_json(se.to_json(ds), se.Dataset) == ds


@given(datasets())
def test_every_record_round_trips_on_its_own(ds: se.Dataset) -> None:
    records = [*ds.people, *ds.sources, *ds.calls, *ds.meetings, *ds.occurrences, *ds.reactions]
    for record in records:
        assert se.from_json(se.to_json(record), type(record)) == record
        assert se.from_dict(se.to_dict(record), type(record)) == record


@given(st.one_of(timings(), places))
def test_nested_values_round_trip(value: se.Timing | se.Place) -> None:
    assert se.from_json(se.to_json(value), type(value)) == value


@pytest.mark.parametrize("fold", [0, 1])
def test_a_time_in_the_repeated_hour_equals_itself_read_back(fold: int) -> None:
    # 01:30 on 3 November 2024 happened twice in New York (EDT, then EST)
    wall = dt.datetime(2024, 11, 3, 1, 30, fold=fold, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    timing = se.Timing(date=wall.date(), zone="America/New_York", start=wall)
    assert timing.start == wall.astimezone(dt.timezone.utc)  # the same instant
    assert timing.start is not None and timing.start.replace(tzinfo=None) == wall.replace(tzinfo=None)
    assert timing.start.utcoffset() == dt.timedelta(hours=-4 - fold)
    back = se.from_json(se.to_json(timing), se.Timing)
    assert back == timing and hash(back) == hash(timing)


@given(datasets())
def test_output_is_canonical(ds: se.Dataset) -> None:
    text = se.to_json(ds)
    assert text.endswith("\n")
    assert se.to_json(se.from_json(text, se.Dataset)) == text
    assert json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text


@given(datasets())
def test_reaction_json_is_tagged_with_its_kind(ds: se.Dataset) -> None:
    for reaction, data in zip(ds.reactions, se.to_dict(ds).get("reactions", []), strict=True):
        assert data["kind"] == reaction.kind


def test_packaged_file_is_reproduced_byte_for_byte() -> None:
    from importlib.resources import files

    raw = files("summit_events.data").joinpath("summit_events.json").read_bytes()
    assert se.to_json(se.load()).encode("utf-8") == raw


def test_every_document_carries_the_schema_version() -> None:
    source = se.load().sources[0]
    assert se.to_dict(source)["schema_version"] == 1
    assert json.loads(se.to_json(se.load()))["schema_version"] == 1
