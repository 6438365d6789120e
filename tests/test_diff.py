"""``se.diff`` and ``summit-events diff``: typed changes by record id, never by position."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from tests.strategies import datasets, texts

import summit_events as se
from summit_events.changes import changelog
from summit_events.cli import main


def _ids(ds: se.Dataset) -> set[tuple[str, str]]:
    people = {("person", p.id) for p in ds.people}
    sources = {("source", s.id) for s in ds.sources}
    events = {(e.kind, e.id) for e in ds.events()}
    reactions = {("reaction", r.id) for r in ds.reactions}
    series = {("series", s.id) for s in ds.series}
    documents = {("document", d.id) for d in ds.documents}
    return people | sources | events | reactions | series | documents


@given(datasets())
def test_a_dataset_has_no_differences_with_itself_in_any_order(ds: se.Dataset) -> None:
    shuffled = attrs.evolve(
        ds, people=ds.people[::-1], sources=ds.sources[::-1], calls=ds.calls[::-1], reactions=ds.reactions[::-1]
    )
    assert se.diff(ds, ds) == ()
    assert se.diff(ds, shuffled) == ()


@given(datasets(), datasets())
def test_added_and_removed_records_are_the_ids_on_one_side_only(old: se.Dataset, new: se.Dataset) -> None:
    changes = se.diff(old, new)
    added = {(c.record, c.id) for c in changes if c.change == "added"}
    removed = {(c.record, c.id) for c in changes if c.change == "removed"}
    # events share one id namespace, so an event that changed kind is neither added nor removed
    event_kinds = {"call", "meeting", "occurrence"}
    norm = lambda ids: {("event" if k in event_kinds else k, i) for k, i in ids}  # noqa: E731
    assert norm(added) == norm(_ids(new)) - norm(_ids(old))
    assert norm(removed) == norm(_ids(old)) - norm(_ids(new))
    assert (changes == ()) == (se.to_json(old) == se.to_json(new))


@given(datasets(), datasets())
def test_diff_backwards_is_diff_forwards_reversed(old: se.Dataset, new: se.Dataset) -> None:
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    forwards = {(flip[c.change], c.id, c.path, json.dumps(c.new), json.dumps(c.old)) for c in se.diff(old, new)}
    backwards = {(c.change, c.id, c.path, json.dumps(c.old), json.dumps(c.new)) for c in se.diff(new, old)}
    # a record that changed kind is reported under its new kind each way; compare without the kind
    assert forwards == backwards


@given(datasets(), texts)
def test_one_field_edit_is_one_change_at_its_path(ds: se.Dataset, name: str) -> None:
    person = ds.people[0]
    edited = attrs.evolve(ds, people=(attrs.evolve(person, name=name), *ds.people[1:]))
    expected = () if name == person.name else (
        se.Change(change="changed", record="person", id=person.id, path="$.name", old=person.name, new=name),
    )
    assert se.diff(ds, edited) == expected


def test_packaged_diff_names_version_and_nested_paths(ds: se.Dataset) -> None:
    call = ds.events(kind="call")[0]
    assert call.durations
    claim = attrs.evolve(call.durations[0], minutes=call.durations[0].minutes + 1)
    calls = tuple(attrs.evolve(c, durations=(claim, *c.durations[1:])) if c.id == call.id else c for c in ds.calls)
    edited = attrs.evolve(ds, calls=calls, data_version="next")
    changes = se.diff(ds, edited)
    assert changes == (
        se.Change(change="changed", record="dataset", id="data_version", path="$.data_version",
                  old=ds.data_version, new="next"),
        se.Change(change="changed", record="call", id=call.id, path="$.durations[0].minutes",
                  old=call.durations[0].minutes, new=claim.minutes),
    )
    assert changelog(changes) == f"- Changed (1): call `{call.id}`."


def _write(tmp_path: Path, name: str, ds: se.Dataset) -> str:
    path = tmp_path / name
    path.write_bytes(se.to_json_bytes(ds))
    return str(path)


def test_cli_diff_text_json_and_changelog(
    ds: se.Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reaction = ds.reactions[0]
    newer = attrs.evolve(ds, reactions=ds.reactions[1:], data_version="next")
    path = _write(tmp_path, "new.json", newer)

    assert main(["diff", "packaged", path]) == 0
    text = capsys.readouterr().out
    assert f"- reaction {reaction.id}" in text
    assert f'$.data_version: "{ds.data_version}" -> "next"' in text
    assert text.rstrip().endswith("0 added, 1 removed, 0 changed")

    assert main(["diff", "packaged", path, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["old"] == ds.data_version and document["new"] == "next"
    assert [c["id"] for c in document["changes"]] == ["data_version", reaction.id]
    written = json.loads(se.to_json(reaction))
    del written["schema_version"]
    assert document["changes"][1]["old"] == written

    assert main(["diff", "packaged", path, "--changelog"]) == 0
    assert capsys.readouterr().out == f"- Removed (1): reaction `{reaction.id}`.\n"

    assert main(["diff", "packaged", "packaged"]) == 0
    assert "no differences" in capsys.readouterr().out


def test_cli_diff_names_the_side_with_bad_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    assert main(["diff", str(bad), "packaged"]) == 1
    assert f"{bad}: $.data_version" in capsys.readouterr().err
