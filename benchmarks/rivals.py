"""The same schema as msgspec Structs and pydantic v2 models: the baselines of the benchmark.

Same shapes, field types, defaults and tagged reaction union as summit-events; unknown
fields are refused. They check types only (not our id patterns or cross-record links), so
they are a lower bound on what validated decoding can cost.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Union

import msgspec
import pydantic

Str = str
Ids = tuple[str, ...]


class _S(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    pass


class MSource(_S, kw_only=True):
    id: str
    outlet: str
    title: str
    url: str
    published: dt.date | None = None
    section: str | None = None
    via: str | None = None


class MAttributed(_S, kw_only=True):
    by: str
    person: str | None = None
    quote: str | None = None
    sources: Ids


class MClaim(MAttributed, kw_only=True):
    text: str


class MDurationClaim(MAttributed, kw_only=True):
    minutes: int
    qualifier: Literal["exact", "about", "more_than", "nearly", "less_than"] = "exact"


class MStatusClaim(MAttributed, kw_only=True):
    status: Literal["held", "reported_unconfirmed", "planned", "postponed", "cancelled"]
    text: str | None = None


class MOffice(_S, kw_only=True):
    title: str
    country: str
    start: dt.date | None = None
    end: dt.date | None = None
    sources: Ids = ()


class MPerson(_S, kw_only=True):
    id: str
    name: str
    aliases: Ids = ()
    country: str
    kind: Literal["leader", "official", "private"]
    offices: tuple[MOffice, ...] = ()
    wikidata: str | None = None
    sources: Ids


class MLocalDate(_S, kw_only=True):
    date: dt.date
    zone: str


class MTiming(_S, kw_only=True):
    date: dt.date
    zone: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    local_dates: tuple[MLocalDate, ...] = ()


class MPlace(_S, kw_only=True):
    name: str
    city: str | None = None
    country: str
    latitude: float | None = None
    longitude: float | None = None
    precision: Literal["site", "city"] | None = None
    zone: str | None = None


class MParticipant(_S, kw_only=True):
    person: str
    side: str
    role: Literal["principal", "delegate", "host", "subject"] = "principal"
    location: str | None = None
    zone: str | None = None


class MRelation(_S, kw_only=True):
    kind: Literal["follows", "prepares", "part_of", "context"]
    target: str
    note: str | None = None


class MEvent(_S, kw_only=True):
    id: str
    title: str
    summary: str
    status: Literal["held", "reported_unconfirmed", "planned", "postponed", "cancelled"] = "held"
    timing: MTiming | None = None
    participants: tuple[MParticipant, ...] = ()
    parties: Ids = ()
    topics: Ids = ()
    durations: tuple[MDurationClaim, ...] = ()
    outcomes: tuple[MClaim, ...] = ()
    accounts: tuple[MClaim, ...] = ()
    status_claims: tuple[MStatusClaim, ...] = ()
    related: tuple[MRelation, ...] = ()
    sources: Ids


class MCall(MEvent, kw_only=True):
    medium: Literal["phone", "video"] = "phone"
    initiator: str | None = None


class MMeeting(MEvent, kw_only=True):
    format: Literal["bilateral_summit", "delegation_talks", "envoy_visit", "multilateral"]
    place: MPlace | None = None
    host: str | None = None


class MOccurrence(MEvent, kw_only=True):
    category: Literal["inauguration", "prisoner_exchange", "announcement", "sanctions"]


class _R(_S, tag_field="kind", kw_only=True):
    id: str
    event: str | None = None
    date: dt.date | None = None
    sources: Ids


class MMedia(_R, tag="media", kw_only=True):
    outlet: str
    gist: str
    quote: str | None = None


class MStatement(_R, tag="statement", kw_only=True):
    speaker: str
    stance: Literal["supportive", "critical", "neutral", "mixed"]
    gist: str
    quote: str | None = None
    context: str | None = None


class MMarket(_R, tag="market", kw_only=True):
    instrument: str
    change_percent: float
    qualifier: Literal["exact", "about", "more_than", "nearly", "less_than"] = "exact"
    level: float | None = None
    unit: str | None = None


class MDataset(_S, kw_only=True):
    schema_version: int
    data_version: str
    people: tuple[MPerson, ...] = ()
    calls: tuple[MCall, ...] = ()
    meetings: tuple[MMeeting, ...] = ()
    occurrences: tuple[MOccurrence, ...] = ()
    reactions: tuple[Union[MMedia, MStatement, MMarket], ...] = ()  # noqa: UP007
    sources: tuple[MSource, ...] = ()


_decoder = msgspec.json.Decoder(MDataset)
_encoder = msgspec.json.Encoder(order="sorted")


def msgspec_decode(data: bytes) -> MDataset:
    return _decoder.decode(data)


def msgspec_encode(obj: MDataset) -> bytes:
    """The same layout as ours: sorted keys, two-space indent, trailing newline."""
    return msgspec.json.format(_encoder.encode(obj), indent=2) + b"\n"


# ---------------------------------------------------------------------- pydantic v2


class _P(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True, strict=True)


class PSource(_P):
    id: str
    outlet: str
    title: str
    url: str
    published: dt.date | None = None
    section: str | None = None
    via: str | None = None


class PAttributed(_P):
    by: str
    person: str | None = None
    quote: str | None = None
    sources: Ids


class PClaim(PAttributed):
    text: str


class PDurationClaim(PAttributed):
    minutes: int
    qualifier: Literal["exact", "about", "more_than", "nearly", "less_than"] = "exact"


class PStatusClaim(PAttributed):
    status: Literal["held", "reported_unconfirmed", "planned", "postponed", "cancelled"]
    text: str | None = None


class POffice(_P):
    title: str
    country: str
    start: dt.date | None = None
    end: dt.date | None = None
    sources: Ids = ()


class PPerson(_P):
    id: str
    name: str
    aliases: Ids = ()
    country: str
    kind: Literal["leader", "official", "private"]
    offices: tuple[POffice, ...] = ()
    wikidata: str | None = None
    sources: Ids


class PLocalDate(_P):
    date: dt.date
    zone: str


class PTiming(_P):
    date: dt.date
    zone: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    local_dates: tuple[PLocalDate, ...] = ()


class PPlace(_P):
    name: str
    city: str | None = None
    country: str
    latitude: float | None = None
    longitude: float | None = None
    precision: Literal["site", "city"] | None = None
    zone: str | None = None


class PParticipant(_P):
    person: str
    side: str
    role: Literal["principal", "delegate", "host", "subject"] = "principal"
    location: str | None = None
    zone: str | None = None


class PRelation(_P):
    kind: Literal["follows", "prepares", "part_of", "context"]
    target: str
    note: str | None = None


class PEvent(_P):
    id: str
    title: str
    summary: str
    status: Literal["held", "reported_unconfirmed", "planned", "postponed", "cancelled"] = "held"
    timing: PTiming | None = None
    participants: tuple[PParticipant, ...] = ()
    parties: Ids = ()
    topics: Ids = ()
    durations: tuple[PDurationClaim, ...] = ()
    outcomes: tuple[PClaim, ...] = ()
    accounts: tuple[PClaim, ...] = ()
    status_claims: tuple[PStatusClaim, ...] = ()
    related: tuple[PRelation, ...] = ()
    sources: Ids


class PCall(PEvent):
    medium: Literal["phone", "video"] = "phone"
    initiator: str | None = None


class PMeeting(PEvent):
    format: Literal["bilateral_summit", "delegation_talks", "envoy_visit", "multilateral"]
    place: PPlace | None = None
    host: str | None = None


class POccurrence(PEvent):
    category: Literal["inauguration", "prisoner_exchange", "announcement", "sanctions"]


class _PR(_P):
    id: str
    event: str | None = None
    date: dt.date | None = None
    sources: Ids


class PMedia(_PR):
    kind: Literal["media"]
    outlet: str
    gist: str
    quote: str | None = None


class PStatement(_PR):
    kind: Literal["statement"]
    speaker: str
    stance: Literal["supportive", "critical", "neutral", "mixed"]
    gist: str
    quote: str | None = None
    context: str | None = None


class PMarket(_PR):
    kind: Literal["market"]
    instrument: str
    change_percent: float
    qualifier: Literal["exact", "about", "more_than", "nearly", "less_than"] = "exact"
    level: float | None = None
    unit: str | None = None


PReaction = pydantic.Field(discriminator="kind")


class PDataset(_P):
    schema_version: int
    data_version: str
    people: tuple[PPerson, ...] = ()
    calls: tuple[PCall, ...] = ()
    meetings: tuple[PMeeting, ...] = ()
    occurrences: tuple[POccurrence, ...] = ()
    reactions: tuple[
        __import__("typing").Annotated[Union[PMedia, PStatement, PMarket], PReaction], ...  # noqa: UP007
    ] = ()
    sources: tuple[PSource, ...] = ()


def pydantic_decode(data: bytes) -> PDataset:
    return PDataset.model_validate_json(data)


def pydantic_encode(obj: PDataset) -> str:
    return obj.model_dump_json(exclude_defaults=True)
