"""Finding any record: get/reaction/source by id, ranked typo-tolerant search, short reprs, plain to_dict."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import summit_events as se
from summit_events.search import KINDS, fields, search


def test_every_record_with_an_id_can_be_got(ds: se.Dataset) -> None:
    for record in (*ds.people, *ds.events(), *ds.reactions, *ds.sources):
        assert ds.get(record.id) is record
    assert ds.reaction("2025-02-13-moex-index").instrument == "MOEX Russia Index"
    assert ds.get("Zelensky") is ds.person("volodymyr-zelenskyy")


def test_a_miss_names_the_kinds_searched_and_suggests_close_ids(ds: se.Dataset) -> None:
    with pytest.raises(se.NotFoundError, match="no person, event, reaction, source, series or document matches") as caught:
        ds.get("2025-02-13-moex-indx")
    assert caught.value.suggestions[0] == "2025-02-13-moex-index"
    with pytest.raises(se.NotFoundError) as caught:
        ds.get("Puttin")
    assert caught.value.suggestions[0] == "Vladimir Putin"
    with pytest.raises(se.NotFoundError, match="no reaction matches"):
        ds.reaction("2025-02-12-trump-putin-call")


def _ids(text: str, ds: se.Dataset) -> list[str]:
    return [hit.id for hit in search(ds, text)]


def test_search_covers_every_kind_and_text_field(ds: se.Dataset) -> None:
    assert _ids("MOEX", ds)[0] == "2025-02-13-moex-index"
    assert _ids("ruble", ds)[0] == "2025-02-13-ruble-usd"
    assert "2025-02-13-ruble-usd" in _ids("dollar", ds)  # instrument text, not the id
    assert "2025-08-15-alaska-summit" in _ids("Elmendorf", ds)  # a place
    assert "2025-08-15-alaska-summit" in _ids("примерно", ds)  # a quote in a duration claim
    assert "2025-02-14-zelenskyy-putin-liar" in _ids("liar", ds)  # a statement
    found = {hit.kind for hit in search(ds, "Trump")}
    assert {"person", "call", "meeting", "statement", "media", "source"} <= found


def test_search_tolerates_typos_and_ranks(ds: se.Dataset) -> None:
    hits = search(ds, "Putn")
    assert hits[0].id == "vladimir-putin" and hits[0].kind == "person"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    exact = search(ds, "Putin")
    assert exact[0].score == 1.0 > hits[0].score  # an exact word beats a near spelling
    assert search(ds, "") == () and search(ds, "zzzzqqq") == ()


def test_search_kinds_filter_and_dataset_search(ds: se.Dataset) -> None:
    assert {h.kind for h in search(ds, "Putin", kinds=("market", "statement"))} == {"statement"}
    with pytest.raises(ValueError, match="unknown kind"):
        search(ds, "Putin", kinds=("nope",))
    assert ds.search("ruble")[0] is ds.reaction("2025-02-13-ruble-usd")
    assert set(KINDS) >= {h.kind for h in search(ds, "2025")}


@given(st.sampled_from([r.id for r in se.load().reactions] + [s.id for s in se.load().sources]))
def test_every_word_of_a_record_finds_it(record_id: str) -> None:
    ds = se.load()
    record = ds.get(record_id)
    for _, text in fields(ds, record):
        assert record in ds.search(text)


def test_reprs_are_short(ds: se.Dataset) -> None:
    text = repr(ds)
    assert text.startswith(f"<Dataset {ds.data_version}: {len(ds.people)} people, {len(ds.calls)} calls")
    assert len(text) < 200
    assert all(len(repr(record)) < 300 for record in ds.events())
    assert repr(ds.event("budapest-summit")) == (
        "Meeting(id='budapest-summit', date=None, title='Planned Trump–Putin summit in Budapest', …)"
    )


def _plain(value: object) -> bool:
    if type(value) is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())  # type: ignore[attr-defined]
    if type(value) is list:
        return all(_plain(v) for v in value)  # type: ignore[attr-defined]
    return type(value) in (str, int, float, bool, type(None))


def test_to_dict_gives_plain_builtins(ds: se.Dataset) -> None:
    data = se.to_dict(ds)
    assert _plain(data)
    assert type(se.to_dict(ds.event("budapest-summit"))["status"]) is str
    assert json.loads(json.dumps(data)) == data
