"""The query helpers of the packaged dataset, as a user calls them."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import ZONES, datasets, dates

import summit_events as se

ds = se.load()


@pytest.mark.parametrize(
    ("query", "person_id"),
    [
        ("Putin", "vladimir-putin"),
        ("vladimir-putin", "vladimir-putin"),
        ("VLADIMIR PUTIN", "vladimir-putin"),
        ("Zelensky", "volodymyr-zelenskyy"),
        ("zelenskiy", "volodymyr-zelenskyy"),
        ("Володимир Зеленський", "volodymyr-zelenskyy"),
        ("Sergei Lavrov", "sergey-lavrov"),
        ("Litvin", "dmytro-lytvyn"),
        ("  steven   witkoff ", "steve-witkoff"),
    ],
)
def test_person_by_id_name_alias_or_surname(query: str, person_id: str) -> None:
    assert ds.person(query).id == person_id


def test_unknown_person_suggests_close_names() -> None:
    with pytest.raises(se.NotFoundError, match=r"no person matches 'Puttin'; did you mean 'Vladimir Putin'\?") as info:
        ds.person("Puttin")
    assert isinstance(info.value, LookupError)
    assert info.value.suggestions == ("Vladimir Putin",)


def test_unknown_event_suggests_close_ids() -> None:
    with pytest.raises(se.NotFoundError, match="did you mean '2025-02-12-trump-putin-call'"):
        ds.event("2025-02-12-trump-putin")


def test_event_by_id_returns_the_record() -> None:
    call = ds.event("2025-02-12-trump-putin-call")
    assert isinstance(call, se.Call)
    assert call.person_ids == ("donald-trump", "vladimir-putin")


def test_events_are_time_ordered_and_filterable() -> None:
    events = ds.events()
    dated = [e for e in events if e.timing is not None]
    assert [e.timing.date for e in dated if e.timing] == sorted(e.timing.date for e in dated if e.timing)
    assert all(e.kind == "call" for e in ds.events(kind="call"))
    assert ds.events(kind=se.Meeting) == ds.events(kind="meeting")
    for status in se.EventStatus:
        assert {e.status for e in ds.events(status=status)} <= {status}
    assert {e.status for e in ds.events(status="never_held")} == {se.EventStatus.NEVER_HELD}
    february = ds.events(since=dt.date(2025, 2, 1), until=dt.date(2025, 2, 28))
    assert february and all(e.date and e.date.month == 2 for e in february)
    assert all("vladimir-putin" in e.person_ids for e in ds.events(participant="Putin"))
    france = ds.events(country="FRA")
    assert [e.id for e in france] == [
        "2025-02-12-paris-foreign-ministers-meeting",
        "2025-05-16-zelenskyy-european-leaders-trump-call",
        "2025-05-19-trump-zelenskyy-european-leaders-call",
        "2025-08-16-trump-zelenskyy-call-after-alaska",
        "2025-08-18-white-house-european-leaders-meeting",
        "2025-12-19-miami-us-ukraine-europe-talks",
        "2026-01-06-paris-coalition-summit",
    ]


def test_bad_filter_values_raise_helpful_errors() -> None:
    with pytest.raises(ValueError, match="unknown event kind 'summit'"):
        ds.events(kind="summit")
    with pytest.raises(ValueError, match="not an IANA time zone"):
        ds.events(zone="Moscow")
    with pytest.raises(ValueError, match="'sometime' is not a valid EventStatus"):
        ds.events(status="sometime")


def test_august_call_is_on_the_19th_in_moscow_and_the_18th_in_washington() -> None:
    call = ds.event("2025-08-18-trump-putin-call")
    assert call.timing is not None
    assert call.timing.date_in("America/New_York") == dt.date(2025, 8, 18)
    assert call.timing.date_in("Europe/Moscow") == dt.date(2025, 8, 19)
    day = dt.date(2025, 8, 19)
    assert call in ds.events(since=day, until=day, zone="Europe/Moscow")
    assert call not in ds.events(since=day, until=day)
    assert call not in ds.events(since=day, until=day, zone="America/New_York")


def test_calls_between_two_leaders() -> None:
    calls = ds.calls_between("Trump", "Putin")
    assert [c.date.isoformat() for c in calls if c.date] == [
        "2025-02-12", "2025-03-18", "2025-05-19", "2025-06-04", "2025-06-14", "2025-07-03", "2025-08-18", "2025-10-16",
        "2025-12-28", "2025-12-29", "2026-03-09",
    ]
    assert ds.calls_between("Putin", "Zelenskyy") == ()


def test_reactions_to_an_event() -> None:
    call = ds.event("2025-02-12-trump-putin-call")
    markets = ds.reactions_to(call, kind="market")
    assert {r.instrument for r in markets if isinstance(r, se.MarketReaction)} == {
        "MOEX Russia Index", "RTS Index", "Russian ruble against the US dollar",
    }
    assert ds.reactions_to(call.id) == ds.reactions_to(call)
    with pytest.raises(ValueError, match="unknown reaction kind"):
        ds.reactions_to(call, kind="tweet")


def test_timeline_holds_every_dated_record_in_order() -> None:
    timeline = ds.timeline()
    dates = [r.timing.date if isinstance(r, se.EventBase) and r.timing else r.date for r in timeline]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert timeline[0].id == "2024-11-07-putin-congratulates-trump"
    assert len(timeline) == len([e for e in ds.events() if e.timing]) + len([r for r in ds.reactions if r.date])


def test_offices_answer_who_held_what_when() -> None:
    rubio = ds.person("Rubio")
    assert [o.title for o in rubio.offices_on(dt.date(2025, 2, 18))] == ["Secretary of State"]
    waltz = ds.person("Waltz")
    assert waltz.offices_on(dt.date(2025, 6, 1)) == ()


def test_leaders_and_sources_resolve() -> None:
    assert {p.id for p in ds.leaders} >= {"donald-trump", "vladimir-putin", "volodymyr-zelenskyy"}
    call = ds.event("2025-02-12-trump-putin-call")
    assert all(s.url.startswith("https://") for s in ds.sources_of(call))
    with pytest.raises(se.NotFoundError):
        ds.source("nope")


def test_duration_claims_keep_attribution_and_give_a_range() -> None:
    call = ds.event("2025-02-12-trump-putin-call")
    assert call.duration_range() == (90, 90)
    assert {claim.by for claim in call.durations} >= {"The Times"}


def test_search_finds_people_and_events() -> None:
    ids = [r.id for r in ds.search("witkoff")]
    assert "steve-witkoff" in ids and "2025-02-11-witkoff-putin-meeting" in ids
    assert ds.search("") == ()


def test_indexes_are_built_once_and_lazily() -> None:
    fresh = se.from_json(se.to_json(ds), se.Dataset)
    first = fresh._by_person
    fresh.events(participant="Putin")
    assert fresh._by_person is first


def test_relations_walk_from_the_first_call_to_budapest() -> None:
    thread = ds.thread("2025-02-12-trump-putin-call")
    ids = [e.id for e in thread]
    assert ids.index("2025-02-12-trump-putin-call") < ids.index("2025-08-15-alaska-summit")
    assert "budapest-summit" in ids
    prepares = ds.related("budapest-summit", kind="prepares")
    assert {source.id for _, source, _ in prepares} == {
        "2025-10-20-rubio-lavrov-call", "2025-10-23-rubio-lavrov-budapest-meeting",
    }
    assert all(target.id == "budapest-summit" for _, _, target in prepares)


def test_conflicting_durations_are_all_kept_with_who_said_them() -> None:
    march = ds.event("2025-03-18-trump-putin-call")
    assert march.duration_range() == (90, 180)
    assert len({claim.by for claim in march.durations}) == len(march.durations)
    june = ds.event("2025-06-14-trump-putin-call")
    assert {(c.minutes, c.person) for c in june.durations} >= {(50, "yuri-ushakov"), (60, "donald-trump")}


def test_budapest_keeps_both_parties_framing() -> None:
    summit = ds.event("budapest-summit")
    framings = {claim.person: claim.status for claim in summit.status_claims if claim.person}
    assert framings["donald-trump"] is se.EventStatus.CANCELLED
    assert framings["vladimir-putin"] is se.EventStatus.POSTPONED


def test_each_side_reads_the_date_on_its_own_clock() -> None:
    sides = ds.event("2025-08-18-trump-putin-call").dates_by_side()
    assert sides["USA"] == (dt.date(2025, 8, 18), dt.date(2025, 8, 18))
    assert sides["RUS"] == (dt.date(2025, 8, 19), dt.date(2025, 8, 19))
    kyiv = ds.event("2025-02-12-trump-zelenskyy-call").dates_by_side()
    assert kyiv["UKR"] == (dt.date(2025, 2, 12), dt.date(2025, 2, 13))  # no clock time: either day
    assert ds.event("budapest-summit").dates_by_side() == {}


@given(datasets(max_events=8), st.sampled_from([None, "call", "meeting", "occurrence"]),
       st.sampled_from([None, *se.EventStatus]), st.none() | dates, st.none() | dates)
def test_indexed_queries_agree_with_a_plain_scan(
    data: se.Dataset, kind: str | None, status: se.EventStatus | None,
    since: dt.date | None, until: dt.date | None,
) -> None:
    every = data.events()
    expected = tuple(
        e for e in every
        if (kind is None or e.kind == kind) and (status is None or e.status is status)
        and ((since is None and until is None) or e.timing is not None)
        and (since is None or (e.date is not None and e.date >= since))
        and (until is None or (e.date is not None and e.date <= until))
    )
    assert data.events(kind=kind, status=status, since=since, until=until) == expected
    for first in data.people:
        for second in data.people:
            calls = tuple(
                e for e in every if isinstance(e, se.Call) and {first.id, second.id} <= set(e.person_ids)
            )
            assert data.calls_between(first.id, second.id) == calls


bounds = st.none() | dates | st.sampled_from([dt.date.min, dt.date.max])


@given(datasets(max_events=8), st.none() | st.sampled_from(ZONES), bounds, bounds)
def test_participant_and_zone_windows_agree_with_a_plain_scan(
    data: se.Dataset, zone: str | None, since: dt.date | None, until: dt.date | None,
) -> None:
    def in_window(event: se.Event) -> bool:
        if since is None and until is None:
            return True
        if event.timing is None:
            return False
        low, high = event.timing.dates_in(zone) if zone is not None else (event.timing.date, event.timing.date)
        return (since is None or high >= since) and (until is None or low <= until)

    for person in data.people:
        expected = tuple(e for e in data.events() if person.id in e.person_ids and in_window(e))
        assert data.events(participant=person.id, since=since, until=until, zone=zone) == expected


def test_an_event_over_several_days_is_found_on_its_last_day_in_any_zone() -> None:
    ds = se.load()
    index, meeting = next((i, m) for i, m in enumerate(ds.meetings) if m.timing is not None)
    assert meeting.timing is not None
    moscow = zoneinfo.ZoneInfo("Europe/Moscow")
    start = dt.datetime.combine(meeting.timing.date, dt.time(10), tzinfo=moscow)
    timing = se.Timing(date=meeting.timing.date, zone="Europe/Moscow", start=start, end=start + dt.timedelta(days=3))
    edited = attrs.evolve(ds, meetings=(*ds.meetings[:index], attrs.evolve(meeting, timing=timing),
                                        *ds.meetings[index + 1:]))
    last = meeting.timing.date + dt.timedelta(days=3)
    moved = edited.meetings[index]
    assert moved in edited.events(since=last, until=last, zone="Europe/Moscow")
    assert moved in edited.events(participant=moved.participants[0].person, since=last, zone="Asia/Riyadh")
    assert moved not in edited.events(since=last + dt.timedelta(days=1), zone="Europe/Moscow")
    assert moved not in edited.events(since=last, until=last)  # without a zone: its own date only


# ---------------------------------------------------------------------- tracks


@given(datasets())
def test_a_track_query_returns_exactly_the_events_with_those_sides(data: se.Dataset) -> None:
    counts = data.tracks()
    assert sum(counts.values()) == sum(1 for e in data.events() if e.track)
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    for track, count in counts.items():
        found = data.events(track=track)
        assert [e.id for e in found] == [e.id for e in data.events() if e.track == track]
        assert len(found) == count
        assert data.events(track=set(track.split("-"))) == found
        assert data.events(track="–".join(reversed(track.split("-"))).lower()) == found


@pytest.mark.parametrize(
    ("name", "track"),
    [
        ("US–Russia", "RUS-USA"),
        ("Russia-US", "RUS-USA"),
        ("U.S./Ukraine", "UKR-USA"),
        ("us ukraine", "UKR-USA"),
        ("Russia—Ukraine", "RUS-UKR"),
        ("Trilateral", "RUS-UKR-USA"),
        ("usa-ukr-rus", "RUS-UKR-USA"),
    ],
)
def test_tracks_can_be_asked_for_by_name(name: str, track: str) -> None:
    assert ds.events(track=name) == ds.events(track=track)
    assert all(e.track == track for e in ds.events(track=name))


def test_the_packaged_us_russia_track_is_not_empty() -> None:
    assert ds.tracks()["RUS-USA"] == len(ds.events(track="US-Russia")) > 0


@pytest.mark.parametrize("bad", ["", "US–Narnia", "trilateral-ish", "usa-12", ["RUS", 3]])
def test_an_unknown_track_is_refused_with_the_names_to_use(bad: object) -> None:
    with pytest.raises(ValueError, match="trilateral"):
        ds.events(track=bad)  # type: ignore[arg-type]
