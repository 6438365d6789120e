"""Pictures of a dataset, drawn with matplotlib (the optional ``plot`` extra).

Each function takes a :class:`~summit_events.Dataset` (the packaged one or one read from
a user's file) and returns a :class:`matplotlib.figure.Figure` to style, show or save::

    >>> import summit_events as se
    >>> from summit_events import plot
    >>> fig = plot.timeline(se.load())
    >>> fig.axes[0].get_title(loc="left")
    'Events by kind'

Everything drawn comes from the dataset: the lanes, the statuses, the claims, the
reactions and the places. Nothing is fetched over the network; the world map uses a
Natural Earth outline shipped with this package. The figures are built without pyplot, so
importing this module neither picks nor changes a matplotlib backend.

Each event drawn is a matplotlib artist whose ``gid`` is the event's id (in SVG output, an
element ``id``), so a picture can be checked or styled event by event.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from typing import Any, Literal

try:
    import matplotlib  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the install
    raise ImportError("summit_events.plot needs matplotlib: pip install 'summit-events[plot]'") from error

import matplotlib.dates as mdates
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MultipleLocator
from matplotlib.transforms import Bbox

from ..collection import Dataset
from ..models import (
    EVENT_TYPES,
    Call,
    DurationClaim,
    EventBase,
    EventStatus,
    MarketReaction,
    Meeting,
    Person,
    Qualifier,
    Role,
)

__all__ = ["durations", "markets", "places", "timeline"]

# --------------------------------------------------------------------------- styles

#: how each status is drawn: marker, face colour (``"none"`` for hollow), edge colour
_STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "held": ("o", "#1f4e79", "#1f4e79"),
    "reported_unconfirmed": ("o", "none", "#7f7f7f"),
    "planned": ("s", "none", "#2ca02c"),
    "postponed": ("D", "#ff9f1c", "#b36b00"),
    "cancelled": ("X", "#d62728", "#d62728"),
}
# statuses added to the data later get the next of these
_SPARE_STYLES = [("P", "#9467bd", "#9467bd"), ("v", "none", "#8c564b"), ("*", "#e377c2", "#e377c2"),
                 ("h", "none", "#17becf"), ("^", "#bcbd22", "#bcbd22")]

#: how each qualifier of a figure is drawn: marker and a word for the legend
_QUALIFIER_STYLE: dict[str, tuple[str, str]] = {
    "exact": ("o", "as stated"),
    "about": ("D", "about"),
    "more_than": (">", "more than"),
    "nearly": ("<", "nearly"),
    "less_than": ("<", "less than"),
}
_SPARE_QUALIFIER_MARKERS = ["P", "v", "*", "h", "^"]

_FONT = 8.0
_INK = "#222222"
_MUTED = "#666666"


def _status_style(status: EventStatus) -> tuple[str, str, str]:
    if status.value in _STATUS_STYLE:
        return _STATUS_STYLE[status.value]
    spare = [s for s in EventStatus if s.value not in _STATUS_STYLE]
    return _SPARE_STYLES[spare.index(status) % len(_SPARE_STYLES)]


def _qualifier_style(qualifier: Qualifier) -> tuple[str, str, bool]:
    """Marker, legend word and whether the marker is filled ("nearly" is hollow, "less than" filled)."""
    if qualifier.value in _QUALIFIER_STYLE:
        marker, word = _QUALIFIER_STYLE[qualifier.value]
        return marker, word, qualifier.value != "nearly"
    spare = [q for q in Qualifier if q.value not in _QUALIFIER_STYLE]
    marker = _SPARE_QUALIFIER_MARKERS[spare.index(qualifier) % len(_SPARE_QUALIFIER_MARKERS)]
    return marker, qualifier.value.replace("_", " "), True


def _words(value: str) -> str:
    return value.replace("_", " ")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:–-") + "…"


def _day(day: dt.date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _new_figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)  # a canvas that can measure text; saving to any format still works
    return figure


# --------------------------------------------------------------------------- label placement


class _Placer:
    """Greedy placement of labels that never overlap one another (display units, after layout)."""

    def __init__(self, figure: Figure, area: Bbox) -> None:
        figure.draw_without_rendering()  # settle the layout before measuring in display units
        self.renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        self.area = area.extents
        self.taken: list[tuple[float, float, float, float]] = []

    def free(self, box: Bbox) -> bool:
        pad = 2.0
        x0, y0, x1, y1 = box.extents
        left, bottom, right, top = self.area
        if x0 < left or x1 > right or y0 < bottom or y1 > top:
            return False
        x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
        return not any(x0 < b2 and b0 < x1 and y0 < b3 and b1 < y1 for b0, b1, b2, b3 in self.taken)

    def extent(self, text: Text) -> Bbox:
        return text.get_window_extent(self.renderer)

    def width(self, text: str, size: float) -> float:
        """The width of one line of ``text`` in display units, as a label of that font size draws it."""
        width, _, _ = self.renderer.get_text_width_height_descent(text, FontProperties(size=size), ismath=False)
        return float(width)

    def take(self, box: Bbox) -> None:
        self.taken.append(tuple(box.extents))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- timeline


def _short_name(person: Person) -> str:
    singles = [a for a in person.aliases if " " not in a and a in person.name.split()]
    if singles:
        return singles[0]
    words = person.name.split()
    if len(words) <= 2:
        return words[-1]
    return min((person.name, *person.aliases), key=len)


def _track(ds: Dataset, event: EventBase) -> tuple[str, ...]:
    """Who met whom: the principals' short names, else the sides or parties taking part."""
    names: list[str] = []
    known = {p.id for p in ds.people}
    for participant in event.participants:
        if participant.role is Role.PRINCIPAL and participant.person in known:
            name = _short_name(ds.person(participant.person))
            if name not in names:
                names.append(name)
    if not names:
        names = list(dict.fromkeys([*(p.side for p in event.participants), *event.parties]))
    return tuple(names)


def _track_name(names: tuple[str, ...]) -> str:
    if not names:
        return "other"
    if len(names) > 3:
        return f"{names[0]}, {names[1]} and {len(names) - 2} more"
    return "–".join(names)


def _default_label(event: EventBase) -> str:
    return _shorten(event.title, 30)


def _timeline_plan(
    ds: Dataset, lanes: str, max_lanes: int, label: Callable[[EventBase], str]
) -> tuple[list[str], list[tuple[EventBase, str, str]]]:
    """The lanes in order, and for each event its lane and label (what the picture is drawn from)."""
    events = ds.events()
    if lanes == "kind":
        keys = {event.id: event.kind for event in events}
        order = [kind for kind in EVENT_TYPES if kind in keys.values()]
        order += sorted(set(keys.values()) - set(order))
        names = {kind: f"{kind}s" for kind in order}
    elif lanes == "track":
        tracks = {event.id: _track(ds, event) for event in events}
        shown: dict[tuple[str, ...], str] = {}  # a group is named as it first appears, whatever the order
        for names_of in tracks.values():
            shown.setdefault(tuple(sorted(names_of)), _track_name(names_of))
        keys = {event_id: shown[tuple(sorted(names_of))] for event_id, names_of in tracks.items()}
        counts = Counter(keys.values())
        first = {key: index for index, key in reversed(list(enumerate(keys[e.id] for e in events)))}
        order = sorted(counts, key=lambda key: (key == "other", -counts[key], first[key]))
        if len(order) > max_lanes:
            kept = set(order[: max_lanes - 1])
            keys = {event_id: key if key in kept else "other tracks" for event_id, key in keys.items()}
            order = [*order[: max_lanes - 1], "other tracks"]
        names = {key: key for key in order}
    else:
        raise ValueError(f"lanes must be 'kind' or 'track', not {lanes!r}")
    plan: list[tuple[EventBase, str, str]] = [(event, names[keys[event.id]], label(event)) for event in events]
    return [names[key] for key in order], plan


def _fingerprint(plan: Sequence[tuple[EventBase, str, str]], *options: object) -> str:
    rows = [[e.id, e.kind, e.status.value, str(e.date), lane, text] for e, lane, text in plan]
    blob = json.dumps([rows, [repr(option) for option in options]], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _event_marker(ax: Axes, x: float, y: float, event: EventBase, size: float = 7.0) -> Line2D:
    marker, face, edge = _status_style(event.status)
    (line,) = ax.plot([x], [y], linestyle="none", marker=marker, markersize=size, markerfacecolor=face,
                      markeredgecolor=edge, markeredgewidth=1.3, zorder=3, gid=event.id)
    return line


def timeline(
    ds: Dataset,
    *,
    lanes: Literal["kind", "track"] = "kind",
    max_lanes: int = 8,
    labels: bool = True,
    label: Callable[[EventBase], str] | None = None,
    width: float = 11.0,
) -> Figure:
    """Every dated event on a time axis, one lane per kind or per track, marked by status.

    ``lanes="kind"`` gives a lane each to calls, meetings and occurrences;
    ``lanes="track"`` a lane to each group of principals (who met whom), the busiest
    ``max_lanes - 1`` of them and one for the rest. The marker of each event shows its
    status (held, postponed, cancelled, ...; a legend lists those present). Events without
    a date are set apart in a panel on the right.

    Labels (``label(event)``, by default the start of the title) are placed only where they
    overlap no other label: with many events some are left out, the most-cited events first
    kept, and a note under the axis says how many. ``labels=False`` draws marks only.
    The placement is measured for the figure's size; resizing afterwards may crowd them.
    """
    if max_lanes < 2:
        raise ValueError("max_lanes must be at least 2")
    label = label or _default_label
    lane_names, plan = _timeline_plan(ds, lanes, max_lanes, label)
    dated = [(e, lane, text) for e, lane, text in plan if e.date is not None]
    undated = [(e, lane, text) for e, lane, text in plan if e.date is None]
    levels = 5
    n = max(len(lane_names), 1)
    figure = _new_figure(width, 1.5 + 1.15 * n)
    if undated:
        grid = figure.add_gridspec(1, 2, width_ratios=[4.2, 1])
        ax = figure.add_subplot(grid[0, 0])
        side: Axes | None = figure.add_subplot(grid[0, 1], sharey=ax)
    else:
        ax, side = figure.add_subplot(), None
    base = {name: n - 1 - index for index, name in enumerate(lane_names)}  # first lane on top

    def level_y(lane: str, level: int) -> float:
        return base[lane] + 0.3 + 0.145 * level

    ax.set_ylim(0, n)
    ax.set_yticks([base[name] + 0.5 for name in lane_names], lane_names)
    ax.tick_params(axis="y", length=0)
    for name in lane_names:
        ax.axhline(base[name] + 0.15, color="#cccccc", linewidth=0.8, zorder=1)
    for rule in range(1, n):
        ax.axhline(rule, color="#eeeeee", linewidth=0.8, zorder=0)
    what = "kind" if lanes == "kind" else "track"
    ax.set_title(f"Events by {what}", loc="left", fontsize=10)
    if dated:
        days = [_day(e.date) for e, _, _ in dated if e.date is not None]
        span = max(days) - min(days)
        pad = max(7.0, 0.03 * span)
        ax.set_xlim(min(days) - pad, max(days) + pad)
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(locator, show_offset=False)  # type: ignore[no-untyped-call]
        )
        years = sorted({e.date.year for e, _, _ in dated if e.date is not None})
        period = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    else:
        ax.set_xticks([])
        period = "no dated events"
    marks: dict[str, float] = {}
    for event, lane, _ in dated:
        assert event.date is not None
        x = _day(event.date)
        marks[event.id] = x
        _event_marker(ax, x, base[lane] + 0.15, event)
    statuses = [s for s in EventStatus if any(e.status is s for e, _, _ in plan)]
    handles = [Line2D([], [], linestyle="none", marker=_status_style(s)[0], markerfacecolor=_status_style(s)[1],
                      markeredgecolor=_status_style(s)[2], markersize=7, label=_words(s.value)) for s in statuses]
    figure.legend(handles=handles, loc="outside lower center", ncols=max(1, len(handles)), frameon=False,
                  fontsize=_FONT, title="status", title_fontsize=_FONT)
    if side is not None:
        side.set_xlim(0, 1)
        side.set_xticks([])
        side.set_title("no date", loc="left", fontsize=10)
        side.tick_params(axis="y", left=False, labelleft=False)
        for rule in range(1, n):
            side.axhline(rule, color="#eeeeee", linewidth=0.8, zorder=0)
    # the second line is kept for the note on left-out labels, so the layout does not change
    ax.set_xlabel(f"{period}\n ", fontsize=_FONT + 1, color=_INK)
    placer = _Placer(figure, ax.get_window_extent())
    order = sorted(dated, key=lambda item: (-len(item[0].sources), marks[item[0].id], item[0].id))
    left_out = 0
    shift_px = 4 * figure.dpi / 72  # labels start 4 points beside their stem
    probe = ax.text(0, 0, "Ag", fontsize=_FONT)  # a label's height: one line of text
    half = placer.extent(probe).height / 2
    probe.remove()
    for event, lane, text in order if labels else []:
        x = marks[event.id]
        # a label's size does not depend on where it goes: measure it once, then try each place
        width = placer.width(text, _FONT) + 1
        placed = False
        for level in range(levels):
            height = level_y(lane, level)
            anchor_x, anchor_y = ax.transData.transform((x, height))
            for align in ("left", "right"):
                start = anchor_x + shift_px if align == "left" else anchor_x - shift_px - width
                box = Bbox.from_extents(start, anchor_y - half, start + width, anchor_y + half)
                if placer.free(box):
                    placer.take(box)
                    artist = ax.annotate(text, (x, height), xytext=(4 if align == "left" else -4, 0),
                                         textcoords="offset points", ha=align, va="center", fontsize=_FONT,
                                         color=_INK, annotation_clip=False, zorder=4,
                                         bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                                               "edgecolor": "none"})
                    artist.set_in_layout(False)
                    # the stem runs behind any label below this one, which hides it where they cross
                    ax.plot([x, x], [base[lane] + 0.15, height], color="#999999", linewidth=0.6, zorder=2)
                    placed = True
                    break
            if placed:
                break
        if not placed:
            left_out += 1
    if side is not None:
        _undated_panel(placer, side, undated, base, levels, with_text=labels)
    if left_out:
        ax.set_xlabel(f"{period}\nLabels shown for {len(dated) - left_out} of {len(dated)} dated events; "
                      "the others are marked without a label where labels would overlap.")
    return figure


def _undated_panel(placer: _Placer, side: Axes, undated: list[tuple[EventBase, str, str]],
                   base: dict[str, int], levels: int, *, with_text: bool) -> None:
    """Undated events, listed in their lanes; a lane with more than fits says how many more."""
    renderer = placer.renderer
    right = side.get_window_extent().x1 - 3
    by_lane: dict[str, list[tuple[EventBase, str]]] = {}
    for event, lane, text in undated:
        by_lane.setdefault(lane, []).append((event, text))
    for lane, items in by_lane.items():
        shown = items if len(items) <= levels else items[: levels - 1]
        for row, (event, text) in enumerate(shown):
            y = base[lane] + 0.85 - 0.2 * row
            _event_marker(side, 0.07, y, event, size=6)
            if not with_text:
                continue
            artist = side.text(0.14, y, text, fontsize=_FONT, va="center", color=_INK)
            artist.set_in_layout(False)
            while artist.get_window_extent(renderer).x1 > right and len(artist.get_text()) > 4:
                artist.set_text(_shorten(artist.get_text(), len(artist.get_text()) - 2))
        if len(shown) < len(items) and with_text:
            more = side.text(0.14, base[lane] + 0.85 - 0.2 * len(shown), f"and {len(items) - len(shown)} more",
                             fontsize=_FONT, va="center", color=_MUTED, style="italic")
            more.set_in_layout(False)
        for event, _ in items[len(shown):]:
            _event_marker(side, 0.07, base[lane] + 0.85 - 0.2 * len(shown), event, size=0.1)


# --------------------------------------------------------------------------- durations


def _durations_plan(ds: Dataset, events: Iterable[str | EventBase] | None) -> list[tuple[EventBase, DurationClaim]]:
    if events is None:
        chosen: list[EventBase] = [e for e in ds.events() if isinstance(e, (Call, Meeting)) and e.durations]
    else:
        chosen = [ds.event(e) if isinstance(e, str) else e for e in events]
    return [(event, claim) for event in chosen for claim in sorted(event.durations, key=lambda c: c.minutes)]


def durations(ds: Dataset, events: Iterable[str | EventBase] | None = None, *, width: float = 10.0) -> Figure:
    """Every claimed duration of each call and meeting, one row per claim, labelled by who claimed it.

    The marker shows the claim's qualifier (as stated, about, more than, nearly, ...); the
    grey band behind an event's rows spans its shortest to its longest claim, so a spread
    shows at a glance. ``events`` (ids or events) limits the picture to those events; by
    default every call and meeting with at least one claim is drawn, in time order.
    """
    plan = _durations_plan(ds, events)
    groups: dict[str, list[DurationClaim]] = {}
    titles: dict[str, EventBase] = {}
    for event, claim in plan:
        groups.setdefault(event.id, []).append(claim)
        titles[event.id] = event
    rows = len(plan) + 1.3 * len(groups)
    figure = _new_figure(width, 1.4 + 0.2 * max(rows, 3))
    ax = figure.add_subplot()
    ax.set_title("Claimed durations, by who claimed them", loc="left", fontsize=10)
    y = 0.0
    ticks: list[float] = []
    tick_labels: list[str] = []
    longest = max((claim.minutes for _, claim in plan), default=60)
    headings: list[Text] = []
    for event_id, claims in groups.items():
        event = titles[event_id]
        header = y
        date = f"{event.date:%d %b %Y}" if event.date else "no date"
        heading = ax.text(0.0, header, f"{date} · {_shorten(event.title, 70)}", transform=ax.get_yaxis_transform(),
                          fontsize=_FONT + 0.5, fontweight="bold", va="center", color=_INK)
        heading.set_in_layout(False)
        headings.append(heading)
        y += 1.0
        low, high = min(c.minutes for c in claims), max(c.minutes for c in claims)
        ax.add_patch(Rectangle((low, y - 0.45), max(high - low, 0.0), len(claims) - 0.1, facecolor="#dddddd",
                               edgecolor="none", zorder=0, gid=f"{event_id}:range"))
        for claim in claims:
            marker, _, filled = _qualifier_style(claim.qualifier)
            ax.plot([claim.minutes], [y], linestyle="none", marker=marker, markersize=6.5,
                    markerfacecolor="#1f4e79" if filled else "white", markeredgecolor="#1f4e79",
                    markeredgewidth=1.3, zorder=3, gid=f"{event_id}:{claim.by}")
            ticks.append(y)
            tick_labels.append(_shorten(claim.by, 48))
            y += 1.0
        y += 0.3
    ax.set_yticks(ticks, tick_labels, fontsize=_FONT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(y - 0.3, -0.8)
    ax.set_xlim(0, longest * 1.08)
    ax.set_xlabel("minutes, as claimed", fontsize=_FONT + 1)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    used = [q for q in Qualifier if any(claim.qualifier is q for _, claim in plan)]
    marks = [Line2D([], [], linestyle="none", marker=_qualifier_style(q)[0], markersize=6.5,
                      markerfacecolor="#1f4e79" if _qualifier_style(q)[2] else "white",
                      markeredgecolor="#1f4e79", label=_qualifier_style(q)[1]) for q in used]
    handles: list[Artist] = [*marks, Rectangle((0, 0), 1, 1, facecolor="#dddddd", label="range of the claims")]
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False, fontsize=_FONT)
    if headings:  # an event's heading is shortened where it would run past the axes
        placer = _Placer(figure, ax.get_window_extent())
        right = placer.area[2] - 3
        for heading in headings:
            while placer.extent(heading).x1 > right and len(heading.get_text()) > 12:
                heading.set_text(_shorten(heading.get_text(), len(heading.get_text()) - 3))
    return figure


# --------------------------------------------------------------------------- markets


# What ``change_percent`` measures is read from the data here and only here: the row label
# names the instrument, the axis says the sign is the data's own.
_CHANGE_AXIS = "change in %, signed as the data gives it"


def _change_caption(reaction: MarketReaction) -> str:
    """The row label of a market move: the instrument it is a change of, as the data names it."""
    return reaction.instrument


def _level_text(reaction: MarketReaction) -> str:
    if reaction.level is None:
        return ""
    level = f"{reaction.level:,.2f}".rstrip("0").rstrip(".")
    return f"level {level} {reaction.unit}" if reaction.unit else f"level {level}"


def markets(ds: Dataset, event: str | EventBase, *, width: float = 9.0) -> Figure:
    """The market moves reported in response to ``event``: one bar per instrument and date.

    Each bar is the ``change_percent`` the data gives, signed as the data signs it; its
    label adds the qualifier (more than, about, ...) and the level reached, with its unit.
    Raises :class:`ValueError` if the data holds no market reaction to the event.
    """
    target = ds.event(event) if isinstance(event, str) else event
    moves = [r for r in ds.reactions_to(target, kind="market") if isinstance(r, MarketReaction)]
    if not moves:
        have = sorted({r.event for r in ds.reactions if isinstance(r, MarketReaction) and r.event})
        raise ValueError(f"no market reaction to {target.id!r}; events with some: {', '.join(have) or 'none'}")
    figure = _new_figure(width, 1.5 + 0.55 * len(moves))
    ax = figure.add_subplot()
    date = f"{target.date:%d %B %Y}" if target.date else "no date"
    ax.set_title(f"Market moves after: {_shorten(target.title, 60)} ({date})", loc="left", fontsize=10)
    labels = []
    for row, move in enumerate(moves):
        colour = "#2e7d32" if move.change_percent >= 0 else "#c62828"
        ax.barh(row, move.change_percent, height=0.55, color=colour, gid=move.id)
        qualifier = "" if move.qualifier is Qualifier.EXACT else f"{_qualifier_style(move.qualifier)[1]} "
        text = f"{qualifier}{move.change_percent:+g} %"
        level = _level_text(move)
        if level:
            text += f" ({level})"
        ax.annotate(text, (move.change_percent, row), xytext=(4 if move.change_percent >= 0 else -4, 0),
                    textcoords="offset points", ha="left" if move.change_percent >= 0 else "right",
                    va="center", fontsize=_FONT, color=_INK)
        when = f"{move.date:%d %b %Y}" if move.date else ""
        labels.append(f"{_change_caption(move)}\n{when}")
    ax.set_yticks(range(len(moves)), labels, fontsize=_FONT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(moves) - 0.5, -0.5)
    values = [m.change_percent for m in moves]
    low, high = min(0.0, *values), max(0.0, *values)
    span = max(high - low, 1.0)
    ax.set_xlim(low - (0.9 * span if low < 0 else 0.05 * span), high + (0.9 * span if high > 0 else 0.05 * span))
    ax.axvline(0, color=_INK, linewidth=0.8)
    ax.set_xlabel(_CHANGE_AXIS, fontsize=_FONT + 1)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    return figure


# --------------------------------------------------------------------------- map


@functools.cache
def _world() -> list[tuple[str | None, str, list[list[list[float]]]]]:
    raw = json.loads(files(__name__).joinpath("world-110m.json").read_text("utf-8"))
    return [(c["iso_a3"], c["name"], c["rings"]) for c in raw["countries"]]


def _country_path(rings: list[list[list[float]]]) -> Path:
    vertices: list[list[float]] = []
    codes: list[int] = []
    for ring in rings:
        vertices.extend([*ring, ring[0]])
        codes.extend([int(Path.MOVETO), *[int(Path.LINETO)] * (len(ring) - 1), int(Path.CLOSEPOLY)])
    return Path(vertices, codes)


def places(ds: Dataset, *, width: float = 11.0) -> Figure:
    """A world map of the meeting places: a point for each place with coordinates.

    Places the data gives without coordinates are not guessed: their countries are shaded
    instead, and a note lists them. Events at the same coordinates share one labelled point;
    a label that would overlap another is shortened to the place's name, or left out and
    named under the map.
    The outline is Natural Earth's 1:110m countries (public domain), shipped with the package.
    """
    meetings = [e for e in ds.events() if isinstance(e, Meeting) and e.place is not None]
    points: dict[tuple[float, float], list[Meeting]] = {}
    vague: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        place = meeting.place
        assert place is not None
        if place.latitude is not None and place.longitude is not None:
            points.setdefault((place.longitude, place.latitude), []).append(meeting)
        else:
            vague.setdefault(place.country, []).append(meeting)
    outlines = [(code, _country_path(rings)) for code, _name, rings in _world()]
    bounds: list[tuple[float, float, float, float]] = [(x, y, x, y) for x, y in points]
    for code, outline in outlines:
        if code is not None and code in vague:
            extent = outline.get_extents()
            bounds.append((extent.x0, extent.y0, extent.x1, extent.y1))
    # the map shows what it marks, with a margin; the whole world when there is nothing to show
    if bounds:
        west, south = min(b[0] for b in bounds) - 12, min(b[1] for b in bounds) - 8
        east_, north_ = max(b[2] for b in bounds) + 12, max(b[3] for b in bounds) + 8
        grow_x, grow_y = max(0.0, 50 - (east_ - west)) / 2, max(0.0, 30 - (north_ - south)) / 2
        west, east_ = max(-180.0, west - grow_x), min(180.0, east_ + grow_x)
        south, north_ = max(-90.0, south - grow_y), min(90.0, north_ + grow_y)
    else:
        west, south, east_, north_ = -180.0, -60.0, 180.0, 85.0
    ratio = min(1.0, max(0.2, (north_ - south) / (east_ - west)))
    figure = _new_figure(width, (width - 0.7) * ratio + 1.25)  # the map's shape plus title, note and legend
    ax = figure.add_subplot()
    ax.set_title("Meeting places", loc="left", fontsize=10)
    for code, outline in outlines:
        shaded = code is not None and code in vague
        ax.add_patch(PathPatch(outline, facecolor="#f6c89f" if shaded else "#eeeeee",
                               edgecolor="#b0b0b0", linewidth=0.4, zorder=1, gid=f"country:{code}" if code else None))
    ax.set_xlim(west, east_)
    ax.set_ylim(south, north_)
    ax.set_aspect("equal", adjustable="box")
    span = max(east_ - west, north_ - south)
    step = 60 if span > 180 else 30 if span > 90 else 10 if span > 30 else 5
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.yaxis.set_major_locator(MultipleLocator(step if step < 60 else 30))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}°{'W' if v < 0 else 'E' if v > 0 else ''}"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}°{'S' if v < 0 else 'N' if v > 0 else ''}"))
    ax.tick_params(labelsize=_FONT - 1)
    ax.grid(color="#dde6ee", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_facecolor("#f4f8fb")
    for (east, north), held in points.items():
        place = held[0].place
        assert place is not None
        ax.plot([east], [north], linestyle="none", marker="o", markersize=7, markerfacecolor="#c62828",
                markeredgecolor="white", zorder=4, gid=f"place:{place.name}")
    lines = []
    drawn = {code for code, _ in outlines}
    for code, held in sorted(vague.items()):
        names = sorted({m.place.name for m in held if m.place is not None})
        # a country too small for the 1:110m outline (e.g. VAT) cannot be shaded: the note says so
        lines.append(f"{code}{'' if code in drawn else ' (too small to shade)'}: {', '.join(names)}")
    handles: list[Artist] = [Line2D([], [], linestyle="none", marker="o", markerfacecolor="#c62828",
                                    markeredgecolor="white", markersize=7,
                                    label=f"place with coordinates ({len(points)})")]
    if vague:
        handles.append(Rectangle((0, 0), 1, 1, facecolor="#f6c89f", edgecolor="#b0b0b0",
                                 label=f"country of a place without coordinates ({len(lines)})"))
    figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False, fontsize=_FONT)
    first = "Without coordinates: " + "; ".join(lines) if lines else "Every place has coordinates."
    # the second line is kept for the note on left-out labels, so the layout does not change
    ax.set_xlabel(f"{first}\n ", fontsize=_FONT, color=_MUTED, wrap=True)
    ax.set_title("outline: Natural Earth (public domain)", loc="right", fontsize=_FONT - 1, color=_MUTED)
    placer = _Placer(figure, ax.get_window_extent())
    for east, north in points:
        x, y = ax.transData.transform((east, north))
        placer.take(Bbox.from_extents(x - 5, y - 5, x + 5, y + 5))
    left_out = []
    for (east, north), held in sorted(points.items(), key=lambda item: (-len(item[1]), item[0])):
        place = held[0].place
        assert place is not None
        dates = [f"{m.date:%d %b %Y}" if m.date else _words(m.status.value) for m in held]
        more = f" and {len(dates) - 3} more" if len(dates) > 3 else ""
        placed = False
        for text in (f"{place.name}\n{', '.join(dates[:3])}{more}", _shorten(place.name, 24)):
            for dx, dy, ha, va in ((6, 4, "left", "bottom"), (-6, 4, "right", "bottom"),
                                   (6, -4, "left", "top"), (-6, -4, "right", "top")):
                label = ax.annotate(text, (east, north), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                    fontsize=_FONT, color=_INK, zorder=5, annotation_clip=False,
                                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none",
                                          "alpha": 0.8})
                label.set_in_layout(False)
                box = placer.extent(label)
                if placer.free(box):
                    placer.take(box)
                    placed = True
                    break
                label.remove()
            if placed:
                break
        if not placed:
            left_out.append(place.name)
    if left_out:
        unlabelled = _shorten(", ".join(sorted(left_out)), 110)
        ax.set_xlabel(f"{first}\nNot labelled for lack of room ({len(left_out)}): {unlabelled}",
                      fontsize=_FONT, color=_MUTED, wrap=True)
    return figure


def _digest(kind: str, ds: Dataset, **options: Any) -> str:
    """A fingerprint of what a picture is drawn from (to tell when a saved picture is stale)."""
    if kind != "timeline":
        raise ValueError(f"no fingerprint for {kind!r}")
    lanes = options.get("lanes", "kind")
    max_lanes = options.get("max_lanes", 8)
    _, plan = _timeline_plan(ds, lanes, max_lanes, _default_label)
    return _fingerprint(plan, lanes, max_lanes)
