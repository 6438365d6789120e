"""Property tests over any valid dataset: lookups, search, merging, JSON Lines and safe CLI output."""

from __future__ import annotations

import io
import re
import tempfile
from collections import Counter
from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import datasets

import summit_events as se
from summit_events.cli import escape, main
from summit_events.export import FORMATS
from summit_events.merging import additions
from summit_events.search import search

SECTIONS = ("people", "calls", "meetings", "occurrences", "reactions", "sources")
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _records(ds: se.Dataset) -> list[se.Person | se.Event | se.Reaction | se.Source]:
    return [*ds.people, *ds.events(), *ds.reactions, *ds.sources]


@given(datasets())
def test_get_and_search_find_every_record(ds: se.Dataset) -> None:
    records = _records(ds)
    shared = Counter(r.id for r in records)
    for record in records:
        found = ds.get(record.id)
        if shared[record.id] == 1:
            assert found is record
        else:  # kinds may share an id: get takes the first of person, event, reaction, source
            assert found.id == record.id
        hits = search(ds, record.id.replace("-", " "))
        assert record in [hit.record for hit in hits]
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert all(0 < h.score <= 1 for h in hits)


@given(datasets())
def test_a_dataset_split_in_two_merges_back_and_jsonl_reads_back(ds: se.Dataset) -> None:
    base = se.Dataset(data_version="base", people=ds.people, sources=ds.sources, series=ds.series,
                      coverage=ds.coverage)
    rest = additions([*ds.calls, *ds.meetings, *ds.occurrences, *ds.reactions, *ds.documents], data_version="rest")
    merged = se.merge(base, rest)
    assert merged == attrs.evolve(ds, data_version="base+rest")
    assert se.merge(merged, additions([], data_version=merged.data_version)) == merged
    back = se.from_jsonl(FORMATS["jsonl"](ds))  # type: ignore[arg-type]
    assert back.data_version == ds.data_version
    for name in SECTIONS:
        assert sorted(getattr(back, name), key=lambda r: r.id) == sorted(getattr(ds, name), key=lambda r: r.id)


@given(st.text())
def test_escaped_text_holds_no_control_character(text: str) -> None:
    escaped = escape(text)
    assert CONTROL.search(escaped) is None and "\n" not in escaped
    if CONTROL.search(text) is None and "\n" not in text:
        assert escaped == text


@settings(max_examples=25)
@given(datasets(max_events=2), st.text(st.characters(categories=["Cf"], include_characters="\t\n"), min_size=1, max_size=5))
def test_no_view_lets_data_drive_the_terminal(ds: se.Dataset, nasty: str) -> None:
    event = ds.events()[0]
    poisoned = attrs.evolve(event, title=f"t{nasty}t", summary=f"s{nasty}s")
    group = {"call": "calls", "meeting": "meetings", "occurrence": "occurrences"}[event.kind]
    ds = attrs.evolve(ds, **{group: tuple(poisoned if e.id == event.id else e for e in getattr(ds, group))})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_bytes(se.to_json(ds).encode("utf-8", "backslashreplace"))
        for argv in (["timeline", "--reactions"], ["show", event.id], ["search", "t"]):
            out = io.StringIO()
            assert main(["--data", str(path), *argv], out) in (0, 1)
            assert CONTROL.search(out.getvalue()) is None, argv


def _normalize_by_decomposing(name: str) -> str:
    """:func:`summit_events._text.normalize` without its shortcut for ASCII text."""
    import unicodedata

    from summit_events._text import _NOT_WORD

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("'", "").replace("’", "")
    return _NOT_WORD.sub(" ", plain).strip()


@given(st.text() | st.text(st.characters(max_codepoint=127)) | st.sampled_from(["Straße", "ǅ", "ﬁ", "K", "Zelens'kyy’"]))
def test_name_folding_is_the_same_with_or_without_its_shortcut_for_ascii(name: str) -> None:
    from summit_events._text import normalize

    assert normalize(name) == _normalize_by_decomposing(name)
