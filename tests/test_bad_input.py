"""Bad input always raises DataError naming the JSON path of each problem."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import summit_events as se

PACKAGED = json.loads(se.to_json(se.load()))


def doc() -> dict[str, Any]:
    return json.loads(json.dumps(PACKAGED))


def problems(data: object, cls: type = se.Dataset) -> list[tuple[str, str]]:
    with pytest.raises(se.DataError) as info:
        se.from_dict(data, cls)
    return list(info.value.problems)


def paths(data: object) -> list[str]:
    return [path for path, _ in problems(data)]


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(se.DataError, match=r"^\$: invalid JSON at line 1 column 2"):
        se.from_json("{,}", se.Dataset)


def test_non_utf8_bytes_are_refused() -> None:
    with pytest.raises(se.DataError, match="not UTF-8"):
        se.from_json(b'{"schema_version": 1, "data_version": "\xff"}', se.Dataset)


def test_absurdly_deep_nesting_is_a_data_error() -> None:
    with pytest.raises(se.DataError, match="nested too deeply"):
        se.from_json("[" * 200_000 + "]" * 200_000, se.Dataset)


def test_nan_and_duplicate_keys_are_refused() -> None:
    with pytest.raises(se.DataError, match="NaN"):
        se.from_json('{"schema_version": NaN}', se.Dataset)
    with pytest.raises(se.DataError, match="duplicate key 'data_version'"):
        se.from_json('{"schema_version": 1, "data_version": "a", "data_version": "b"}', se.Dataset)


def test_schema_version_is_required_and_checked() -> None:
    data = doc()
    del data["schema_version"]
    assert paths(data) == ["$.schema_version"]
    data["schema_version"] = 99
    assert "unsupported version 99" in problems(data)[0][1]


def test_wrong_types_are_not_coerced() -> None:
    data = doc()
    data["calls"][3]["participants"][0]["side"] = 5
    data["people"][0]["aliases"] = "Trump"
    data["reactions"][6]["change_percent"] = "6"
    found = dict(problems(data))
    assert found["$.calls[3].participants[0].side"] == "expected a string, got an integer"
    assert found["$.people[0].aliases"] == "expected an array, got a string"
    assert found["$.reactions[6].change_percent"] == "expected a number, got a string"


def test_unknown_and_missing_fields() -> None:
    data = doc()
    data["calls"][0]["colour"] = "red"
    del data["people"][1]["name"]
    assert problems(data) == [
        ("$.people[1].name", "missing required field"),
        ("$.calls[0].colour", "unknown field"),
    ]


def test_unknown_enum_values_and_reaction_kinds() -> None:
    data = doc()
    data["people"][0]["kind"] = "king"
    data["reactions"][0]["kind"] = "tweet"
    found = dict(problems(data))
    assert found["$.people[0].kind"].startswith("unknown value 'king'; expected one of 'leader'")
    assert found["$.reactions[0].kind"].startswith("unknown reaction kind 'tweet'")


def test_naive_datetime_and_end_before_start() -> None:
    data = doc()
    data["calls"][0]["timing"]["start"] = "2025-02-12T10:00:00"
    assert problems(data) == [("$.calls[0].timing.start", "datetime needs a UTC offset (add one, e.g. +03:00 or Z)")]
    data["calls"][0]["timing"]["start"] = "2025-02-12T10:00:00-05:00"
    data["calls"][0]["timing"]["end"] = "2025-02-12T09:00:00-05:00"
    assert paths(data) == ["$.calls[0].timing.end"]


def test_a_utc_offset_in_seconds_is_refused_where_json_could_not_write_it() -> None:
    # Amsterdam kept local mean time (+00:19:32) until 1909: RFC 3339 offsets are whole minutes
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    with pytest.raises(se.DataError) as caught:
        se.Timing(date=dt.date(1890, 1, 1), zone="Europe/Amsterdam",
                  start=dt.datetime(1890, 1, 1, 10, 0, tzinfo=amsterdam))
    assert caught.value.problems == ((
        "$.start",
        "UTC offset +00:19:32 is not a whole number of minutes, which JSON (RFC 3339) cannot write; "
        "convert the time to UTC or to an offset in minutes",
    ),)
    utc = dt.datetime(1890, 1, 1, 10, 0, tzinfo=dt.timezone.utc)
    timing = se.Timing(date=dt.date(1890, 1, 1), zone="Europe/Amsterdam", start=utc)
    assert se.from_json(se.to_json(timing), se.Timing) == timing


def test_duplicate_ids_and_dangling_references() -> None:
    data = doc()
    data["people"].append(dict(data["people"][0]))
    data["reactions"][0]["event"] = "no-such-event"
    data["calls"][0]["sources"] = ["no-such-source"]
    data["calls"][0]["participants"][0]["person"] = "nobody"
    found = dict(problems(data))
    assert found[f"$.people[{len(data['people']) - 1}].id"].startswith("duplicate id 'donald-trump'")
    assert found["$.reactions[0].event"] == "unknown event id 'no-such-event'"
    assert found["$.calls[0].sources[0]"] == "unknown source id 'no-such-source'"
    assert found["$.calls[0].participants[0].person"] == "unknown person id 'nobody'"


def test_every_problem_is_reported_at_once() -> None:
    data = doc()
    for call in data["calls"]:
        call["medium"] = "pigeon"
    assert len(problems(data)) == len(data["calls"])


def test_non_object_documents() -> None:
    assert problems([]) == [("$", "expected an object, got an array")]
    data = doc()
    data["calls"][0] = "a call"
    assert problems(data) == [("$.calls[0]", "expected an object, got a string")]


def test_load_reports_problems_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    with pytest.raises(se.DataError, match=r"\$\.data_version: missing required field"):
        se.load(bad)
    with pytest.raises(FileNotFoundError):
        se.load(tmp_path / "missing.json")


def test_a_user_file_in_the_same_format_loads(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(se.to_json(se.load()), encoding="utf-8")
    assert se.load(mine) == se.load()
    assert se.load(mine) is not se.load()


def test_constructing_models_by_hand_raises_the_same_error_type() -> None:
    with pytest.raises(se.DataError, match=r"^\$\.country: 'Russia' is not an ISO 3166-1 alpha-3"):
        se.Person(id="x", name="X", country="Russia", kind=se.PersonKind.LEADER, sources=("s",))
    with pytest.raises(se.DataError, match=r"^\$\.sources: must not be empty"):
        se.Source(id="x", outlet="o", title="t", url="https://x.org") and se.Person(
            id="x", name="X", country="RUS", kind=se.PersonKind.LEADER, sources=()
        )
    with pytest.raises(se.DataError, match="expected a tuple, got list"):
        se.Person(id="x", name="X", country="RUS", kind=se.PersonKind.LEADER, sources=["s"])  # type: ignore[arg-type]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


@given(st.sampled_from(["calls", "meetings", "people", "reactions", "sources", "occurrences"]), json_values)
def test_any_garbage_in_a_collection_is_a_data_error(collection: str, garbage: object) -> None:
    data = doc()
    data[collection] = [garbage]
    for path, _ in problems(data):
        assert path.startswith(f"$.{collection}")


@given(json_values)
def test_garbage_documents_never_crash(garbage: object) -> None:
    for cls in (se.Dataset, se.Call, se.MediaReaction, se.Timing):
        with contextlib.suppress(se.DataError):
            se.from_dict(garbage, cls)
