"""Your own records on top of the packaged data, and JSON Lines read back."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import attrs
import pytest

import summit_events as se
from summit_events.export import FORMATS
from summit_events.merging import RecordsReplaced, additions, collisions


def _mine() -> se.Dataset:
    source = se.Source(id="my-log", outlet="Own notes", title="Call log", url="https://example.org/log")
    call = se.Call(
        id="2025-11-20-trump-putin-call",
        title="Trump–Putin call (own notes)",
        summary="A call noted from a briefing.",
        timing=se.Timing(date=dt.date(2025, 11, 20), zone="America/New_York"),
        participants=(se.Participant(person="donald-trump", side="USA"),
                      se.Participant(person="vladimir-putin", side="RUS")),
        durations=(se.DurationClaim(by="Kremlin", minutes=60, sources=("my-log",)),
                   se.DurationClaim(by="White House", minutes=75, sources=("my-log",))),
        sources=("my-log",),
    )
    return additions([call, source], data_version="mine")


def test_additions_merge_onto_the_packaged_data(ds: se.Dataset) -> None:
    merged = se.merge(ds, _mine())
    assert merged.data_version == f"{ds.data_version}+mine"
    assert len(merged.calls) == len(ds.calls) + 1 and len(merged.sources) == len(ds.sources) + 1
    assert merged.event("2025-11-20-trump-putin-call").duration_range() == (60, 75)
    assert merged.event("2025-11-20-trump-putin-call") in merged.calls_between("Trump", "Putin")
    assert ds.merge(_mine()) == merged


def test_a_file_of_additions_loads_with_a_base(tmp_path: Path, ds: se.Dataset) -> None:
    path = tmp_path / "mine.json"
    path.write_bytes(se.to_json_bytes(_mine()))
    assert se.load(path, base=ds) == se.merge(ds, _mine())
    with pytest.raises(se.DataError, match=r"\$\.calls\[0\]\.participants\[0\]\.person: unknown person id"):
        se.load(path)  # on its own, the links to the packaged people are broken


def test_colliding_ids_are_an_error_unless_replaced(ds: se.Dataset) -> None:
    ours = attrs.evolve(ds.event("2025-02-12-trump-putin-call"), title="Our title")
    mine = additions([ours, ds.person("Putin")])
    assert collisions(ds, mine) == (("people", "vladimir-putin", 0), ("calls", ours.id, 0))
    with pytest.raises(se.DataError) as caught:
        se.merge(ds, mine)
    assert [path for path, _ in caught.value.problems] == ["$.people[0].id", "$.calls[0].id"]
    assert "already a call of the base" in str(caught.value)
    with pytest.warns(RecordsReplaced, match="replaced 2 record") as record:
        merged = se.merge(ds, mine, replace=True)
    assert record[0].message.replaced == (("person", "vladimir-putin"), ("call", ours.id))  # type: ignore[union-attr]
    assert merged.event(ours.id).title == "Our title"
    assert len(merged.calls) == len(ds.calls)


def test_an_event_id_collides_across_event_kinds(ds: se.Dataset) -> None:
    call = ds.calls[0]
    meeting = se.Meeting(id=call.id, title="T", summary="S", format=se.MeetingFormat.BILATERAL_SUMMIT,
                         status=se.EventStatus.PLANNED, sources=call.sources)
    with pytest.raises(se.DataError, match=r"\$\.meetings\[0\]\.id: .* already a call"):
        se.merge(ds, additions([meeting]))


def test_broken_links_are_reported_at_the_additions_path(ds: se.Dataset) -> None:
    broken = additions([attrs.evolve(_mine().calls[0], sources=("nowhere",))])
    with pytest.raises(se.DataError) as caught:
        se.merge(ds, broken)
    assert ("$.calls[0].sources[0]", "unknown source id 'nowhere'") in caught.value.problems


def test_without_replacement_no_warning(ds: se.Dataset) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        se.merge(ds, _mine(), replace=True)


def test_additions_refuse_what_is_not_a_record() -> None:
    with pytest.raises(TypeError, match="expected a Person"):
        additions(["text"])


# ---------------------------------------------------------------------- JSON Lines


def test_jsonl_reads_back(tmp_path: Path, ds: se.Dataset) -> None:
    text = FORMATS["jsonl"](ds)
    back = se.from_jsonl(text)
    for name in ("people", "calls", "meetings", "occurrences", "reactions", "sources"):
        assert sorted(getattr(back, name), key=lambda r: r.id) == sorted(getattr(ds, name), key=lambda r: r.id)
    path = tmp_path / "x.jsonl"
    path.write_text(text, encoding="utf-8")
    assert se.load(path) == back
    assert se.from_jsonl(text.encode("utf-8")) == back


def test_jsonl_problems_name_their_line(ds: se.Dataset) -> None:
    lines = FORMATS["jsonl"](ds).split("\n")
    record = json.loads(lines[3])
    record["nam"] = record.pop("name")
    lines[3] = json.dumps(record)
    lines[5] = "{not json"
    with pytest.raises(se.DataError) as caught:
        se.from_jsonl("\n".join(lines))
    assert caught.value.problems[0][0] == "line 6"
    lines[5] = json.dumps({"type": "spaceship"})
    with pytest.raises(se.DataError) as caught:
        se.from_jsonl("\n".join(lines))
    assert caught.value.problems == (("line 6 $.type", caught.value.problems[0][1]),)
    del lines[5]
    with pytest.raises(se.DataError) as caught:
        se.from_jsonl("\n".join(lines))
    assert {path for path, _ in caught.value.problems} == {"line 4 $.name", "line 4 $.nam"}
    with pytest.raises(se.DataError, match="line 1: the first line must be the dataset header"):
        se.from_jsonl("\n".join(lines[1:]))
    with pytest.raises(se.DataError, match="not UTF-8"):
        se.from_jsonl(b"\xff")


def test_jsonl_additions_with_a_base(tmp_path: Path, ds: se.Dataset) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(FORMATS["jsonl"](_mine()), encoding="utf-8")
    merged = se.load(path, base=ds)
    assert merged.source("my-log").outlet == "Own notes"
