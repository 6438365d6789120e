"""Every Python example in the README and docs runs; the data dictionary matches the models."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import summit_events as se

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
EXAMPLES = [(doc, i, code) for doc in DOCS for i, code in enumerate(BLOCK.findall(doc.read_text("utf-8")))]


@pytest.mark.parametrize(("doc", "index", "code"), EXAMPLES, ids=[f"{d.name}-{i}" for d, i, _ in EXAMPLES])
def test_example_runs(doc: Path, index: int, code: str) -> None:
    exec(compile(code, f"{doc.name} example {index}", "exec"), {"__name__": "__doc_example__"})


def test_readme_has_examples() -> None:
    assert any(doc.name == "README.md" for doc, _, _ in EXAMPLES)


def test_data_dictionary_describes_every_class_and_field() -> None:
    text = (ROOT / "docs" / "data-dictionary.md").read_text("utf-8")
    classes = [c for c in (getattr(se, name) for name in se.__all__) if isinstance(c, type) and attrs.has(c)]
    for cls in classes:
        assert f"### `{cls.__name__}`" in text, cls
        section = text.split(f"### `{cls.__name__}`", 1)[1].split("\n### ", 1)[0]
        base = next((b for b in cls.__mro__[1:] if attrs.has(b)), None)
        inherited = {f.name for f in attrs.fields(base)} if base else set()
        for field in attrs.fields(cls):
            if field.name not in inherited:
                assert re.search(rf"\| `{field.name}` \| `[^`]+` \| (yes|no)", section), (cls, field.name)


def test_readme_set_up_commands_are_the_ones_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    noxfile = (ROOT / "noxfile.py").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    # the README's command is the one the tests session runs, and CI runs that session
    assert "python -m pytest -q" in readme
    assert '"python", "-m", "pytest", "-q"' in noxfile
    assert "nox" in ci and re.search(r'^\s*session -s "?tests', ci, re.MULTILINE)


@pytest.mark.parametrize("module", ["summit_events", "summit_events.collection", "summit_events.models",
                                    "summit_events.codec", "summit_events.errors", "summit_events.search",
                                    "summit_events.merging", "summit_events.jsonl", "summit_events.cli",
                                    "summit_events.changes", "summit_events.plot"])
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    if module == "summit_events.plot":
        pytest.importorskip("matplotlib", reason="the plot extra (matplotlib) is not installed")

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def _datapages():  # type: ignore[no-untyped-def]
    pytest.importorskip("sphinx", reason="the docs extra (Sphinx) is not installed")
    import importlib.util

    spec = importlib.util.spec_from_file_location("datapages", ROOT / "docs" / "_ext" / "datapages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_data_page_is_generated_from_the_data() -> None:
    text = (ROOT / "docs" / "data.md").read_text("utf-8")
    tables = _datapages().TABLES
    for name in tables:
        assert re.search(rf"^ *```{{data-table}} {name}\n *```$", text, re.MULTILINE), name
    assert not re.search(r"^\| `", text, re.MULTILINE), "data.md should hold no hand-written rows"


def test_data_tables_match_the_data() -> None:
    markdown = _datapages().markdown
    ds = se.load()
    text = "\n".join(markdown(name, ds) for name in _datapages().TABLES)
    assert f"Data version **{ds.data_version}**" in text
    for name in ("people", "calls", "meetings", "occurrences", "reactions", "series", "documents", "sources"):
        assert f"| {name} | {len(getattr(ds, name))} |" in text, name
    assert f"- **Newest cited page:** {ds.latest_source_date}" in markdown("coverage", ds)
    if ds.coverage is not None:
        assert f"- **Period:** {ds.coverage.start} to {ds.coverage.end}" in markdown("coverage", ds)
    tracks = re.findall(r"^\| ([A-Z-]+) \| [a-z-]* \| (\d+) \|$", markdown("tracks", ds), re.MULTILINE)
    assert {t: int(n) for t, n in tracks} == ds.tracks()
    rounds = re.findall(r"^\| `([^`]+)` \| [^|]+ \| `([^`]+)` \|", markdown("series", ds), re.MULTILINE)
    assert rounds == [(s.id, e.id) for s in ds.series for e in ds.rounds(s)]
    documents = re.findall(r"^\| `([^`]+)` \|", markdown("documents", ds), re.MULTILINE)
    assert documents == [d.id for d in ds.documents]
    figures = re.findall(r"^\| `([^`]+)` \| [^|]+ \| ([A-Z]{3}) \| \w+ (\d+) \|", markdown("exchanges", ds),
                         re.MULTILINE)
    assert figures == [(o.id, c.released_by, str(c.count)) for o in ds.occurrences for c in o.exchanged]
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \| (\w+) \| (\w+) \|", text, re.MULTILINE)
    events = {row[0]: row for row in rows if not row[1].strip().isdigit() and row[2] in se.models.EVENT_TYPES}
    assert sorted(events) == sorted(e.id for e in ds.events())
    for event in ds.events():
        _, date, kind, status = events[event.id]
        assert (date.strip(), kind, status) == (str(event.date or "—"), event.kind, event.status.value)
    ranges = re.findall(r"^\| `([^`]+)` \| (\d+) \| (\d+) \| (\d+) \|", text, re.MULTILINE)
    assert {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in ranges} == {
        e.id: (len(e.durations), *e.duration_range())  # type: ignore[misc]
        for e in ds.events() if e.duration_range() and len(set(e.duration_range() or ())) == 2
    }
    listed = dict(re.findall(r"^- `([^`]+)`: (\S+)$", markdown("clock-times", ds), re.MULTILINE))
    timed = {e.id: e.timing.start.isoformat() for e in ds.events() if e.timing and e.timing.start}
    assert listed == timed
    placed = re.findall(r"^- `([^`]+)`: ", markdown("coordinates", ds), re.MULTILINE)
    assert placed == [m.id for m in ds.meetings if m.place is not None and m.place.latitude is not None]


def test_exports_page_claims_about_the_data_match_it() -> None:
    text = " ".join((ROOT / "docs" / "exports.md").read_text("utf-8").split())
    ds = se.load()
    found = re.search(r"In the packaged data, (\d+) meetings? ha(?:s|ve) coordinates: (.*?)\. ", text)
    assert found is not None
    listed = re.findall(r"`([^`]+)` \(([^,]+), precision `(\w+)`\)", found.group(2))
    placed = [(m.id, m.place.name, m.place.precision.value) for m in ds.meetings
              if m.place is not None and m.place.latitude is not None and m.place.precision is not None]
    assert int(found.group(1)) == len(placed) and listed == placed
    if "`calls.csv`'s `end` is empty" in text:
        assert all(c.timing is not None and c.timing.end is None for c in ds.calls)


def test_readme_links_work_outside_the_repository() -> None:
    """The README is the package description on the index: no link may be relative."""
    readme = (ROOT / "README.md").read_text("utf-8")
    # the timeline picture is the one exception: the project has no public address yet to
    # link it absolutely (then the index would show it too); every other link is absolute
    targets = [t for t in re.findall(r"\]\(([^)]+)\)", readme) if t != "docs/images/timeline.png"]
    assert targets and all(t.startswith(("https://", "http://")) for t in targets), targets


def test_readme_states_the_period_the_data_covers() -> None:
    coverage = se.load().coverage
    assert coverage is not None
    text = " ".join((ROOT / "README.md").read_text("utf-8").split())
    period = f"from {coverage.start.day} {coverage.start:%B %Y} to {coverage.end.day} {coverage.end:%B %Y}"
    assert period in text, f"README.md should say the data runs {period}"
