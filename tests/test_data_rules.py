"""Curation rules over the packaged data, each one a lesson of the data audit.

Every rule here failed, or would have failed, on an earlier data version; each message
says what to fix.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

import summit_events as se

DS = se.load()
EVENTS = DS.events()


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.id)
def test_one_duration_claim_per_page_and_figure(event: se.Event) -> None:
    """A page counted twice for one figure (an outlet's report and its quote of a spokesman)."""
    for a, b in itertools.combinations(event.durations, 2):
        assert not (a.sources == b.sources and a.minutes == b.minutes), (
            f"{event.id}: {a.by!r} and {b.by!r} give the same figure from the same page; keep one claim "
            "unless the page reports two separate statements"
        )


def test_no_stale_planned_events() -> None:
    """``planned`` means still to come: an announcement overtaken by events says what became of it."""
    latest = max(s.published for s in DS.sources if s.published is not None)
    stale = [e.id for e in EVENTS if e.status is se.EventStatus.PLANNED and (e.date is None or e.date <= latest)]
    assert not stale, f"still 'planned' after the latest source ({latest}): {stale}; use never_held, postponed or cancelled"


def test_titles_are_headlines_not_addresses() -> None:
    """A title is the headline as the page shows it; a page without one is described, never given its slug."""
    built = [s.id for s in DS.sources if re.search(r"from (the )?URL|title from", s.title, re.IGNORECASE)]
    assert not built, f"titles built from addresses: {built}"


def test_statement_attributions_cite_the_statements_pages() -> None:
    for reaction in DS.reactions:
        if isinstance(reaction, se.StatementReaction):
            for claim in reaction.speaker_claims:
                assert set(claim.sources) <= set(reaction.sources), (reaction.id, claim.by)


def test_disputed_statements_are_found_under_every_speaker() -> None:
    for reaction in DS.reactions:
        if isinstance(reaction, se.StatementReaction):
            for person in reaction.speakers:
                assert reaction in DS.statements_by(person), (reaction.id, person)


# Per-person goldens (as python-holidays keeps per-country ones): the tenure each office starts,
# checked against the pages cited on the office. A change here is a data change.
TENURES = {
    ("vladimir-putin", "President of Russia"): dt.date(2012, 5, 7),
    ("viktor-orban", "Prime Minister of Hungary"): dt.date(2010, 5, 29),
}


@pytest.mark.parametrize(("person_id", "title"), list(TENURES))
def test_leaders_tenures(person_id: str, title: str) -> None:
    office = next(o for o in DS.person(person_id).offices if o.title == title)
    assert office.start == TENURES[person_id, title]


def test_the_rubles_rise_is_a_rise_in_its_value() -> None:
    """13 Feb 2025: the ruble rose 3.7 % to 90.50 per dollar, so the rate in rubles per dollar fell."""
    ruble = next(r for r in DS.reactions if r.id == "2025-02-13-ruble-usd")
    assert isinstance(ruble, se.MarketReaction)
    assert (ruble.change_of, ruble.change_percent, ruble.unit) == (se.ChangeOf.VALUE, 3.7, "RUB per USD")
