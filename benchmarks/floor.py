"""Where the time of reading goes, and its floor: ``python -m benchmarks.floor [--size 100k] [--runs 3]``.

On the fast path, ``from_json(data, Dataset)`` is msgspec decoding the text into mirror
structs (types, lengths, number ranges and the form of datetimes checked in C), then Python
building the frozen attrs records from them, then the rules over the whole document. This
script times each phase in one process, on the same generated data, with the collector
paused (as ``from_json`` pauses it), next to msgspec decoding the same text into the rival
structs of ``benchmarks/rivals.py``, and prints each as a multiple of that rival:

* **building, bare**: every record made from its struct with no rule at all: ``object.__new__``,
  one slot store per field, nested records built and datetimes parsed. The script checks that
  these records equal the ones ``from_json`` returns. This, plus the decode, is the least a
  path that returns these attrs records does.
* **building, all rules**: the real builders (the per-field checks, the strings gathered for
  the string rules, the cross-field rules of ``__attrs_post_init__``).
* **string rules**, **repeated-key guard**, **link checks**: the rules run over the whole
  document once the records are built.

The full benchmark (``python -m benchmarks``) times the rival with the collector on, as
msgspec runs by default. What the collector then costs the rival depends on how many objects
the process already holds (a million new structs start a full collection only when they
outnumber a quarter of the older objects), so it is paused here on both sides: the rival is
faster than in the full run, and every ratio here is larger than there.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

import summit_events as se
from summit_events import _fast, collection, models

from . import rivals
from .generate import SIZES, generate, to_bytes


class _Bare(_fast._Mirror):
    """Builders that only copy: no check, no string gathered, no cross-field rule."""

    def field(self, hint: Any, validator: Any, name: str) -> Any:
        made = super().field(hint, validator, name)
        made.collect = None
        if made.convert is not None and "_build_" not in made.convert and "_datetime" not in made.convert:
            made.convert = None  # an expression that only checks the value (returns it or rejects)
        return made

    def _runs_post_init(self, cls: type) -> bool:
        return False


def _bare_records(mirror: _fast._Mirror, document: Any) -> dict[str, list[Any]]:
    gathered: tuple[list[str], ...] = ()
    records = {name: [mirror.builder(cls)(item, gathered) for item in getattr(document, name)]
               for name, cls in _fast._DATASET_FIELDS.items()}
    by_struct = {_fast._mirror.struct(cls): mirror.builder(cls) for cls in models.REACTION_TYPES.values()}
    records["reactions"] = [by_struct[type(item)](item, gathered) for item in document.reactions]
    return records


def _real_records(document: Any) -> tuple[dict[str, list[Any]], tuple[list[str], ...]]:
    gathered: tuple[list[str], ...] = tuple([] for _ in _fast._mirror.categories)
    records = {name: [build(item, gathered) for item in getattr(document, name)]
               for name, build in _fast._BUILD.items()}
    records["reactions"] = [_fast._BUILD_REACTION[type(item)](item, gathered) for item in document.reactions]
    return records, gathered


def _timed(func: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    begin = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - begin, result


def _string_rules(gathered: tuple[list[str], ...]) -> list[bool]:
    return [ok(strings) for strings, ok in zip(gathered, _fast._mirror.categories, strict=True)]


def _one_run(data: bytes, dataset: se.Dataset, bare: _Bare) -> dict[str, float]:
    """Seconds per phase, the collector paused (``from_json`` pauses it itself)."""
    gc.collect()
    found = {"from_json (it pauses the collector)": _timed(se.from_json, data, se.Dataset)[0]}
    gc.collect()
    gc.disable()
    try:
        found["rival: msgspec into its structs"] = _timed(rivals.msgspec_decode, data)[0]
        gc.collect()
        found["decode into our mirror structs"], document = _timed(_fast._decoder.decode, data)
        found["building, bare (no rule)"] = _timed(_bare_records, bare, document)[0]
        found["building, all rules"], (_records, gathered) = _timed(_real_records, document)
        found["string rules"] = _timed(_string_rules, gathered)[0]
        found["repeated-key guard"] = _timed(_fast._no_repeated_keys, data, document)[0]
        found["link checks"] = _timed(lambda: list(collection._link_problems(dataset)))[0]
    finally:
        gc.enable()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="100k", choices=sorted(SIZES, key=SIZES.__getitem__))
    parser.add_argument("--runs", type=int, default=3, help="runs per phase; the median is shown")
    args = parser.parse_args()
    data = to_bytes(generate(SIZES[args.size]))
    dataset = se.from_json(data, se.Dataset)
    bare = _Bare()
    document = _fast._decoder.decode(data)
    made = _bare_records(bare, document)
    for name, records in made.items():
        if tuple(records) != getattr(dataset, name):
            raise SystemExit(f"the bare builders made other {name} than from_json: the floor would be wrong")
    del made, document

    times: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for phase, seconds in _one_run(data, dataset, bare).items():
            times.setdefault(phase, []).append(seconds)

    medians = {phase: statistics.median(found) for phase, found in times.items()}
    medians["floor: decode + bare building"] = (
        medians["decode into our mirror structs"] + medians["building, bare (no rule)"]
    )
    rival = medians["rival: msgspec into its structs"]
    print(f"{args.size} events, {len(data) / 2**20:.0f} MiB, median of {args.runs} runs; x = seconds / rival")
    for phase, seconds in medians.items():
        print(f"  {phase:38s} {seconds:7.3f} s  {seconds / rival:5.2f} x")

if __name__ == "__main__":
    main()
