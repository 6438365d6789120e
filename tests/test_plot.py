"""The pictures: what is drawn (marks, labels, axis ranges), checked on the Agg canvas, not pixels."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import summit_events as se

pytest.importorskip("matplotlib", reason="the plot extra (matplotlib) is not installed")

from matplotlib.colors import to_rgba
from matplotlib.dates import num2date
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.text import Annotation

from plot_data import many_events
from summit_events import plot
from summit_events.plot.__main__ import DIGEST_KEY
from summit_events.plot.__main__ import main as draw

ROOT = Path(__file__).resolve().parent.parent
README_PICTURE = ROOT / "docs" / "images" / "timeline.png"


def marks(figure: Figure) -> dict[str, list[Line2D]]:
    """Every line artist that carries a gid, by gid."""
    found: dict[str, list[Line2D]] = {}
    for ax in figure.axes:
        for line in ax.lines:
            if line.get_gid():
                found.setdefault(str(line.get_gid()), []).append(line)
    return found


def labels(figure: Figure) -> list[Annotation]:
    return [text for ax in figure.axes for text in ax.texts if isinstance(text, Annotation)]


def assert_no_overlap(figure: Figure) -> None:
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [text.get_window_extent(renderer) for text in labels(figure)]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    for ax in figure.axes:
        area = ax.get_window_extent(renderer)
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            assert area.x0 - 1 <= box.x0 and box.x1 <= area.x1 + 1, text.get_text()  # not clipped at the sides


# --------------------------------------------------------------------------- timeline


def test_timeline_marks_every_event_once_in_its_lane(ds: se.Dataset) -> None:
    figure = plot.timeline(ds)
    main, side = figure.axes
    drawn = marks(figure)
    assert sorted(drawn) == sorted(e.id for e in ds.events())
    lanes = [tick.get_text() for tick in main.get_yticklabels()]
    assert lanes == [f"{kind}s" for kind in ("call", "meeting", "occurrence") if ds.events(kind=kind)]
    for event in ds.events():
        (line,) = drawn[event.id]
        lane = lanes.index(f"{event.kind}s")
        assert len(lanes) - 1 - lane < line.get_ydata()[0] < len(lanes) - lane  # type: ignore[index]
        if event.date is None:
            assert line.axes is side
        else:
            assert line.axes is main
            assert num2date(line.get_xdata()[0]).date() == event.date  # type: ignore[index]


def test_timeline_axis_spans_the_dated_events(ds: se.Dataset) -> None:
    main = plot.timeline(ds).axes[0]
    low, high = (num2date(x).date() for x in main.get_xlim())
    dates = [e.date for e in ds.events() if e.date is not None]
    assert low < min(dates) and max(dates) < high
    assert high - low < (max(dates) - min(dates)) * 1.2 + dt.timedelta(days=15)


def test_timeline_shows_each_status_present_in_its_own_style(ds: se.Dataset) -> None:
    figure = plot.timeline(ds)
    (legend,) = figure.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        s.value.replace("_", " ") for s in se.EventStatus if any(e.status is s for e in ds.events())
    ]
    drawn = marks(figure)
    style = {s: (line.get_marker(), line.get_markerfacecolor()) for e in ds.events()
             for s, line in [(e.status, drawn[e.id][0])]}
    assert len(set(style.values())) == len(style)


def test_every_status_has_its_own_style() -> None:
    styles = [plot._status_style(status) for status in se.EventStatus]
    assert len(set(styles)) == len(styles)


def test_timeline_labels_every_event_of_a_small_dataset_without_overlap(ds: se.Dataset) -> None:
    figure = plot.timeline(ds)
    assert_no_overlap(figure)
    dated = [e for e in ds.events() if e.date]
    if len(dated) <= 20:
        assert len(labels(figure)) == len(dated)


def test_timeline_of_20_events_labels_them_all() -> None:
    figure = plot.timeline(many_events(20, seed=1))
    dated = [e for e in many_events(20, seed=1).events() if e.date]
    assert len(labels(figure)) == len(dated)
    assert_no_overlap(figure)
    assert figure.axes[0].get_xlabel().strip() in ("2024", "2025", "2024–2025")


@pytest.mark.parametrize("lanes", ["kind", "track"])
def test_timeline_of_200_events_thins_labels_and_says_so(lanes: str) -> None:
    ds = many_events(200)
    figure = plot.timeline(ds, lanes=lanes)  # type: ignore[arg-type]
    assert sorted(marks(figure)) == sorted(e.id for e in ds.events())
    assert_no_overlap(figure)
    shown = len(labels(figure))
    dated = len([e for e in ds.events() if e.date])
    assert 0 < shown < dated
    assert f"Labels shown for {shown} of {dated} dated events" in figure.axes[0].get_xlabel()


def test_track_lanes_name_who_met_whom_and_group_the_rest(ds: se.Dataset) -> None:
    figure = plot.timeline(ds, lanes="track")
    lanes = [tick.get_text() for tick in figure.axes[0].get_yticklabels()]
    assert lanes[0] == "Trump–Zelenskyy"  # the busiest track first
    assert "Trump–Putin" in lanes
    assert "Rubio–Lavrov" in lanes
    few = plot.timeline(many_events(200), lanes="track", max_lanes=4)
    lanes = [tick.get_text() for tick in few.axes[0].get_yticklabels()]
    assert len(lanes) == 4 and lanes[-1] == "other tracks"


def test_timeline_without_labels_and_with_own_labels(ds: se.Dataset) -> None:
    bare = plot.timeline(ds, labels=False)
    assert labels(bare) == [] and all(not ax.texts for ax in bare.axes)
    assert sorted(marks(bare)) == sorted(e.id for e in ds.events())
    figure = plot.timeline(ds, label=lambda event: event.id[:10])
    assert {t.get_text() for t in labels(figure)} <= {e.id[:10] for e in ds.events()}
    with pytest.raises(ValueError, match="lanes"):
        plot.timeline(ds, lanes="size")  # type: ignore[arg-type]


def test_undated_events_are_set_apart(ds: se.Dataset) -> None:
    undated = [e for e in ds.events() if e.date is None]
    figure = plot.timeline(ds)
    side_ids = {line.get_gid() for line in figure.axes[-1].lines if line.get_gid()}
    assert side_ids == {e.id for e in undated}
    calls_only = se.Dataset(data_version="test", people=ds.people, sources=ds.sources,
                            calls=tuple(attrs.evolve(c, related=()) for c in ds.calls))
    assert len(plot.timeline(calls_only).axes) == 1


# --------------------------------------------------------------------------- durations


def test_durations_draws_every_claim_by_who_made_it(ds: se.Dataset) -> None:
    figure = plot.durations(ds)
    (ax,) = figure.axes
    events = [e for e in ds.events() if isinstance(e, (se.Call, se.Meeting)) and e.durations]
    claims = [(e, c) for e in events for c in e.durations]
    drawn = [line for line in ax.lines if line.get_gid()]
    assert len(drawn) == len(claims)
    assert sorted(line.get_xdata()[0] for line in drawn) == sorted(c.minutes for _, c in claims)  # type: ignore[index]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ticks) == len(claims)
    assert all(t.rstrip("…") in c.by for t, (_, c) in zip(ticks, sorted(
        claims, key=lambda ec: (events.index(ec[0]), ec[1].minutes)), strict=True))
    assert ax.get_xlim()[0] == 0 and ax.get_xlim()[1] >= max(c.minutes for _, c in claims)


def test_durations_shows_the_spread_and_the_qualifiers(ds: se.Dataset) -> None:
    figure = plot.durations(ds)
    (ax,) = figure.axes
    ranges = {p.get_gid(): p for p in ax.patches if isinstance(p, Rectangle)}
    for event in ds.events():
        if isinstance(event, (se.Call, se.Meeting)) and event.durations:
            low, high = event.duration_range()  # type: ignore[misc]
            band = ranges[f"{event.id}:range"]
            assert (band.get_x(), band.get_x() + band.get_width()) == (low, high)
    used = {c.qualifier for e in ds.events() for c in e.durations}
    (legend,) = figure.legends
    words = [t.get_text() for t in legend.get_texts()]
    assert len(words) == len(used) + 1 and words[-1] == "range of the claims"
    markers = {plot._qualifier_style(q)[:3:2] for q in used}
    assert len(markers) == len(used)  # each qualifier is told apart by shape or fill
    assert "more than" in words and "nearly" in words


@pytest.mark.parametrize("width", [6.0, 10.0])
def test_durations_headings_stay_inside_the_axes(ds: se.Dataset, width: float) -> None:
    figure = plot.durations(ds, width=width)
    assert_no_overlap(figure)
    (ax,) = figure.axes
    titles = [t.get_text() for t in ax.texts]
    events = [e for e in ds.events() if isinstance(e, (se.Call, se.Meeting)) and e.durations]
    assert len(titles) == len(events)
    for text, event in zip(titles, events, strict=True):
        assert event.title.startswith(text.split(" · ", 1)[1].rstrip("…"))


def test_durations_of_chosen_events(ds: se.Dataset) -> None:
    figure = plot.durations(ds, ["2025-03-18-trump-putin-call"])
    drawn = [line for line in figure.axes[0].lines if line.get_gid()]
    assert len(drawn) == len(ds.event("2025-03-18-trump-putin-call").durations)


# --------------------------------------------------------------------------- markets


def test_markets_draws_one_signed_bar_per_reaction(ds: se.Dataset) -> None:
    event = next(ds.event(r.event) for r in ds.reactions if r.kind == "market" and r.event)
    moves = ds.reactions_to(event, kind="market")
    (ax,) = plot.markets(ds, event.id).axes
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [b.get_gid() for b in bars] == [m.id for m in moves]
    assert [b.get_width() for b in bars] == [m.change_percent for m in moves]  # type: ignore[union-attr]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert all(m.instrument in t for m, t in zip(moves, ticks, strict=True))
    texts = [t.get_text() for t in ax.texts]
    for move, text in zip(moves, texts, strict=True):
        assert f"{move.change_percent:+g} %" in text  # type: ignore[union-attr]
        if move.unit:  # type: ignore[union-attr]
            assert move.unit in text  # type: ignore[union-attr]
    low, high = ax.get_xlim()
    assert low <= min(0, *(m.change_percent for m in moves)) and high > max(m.change_percent for m in moves)  # type: ignore[union-attr]


def test_markets_of_a_fall_and_of_an_event_without_moves(ds: se.Dataset) -> None:
    move = next(r for r in ds.reactions if r.kind == "market")
    fallen = attrs.evolve(ds, reactions=(*ds.reactions, attrs.evolve(move, id="made-up-fall", change_percent=-2.5)))
    (ax,) = plot.markets(fallen, move.event).axes  # type: ignore[arg-type]
    bars = {p.get_gid(): p for p in ax.patches}
    assert bars["made-up-fall"].get_width() == -2.5  # type: ignore[attr-defined]
    assert ax.get_xlim()[0] < -2.5
    with pytest.raises(ValueError, match="no market reaction"):
        plot.markets(ds, "2025-01-20-trump-second-inauguration")


# --------------------------------------------------------------------------- map


def test_places_marks_coordinates_and_shades_countries_of_the_rest(ds: se.Dataset) -> None:
    (ax,) = plot.places(ds).axes
    places = [m.place for m in ds.meetings if m.place is not None]
    with_coordinates = {(p.longitude, p.latitude) for p in places if p.latitude is not None}
    points = [line for line in ax.lines if str(line.get_gid()).startswith("place:")]
    assert {(line.get_xdata()[0], line.get_ydata()[0]) for line in points} == with_coordinates  # type: ignore[index]
    countries = [p for p in ax.patches if isinstance(p, PathPatch)]
    assert len(countries) > 150  # the whole outline
    shade = to_rgba("#f6c89f")
    shaded = {str(p.get_gid()).split(":")[1] for p in countries if p.get_facecolor() == shade}
    outlined = {str(p.get_gid()).split(":")[1] for p in countries if str(p.get_gid()).startswith("country:")}
    vague = {p.country for p in places if p.latitude is None}
    assert shaded == vague & outlined
    note = ax.get_xlabel()
    assert all(f"{code} (too small to shade):" in note for code in vague - outlined)
    assert all(f"{code}:" in note for code in vague & outlined)
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    for p in places:
        if p.latitude is not None:
            assert west < p.longitude < east and south < p.latitude < north  # type: ignore[operator]


def test_crowded_places_get_labels_that_do_not_overlap(ds: se.Dataset) -> None:
    template = next(m for m in ds.meetings if m.place is not None)
    meetings = tuple(
        attrs.evolve(template, id=f"made-up-meeting-{i}", related=(),
                     place=se.Place(name=f"Made-up place {i}", country="HUN", latitude=47.0 + i * 0.4,
                                    longitude=19.0 + (i % 5) * 0.6, precision=se.CoordinatePrecision.CITY))
        for i in range(25)
    )
    crowded = se.Dataset(data_version="test", people=ds.people, sources=ds.sources, meetings=meetings)
    figure = plot.places(crowded)
    (ax,) = figure.axes
    assert len([line for line in ax.lines if str(line.get_gid()).startswith("place:")]) == 25
    assert_no_overlap(figure)
    labelled = {t.get_text().split("\n")[0] for t in labels(figure)}
    note = ax.get_xlabel().split("\n")[1]
    assert f"Not labelled for lack of room ({25 - len(labelled)})" in note
    assert 0 < len(labelled) < 25
    west, east = ax.get_xlim()
    assert west < 19 and east > 21.4 and east - west < 120  # zoomed in on the places


def test_pictures_of_an_empty_dataset() -> None:
    empty = se.Dataset(data_version="empty")
    assert plot.timeline(empty).axes
    assert plot.durations(empty).axes
    assert plot.places(empty).axes


def test_the_outline_is_natural_earth_with_its_notice() -> None:
    assert (ROOT / "src" / "summit_events" / "plot" / "NOTICE-natural-earth.md").is_file()
    world = plot._world()
    codes = {code for code, _, _ in world}
    assert {"USA", "RUS", "UKR", "FRA", "NOR", "SAU", "HUN"} <= codes


# --------------------------------------------------------------------------- a user's file, the README picture


def test_pictures_of_a_users_file(tmp_path: Path, ds: se.Dataset) -> None:
    call = ds.calls[0]
    cancelled = attrs.evolve(call, id="made-up-cancelled-call", title="A cancelled call", status=se.EventStatus.CANCELLED,
                             related=())
    path = tmp_path / "mine.json"
    path.write_text(se.to_json(attrs.evolve(ds, calls=(*ds.calls, cancelled))), "utf-8")
    mine = se.load(path)
    figure = plot.timeline(mine)
    assert "made-up-cancelled-call" in marks(figure)
    assert "cancelled" in [t.get_text() for t in figure.legends[0].get_texts()]
    assert draw(["timeline", "--data", str(path), "-o", str(tmp_path / "timeline.svg")]) == 0
    assert 'id="made-up-cancelled-call"' in (tmp_path / "timeline.svg").read_text("utf-8")
    for name in ("durations", "places"):
        out = tmp_path / f"{name}.png"
        assert draw([name, "--data", str(path), "-o", str(out), "--dpi", "40"]) == 0
        assert out.read_bytes().startswith(b"\x89PNG")
    event = next(r.event for r in mine.reactions if r.kind == "market")
    assert draw(["markets", str(event), "--data", str(path), "-o", str(tmp_path / "m.png"), "--dpi", "40"]) == 0


def test_the_readme_picture_is_drawn_from_the_current_data(ds: se.Dataset) -> None:
    from PIL import Image

    with Image.open(README_PICTURE) as image:
        recorded = image.text.get(DIGEST_KEY)  # type: ignore[attr-defined]
    assert recorded == plot._digest("timeline", ds), (
        "docs/images/timeline.png is stale; redraw it with: "
        "python -m summit_events.plot timeline -o docs/images/timeline.png"
    )
    assert "docs/images/timeline.png" in (ROOT / "README.md").read_text("utf-8")


def test_the_fingerprint_follows_what_is_drawn(ds: se.Dataset) -> None:
    before = plot._digest("timeline", ds)
    assert plot._digest("timeline", ds, lanes="track") != before
    moved = attrs.evolve(ds, calls=(attrs.evolve(ds.calls[-1], status=se.EventStatus.CANCELLED), *ds.calls[:-1]))
    assert plot._digest("timeline", moved) != before
    unrelated = attrs.evolve(ds, reactions=ds.reactions[1:])
    assert plot._digest("timeline", unrelated) == before


def test_importing_the_package_does_not_import_matplotlib() -> None:
    code = "import sys, summit_events as se; se.load(); assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
