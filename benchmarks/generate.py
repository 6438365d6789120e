"""A deterministic generator of realistic synthetic datasets in the summit-events JSON format.

The same ``(events, seed)`` always gives the same bytes. The documents are valid under the
schema (every reference resolves, timings agree with their zones) and use every record kind:
people with offices, sources, calls, meetings and occurrences with participants and claims,
media, statement and market reactions.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import zoneinfo
from typing import Any

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}

ZONES = ("UTC", "America/New_York", "Europe/Moscow", "Europe/Kyiv", "Asia/Riyadh", "Europe/Paris",
         "Asia/Tokyo", "America/Anchorage", "Europe/Budapest", "Asia/Kolkata")
COUNTRIES = ("USA", "RUS", "UKR", "SAU", "HUN", "FRA", "DEU", "GBR", "CHN", "IND", "TUR", "JPN")
PARTIES = (*COUNTRIES, "EU", "NATO", "UN")
WORDS = ("ceasefire", "energy", "sanctions", "prisoners", "trade", "security", "grain", "minerals",
         "nuclear", "talks", "summit", "border", "aid", "tariffs", "shipping", "Кремль", "Київ", "peace")
OUTLETS = ("Reuters", "TASS", "Kyiv Independent", "BBC", "NPR", "Le Monde", "Al Arabiya", "Nikkei")
TITLES = ("President", "Prime Minister", "Foreign Minister", "Special Envoy", "Spokesperson",
          "National Security Adviser", "Defence Minister")
QUALIFIERS = ("about", "more_than", "nearly")
FORMATS = ("bilateral_summit", "delegation_talks", "envoy_visit", "multilateral")


def _text(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def generate(events: int, seed: int = 2025) -> dict[str, Any]:
    """A dataset document (JSON-ready builtins) with ``events`` events and about half as many reactions."""
    rng = random.Random(seed * 1_000_003 + events)
    n_people = max(20, events // 50)
    n_sources = max(10, events // 10)
    sources = [
        {
            "id": f"src-{i}",
            "outlet": rng.choice(OUTLETS),
            "title": _text(rng, 3, 8),
            "url": f"https://news.example.org/{i}/{rng.choice(WORDS[:15])}",
            **({"published": _day(rng).isoformat()} if rng.random() < 0.7 else {}),
        }
        for i in range(n_sources)
    ]
    source_ids = [s["id"] for s in sources]

    def cite() -> list[str]:
        return rng.sample(source_ids, rng.randint(1, 2))

    people = []
    for i in range(n_people):
        country = rng.choice(COUNTRIES)
        offices = []
        for _ in range(rng.randint(0, 2)):
            start = _day(rng)
            office: dict[str, Any] = {
                "country": country, "title": rng.choice(TITLES), "start": start.isoformat()}
            if rng.random() < 0.4:
                office["end"] = (start + dt.timedelta(days=rng.randint(30, 2000))).isoformat()
            if rng.random() < 0.5:
                office["sources"] = cite()
            offices.append(office)
        person: dict[str, Any] = {
            "id": f"person-{i}",
            "name": f"Person {i} {rng.choice(WORDS[:15]).title()}",
            "country": country,
            "kind": rng.choice(("leader", "official", "official", "private")),
            "sources": cite(),
        }
        if rng.random() < 0.5:
            person["aliases"] = [f"P{i}", f"Alias {i}"]
        if offices:
            person["offices"] = offices
        if rng.random() < 0.3:
            person["wikidata"] = f"Q{rng.randint(1, 10**7)}"
        people.append(person)
    person_ids = [p["id"] for p in people]

    def attributed(**more: Any) -> dict[str, Any]:
        claim: dict[str, Any] = {"by": rng.choice(OUTLETS), "sources": cite(), **more}
        if rng.random() < 0.3:
            claim["person"] = rng.choice(person_ids)
        if rng.random() < 0.3:
            claim["quote"] = _text(rng, 2, 5)
        return claim

    groups: dict[str, list[dict[str, Any]]] = {"calls": [], "meetings": [], "occurrences": []}
    event_ids: list[str] = []
    dates: dict[str, str] = {}
    for i in range(events):
        group = rng.choices(("calls", "meetings", "occurrences"), (5, 3, 2))[0]
        event_id = f"e{i}-{group[:-1]}"
        chosen = rng.sample(person_ids, rng.randint(1 if group == "occurrences" else 2, 3))
        participants = []
        for person_id in chosen:
            participant: dict[str, Any] = {"person": person_id, "side": rng.choice(COUNTRIES)}
            if rng.random() < 0.2:
                participant["role"] = rng.choice(("delegate", "host", "subject"))
            if rng.random() < 0.2:
                participant["location"] = rng.choice(("Moscow", "Washington", "Kyiv", "Riyadh"))
            if rng.random() < 0.2:
                participant["zone"] = rng.choice(ZONES)
            participants.append(participant)
        status = rng.choices(("held", "reported_unconfirmed", "planned", "postponed", "cancelled"),
                             (80, 5, 8, 4, 3))[0]
        event: dict[str, Any] = {
            "id": event_id,
            "title": _text(rng, 3, 7),
            "summary": _text(rng, 10, 25),
            "participants": participants,
            "sources": cite(),
        }
        if status != "held":
            event["status"] = status
        if group == "calls" or status in ("held", "reported_unconfirmed") or rng.random() < 0.5:
            event["timing"] = _timing(rng)
        if rng.random() < 0.2:
            event["parties"] = rng.sample(PARTIES, rng.randint(1, 2))
        if rng.random() < 0.7:
            event["topics"] = rng.sample(WORDS, rng.randint(1, 3))
        if rng.random() < 0.4:
            event["durations"] = [
                attributed(minutes=rng.randint(10, 240), **(
                    {"qualifier": rng.choice(QUALIFIERS)} if rng.random() < 0.5 else {}))
                for _ in range(rng.randint(1, 2))
            ]
        if rng.random() < 0.6:
            event["outcomes"] = [attributed(text=_text(rng, 5, 12)) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.4:
            event["accounts"] = [attributed(text=_text(rng, 5, 12))]
        if rng.random() < 0.1:
            event["status_claims"] = [attributed(status=rng.choice(("held", "reported_unconfirmed")))]
        if event_ids and rng.random() < 0.3:
            target = rng.choice(event_ids[-50:])
            kind = rng.choice(("follows", "prepares", "part_of", "context"))
            # an event cannot follow a later one or prepare an earlier one: two days apart at least
            mine, theirs = event.get("timing", {}).get("date"), dates.get(target)
            if kind in ("follows", "prepares") and mine is not None and theirs is not None:
                gap = (dt.date.fromisoformat(mine) - dt.date.fromisoformat(theirs)).days
                if (gap if kind == "follows" else -gap) < 2:
                    kind = "context"
            relation = {"kind": kind, "target": target}
            if rng.random() < 0.3:
                relation["note"] = _text(rng, 2, 5)
            event["related"] = [relation]
        if group == "calls":
            if rng.random() < 0.2:
                event["medium"] = "video"
            if rng.random() < 0.4:
                event["initiator"] = rng.choice(chosen)
        elif group == "meetings":
            event["format"] = rng.choice(FORMATS)
            if rng.random() < 0.7:
                place: dict[str, Any] = {"name": rng.choice(("Kremlin", "White House", "Diriyah Palace")),
                                         "country": rng.choice(COUNTRIES)}
                if rng.random() < 0.5:
                    place.update(latitude=round(rng.uniform(-80, 80), 4),
                                 longitude=round(rng.uniform(-170, 170), 4),
                                 precision=rng.choice(("site", "city")))
                if rng.random() < 0.5:
                    place["city"] = rng.choice(("Moscow", "Riyadh", "Alaska", "Istanbul"))
                if rng.random() < 0.3:
                    place["zone"] = rng.choice(ZONES)
                event["place"] = place
            if rng.random() < 0.5:
                event["host"] = rng.choice(COUNTRIES)
        else:
            event["category"] = rng.choice(
                ("inauguration", "prisoner_exchange", "announcement", "sanctions"))
        groups[group].append(event)
        event_ids.append(event_id)
        if "timing" in event:
            dates[event_id] = event["timing"]["date"]

    reactions = []
    for i in range(events // 2):
        kind = rng.choice(("media", "statement", "market"))
        reaction: dict[str, Any] = {"id": f"r{i}-{kind}", "kind": kind, "sources": cite(),
                                    "event": rng.choice(event_ids)}
        if kind == "market" or rng.random() < 0.8:
            reaction["date"] = _day(rng).isoformat()
        if kind == "media":
            reaction.update(outlet=rng.choice(OUTLETS), gist=_text(rng, 5, 15))
            if rng.random() < 0.4:
                reaction["quote"] = _text(rng, 2, 6)
        elif kind == "statement":
            reaction.update(speaker=rng.choice(person_ids), gist=_text(rng, 5, 15),
                            stance=rng.choice(("supportive", "critical", "neutral", "mixed")))
            if rng.random() < 0.2:
                del reaction["event"]
            if rng.random() < 0.3:
                reaction["context"] = _text(rng, 3, 6)
        else:
            reaction.update(instrument=rng.choice(("MOEX Russia Index", "RUB/USD", "Brent crude")),
                            change_percent=round(rng.uniform(-8, 8), 2))
            if rng.random() < 0.5:
                reaction.update(level=round(rng.uniform(10, 5000), 2), unit="points")
        reactions.append(reaction)

    return {"schema_version": 1, "data_version": f"synthetic-{events}-{seed}", "people": people,
            "sources": sources, "reactions": reactions, **groups}


_EPOCH = dt.date(2020, 1, 1)


def _day(rng: random.Random) -> dt.date:
    return _EPOCH + dt.timedelta(days=rng.randrange(3650))


def _timing(rng: random.Random) -> dict[str, Any]:
    zone = rng.choice(ZONES)
    day = _day(rng)
    timing: dict[str, Any] = {"date": day.isoformat(), "zone": zone}
    if rng.random() < 0.5:
        start = dt.datetime.combine(day, dt.time(rng.randint(1, 22), rng.choice((0, 15, 30, 45))),
                                    zoneinfo.ZoneInfo(zone))
        start = start.astimezone(zoneinfo.ZoneInfo(zone))
        timing["date"] = start.date().isoformat()
        timing["start"] = start.isoformat()
        if rng.random() < 0.6:
            minutes = dt.timedelta(minutes=rng.randint(10, 120))
            end = start + minutes  # wall-clock arithmetic
            if end.astimezone(dt.timezone.utc) < start.astimezone(dt.timezone.utc):
                # the start is a wall time in a spring-forward gap (02:45 when clocks jump from
                # 02:00 to 03:00), which names an instant after the end's: count from that instant
                end = (start.astimezone(dt.timezone.utc) + minutes).astimezone(zoneinfo.ZoneInfo(zone))
            timing["end"] = end.isoformat()
    elif rng.random() < 0.2 and zone == "America/New_York":
        # a source gives the date in Moscow too: the evening in Washington is the next day there
        timing["local_dates"] = [{"date": day.isoformat(), "zone": "Europe/Moscow"}]
    return timing


def to_bytes(document: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON in the canonical layout (sorted keys, two-space indent)."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
