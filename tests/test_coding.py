"""The event-coding table: one test per row, keyed on what the record says."""

from __future__ import annotations

import attrs
import pytest

import summit_events as se
from summit_events.coding import TABLE, code, has_code, key


def _meeting(ds: se.Dataset, event_id: str, **changes: object) -> se.Meeting:
    meeting = ds.event(event_id)
    assert isinstance(meeting, se.Meeting)
    return attrs.evolve(meeting, **changes)  # type: ignore[arg-type]


def _statement(ds: se.Dataset, stance: se.Stance) -> se.StatementReaction:
    statement = next(r for r in ds.reactions if isinstance(r, se.StatementReaction))
    return attrs.evolve(statement, stance=stance)


def test_a_call_is_consult_by_phone(ds: se.Dataset) -> None:
    coding = code(ds.event("2025-02-12-trump-putin-call"))
    assert (coding.plover, coding.mode, coding.cameo, coding.goldstein) == ("CONSULT", "phone", "041", 1.0)


def test_a_meeting_hosted_by_one_side_is_a_visit(ds: se.Dataset) -> None:
    coding = code(ds.event("2025-08-15-alaska-summit"))
    assert (coding.plover, coding.mode, coding.cameo, coding.plover_score) == ("CONSULT", "visit", "042", 4.0)


def test_a_meeting_hosted_by_a_third_country_is_third_party(ds: se.Dataset) -> None:
    coding = code(ds.event("2025-02-18-riyadh-talks"))
    assert (coding.plover, coding.mode, coding.cameo) == ("CONSULT", "third-party", "044")


def test_a_multilateral_meeting_is_consult_multilateral(ds: se.Dataset) -> None:
    coding = code(ds.event("2025-02-12-paris-foreign-ministers-meeting"))
    assert (coding.plover, coding.mode) == ("CONSULT", "multilateral")


def test_a_meeting_with_no_host_or_place_is_plain_consult(ds: se.Dataset) -> None:
    meeting = _meeting(ds, "2025-08-15-alaska-summit", host=None, place=None)
    assert key(meeting) == "meeting/unknown-host"
    assert (code(meeting).plover, code(meeting).mode, code(meeting).cameo) == ("CONSULT", None, "040")


@pytest.mark.parametrize("status", [se.EventStatus.PLANNED, se.EventStatus.POSTPONED, se.EventStatus.CANCELLED])
def test_a_meeting_not_held_is_an_intent_to_meet(ds: se.Dataset, status: se.EventStatus) -> None:
    coding = code(_meeting(ds, "2025-08-15-alaska-summit", status=status))
    assert (coding.plover, coding.cameo, coding.goldstein) == ("AGREE", "036", 4.0)


def test_the_packaged_planned_meeting_codes_agree(ds: se.Dataset) -> None:
    assert code(ds.event("trump-putin-saudi-arabia-meeting")).plover == "AGREE"


def test_a_critical_statement_is_accuse_disapprove(ds: se.Dataset) -> None:
    coding = code(_statement(ds, se.Stance.CRITICAL))
    assert (coding.plover, coding.mode, coding.cameo, coding.quad_class) == (
        "ACCUSE", "disapprove", "111", "verbal conflict")


def test_a_supportive_statement_is_support(ds: se.Dataset) -> None:
    coding = code(_statement(ds, se.Stance.SUPPORTIVE))
    assert (coding.plover, coding.cameo, coding.goldstein) == ("SUPPORT", "051", 3.4)


@pytest.mark.parametrize("stance", [se.Stance.NEUTRAL, se.Stance.MIXED])
def test_a_neutral_statement_has_no_plover_category(ds: se.Dataset, stance: se.Stance) -> None:
    coding = code(_statement(ds, stance))
    assert (coding.plover, coding.cameo, coding.goldstein) == (None, "010", 0.0)


def test_a_prisoner_exchange_is_a_release_of_persons(ds: se.Dataset) -> None:
    exchange = ds.event("2025-02-11-fogel-vinnik-exchange")
    coding = code(exchange)
    assert (coding.plover, coding.mode, coding.context, coding.cameo, coding.goldstein) == (
        "RETREAT", "release", "legal", "0841", 7.0
    )
    assert coding.plover_score is None and coding.quad_class is None  # no source gives them
    assert has_code(exchange)


def test_a_repatriation_of_bodies_is_not_coded_as_a_release_of_persons(ds: se.Dataset) -> None:
    # CAMEO 0841 is the release of people; no code in our sources fits handing over the dead
    exchange = ds.event("2025-02-11-fogel-vinnik-exchange")
    assert isinstance(exchange, se.Occurrence)
    assert not has_code(attrs.evolve(exchange, category=se.OccurrenceKind.REPATRIATION))


@pytest.mark.parametrize("status", [se.EventStatus.PLANNED, se.EventStatus.CANCELLED])
def test_an_exchange_that_did_not_take_place_is_not_coded(ds: se.Dataset, status: se.EventStatus) -> None:
    exchange = attrs.evolve(ds.event("2025-02-11-fogel-vinnik-exchange"), status=status)
    assert not has_code(exchange)
    with pytest.raises(ValueError, match="no event coding"):
        code(exchange)


def test_records_outside_the_table_are_refused(ds: se.Dataset) -> None:
    assert not has_code(ds.event("2025-01-20-trump-second-inauguration"))
    with pytest.raises(ValueError, match="no event coding"):
        code(ds.event("2025-01-20-trump-second-inauguration"))
    with pytest.raises(ValueError, match="no event coding"):
        code(next(r for r in ds.reactions if isinstance(r, se.MediaReaction)))


def test_every_row_of_the_table_is_reachable_from_the_data_or_a_test() -> None:
    assert set(TABLE) == {
        "call", "meeting/visit", "meeting/third-party", "meeting/multilateral", "meeting/unknown-host",
        "intent-to-meet", "statement/critical", "statement/supportive", "statement/neutral", "statement/mixed",
        "prisoner-exchange",
    }
