"""Smoke test of an installed wheel, run by ``nox -s build`` in a clean venv with no extras.

Run it with the venv's Python in isolated mode from outside the checkout
(``python -I tests/smoke_wheel.py``), so that only the installed package can be imported.
It loads the packaged data, runs one query per record kind, round-trips JSON, and runs the
command line, including ``validate`` on the packaged file.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.resources import as_file, files
from pathlib import Path


def cli(*args: str) -> str:
    """Run the installed ``summit-events`` command; fail on a non-zero exit."""
    command = shutil.which("summit-events", path=str(Path(sys.executable).parent))
    assert command is not None, "the wheel installed no summit-events command"
    done = subprocess.run([command, *args], capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, f"summit-events {' '.join(args)} exited {done.returncode}:\n{done.stderr}"
    return done.stdout


def main() -> None:
    import summit_events as se

    where = Path(se.__file__).resolve()
    assert "site-packages" in where.parts, f"imported from {where}, not from the installed wheel"
    for extra in ("msgspec", "pandas", "pytest", "hypothesis"):
        assert importlib.util.find_spec(extra) is None, f"{extra} is installed: this venv should have no extras"

    ds = se.load()
    assert ds is se.load() and ds.data_version == se.DATA_VERSION
    # one query per record kind
    putin = ds.person("Putin")
    assert putin.id == "vladimir-putin"
    call = ds.calls_between("Trump", "Putin")[0]
    assert isinstance(call, se.Call) and call.duration_range() is not None
    meetings = ds.events(kind="meeting")
    assert meetings and all(isinstance(m, se.Meeting) for m in meetings)
    occurrences = ds.events(kind="occurrence")
    assert occurrences and all(isinstance(o, se.Occurrence) for o in occurrences)
    for kind, cls in (("market", se.MarketReaction), ("media", se.MediaReaction), ("statement", se.StatementReaction)):
        found = [r for e in ds.events() for r in ds.reactions_to(e, kind=kind)]
        assert found and all(isinstance(r, cls) for r in found), kind
    assert ds.statements_by(putin)
    sources = ds.sources_of(call)
    assert sources and all(isinstance(s, se.Source) for s in sources)
    assert ds.source(sources[0].id) is sources[0]
    assert ds.thread(call)[0].date is not None
    # JSON, both ways, on the reference path (no msgspec here)
    assert se.from_json(se.to_json(call), se.Call) == call
    assert se.from_json(se.to_json_bytes(ds), se.Dataset) == ds
    problems: list[tuple[str, str]] = []
    try:
        se.from_json('{"schema_version": 1, "data_version": "x", "calls": [{"id": "Bad Id"}]}', se.Dataset)
    except se.DataError as error:
        problems = list(error.problems)
    assert any(path.startswith("$.calls[0]") for path, _ in problems), f"a bad document gave {problems}"

    # the command line
    assert se.__version__ in cli("--version")
    assert call.title in cli("timeline")
    assert call.title in cli("show", call.id)
    assert cli("search", "riyadh").strip()
    assert json.loads(cli("schema"))["$schema"].startswith("https://json-schema.org/")
    assert cli("diff", "packaged", "packaged").rstrip().endswith("no differences")
    with as_file(files("summit_events.data").joinpath("summit_events.json")) as packaged:
        assert cli("validate", str(packaged)).startswith(f"{packaged}: valid")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.json"
        cli("export", "-o", str(copy))
        assert se.load(copy) == ds
        cli("export", "--format", "csv", "-o", str(Path(folder) / "csv"))
        assert (Path(folder) / "csv" / "calls.csv").is_file()
    print(f"smoke test passed: summit-events {se.__version__} (data {se.DATA_VERSION}) from {where.parent}")


if __name__ == "__main__":
    main()
