from __future__ import annotations

import datetime as _dt
import os
import zoneinfo

import attrs
import pytest
from hypothesis import HealthCheck, settings

import summit_events as se

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# a long hunt before a release: pytest --hypothesis-profile=stress
settings.register_profile(
    "stress", max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def ds() -> se.Dataset:
    """The packaged dataset."""
    return se.load()


@pytest.fixture
def rich_ds(ds: se.Dataset) -> se.Dataset:
    """The packaged dataset plus made-up coordinates and clock times (test input only, not data)."""
    new_york = zoneinfo.ZoneInfo("America/New_York")
    calls = tuple(
        attrs.evolve(call, timing=attrs.evolve(
            call.timing,
            start=_dt.datetime(2025, 3, 18, 10, 0, tzinfo=new_york),
            end=_dt.datetime(2025, 3, 18, 12, 30, tzinfo=new_york),
        ))
        if call.id == "2025-03-18-trump-putin-call" else call
        for call in ds.calls
    )
    meetings = tuple(
        attrs.evolve(meeting, place=attrs.evolve(
            meeting.place, latitude=61.25, longitude=-149.8, precision=se.CoordinatePrecision.SITE,
        ))
        if meeting.id == "2025-08-15-alaska-summit" else meeting
        for meeting in ds.meetings
    )
    return attrs.evolve(ds, calls=calls, meetings=meetings)
