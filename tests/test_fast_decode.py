"""The msgspec decoder (the ``fast`` extra) against the reference cattrs path: same objects, same errors.

Every document, valid or not, must give the same result through :func:`summit_events.from_json`
(fast path first, reference on rejection) as through the reference path alone; and whenever
the fast path accepts a document on its own, the reference must accept it and build an equal
dataset. The invalid documents are valid ones with one mutation each.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.strategies import datasets

import summit_events as se
from summit_events import codec, models

msgspec = pytest.importorskip("msgspec", reason="the fast decoder needs msgspec (the 'fast' extra)")
from summit_events import _fast  # noqa: E402 - needs msgspec

Outcome = tuple[str, Any]


def outcome(decode: Any, text: str | bytes) -> Outcome:
    try:
        return "ok", decode(text, se.Dataset)
    except se.DataError as error:
        return "error", error.problems


def check_same(text: str | bytes) -> Outcome:
    """Both paths agree on ``text``; the fast path alone accepts only what the reference accepts."""
    reference = outcome(codec.reference_from_json, text)
    assert outcome(se.from_json, text) == reference
    try:
        alone = _fast.decode_dataset(text)
    except _fast.Rejected:
        return reference
    assert reference == ("ok", alone)
    return reference


# ---------------------------------------------------------------------- serializing with twists


def dumps(value: Any, *, compact: bool = False, repeat: tuple[Any, ...] | None = None, path: tuple[Any, ...] = (),
          spaced: bool = False) -> str:
    """JSON text for ``value``; ``repeat=(path, key, other)`` writes ``key`` twice in the object at ``path``."""
    if isinstance(value, dict):
        colon = " : " if spaced else ":"
        items = [(k, v) for k, v in value.items()]
        if repeat is not None and repeat[0] == path:
            items.insert(0, (repeat[1], repeat[2]))
        parts = [json.dumps(k, ensure_ascii=False) + colon
                 + dumps(v, compact=compact, repeat=repeat, path=(*path, k), spaced=spaced) for k, v in items]
        return "{" + ("," if compact else ", ").join(parts) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(v, compact=compact, repeat=repeat, path=(*path, i), spaced=spaced)
                              for i, v in enumerate(value)) + "]"
    return json.dumps(value, ensure_ascii=False)


def nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in ``value`` (the root included)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(nodes(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(nodes(item, (*path, index)))
    return found


def get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def put(value: Any, path: tuple[Any, ...], new: Any) -> None:
    get(value, path[:-1])[path[-1]] = new


ODD_VALUES = [
    None, True, 0, 1, -1, 1.5, 1e300, 2**70, "", " x", "x ", "x\n", "\u2003x", "x", "USA", "usa", "EU",
    "a-b", "A-b", "a--b", "2025-01-01", "2025-1-01", "2025-02-30", "２０２５-01-01",
    "2025-01-01T10:00:00+00:00", "2025-01-01T10:00:00Z", "2025-01-01 10:00:00+00:00", "2025-01-01t10:00:00Z",
    "2025-01-01T10:00:00.1234567+00:00", "2025-01-01T10:00:00.1+00:00", "2025-01-01T10:00:00",
    "2025-01-01T10:00+03:00", "2025-01-01T10:00:00.123456-04:00", "2025-01-01T25:00:00Z",
    "Europe/Moscow", "europe/moscow", "Mars/Olympus", "UTC", "held", "bogus", "media", "statement", "market",
    "https://example.org/x", "http://", "Q7747", "Q0", [], [1], ["x"], ["x", "x"], {}, {"colour": "red"},
]
ZONE_VALUES = ["Europe/Moscow", "Mars/Olympus", "europe/moscow", "", "UTC", "Etc/GMT+3", "../etc", "Europe/Kyiv "]
DATETIMES = [v for v in ODD_VALUES if isinstance(v, str) and v.startswith("2025-01-01T")] + [
    "2025-01-01 10:00:00+00:00", "2025-01-01t10:00:00Z"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A dataset's JSON, valid or with one mutation."""
    ds = draw(datasets())
    doc = json.loads(se.to_json(ds))
    mutation = draw(st.sampled_from([
        "none", "compact", "spaced", "swap", "swap", "swap", "unknown", "delete", "duplicate-key", "duplicate-key",
        "zone", "datetime", "repeat-id", "dangling", "nest", "explicit-default", "escaped-colon", "escaped-key",
    ]))
    paths = nodes(doc)
    objects = [p for p in paths if isinstance(get(doc, p), dict)]
    compact = spaced = False
    repeat = None
    if mutation == "compact":
        compact = True
    elif mutation == "spaced":
        spaced = True
    elif mutation == "swap":
        path = draw(st.sampled_from(paths[1:]))
        put(doc, path, draw(st.sampled_from(ODD_VALUES)))
    elif mutation == "unknown":
        get(doc, draw(st.sampled_from(objects)))[draw(st.sampled_from(["colour", "Id", "kind", "schema_version"]))] = 1
    elif mutation == "delete":
        keyed = [p for p in paths if p and isinstance(p[-1], str)]
        path = draw(st.sampled_from(keyed))
        del get(doc, path[:-1])[path[-1]]
    elif mutation == "duplicate-key":
        path = draw(st.sampled_from(objects))
        target = get(doc, path)
        key = draw(st.sampled_from(sorted(target) or ["x"]))
        other = target.get(key) if draw(st.booleans()) else draw(st.sampled_from(ODD_VALUES))
        repeat = (path, key, copy.deepcopy(other))
        compact = draw(st.booleans())
    elif mutation == "zone":
        zoned = [p for p in paths if p and p[-1] == "zone"]
        if zoned:
            put(doc, draw(st.sampled_from(zoned)), draw(st.sampled_from(ZONE_VALUES)))
    elif mutation == "datetime":
        timed = [p for p in paths if p and p[-1] in ("start", "end", "date", "published")]
        if timed:
            put(doc, draw(st.sampled_from(timed)), draw(st.sampled_from(DATETIMES)))
    elif mutation == "repeat-id":
        groups = [g for g in ("people", "sources", "calls", "meetings", "occurrences", "reactions") if doc.get(g)]
        group = draw(st.sampled_from(groups))
        doc[group].append(copy.deepcopy(draw(st.sampled_from(doc[group]))))
    elif mutation == "dangling":
        refs = [p for p in paths if (p and p[-1] in ("person", "event", "target", "speaker", "initiator"))
                or (len(p) > 1 and p[-2] == "sources" and isinstance(p[-1], int))]
        if refs:
            put(doc, draw(st.sampled_from(refs)), "no-such-id")
    elif mutation == "nest":
        path = draw(st.sampled_from(paths[1:]))
        put(doc, path, [get(doc, path)] if draw(st.booleans()) else {"value": get(doc, path)})
    elif mutation == "explicit-default":
        doc.setdefault("calls", [])
        for event in doc["calls"]:
            event.setdefault("status", "held")
            event.setdefault("medium", "phone")
    elif mutation == "escaped-colon":
        return se.to_json(ds).replace("https:", "https\\u003a", 1)
    elif mutation == "escaped-key":
        return se.to_json(ds).replace('"data_version"', '"data\\u005fversion"', 1)
    if mutation in ("none", "explicit-default") and not compact and not spaced:
        return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return dumps(doc, compact=compact, repeat=repeat, spaced=spaced)


# ---------------------------------------------------------------------- the properties


@given(datasets())
def test_valid_documents_give_equal_objects_on_both_paths(ds: se.Dataset) -> None:
    text = se.to_json(ds)
    assert check_same(text) == ("ok", ds)
    if "\\u003a" not in text.lower():  # an escaped colon is left to the reference path
        assert _fast.decode_dataset(text) == ds
        assert _fast.decode_dataset(text.encode("utf-8")) == ds


@given(documents())
@example('{"schema_version": 1, "data_version": "a", "data_version": "a"}')
@example('{"schema_version": 1, "data_version": "a:b", "data_version": "a"}')
@example('{"schema_version": 1, "data_version" : "a", "data_version" : "b"}')
@example('{"schema_version": 1.0, "data_version": "a"}')
@example('{"schema_version": 1, "data_version": "a\\n"}')
@example('{"schema_version": 1, "data_version": "a", "calls": []}')
@example('{"schema_version": NaN, "data_version": "a"}')
@example('\ufeff{"schema_version": 1, "data_version": "a"}')
@example('{"schema_version": 1, "data_version": "\\ud800"}')
def test_every_document_gives_the_same_result_on_both_paths(text: str) -> None:
    check_same(text)
    check_same(text.encode("utf-8", "surrogatepass"))


def test_the_packaged_dataset_takes_the_fast_path() -> None:
    from importlib.resources import files

    raw = files("summit_events.data").joinpath("summit_events.json").read_bytes()
    assert _fast.decode_dataset(raw) == se.load()


@pytest.mark.parametrize("raw", [
    b'{"schema_version": 1, "data_version": "\xff"}',
    b'\xef\xbb\xbf{"schema_version": 1, "data_version": "a"}',
    b'{"schema_version": 1, "data_version": "a"} x',
    b"[" * 100_000 + b"]" * 100_000,
])
def test_odd_bytes_give_the_same_result(raw: bytes) -> None:
    check_same(raw)


FORBIDDEN_OR_NEAR = st.sampled_from("\x00\x08\x0b\x1b\x7f\x80\x85\x9f\xa0\xab\xbb\u0100\u2028\ud800\udfff")


@given(st.text(st.characters(codec="utf-8") | FORBIDDEN_OR_NEAR), st.booleans())
def test_a_string_with_a_forbidden_character_is_always_scanned(value: str, ascii_only: bool) -> None:
    # the guard that lets the decoder skip the character scan of every string may say "maybe"
    # without cause, never "no" for a character msgspec reads
    from summit_events import _checks

    text = json.dumps({"data_version": value}, ensure_ascii=ascii_only)
    for data in (text, text.encode("utf-8", "surrogatepass")):
        try:
            decoded = msgspec.json.decode(data)
        except msgspec.DecodeError:
            continue
        if _checks._FORBIDDEN.search(decoded["data_version"]) is not None:
            assert _fast._may_hold_forbidden(data)


@pytest.mark.parametrize("name", ["«Putin»", "«a\x85»", "a\x9fb", "\xa0a", "a\u00c2\u0085b", "a\x7fb"])
def test_text_next_to_or_holding_a_c1_control_gives_the_same_result(name: str) -> None:
    doc = json.loads(se.to_json(se.load()))
    doc["people"][0]["name"] = name
    result = check_same(dumps(doc).encode())
    assert result[0] == ("ok" if name in ("«Putin»",) else "error")


def test_repeated_keys_are_refused_as_the_reference_does() -> None:
    text = '{"schema_version": 1, "data_version": "a", "data_version": "b"}'
    with pytest.raises(_fast.Rejected):
        _fast.decode_dataset(text)
    assert check_same(text) == ("error", (("$", "duplicate key 'data_version' in a JSON object"),))


JSON_NUMBERS = st.from_regex(r"-?(0|[1-9][0-9]{0,25})(\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?", fullmatch=True)


@given(st.one_of(JSON_NUMBERS, st.floats(allow_nan=False, allow_infinity=False).map(repr), st.integers().map(str)))
def test_numbers_decode_to_the_same_float(text: str) -> None:
    expected = float(json.loads(text))
    try:
        found = msgspec.json.decode(text, type=float)
    except msgspec.ValidationError:
        assert math.isinf(expected)  # out of range: the fast path gives way
        return
    assert repr(found) == repr(expected)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_repeated_key_is_found_whichever_slice_of_records_holds_it(size: int, monkeypatch: Any) -> None:
    # the repeated-key guard re-encodes each section a slice of records at a time
    monkeypatch.setattr(_fast, "_SLICE", size)
    text = se.to_json(se.load())
    assert _fast.decode_dataset(text) == se.load()
    doc = json.loads(text)
    for section in ("calls", "reactions"):
        for index in (0, len(doc[section]) // 2, len(doc[section]) - 1):
            repeated = dumps(doc, repeat=((section, index), "id", "x"))  # the last one is kept
            with pytest.raises(_fast.Rejected):
                _fast.decode_dataset(repeated)


@pytest.mark.parametrize("key", ["calls", "coverage", "data_version"])
def test_a_repeated_key_of_the_document_itself_is_found(key: str) -> None:
    text = se.to_json(se.load())
    doc = json.loads(text)
    repeated = text.replace('\n  "data_version"', f'\n  "{key}": {json.dumps(doc[key])},\n  "data_version"', 1)
    assert repeated != text
    with pytest.raises(_fast.Rejected):
        _fast.decode_dataset(repeated)
    with pytest.raises(se.DataError, match=f"duplicate key '{key}'"):
        se.from_json(repeated, se.Dataset)


def test_the_mirrors_read_the_same_type_hints_as_typing() -> None:
    import sys
    import typing

    import attrs

    for cls in _fast._mirror.structs:
        expected = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
        names = [attribute.name for attribute in attrs.fields(cls)]
        assert {n: _fast._type_hints(cls)[n] for n in names} == {n: expected[n] for n in names}, cls


PATTERN_VALIDATORS = ["slug", "country", "party", "wikidata", "url"]


@pytest.mark.parametrize("name", PATTERN_VALIDATORS)
def test_the_string_checks_use_each_validators_own_expression(name: str) -> None:
    from summit_events import _checks

    validator = getattr(_checks, name)
    pattern = _checks.facts(validator)["pattern"]
    compiled = next(c.cell_contents for c in validator.__closure__ if isinstance(c.cell_contents, re.Pattern))
    assert _fast._full_match(validator, pattern) == compiled.fullmatch
    # a rule stated otherwise than by the expression it holds is compiled from what it states
    assert _fast._full_match(validator, "^(?:x)$")("x") and not _fast._full_match(validator, "^(?:x)$")("xx")


@given(st.sampled_from(PATTERN_VALIDATORS), st.text(st.characters(codec="utf-8") | st.sampled_from("-/:.Q\n\x85 ")))
@example("slug", "a-b\n")
@example("url", "https://x.org/\n")
def test_each_string_check_agrees_with_the_anchored_pattern_and_the_validator(name: str, value: str) -> None:
    from summit_events import _checks

    validator = getattr(_checks, name)
    pattern = _checks.facts(validator)["pattern"]
    found = _fast._full_match(validator, pattern)(value) is not None
    assert found == (re.search(_fast._anchored(pattern), value) is not None)
    limit = _checks.facts(validator).get("max_length")
    try:
        validator(None, attrs.fields(se.Source).url, value)
    except se.DataError:
        accepted = False
    else:
        accepted = True
    assert accepted == (found and (limit is None or len(value) <= limit))


# ---------------------------------------------------------------------- the floor benchmark's builders


def test_the_floor_benchmark_builds_what_from_json_builds_without_its_rules() -> None:
    """``benchmarks.floor`` times building with no rule: the records must be the ones ``from_json`` makes.

    Checked on the packaged data (every section and record class) and on a generated file, by the
    bytes they write (so ``1`` against ``1.0``, or a datetime's offset, would show); and a
    record that breaks a cross-field rule is built by the bare builders, not refused.
    """
    import importlib.resources

    from benchmarks import floor
    from benchmarks.generate import generate, to_bytes

    packaged = importlib.resources.files("summit_events").joinpath("data/summit_events.json").read_bytes()
    for data in (packaged, to_bytes(generate(300))):
        assert se.to_json_bytes(floor.bare_dataset(data)) == se.to_json_bytes(se.from_json(data, se.Dataset))
    backwards = _fast._mirror.struct(models.Coverage)(start=dt.date(2025, 3, 1), end=dt.date(2025, 2, 1), scope="x")
    with pytest.raises(se.DataError):
        _fast._mirror.builder(models.Coverage)(backwards, tuple([] for _ in _fast._mirror.categories))
    assert floor.BareMirror().builder(models.Coverage)(backwards, ()).end == dt.date(2025, 2, 1)
    nowhere = _fast._mirror.struct(models.Timing)(date=dt.date(2025, 3, 1), zone="Nowhere/Atlantis")
    with pytest.raises(_fast.Rejected):
        _fast._mirror.builder(models.Timing)(nowhere, tuple([] for _ in _fast._mirror.categories))
    assert floor.BareMirror().builder(models.Timing)(nowhere, ()).zone == "Nowhere/Atlantis"
