"""Importing the package is cheap: no cattrs, no file reads; the data loads on first use."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import summit_events as se


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_import_loads_no_cattrs_and_opens_no_file() -> None:
    out = run("""
        import builtins, io, sys
        opened = []
        real_open, real_io_open = builtins.open, io.open
        def spy(*args, **kwargs):
            opened.append(args[0] if args else kwargs.get("file"))
            return real_open(*args, **kwargs)
        builtins.open = io.open = spy
        import summit_events
        builtins.open, io.open = real_open, real_io_open
        print("cattrs" in sys.modules, "summit_events.codec" in sys.modules, opened)
    """)
    assert out == "False False []"


def test_first_use_loads_the_dataset_once() -> None:
    out = run("""
        import sys, summit_events as se
        a = se.load(); b = se.dataset
        print(a is b, "msgspec" in sys.modules, "cattrs" in sys.modules)
    """)
    # with msgspec (the fast extra) the packaged data is read without importing cattrs
    assert out in ("True True False", "True False True")


def test_import_creates_no_record_class_and_no_attrs() -> None:
    out = run("""
        import sys, summit_events as se
        print("attrs" in sys.modules, "summit_events.models" in sys.modules)
        from summit_events import Call
        print(se.Call is Call, "summit_events.models" in sys.modules, "Dataset" in dir(se))
    """)
    assert out.split("\n") == ["False False", "True True True"]


def test_packaged_dataset_is_shared_and_immutable() -> None:
    import attrs
    import pytest

    ds = se.load()
    assert se.load() is ds is se.dataset
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.calls = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.calls[0].title = "x"  # type: ignore[misc]
    assert isinstance(ds.calls, tuple) and isinstance(ds.people[0].aliases, tuple)


def test_versions() -> None:
    assert se.load().data_version == se.DATA_VERSION
    import importlib.metadata

    assert importlib.metadata.version("summit-events") == se.__version__


def test_import_loads_no_export_module() -> None:
    out = run("""
        import sys, summit_events
        print(sorted(m for m in sys.modules if m.startswith("summit_events.export") or m == "summit_events.coding"))
    """)
    assert out == "[]"
