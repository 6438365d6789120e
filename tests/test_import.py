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


def test_a_fresh_load_and_query_import_no_module_they_do_not_use() -> None:
    # json is the reference path's parser and writer, difflib suggests names after a failed lookup
    out = run("""
        import datetime, sys, summit_events as se
        se.load().events(participant="Putin", since=datetime.date(2025, 2, 1))
        print("msgspec" in sys.modules, [m for m in ("json", "difflib", "cattrs") if m in sys.modules])
    """)
    assert out in ("True []", "False ['json', 'cattrs']")


def test_the_packaged_file_is_read_without_importlib_resources() -> None:
    from importlib.resources import files

    packaged = files("summit_events.data").joinpath("summit_events.json").read_bytes()
    assert se._read_packaged() == packaged
    out = run("""
        import sys, summit_events as se
        se._read_packaged()  # (zoneinfo may import it later for zones the system lacks)
        print("importlib.resources" in sys.modules)
    """)
    assert out == "False"


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


def test_lazy_names_are_listed_once_and_type_checking_imports_match() -> None:
    """``_LAZY_MODULES`` is the one list: the ``TYPE_CHECKING`` imports name the same things from
    the same modules, ``__all__`` holds each of them, and each resolves to its module's object."""
    import ast
    import importlib
    from pathlib import Path

    tree = ast.parse(Path(se.__file__).read_text(encoding="utf-8"))
    guarded = next(
        node for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
    )
    imported = {
        alias.name: (node.module or "")
        for node in guarded.body if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == se._LAZY
    assert len(se.__all__) == len(set(se.__all__))
    defined_here = {
        name for node in tree.body
        for name in (
            [node.name] if isinstance(node, ast.FunctionDef)
            else [t.id for t in node.targets if isinstance(t, ast.Name)] if isinstance(node, ast.Assign)
            else [node.target.id] if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
            else [alias.asname or alias.name for alias in node.names] if isinstance(node, ast.ImportFrom)
            and node.level == 1 else []
        )
        if not name.startswith("_") or name == "__version__"
    }
    # every public name defined here (or imported eagerly), and every lazy one; the lazy
    # ``dataset`` attribute is the one name served by ``__getattr__`` outside ``_LAZY``
    assert set(se.__all__) == (defined_here - {"T"}) | set(se._LAZY) | {"dataset"}
    for name, module in se._LAZY.items():
        assert getattr(se, name) is getattr(importlib.import_module(f"summit_events.{module}"), name)
    for name in se.__all__:
        getattr(se, name)


def test_decoding_leaves_the_collector_as_it_found_it_and_the_records_in_the_oldest_generation() -> None:
    out = run("""
        import gc, summit_events as se
        text = se.to_json(se.load())
        frozen = gc.get_freeze_count()
        ds = se.from_json(text, se.Dataset)
        oldest = any(o is ds for o in gc.get_objects(generation=2))
        young = any(o is ds for g in (0, 1) for o in gc.get_objects(generation=g))
        print(gc.isenabled(), frozen == 0, oldest, young, gc.get_freeze_count() == frozen)
        gc.disable()
        se.from_json(text, se.Dataset)
        print(gc.isenabled())
    """)
    enabled, unfrozen, oldest, young, kept, after = out.split()
    assert (enabled, kept, after) == ("True", "True", "False")
    # some interpreters start with objects frozen (3.12.1 does): then nothing is moved
    assert (oldest, young) == (("True", "False") if unfrozen == "True" else ("False", "True"))


def test_decoding_keeps_the_programs_frozen_objects_frozen() -> None:
    out = run("""
        import gc, summit_events as se
        text = se.to_json(se.load())
        gc.freeze()
        frozen = gc.get_freeze_count()
        ds = se.from_json(text, se.Dataset)
        print(gc.get_freeze_count() == frozen, gc.isenabled(), any(o is ds for o in gc.get_objects(generation=2)))
    """)
    assert out == "True True False"
