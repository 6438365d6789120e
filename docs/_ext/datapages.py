"""Pages and pictures drawn from the packaged data each time the site is built.

Two directives, for MyST pages:

- ``{data-table} NAME``: a table or list computed from ``summit_events.load()`` (one of
  :data:`TABLES`), written as Markdown and parsed in place;
- ``{data-picture} NAME [EVENT]``: a picture from :mod:`summit_events.plot` (``timeline``,
  ``tracks``, ``durations``, ``places``, ``markets``), saved as PNG into the build and shown
  with its caption. ``markets`` without an event draws one picture per event with market
  reactions.

:func:`markdown` is what the tests compare with the data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import summit_events as se
from summit_events.collection import SECTIONS

TABLES = (
    "coverage", "counts", "tracks", "events", "series", "documents", "exchanges", "conflicts", "clock-times",
    "coordinates",
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(name: str, ds: se.Dataset | None = None) -> str:
    """The Markdown of one generated table or list."""
    ds = ds or se.load()
    if name == "coverage":
        coverage, latest = ds.coverage, ds.latest_source_date
        lines = [f"- **Data version:** {ds.data_version}"]
        if coverage is None:
            lines.append("- **Period:** not stated by this data")
        else:
            lines += [f"- **Period:** {coverage.start} to {coverage.end}", f"- **Scope:** {coverage.scope}"]
        lines.append(f"- **Newest cited page:** {latest or 'none is dated'}")
        return "\n".join(lines)
    if name == "counts":
        rows = [f"| {kind} | {len(getattr(ds, kind))} |" for kind in SECTIONS]
        return "\n".join([f"Data version **{ds.data_version}**.", "", "| record type | count |", "|---|---|", *rows])
    if name == "tracks":
        names = {track: name for name, track in se.TRACK_NAMES.items()}
        rows = [f"| {track} | {names.get(track, '')} | {count} |" for track, count in ds.tracks().items()]
        return "\n".join(["| track (sides) | name | events |", "|---|---|---|", *rows])
    if name == "series":
        rows = [
            f"| `{s.id}` | {e.round or '—'} | `{e.id}` | {e.date or '—'} | {e.status.value} |"
            for s in ds.series for e in ds.rounds(s)
        ]
        return "\n".join(["| series | round | event | date | status |", "|---|---|---|---|---|", *rows]) \
            if rows else "- none"
    if name == "documents":
        rows = [
            f"| `{d.id}` | {d.known or '—'} | "
            + _cell("; ".join(f"{c.count} ({c.by})" for c in d.points) or "—")
            + f" | {len(d.discussed_at)} |"
            for d in ds.documents
        ]
        return "\n".join(["| document | known | points, by whom | talks that discussed it |",
                          "|---|---|---|---|", *rows]) if rows else "- none"
    if name == "exchanges":
        rows = [
            f"| `{o.id}` | {c.day or o.date or '—'} | {c.released_by} | {c.qualifier.value} {c.count} | "
            f"{_cell(c.what or '')} | {_cell(c.by)} |"
            for o in ds.occurrences for c in o.exchanged
        ]
        return "\n".join(["| exchange | day | released by | count | who | according to |",
                          "|---|---|---|---|---|---|", *rows]) if rows else "- none"
    if name == "events":
        rows = [f"| `{e.id}` | {e.date or '—'} | {e.kind} | {e.status.value} | {_cell(e.title)} |" for e in ds.events()]
        return "\n".join(["| id | date | kind | status | title |", "|---|---|---|---|---|", *rows])
    if name == "conflicts":
        rows = []
        for event in ds.events():
            spread = event.duration_range()
            if spread and spread[0] != spread[1]:
                rows.append(f"| `{event.id}` | {len(event.durations)} | {spread[0]} | {spread[1]} |")
        return "\n".join(["| id | claims | shortest | longest |", "|---|---|---|---|", *rows])
    if name == "clock-times":
        timed = [e for e in ds.events() if e.timing and e.timing.start]
        return "\n".join(f"- `{e.id}`: {e.timing.start.isoformat()}" for e in timed if e.timing and e.timing.start) \
            or "- none"
    if name == "coordinates":
        found = [(m, m.place) for m in ds.meetings if m.place is not None and m.place.latitude is not None]
        return "\n".join(
            f"- `{m.id}`: {_cell(p.name)} ({p.latitude}, {p.longitude}; {p.precision.value if p.precision else ''})"
            for m, p in found
        ) or "- none"
    raise ValueError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")


class DataTable(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in TABLES:
            raise self.error(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")
        container = nodes.container(classes=["data-table"])
        text = markdown(name)
        self.state.nested_parse(StringList(text.splitlines(), source="generated from the data"),
                                self.content_offset, container)
        return [container]


PICTURES = ("timeline", "tracks", "durations", "places", "markets")
ALT = {
    "timeline": "Every event of the packaged data on a time axis, a lane per kind, each marked by its status",
    "tracks": "Every event of the packaged data on a time axis, a lane per group of principals",
    "durations": "Every claimed duration of each call and meeting, by who claimed it, with the spread of the claims",
    "places": "A world map of the meeting places: points where the data has coordinates, shaded countries elsewhere",
}


class DataPicture(SphinxDirective):
    required_arguments = 1
    optional_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"alt": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from summit_events import plot

        name = self.arguments[0]
        if name not in PICTURES:
            raise self.error(f"unknown picture {name!r}; expected one of {', '.join(PICTURES)}")
        ds = se.load()
        if name == "markets":
            wanted = self.arguments[1:] or sorted({r.event for r in ds.reactions if r.kind == "market" and r.event},
                                                  key=lambda i: (ds.event(i).date is None, ds.event(i).date, i))
            jobs: list[tuple[str, Any, str]] = [
                (f"markets-{event}", lambda e=event: plot.markets(ds, e, width=8),
                 f"Market moves reported after {ds.event(event).title} ({ds.event(event).date or 'no date'}).")
                for event in wanted
            ]
        else:
            draw = {
                "timeline": lambda: plot.timeline(ds, width=8.5),
                "tracks": lambda: plot.timeline(ds, lanes="track", width=8.5),
                "durations": lambda: plot.durations(ds, width=8),
                "places": lambda: plot.places(ds, width=8.5),
            }[name]
            jobs = [(name, draw, "")]
        out = Path(self.env.srcdir) / "_generated"  # git-ignored; Sphinx copies the images into the build
        out.mkdir(parents=True, exist_ok=True)
        result: list[nodes.Node] = []
        for stem, draw_one, caption in jobs:
            path = out / f"{stem}.png"
            draw_one().savefig(path, dpi=150)  # drawn about as wide as the text column, sharp when zoomed
            alt = self.options.get("alt") or caption or ALT[name]
            figure_node = nodes.figure(classes=["data-picture"])
            # the picture is wider than the text column: a click opens it at full size
            full = "../" * self.env.docname.count("/") + f"_images/{stem}.png"
            link = nodes.reference("", "", refuri=full, classes=["data-picture-link"])
            link += nodes.image(uri=f"/_generated/{stem}.png", alt=alt)
            figure_node += link
            text = caption or " ".join(self.content)
            if text:
                figure_node += nodes.caption(text, text)
            result.append(figure_node)
        return result


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("data-table", DataTable)
    app.add_directive("data-picture", DataPicture)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
