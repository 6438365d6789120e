"""Made-up datasets for the plot tests (test input only, not data)."""

from __future__ import annotations

import datetime as dt
import random

import attrs

import summit_events as se


def many_events(count: int, seed: int = 0) -> se.Dataset:
    """The packaged people and sources with ``count`` made-up calls and meetings over two years."""
    ds = se.load()
    rng = random.Random(seed)
    template_call, template_meeting = ds.calls[0], ds.meetings[0]
    statuses = [s for s in se.EventStatus]
    calls, meetings = [], []
    leaders = [p.id for p in ds.people][:8]
    for index in range(count):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))
        first, second = rng.sample(leaders, 2)
        participants = (se.Participant(person=first, side="USA"), se.Participant(person=second, side="RUS"))
        status = se.EventStatus.HELD if index % 4 else rng.choice(statuses)
        timing = se.Timing(date=day, zone="UTC") if status is se.EventStatus.HELD or index % 3 else None
        if index % 2 or timing is None:
            meetings.append(attrs.evolve(template_meeting, id=f"made-up-meeting-{index}", title=f"Made-up meeting {index}",
                                         participants=participants, status=status if timing or status not in (
                                             se.EventStatus.HELD, se.EventStatus.REPORTED_UNCONFIRMED) else se.EventStatus.PLANNED,
                                         timing=timing, related=()))
        else:
            calls.append(attrs.evolve(template_call, id=f"made-up-call-{index}", title=f"Made-up call {index}",
                                      participants=participants, initiator=None, status=status, timing=timing,
                                      related=()))
    return se.Dataset(data_version="test", people=ds.people, calls=tuple(calls), meetings=tuple(meetings),
                      sources=ds.sources)
