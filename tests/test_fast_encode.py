"""The msgspec encoder (the ``fast`` extra) against the reference ``json.dumps`` path: the same bytes.

``to_json`` and ``to_json_bytes`` of a whole dataset go through msgspec when it is installed.
Whatever the dataset holds, the text must be exactly the reference text: where msgspec would
write a value differently (a float with an exponent, an ``int`` in a number field), the fast
path declines and the reference writes it.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import datasets

import summit_events as se
from summit_events import codec

msgspec = pytest.importorskip("msgspec", reason="the fast encoder needs msgspec (the 'fast' extra)")
from summit_events import _fast  # noqa: E402 - needs msgspec


def assert_same_text(ds: se.Dataset) -> None:
    reference = codec.reference_to_json(ds)
    assert se.to_json(ds) == reference
    assert se.to_json_bytes(ds) == reference.encode("utf-8")


@given(datasets(max_events=6))
def test_any_dataset_is_written_exactly_as_the_reference_writes_it(ds: se.Dataset) -> None:
    assert_same_text(ds)


def test_the_packaged_dataset_takes_the_fast_path_and_reproduces_the_packaged_file() -> None:
    from importlib.resources import files

    packaged = files("summit_events.data").joinpath("summit_events.json").read_bytes()
    assert _fast.encode_dataset(se.load()) == packaged
    assert se.to_json_bytes(se.load()) == packaged


def _market(ds: se.Dataset) -> tuple[int, se.MarketReaction]:
    return next((i, r) for i, r in enumerate(ds.reactions) if isinstance(r, se.MarketReaction))


@pytest.mark.parametrize(
    "change",
    [5, 0.00001, -1e-7, 1e15, 1e16, 1e22, 5e-324, 0.0001, 123456789012345.6, -0.0],
)
def test_numbers_msgspec_would_write_otherwise_fall_back_to_the_reference(change: float) -> None:
    ds = se.load()
    index, market = _market(ds)
    changed = attrs.evolve(market, change_percent=change, level=change)
    reactions = (*ds.reactions[:index], changed, *ds.reactions[index + 1:])
    edited = attrs.evolve(ds, reactions=reactions)
    assert_same_text(edited)
    assert se.from_json(se.to_json_bytes(edited), se.Dataset) == edited


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-90, max_value=90))
def test_coordinates_of_any_size_are_written_as_the_reference_writes_them(latitude: float) -> None:
    ds = se.load()
    index, meeting = next((i, m) for i, m in enumerate(ds.meetings) if m.place is not None)
    assert meeting.place is not None
    place = attrs.evolve(meeting.place, latitude=latitude, longitude=0.0,
                         precision=meeting.place.precision or se.CoordinatePrecision.SITE)
    edited = attrs.evolve(ds, meetings=(*ds.meetings[:index], attrs.evolve(meeting, place=place),
                                        *ds.meetings[index + 1:]))
    assert_same_text(edited)


def test_records_other_than_a_dataset_are_written_by_the_reference() -> None:
    call = se.load().calls[0]
    assert se.to_json_bytes(call) == codec.reference_to_json(call).encode("utf-8") == se.to_json(call).encode()


def test_text_with_a_lone_surrogate_is_refused_on_the_way_in() -> None:
    # JSON's "\ud800" escape reads as a lone surrogate, which UTF-8 cannot hold: such text never gets in
    text = se.to_json(se.load()).replace('"title": "', '"title": "\\ud800', 1)
    for decode in (se.from_json, codec.reference_from_json):
        with pytest.raises(se.DataError) as caught:
            decode(text, se.Dataset)
        assert caught.value.problems == ((
            "$.calls[0].title", "lone surrogate U+D800 (not writable as UTF-8) at offset 0 is not allowed in text",
        ),)


@pytest.mark.parametrize("chunk", [1, 2, 7])
def test_sections_written_a_few_records_at_a_time_join_up_exactly(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(_fast, "_CHUNK", chunk)
    assert _fast.encode_dataset(se.load()) == codec.reference_to_json(se.load()).encode("utf-8")


@given(datasets(max_events=6))
def test_a_chunk_of_one_record_writes_any_dataset_as_the_reference(ds: se.Dataset) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_fast, "_CHUNK", 1)
        assert_same_text(ds)


class _NanoDatetime(dt.datetime):
    """A datetime subclass that writes itself differently (as pandas.Timestamp does with nanoseconds)."""

    def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
        text = super().isoformat(sep, timespec)
        return text[:-6] + ".000000001" + text[-6:]  # before the "+HH:MM" or "-HH:MM" offset


def test_datetime_subclasses_are_written_as_the_reference_writes_them() -> None:
    ds = se.load()
    index, call = next((i, c) for i, c in enumerate(ds.calls) if c.timing is not None and c.timing.start)
    assert call.timing is not None and call.timing.start is not None
    start = call.timing.start
    odd = _NanoDatetime(start.year, start.month, start.day, start.hour, start.minute, tzinfo=start.tzinfo)
    edited = attrs.evolve(ds, calls=(*ds.calls[:index], attrs.evolve(call, timing=attrs.evolve(call.timing, start=odd)),
                                     *ds.calls[index + 1:]))
    assert_same_text(edited)


def test_reaction_subclasses_are_written_as_the_reference_writes_them() -> None:
    @attrs.frozen(kw_only=True)
    class Relabelled(se.StatementReaction):
        """A statement that calls itself media and has every field a media reaction has."""

        kind: ClassVar[str] = "media"  # type: ignore[misc]
        outlet: str = "An outlet"

    ds = se.load()
    index, statement = next((i, r) for i, r in enumerate(ds.reactions) if isinstance(r, se.StatementReaction))
    relabelled = Relabelled(**{a.name: getattr(statement, a.name) for a in attrs.fields(se.StatementReaction)})
    edited = attrs.evolve(ds, reactions=(*ds.reactions[:index], relabelled, *ds.reactions[index + 1:]))
    assert_same_text(edited)


@pytest.mark.parametrize(
    "zone",
    [dt.timezone.utc, dt.timezone(dt.timedelta(0), "GMT"), dt.timezone(dt.timedelta(hours=5, minutes=30)),
     dt.timezone(dt.timedelta(hours=-4)), dt.timezone(-dt.timedelta(minutes=1))],
)
@pytest.mark.parametrize("microsecond", [0, 120000])
def test_datetimes_of_any_offset_are_written_as_the_reference_writes_them(
    zone: dt.timezone, microsecond: int
) -> None:
    # msgspec writes an offset of zero as "Z"; the encoder replaces those with isoformat()
    ds = se.load()
    index, call = next((i, c) for i, c in enumerate(ds.calls) if c.timing is not None and c.timing.start)
    assert call.timing is not None and call.timing.start is not None
    start = call.timing.start.replace(tzinfo=zone, microsecond=microsecond)
    edited = attrs.evolve(ds, calls=(*ds.calls[:index], attrs.evolve(call, timing=attrs.evolve(call.timing, start=start)),
                                     *ds.calls[index + 1:]))
    stored = edited.calls[index].timing
    assert stored is not None and stored.start is not None and stored.start.tzinfo is zone
    assert _fast.encode_dataset(edited) == codec.reference_to_json(edited).encode("utf-8")
