"""Event coding: PLOVER category and mode, CAMEO code and Goldstein score for a record.

One lookup table, :data:`TABLE`, keyed on what a record says (see :func:`key`); every export
that needs a code (PLOVER JSONL, and any later one) asks :func:`code`. Records the table does
not cover (occurrences other than prisoner exchanges, media and market reactions) raise
:class:`ValueError`.

A prisoner exchange is CAMEO 0841, "Return, release person(s)", whose codebook entry says
exchanges of prisoners are coded there (Goldstein 7.0); the PLOVER project's CAMEO-to-PLOVER
table (draft 0.8, 2021) maps 0841 to category RETREAT, mode ``release``, context ``legal``.
PLOVER gives RETREAT no intensity score and our sources give it no quad class, so both stay
``None`` for it rather than being guessed.
"""

from __future__ import annotations

import types
from collections.abc import Mapping

import attrs

from .models import (
    Call,
    EventBase,
    Meeting,
    MeetingFormat,
    Occurrence,
    OccurrenceKind,
    ReactionBase,
    Stance,
    StatementReaction,
)

__all__ = ["TABLE", "Coding", "code", "has_code", "key", "visit_host"]

VERBAL_COOPERATION = "verbal cooperation"
VERBAL_CONFLICT = "verbal conflict"


@attrs.frozen(kw_only=True, slots=True)
class Coding:
    """How a record codes: ``plover`` is ``None`` where PLOVER has no category (plain statements)."""

    plover: str | None  #: PLOVER event category, e.g. "CONSULT"
    mode: str | None  #: PLOVER mode, e.g. "phone"
    cameo: str  #: CAMEO event code, e.g. "041"
    goldstein: float  #: Goldstein score of the CAMEO code
    plover_score: float | None  #: PLOVER's own intensity score
    quad_class: str | None  #: "verbal cooperation", "verbal conflict", ...
    context: str | None = None  #: PLOVER context, e.g. "legal" (``None`` where the mapping gives none)


def _row(
    plover: str | None,
    mode: str | None,
    cameo: str,
    goldstein: float,
    score: float | None,
    context: str | None = None,
) -> Coding:
    quad = {
        "CONSULT": VERBAL_COOPERATION,
        "AGREE": VERBAL_COOPERATION,
        "SUPPORT": VERBAL_COOPERATION,
        "ACCUSE": VERBAL_CONFLICT,
    }.get(plover or "")
    return Coding(
        plover=plover, mode=mode, cameo=cameo, goldstein=goldstein, plover_score=score, quad_class=quad,
        context=context,
    )


TABLE: Mapping[str, Coding] = types.MappingProxyType({
    "call": _row("CONSULT", "phone", "041", 1.0, 1.5),
    "meeting/visit": _row("CONSULT", "visit", "042", 1.9, 4.0),
    "meeting/third-party": _row("CONSULT", "third-party", "044", 2.5, 1.0),
    "meeting/multilateral": _row("CONSULT", "multilateral", "040", 1.0, 4.0),
    "meeting/unknown-host": _row("CONSULT", None, "040", 1.0, 2.5),
    "intent-to-meet": _row("AGREE", None, "036", 4.0, 2.5),
    "statement/critical": _row("ACCUSE", "disapprove", "111", -2.0, -2.0),
    "statement/supportive": _row("SUPPORT", None, "051", 3.4, 5.0),
    "statement/neutral": _row(None, None, "010", 0.0, None),
    "statement/mixed": _row(None, None, "010", 0.0, None),
    "prisoner-exchange": _row("RETREAT", "release", "0841", 7.0, None, "legal"),
})
"""The coding of each kind of record; :func:`key` says which row a record falls in (read-only)."""



def visit_host(meeting: Meeting) -> str | None:
    """The country the meeting was held in: ``host``, else the place's country (``None`` if neither)."""
    if meeting.host is not None:
        return meeting.host
    return meeting.place.country if meeting.place is not None else None


def key(record: EventBase | ReactionBase) -> str:
    """The :data:`TABLE` row for ``record``; :class:`ValueError` for records the table leaves out.

    A call, meeting or statement is coded by kind; a call or meeting not (yet) held is an
    intent to meet; a meeting by format and by whether its host is one of the sides; a
    prisoner exchange that took place is a release of persons.
    """
    if isinstance(record, (Call, Meeting)) and not record.status.took_place:
        return "intent-to-meet"
    if isinstance(record, Call):
        return "call"
    if isinstance(record, Meeting):
        sides = set(record.sides)
        if record.format is MeetingFormat.MULTILATERAL or len(sides) > 2:
            return "meeting/multilateral"
        host = visit_host(record)
        if host is None:
            return "meeting/unknown-host"
        return "meeting/visit" if host in sides else "meeting/third-party"
    if (
        isinstance(record, Occurrence)
        and record.category is OccurrenceKind.PRISONER_EXCHANGE
        and record.status.took_place
    ):
        return "prisoner-exchange"
    if isinstance(record, StatementReaction):
        return f"statement/{Stance(record.stance).value}"
    raise ValueError(f"no event coding for a {type(record).__name__} ({record.id!r})")


def code(record: EventBase | ReactionBase) -> Coding:
    """The :class:`Coding` of a call, meeting, prisoner exchange or statement (one row of :data:`TABLE`)."""
    return TABLE[key(record)]


def has_code(record: EventBase | ReactionBase) -> bool:
    """Whether :func:`code` codes ``record`` (rather than refusing it)."""
    try:
        key(record)
    except ValueError:
        return False
    return True
