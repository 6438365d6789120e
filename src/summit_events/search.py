"""Full-text search over every record kind, tolerant of typos, with ranked results.

Each record is indexed by the words of its text fields (titles, names, summaries, quotes,
claims, gists, instruments, outlets, places, …), folded like :func:`~summit_events.collection.normalize`
(case, accents and punctuation ignored). A query word matches a record word

* exactly (score 1.0),
* as the start of it (``"sanction"`` in ``"sanctions"``: 0.9),
* inside it, for words of three letters or more (0.7),
* or, for words of three letters or more, as a near spelling: ``difflib``'s similarity ratio
  of at least 0.8, times 0.8 (``"Putn"`` and ``"putin"``: 0.89 × 0.8).

The match is weighted by the field it is in: 1.0 for ids, names, titles and instruments,
0.5 for every other field. A record is a hit when every query word matches one of its
words; its score is the mean of each query word's best weighted match. Hits come best
first, then by kind and id.

>>> import summit_events as se
>>> from summit_events.search import search
>>> [(hit.kind, hit.id) for hit in search(se.load(), "MOEX")][:1]
[('market', '2025-02-13-moex-index')]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ._text import normalize
from .models import (
    Document,
    EventBase,
    MarketReaction,
    MediaReaction,
    Meeting,
    Person,
    Reaction,
    Series,
    Source,
    StatementReaction,
)

if TYPE_CHECKING:
    from .collection import Dataset
    from .models import Event

__all__ = ["KINDS", "Hit", "search"]

Record = Person | EventBase | Reaction | Source | Series | Document

KINDS = ("person", "call", "meeting", "occurrence", "statement", "media", "market", "source", "series", "document")
"""Every kind a hit can have, in the order ties are listed."""

_PRIMARY = frozenset({"id", "name", "aliases", "title", "instrument"})
_FUZZY_CUTOFF = 0.8


@attrs.frozen
class Hit:
    """One search result: the record, its kind, its score (0–1] and the field matched best."""

    record: Person | Event | Reaction | Source | Series | Document
    kind: str  #: one of :data:`KINDS`
    score: float
    field: str  #: the field where the first query word matched best, e.g. ``"instrument"``

    @property
    def id(self) -> str:
        """The record's id, for :meth:`Dataset.get <summit_events.Dataset.get>`."""
        return self.record.id


def kind_of(record: Record) -> str:
    """``"person"``, ``"source"``, an event's kind or a reaction's kind."""
    if isinstance(record, Person):
        return "person"
    if isinstance(record, Source):
        return "source"
    if isinstance(record, Series):
        return "series"
    if isinstance(record, Document):
        return "document"
    return record.kind


def fields(ds: Dataset, record: Record) -> Iterator[tuple[str, str]]:
    """Every searchable ``(field, text)`` of a record."""
    yield "id", record.id
    if isinstance(record, Person):
        yield "name", record.name
        for alias in record.aliases:
            yield "aliases", alias
        for office in record.offices:
            yield "offices", office.title
    elif isinstance(record, (Series, Document)):
        yield "title", record.title
        yield "summary", record.summary
        for claim in getattr(record, "drafting", ()):
            yield "drafting", " ".join(filter(None, (claim.by, claim.text, claim.quote)))
    elif isinstance(record, Source):
        yield "outlet", record.outlet
        yield "title", record.title
        if record.section:
            yield "section", record.section
    elif isinstance(record, EventBase):
        yield "title", record.title
        yield "summary", record.summary
        for topic in record.topics:
            yield "topics", topic
        for participant in record.participants:
            yield "participants", ds.person(participant.person).name
            if participant.location:
                yield "participants", participant.location
        if isinstance(record, Meeting) and record.place is not None:
            yield "place", " ".join(filter(None, (record.place.name, record.place.city)))
        for field in ("durations", "outcomes", "accounts", "status_claims"):
            for claim in getattr(record, field):
                yield field, " ".join(filter(None, (claim.by, getattr(claim, "text", None), claim.quote)))
        for relation in record.related:
            if relation.note:
                yield "related", relation.note
    elif isinstance(record, MarketReaction):
        yield "instrument", record.instrument
        if record.unit:
            yield "unit", record.unit
    else:
        assert isinstance(record, (MediaReaction, StatementReaction))
        if isinstance(record, MediaReaction):
            yield "outlet", record.outlet
        else:
            yield "speaker", ds.person(record.speaker).name
            if record.context:
                yield "context", record.context
        yield "gist", record.gist
        if record.quote:
            yield "quote", record.quote


@attrs.frozen
class Index:
    """The words of every record: ``records[i]`` has ``words[i]`` = {word: (weight, field)}."""

    records: tuple[Record, ...]
    words: tuple[dict[str, tuple[float, str]], ...]
    vocabulary: dict[str, tuple[int, ...]]  #: word -> indexes of the records holding it


def build_index(ds: Dataset) -> Index:
    """The search index of a dataset (:meth:`Dataset.search` keeps one per dataset)."""
    records: list[Record] = [*ds.people, *ds.events(), *ds.reactions, *ds.sources, *ds.series, *ds.documents]
    words: list[dict[str, tuple[float, str]]] = []
    vocabulary: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        found: dict[str, tuple[float, str]] = {}
        for field, text in fields(ds, record):
            weight = 1.0 if field in _PRIMARY else 0.5
            for word in normalize(text).split():
                if word not in found or found[word][0] < weight:
                    found[word] = (weight, field)
        words.append(found)
        for word in found:
            vocabulary.setdefault(word, []).append(index)
    return Index(tuple(records), tuple(words), {w: tuple(ids) for w, ids in vocabulary.items()})


def _matches(word: str, vocabulary: dict[str, tuple[int, ...]]) -> dict[str, float]:
    """Each word of the vocabulary that ``word`` matches, with how well (0–1]."""
    found: dict[str, float] = {}
    if word in vocabulary:
        found[word] = 1.0
    for known in vocabulary:
        if known != word and known.startswith(word):
            found[known] = 0.9
        elif len(word) >= 3 and word in known and known not in found:
            found[known] = 0.7
    if len(word) >= 3:
        matcher = difflib.SequenceMatcher(b=word)
        for known in vocabulary:
            if known in found or abs(len(known) - len(word)) > len(word) // 2 + 1:
                continue
            matcher.set_seq1(known)
            if matcher.real_quick_ratio() >= _FUZZY_CUTOFF and matcher.quick_ratio() >= _FUZZY_CUTOFF:
                ratio = matcher.ratio()
                if ratio >= _FUZZY_CUTOFF:
                    found[known] = 0.8 * ratio
    return found


def search(ds: Dataset, text: str, *, kinds: tuple[str, ...] | None = None) -> tuple[Hit, ...]:
    """Records matching every word of ``text``, best first (see the module notes for the scores).

    ``kinds`` keeps only hits of those kinds (see :data:`KINDS`).
    """
    if kinds is not None:
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown kind {unknown[0]!r}; expected one of {', '.join(KINDS)}")
    query = normalize(text).split()
    if not query:
        return ()
    index = ds._search_index
    scores: dict[int, float] | None = None
    best_field: dict[int, str] = {}
    for position, word in enumerate(query):
        word_scores: dict[int, float] = {}
        for known, quality in _matches(word, index.vocabulary).items():
            for record in index.vocabulary[known]:
                weight, field = index.words[record][known]
                score = quality * weight
                if score > word_scores.get(record, 0.0):
                    word_scores[record] = score
                    if position == 0:
                        best_field[record] = field
        if scores is None:
            scores = word_scores
        else:
            scores = {r: s + word_scores[r] for r, s in scores.items() if r in word_scores}
    assert scores is not None
    hits = [
        Hit(index.records[r], kind_of(index.records[r]), round(total / len(query), 4), best_field[r])
        for r, total in scores.items()
    ]
    if kinds is not None:
        hits = [hit for hit in hits if hit.kind in kinds]
    hits.sort(key=lambda hit: (-hit.score, KINDS.index(hit.kind), hit.id))
    return tuple(hits)
