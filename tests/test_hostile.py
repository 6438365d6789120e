"""Hostile input: both decode paths agree, refuse with DataError and a path, or accept data every query can use.

The differential test mutates real records of the packaged data (type swaps, edge values,
lone surrogates, control characters, long strings, huge integers, unknown keys, bad zones,
edge dates) and asserts that the fast and the reference path give equal objects or the same
DataError, never another exception; whatever is accepted must then write, read back and
answer the queries. A long hunt: ``pytest --hypothesis-profile=stress tests/test_hostile.py``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import types
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import summit_events as se
from summit_events import _checks, codec, coding
from summit_events.cli import main
from summit_events.export import FORMATS

PACKAGED: dict[str, Any] = json.loads(se.to_json(se.load()))
SECTIONS = ("people", "calls", "meetings", "occurrences", "reactions", "sources")


def outcome(decode: Any, text: str | bytes) -> tuple[str, Any]:
    try:
        return "ok", decode(text, se.Dataset)
    except se.DataError as error:
        return "error", error.problems


def same_on_both_paths(text: str | bytes) -> tuple[str, Any]:
    """The fast path (with its fall-back) and the reference path give the same result, from text and bytes;
    the msgspec path alone accepts only what the reference accepts."""
    reference = outcome(codec.reference_from_json, text)
    assert outcome(se.from_json, text) == reference
    if isinstance(text, str):
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            pass
        else:
            assert outcome(se.from_json, data) == reference
    fast = codec._fast_module_or_none()
    if fast is not None:
        try:
            alone = fast.decode_dataset(text)
        except fast.Rejected:
            pass
        else:
            assert reference == ("ok", alone)
    return reference


def usable(ds: se.Dataset) -> None:
    """What was accepted writes, reads back the same, and answers every query and export."""
    data = se.to_json_bytes(ds)
    assert se.from_json(data, se.Dataset) == ds
    assert se.to_json(ds).encode("utf-8") == data
    ds.timeline()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        ds.events(zone=zone, since=dt.date(2, 1, 1), until=dt.date(9998, 12, 31))
    for event in ds.events():
        event.dates_by_side()
        ds.reactions_to(event)
    for name in ("json", "jsonl", "ics", "csv", "plover", "geojson", "jsonld"):
        FORMATS[name](ds)


# ---------------------------------------------------------------------- mutations of real records

HUGE = 10**5000
EDGE_VALUES = [
    None, True, 0, -1, 2**53, 2**64, 1e308, -1e308, 0.5, "", " x", "x ", "\ud800", "a\udfffb", "\x00", "\x1b[31mred",
    "a\tb", "line\nbreak", "\u202eevil", "x" * 5000, [], {}, [1], {"a": 1},
    "0001-01-01", "9999-12-31", "0002-01-01", "9998-12-31", "2025-02-30", "0001-01-01T00:00:00+03:00",
    "9999-12-31T23:59:00-05:00", "2025-08-19T02:00:00+03:00", "Europe", "America", "Etc", "localtime", "Factory",
    "posixrules", "right/UTC", "posix/Europe/Moscow", "Europe/Moscow", "../etc/passwd", "Europe/" + "x" * 400,
    "https://x.org/\x00", "https://x.org/\x1b[2J", "XXX", "EU", -1000.0, -100.0, 10**30,
]


def paths_in(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths_in(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths_in(item, (*path, index)))
    return found


def put(document: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        document = document[step]
    document[path[-1]] = value


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The packaged document with one to three mutations in real records."""
    document = copy.deepcopy(PACKAGED)
    for _ in range(draw(st.integers(1, 3))):
        section = draw(st.sampled_from(SECTIONS))
        index = draw(st.integers(0, len(document[section]) - 1))
        record = document[section][index]
        where = draw(st.sampled_from(paths_in(record)))
        action = draw(st.sampled_from(("value", "value", "value", "key", "drop", "text")))
        if action == "key" or not where:
            target = record
            for step in where:
                target = target[step]
            if isinstance(target, dict):
                target[draw(st.sampled_from(("colour", "kind", "zone", "date", "x" * 300)))] = draw(
                    st.sampled_from(EDGE_VALUES))
            continue
        if action == "drop":
            parent = record
            for step in where[:-1]:
                parent = parent[step]
            if isinstance(parent, dict) or len(parent) > 1:
                del parent[where[-1]]
            continue
        if action == "text":
            value: Any = draw(st.text(st.characters(codec="utf-8") | st.sampled_from("\ud800\x00\x1b\x85\u202e"),
                                      max_size=12))
        else:
            value = draw(st.sampled_from(EDGE_VALUES) | st.integers() | st.floats(allow_nan=False))
        put(record, where, value)
    return json.dumps(document, ensure_ascii=False)


def big_integer_document(digits: int, where: str) -> str:
    document = copy.deepcopy(PACKAGED)
    text = json.dumps(document)
    if where == "unknown":
        return text[:-1] + f', "extra": {"9" * digits}' + "}"
    marker = '"minutes": '
    head, tail = text.split(marker, 1)
    number, rest = tail.split(",", 1) if tail.index(",") < tail.index("}") else tail.split("}", 1)
    return head + marker + "9" * digits + ("," if "," in tail[:len(number) + 1] else "}") + rest


@given(mutated())
@example(big_integer_document(5000, "unknown"))
@example(big_integer_document(5000, "minutes"))
def test_mutated_records_give_the_same_result_on_both_paths(text: str) -> None:
    kind, result = same_on_both_paths(text)
    if kind == "ok":
        usable(result)
    else:
        assert all(path.startswith("$") for path, _ in result)
        assert len(str(se.DataError(result))) < 20_000


# ---------------------------------------------------------------------- the nasty inputs, one by one


def with_change(section: str, index: int, change: Any) -> str:
    document = copy.deepcopy(PACKAGED)
    change(document[section][index])
    return json.dumps(document, ensure_ascii=False)


def timing(**fields: Any) -> Any:
    def change(call: dict[str, Any]) -> None:
        call["timing"] = fields
    return change


def field(name: str, value: Any) -> Any:
    def change(record: dict[str, Any]) -> None:
        record[name] = value
    return change


DISPUTED = next(i for i, r in enumerate(PACKAGED["reactions"]) if r.get("speaker_claims"))
"""The packaged statement whose speaker is disputed."""

NASTY = {
    "lone surrogate": (with_change("calls", 0, field("title", "\ud800")), "$.calls[0].title", "lone surrogate"),
    "NUL in text": (with_change("calls", 0, field("summary", "a\x00b")), "$.calls[0].summary", "U+0000"),
    "ANSI escape in text": (with_change("people", 0, field("name", "\x1b[2JX")), "$.people[0].name", "U+001B"),
    "DEL in text": (with_change("people", 0, field("name", "a\x7fb")), "$.people[0].name", "U+007F"),
    "C1 control in text": (with_change("people", 0, field("name", "a\x9bb")), "$.people[0].name", "U+009B"),
    "control in URL": (with_change("sources", 0, field("url", "https://x.org/\x1b[2J")), "$.sources[0].url",
                       "http(s) URL"),
    "NUL in URL": (with_change("sources", 0, field("url", "https://x.org/\x00")), "$.sources[0].url", "http(s) URL"),
    "very long URL": (with_change("sources", 0, field("url", "https://x.org/" + "a" * 3000)), "$.sources[0].url",
                      "longer than 2000"),
    "year 1 in Moscow": (with_change("calls", 0, timing(date="0001-01-01", zone="Europe/Moscow")),
                         "$.calls[0].timing.date", "outside the dates"),
    "9999-12-31 with a local date": (
        with_change("calls", 0, timing(date="9999-12-31", zone="America/New_York",
                                       local_dates=[{"date": "9999-12-31", "zone": "Europe/Moscow"}])),
        "$.calls[0].timing.date", "outside the dates"),
    "start in year 1": (
        with_change("calls", 0, timing(date="0001-01-01", zone="Europe/Moscow", start="0001-01-01T00:00:00+03:00")),
        "$.calls[0].timing.start", "outside the dates"),
    "zone folder Europe": (with_change("calls", 0, timing(date="2025-01-01", zone="Europe")),
                           "$.calls[0].timing.zone", "not an IANA time zone"),
    "zone folder America": (with_change("calls", 0, timing(date="2025-01-01", zone="America")),
                            "$.calls[0].timing.zone", "not an IANA time zone"),
    "400-character zone": (with_change("calls", 0, timing(date="2025-01-01", zone="A" * 400)),
                           "$.calls[0].timing.zone", "characters)"),
    "zone localtime": (with_change("calls", 0, timing(date="2025-01-01", zone="localtime")),
                       "$.calls[0].timing.zone", "not an IANA"),
    "zone Factory": (with_change("calls", 0, timing(date="2025-01-01", zone="Factory")), "$.calls[0].timing.zone",
                     "not an IANA"),
    "zone posixrules": (with_change("calls", 0, timing(date="2025-01-01", zone="posixrules")),
                        "$.calls[0].timing.zone", "not an IANA"),
    "zone right/UTC": (with_change("calls", 0, timing(date="2025-01-01", zone="right/UTC")),
                       "$.calls[0].timing.zone", "not an IANA"),
    "huge integer in a known field": (big_integer_document(5000, "minutes"), "$.calls[0].durations[0].minutes",
                                      "out of range"),
    "huge integer in an unknown field": (big_integer_document(5000, "unknown"), "$.extra", "unknown field"),
    "integer beyond 2**53": (with_change("calls", 0, lambda c: c["durations"][0].update(minutes=2**60)),
                             "$.calls[0].durations[0].minutes", "at most"),
    "huge integer as a number": (with_change("reactions", 6, field("change_percent", 10**400)),
                                 "$.reactions[6].change_percent", "out of range for a number"),
    "fall of 1000 %": (with_change("reactions", 6, field("change_percent", -1000)), "$.reactions[6].change_percent",
                       "more than 100 %"),
    "identical claims": (with_change("calls", 0, lambda c: c["outcomes"].append(c["outcomes"][0])),
                         f"$.calls[0].outcomes[{len(PACKAGED['calls'][0]['outcomes'])}]", "word for word"),
    "identical speaker claims": (
        with_change("reactions", DISPUTED, lambda r: r["speaker_claims"].append(r["speaker_claims"][0])),
        f"$.reactions[{DISPUTED}].speaker_claims[{len(PACKAGED['reactions'][DISPUTED]['speaker_claims'])}]",
        "word for word"),
    "a held call that follows a later one": (
        with_change("calls", 1, field("related", [{"kind": "follows", "target": PACKAGED["calls"][5]["id"]}])),
        "$.calls[1].related[0].target", "which is later"),
}


@pytest.mark.parametrize("name", [name for name, (_, path, _) in NASTY.items() if path is not None])
def test_each_nasty_input_is_refused_with_its_path_on_both_paths(name: str) -> None:
    text, path, words = NASTY[name]
    kind, problems = same_on_both_paths(text)
    assert kind == "error"
    assert any(found == path and words in message for found, message in problems), problems


def test_a_cycle_of_part_of_links_is_refused() -> None:
    document = copy.deepcopy(PACKAGED)
    first, second = document["calls"][1], document["calls"][2]
    first["related"] = [{"kind": "part_of", "target": second["id"]}]
    second["related"] = [{"kind": "part_of", "target": first["id"]}]
    kind, problems = same_on_both_paths(json.dumps(document))
    assert kind == "error"
    assert [message for _, message in problems] == [
        f"part_of links run in a circle: {first['id']} → {second['id']} → {first['id']}"
    ]


def test_a_long_cycle_is_found_in_one_linear_walk() -> None:
    ds = se.load()
    calls = list(ds.calls)
    n = len(calls)
    calls = [attrs.evolve(c, related=(se.Relation(kind=se.RelationKind.PART_OF, target=calls[(i + 1) % n].id),))
             for i, c in enumerate(calls)]
    with pytest.raises(se.DataError, match=rf"part_of links run in a circle: .* \({n} events\)"):
        attrs.evolve(ds, calls=tuple(calls))


def test_records_built_by_hand_refuse_edge_dates_and_bad_zones_with_data_error() -> None:
    with pytest.raises(se.DataError, match=r"^\$\.date: 0001-01-01 is outside"):
        se.Timing(date=dt.date(1, 1, 1), zone="Europe/Moscow")
    with pytest.raises(se.DataError, match=r"^\$\.start: "):
        se.Timing(date=dt.date(2, 1, 1), zone="UTC",
                  start=dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=3))))
    for zone in ("Europe", "America", "x" * 400, "localtime", "Factory", "posixrules", "right/UTC", "posix/UTC"):
        with pytest.raises(se.DataError, match=r"^\$\.zone: .* is not an IANA time zone"):
            se.Timing(date=dt.date(2025, 1, 1), zone=zone)
        with pytest.raises(se.DataError):
            se.Timing(date=dt.date(2025, 1, 1), zone="UTC").dates_in(zone)
        with pytest.raises(ValueError, match="not an IANA time zone"):
            se.load().events(zone=zone)


def test_the_first_and_last_dates_work_in_every_query_and_export() -> None:  # and are only warned about
    ds = se.load()
    calls = list(ds.calls)
    calls[0] = attrs.evolve(calls[0], timing=se.Timing(date=dt.date(2, 1, 1), zone="Pacific/Kiritimati"))
    calls[1] = attrs.evolve(calls[1], timing=se.Timing(
        date=dt.date(9998, 12, 31), zone="Pacific/Pago_Pago",
        local_dates=(se.LocalDate(date=dt.date(9998, 12, 31), zone="UTC"),)))
    edges = attrs.evolve(ds, calls=tuple(calls))
    usable(edges)
    assert "distant-date" in {warning.rule for warning in se.lint(edges)}


# ---------------------------------------------------------------------- every problem, briefly


def test_a_record_with_missing_fields_and_a_bad_id_reports_both() -> None:
    with pytest.raises(se.DataError) as caught:
        se.from_json('{"schema_version": 1, "data_version": "x", "calls": [{"id": "Bad Id"}]}', se.Dataset)
    paths = [path for path, _ in caught.value.problems]
    assert paths == ["$.calls[0].id", "$.calls[0].title", "$.calls[0].summary", "$.calls[0].sources"]


def test_every_bad_field_of_a_record_is_reported() -> None:
    document = copy.deepcopy(PACKAGED)
    document["people"][0].update(id="Bad Id", country="Russia", name=" x")
    kind, problems = same_on_both_paths(json.dumps(document))
    assert kind == "error"
    assert [path for path, _ in problems] == ["$.people[0].id", "$.people[0].name", "$.people[0].country"]


def test_the_message_is_capped_and_every_problem_kept() -> None:
    document = copy.deepcopy(PACKAGED)
    document["people"] = [{"id": "X" * 200_000}] + [{"id": f"p{i}"} for i in range(50_000)]
    with pytest.raises(se.DataError) as caught:
        se.from_json(json.dumps(document), se.Dataset)
    error = caught.value
    assert len(error.problems) > 100_000
    text = str(error)
    assert len(text) < 10_000
    assert text.splitlines()[-1] == f"  … and {len(error.problems) - 20} more"
    assert "(200000 characters)" in text


def test_non_string_keys_are_reported_not_crashed_on() -> None:
    data = {"schema_version": 1, "data_version": "x", 5: "a", None: "b", "zz": 1}
    with pytest.raises(se.DataError) as caught:
        se.from_dict(data, se.Dataset)
    assert [p for p, _ in caught.value.problems] == ["$.zz", "$[5]", "$[None]"]


# ---------------------------------------------------------------------- linear checks


class Counted:
    """A hashable value that counts how often it is hashed or compared."""

    calls = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def __hash__(self) -> int:
        Counted.calls += 1
        return hash(self.value)

    def __eq__(self, other: object) -> bool:
        Counted.calls += 1
        return isinstance(other, Counted) and other.value == self.value


@pytest.mark.parametrize("n", [1_000, 10_000])
def test_the_repeat_check_is_linear(n: int) -> None:
    items = [Counted(i) for i in range(n)] + [Counted(0)]
    Counted.calls = 0
    assert _checks.first_repeat(items) == n
    assert Counted.calls <= 3 * (n + 1)  # a quadratic check makes about n**2 / 2 comparisons


def test_an_event_with_many_participants_names_the_repeat() -> None:
    people = [se.Participant(person=f"p{i}", side="USA") for i in range(20_000)]
    with pytest.raises(se.DataError, match=r"^\$\.participants\[20000\]\.person: 'p7' is listed twice"):
        se.Occurrence(id="x", title="t", summary="s", category=se.OccurrenceKind.ANNOUNCEMENT, sources=("s",),
                      participants=(*people, people[7]), timing=se.Timing(date=dt.date(2025, 1, 1), zone="UTC"))


# ---------------------------------------------------------------------- shared state


def test_module_tables_are_read_only() -> None:
    for table in (se.CAPITAL_ZONES, se.models.EVENT_TYPES, se.models.REACTION_TYPES, coding.TABLE, FORMATS):
        assert isinstance(table, types.MappingProxyType)
        with pytest.raises(TypeError):
            table["RUS"] = "America/New_York"  # type: ignore[index]


def test_cached_indexes_are_read_only() -> None:
    ds = se.load()
    ds.person("Putin")
    ds.reactions_to(ds.events()[0])
    for index in (ds._people_by_id, ds._person_keys, ds._events_by_id, ds._reactions_by_event, ds._sources_by_id,
                  ds._by_person, ds._links, ds._calls_by_pair, ds._by_kind_status):
        with pytest.raises(TypeError):
            index["x"] = None  # type: ignore[index]


# ---------------------------------------------------------------------- queries and numbers


def test_bad_query_arguments_raise_type_error() -> None:
    ds = se.load()
    with pytest.raises(TypeError, match="expected a person id, name or Person, got NoneType"):
        ds.person(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"since must be a datetime\.date, got str"):
        ds.events(since="2025-01-01")  # type: ignore[arg-type]
    aware = dt.datetime(2025, 8, 19, 2, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    with pytest.raises(TypeError, match="convert it to a date in the zone you mean"):
        ds.events(since=aware, until=aware)
    with pytest.raises(TypeError):
        ds.events(zone=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ds.event(None)  # type: ignore[arg-type]


def test_an_aware_time_converted_to_a_date_finds_the_call_of_18_august() -> None:
    import zoneinfo

    moment = dt.datetime(2025, 8, 19, 2, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    day = moment.astimezone(zoneinfo.ZoneInfo("America/New_York")).date()
    found = se.load().events(kind="call", since=day, until=day)
    assert "2025-08-18-trump-putin-call" in [e.id for e in found]


def test_an_event_of_another_dataset_is_not_found() -> None:
    ds = se.load()
    stranger = attrs.evolve(ds.calls[0], summary="Another account.")
    for query in (ds.reactions_to, ds.related, ds.thread):
        with pytest.raises(se.NotFoundError):
            query(stranger)
    assert ds.reactions_to(se.from_json(se.to_json(ds.calls[0]), se.Call)) == ds.reactions_to(ds.calls[0])


def test_load_refuses_descriptors_devices_pipes_and_folders(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="expected a file path, got int"):
        se.load(0)  # type: ignore[arg-type]
    with pytest.raises(se.DataError, match="not a regular file"):
        se.load(tmp_path)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        with pytest.raises(se.DataError, match="not a regular file"):
            se.load(fifo)  # no writer: reading would block for ever
    if Path("/dev/zero").exists():
        with pytest.raises(se.DataError, match="not a regular file"):
            se.load("/dev/zero")
    assert main(["validate", str(tmp_path)]) == 1
    assert main(["validate", "/dev/zero"]) == 1 if Path("/dev/zero").exists() else True


@pytest.mark.parametrize("value", [7, 0, -3, 10**15])
def test_a_number_has_one_canonical_text(value: int) -> None:
    reaction = se.MarketReaction(id="m", event="e", date=dt.date(2025, 1, 1), sources=("s",), instrument="X",
                                 change_percent=value, level=value)
    assert type(reaction.change_percent) is float and type(reaction.level) is float
    text = se.to_json(reaction)
    assert se.to_json(se.from_json(text, se.MarketReaction)) == text
    place = se.Place(name="p", country="USA", latitude=61, longitude=-149, precision=se.CoordinatePrecision.CITY)
    assert type(place.latitude) is float
    assert se.to_json(se.from_json(se.to_json(place), se.Place)) == se.to_json(place)


# ---------------------------------------------------------------------- lint


def test_the_packaged_data_has_no_warnings() -> None:
    assert se.lint(se.load()) == ()


def test_each_lint_rule_fires() -> None:
    ds = se.load()
    call = ds.calls[0]
    claim = attrs.evolve(call.durations[0], minutes=10**9)
    market = next(r for r in ds.reactions if isinstance(r, se.MarketReaction))
    statement = next(r for r in ds.reactions if isinstance(r, se.StatementReaction) and r.event == call.id)
    twin = attrs.evolve(ds.people[1], aliases=(*ds.people[1].aliases, ds.people[0].name.upper()))
    odd = attrs.evolve(
        ds,
        people=(ds.people[0], twin, *ds.people[2:]),
        calls=(attrs.evolve(call, durations=(claim,), summary="a \u202e b",
                            participants=(attrs.evolve(call.participants[0], side="XXX"), *call.participants[1:])),
               *ds.calls[1:]),
        reactions=tuple(
            attrs.evolve(r, change_percent=-99.0) if r is market
            else attrs.evolve(r, date=dt.date(1899, 1, 1)) if r is statement else r
            for r in ds.reactions
        ),
    )
    rules = {warning.rule for warning in se.lint(odd)}
    assert rules == set(se.LINT_RULES)


def test_validate_strict_fails_on_warnings_only(tmp_path: Path) -> None:
    ds = se.load()
    path = tmp_path / "data.json"
    path.write_bytes(se.to_json_bytes(ds))
    assert main(["validate", "--strict", str(path)]) == 0
    call = attrs.evolve(ds.calls[0], durations=(attrs.evolve(ds.calls[0].durations[0], minutes=10**9),))
    path.write_bytes(se.to_json_bytes(attrs.evolve(ds, calls=(call, *ds.calls[1:]))))
    assert main(["validate", str(path)]) == 0
    assert main(["validate", "--strict", str(path)]) == 1


def test_a_huge_integer_is_invalid_data_in_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(big_integer_document(5000, "unknown"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert main(["--data", str(path), "timeline"]) == 1


def test_a_document_the_fast_path_refuses_is_not_structured_again_before_its_problems_are_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("msgspec")
    from summit_events import _reference

    calls: list[object] = []

    class Never:
        def structure(self, *args: object) -> None:
            calls.append(args)  # (an exception here would be taken for a refusal)
            raise ValueError

    document = copy.deepcopy(PACKAGED)
    document["calls"][-1]["medium"] = "pigeon"  # one error, at the end
    monkeypatch.setattr(_reference, "FAST", Never())
    with pytest.raises(se.DataError, match=r"^\$\.calls\[\d+\]\.medium: unknown value 'pigeon'"):
        se.from_json(json.dumps(document).encode(), se.Dataset)
    assert calls == []


def test_every_tuple_of_claims_refuses_the_same_claim_twice() -> None:
    """The rule for events' claims holds for exchange figures, document claims and speaker claims too."""
    claim = {"by": "Example", "sources": ("s",)}
    count = se.CountClaim(count=28, **claim)  # type: ignore[arg-type]
    with pytest.raises(se.DataError, match=r"\$\.points\[1\]: repeats an earlier claim word for word"):
        se.Document(id="d", title="Plan", summary="A plan.", points=(count, count), sources=("s",))
    swap = se.ExchangeClaim(released_by="RUS", count=390, **claim)  # type: ignore[arg-type]
    with pytest.raises(se.DataError, match=r"\$\.exchanged\[1\]: repeats an earlier claim word for word"):
        se.Occurrence(id="e", title="Exchange", summary="An exchange.", category=se.OccurrenceKind.PRISONER_EXCHANGE,
                      status=se.EventStatus.PLANNED,
                      exchanged=(swap, swap), sources=("s",))


def test_exchange_figures_belong_to_exchanges_and_repatriations_only() -> None:
    swap = se.ExchangeClaim(released_by="RUS", count=1212, what="bodies", by="Example", sources=("s",))
    for category in (se.OccurrenceKind.PRISONER_EXCHANGE, se.OccurrenceKind.REPATRIATION):
        se.Occurrence(id="e", title="Handover", summary="A handover.", category=category,
                      status=se.EventStatus.PLANNED, exchanged=(swap,), sources=("s",))
    with pytest.raises(se.DataError, match=r"\$\.exchanged: only a prisoner exchange or a repatriation"):
        se.Occurrence(id="e", title="Handover", summary="A handover.", category=se.OccurrenceKind.ANNOUNCEMENT,
                      status=se.EventStatus.PLANNED, exchanged=(swap,), sources=("s",))


@pytest.mark.parametrize(
    ("outcomes", "repeat"),
    [
        (("a", "b"), None),  # same page and author, different words: two claims
        (("a", "a"), 1),
        (("a", "b", "a"), 2),
        (("a", "b", "c", "b"), 3),
    ],
)
def test_claims_from_the_same_page_are_repeats_only_when_word_for_word(
    outcomes: tuple[str, ...], repeat: int | None
) -> None:
    claims = tuple(se.Claim(by="Example", sources=("s",), text=f"Outcome {text}.") for text in outcomes)

    def build() -> se.Call:
        return se.Occurrence(id="e", title="Talks", summary="Talks.", category=se.OccurrenceKind.ANNOUNCEMENT,
                             status=se.EventStatus.PLANNED, outcomes=claims, sources=("s",))

    if repeat is None:
        assert build().outcomes == claims
    else:
        with pytest.raises(se.DataError, match=rf"^\$\.outcomes\[{repeat}\]: repeats an earlier claim word for word"):
            build()
