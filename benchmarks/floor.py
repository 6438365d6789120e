"""Where the time of reading goes, and its floor: ``python -m benchmarks.floor [--size 100k] [--runs 5]``.

On the fast path, ``from_json(data, Dataset)`` is msgspec decoding the text into mirror
structs (types, lengths, number ranges, unknown fields and the form of datetimes checked in
C), then Python building the frozen attrs records from them, then the rules over the whole
document. This script times each phase in one process, on the same generated data, next to
msgspec decoding the same text into the rival structs of ``benchmarks/rivals.py`` (the
"rival"), and prints each as a multiple of the rival. The collector is paused in every
phase, the rival's included, as ``from_json`` pauses it for its own work.

* **building, bare**: every record made from its struct with no rule checked in Python:
  ``object.__new__``, one slot store per field, nested records built and datetimes parsed
  (their parser also checks that there is an offset and that the date is in range). Before timing, the script
  checks that these records, put in a dataset, write the same bytes as the one ``from_json``
  returns (for the sections the generator makes; the tests check every section on the
  packaged data).
* **floor**: the decode into the mirror structs, the bare building and freeing the structs:
  what this design (decode into structs, then build the records) costs before any rule is
  checked in Python.
* **building, all rules**: the real builders (the per-field checks, the strings gathered for
  the string rules, the cross-field rules of ``__attrs_post_init__``), then the **string
  rules**, the **repeated-key guard** and the **link checks** over the whole document.
* **from_json - floor**: every rule, and the rest of ``from_json`` (assembling the dataset,
  the scan for characters text may not hold).

The phases run in the order ``from_json`` runs them, except that the two ways of building
take turns going first, and the link checks run over a dataset built once beforehand. Timed
apart, they do not add up to ``from_json`` exactly: it frees each section's structs as soon
as its records are built, and reuses that memory and the caches from one phase to the next.

The full benchmark (``python -m benchmarks``) times the rival with the collector on, as
msgspec runs by default. What the collector then costs the rival depends on how many objects
the process already holds (a million new structs start a full collection only when they
outnumber a quarter of the older objects), so the ratios here are larger than there; compare
them with each other, not with the full benchmark's.
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

from .generate import SIZES, generate, to_bytes


class BareMirror(_fast._Mirror):
    """Builders that only make the records: no rule, no string gathered for the string rules."""

    def field(self, hint: Any, validator: Any, name: str) -> Any:
        made = super().field(hint, validator, name)
        made.collect = None  # nothing gathered: the builders are given no lists to gather into
        if made.convert is not None and "_reject()" in made.convert:
            # an expression that returns the value unchanged or rejects it: a check, left out
            made.convert = None
        return made

    def _runs_post_init(self, cls: type) -> bool:
        return False


def build_records(mirror: _fast._Mirror, document: Any, gathered: tuple[list[str], ...]) -> dict[str, Any]:
    """Every section of a decoded document (mirror structs) built by ``mirror``'s builders.

    ``gathered`` takes the strings for the string rules (empty for a :class:`BareMirror`, whose
    builders gather nothing).
    """
    records: dict[str, Any] = {}
    for name, cls in _fast._DATASET_FIELDS.items():
        build = mirror.builder(cls)
        records[name] = tuple([build(item, gathered) for item in getattr(document, name)])
    by_struct = {_fast._mirror.struct(cls): mirror.builder(cls) for cls in models.REACTION_TYPES.values()}
    records["reactions"] = tuple([by_struct[type(item)](item, gathered) for item in document.reactions])
    return records


def bare_dataset(data: bytes) -> se.Dataset:
    """The dataset in ``data`` with its records made by the bare builders (the dataset's own checks run)."""
    mirror = BareMirror()
    document = _fast._decoder.decode(data)
    coverage = None if document.coverage is None else mirror.builder(models.Coverage)(document.coverage, ())
    return se.Dataset(data_version=document.data_version, coverage=coverage, **build_records(mirror, document, ()))


def _timed(func: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    begin = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - begin, result


def _string_rules(gathered: tuple[list[str], ...]) -> list[bool]:
    return [ok(strings) for strings, ok in zip(gathered, _fast._mirror.categories, strict=True)]


def _one_run(data: bytes, dataset: se.Dataset, mirror: BareMirror, bare_first: bool) -> dict[str, float]:
    """Seconds per phase, the collector paused in each (``from_json`` pauses it itself)."""
    from . import rivals  # needs pydantic too (the ``bench`` extra)

    gc.collect()
    found = {"from_json": _timed(se.from_json, data, se.Dataset)[0]}
    gc.collect()
    gc.disable()
    try:
        found["rival: msgspec into its structs"] = _timed(rivals.msgspec_decode, data)[0]
        gc.collect()
        found["decode into our mirror structs"], document = _timed(_fast._decoder.decode, data)
        found["repeated-key guard"] = _timed(_fast._no_repeated_keys, data, document)[0]
        gathered: tuple[list[str], ...] = tuple([] for _ in _fast._mirror.categories)
        builds = [("building, bare (no rule)", mirror, ()), ("building, all rules", _fast._mirror, gathered)]
        for phase, builders, into in builds if bare_first else builds[::-1]:
            found[phase] = _timed(build_records, builders, document, into)[0]
        found["string rules"] = _timed(_string_rules, gathered)[0]
        del gathered, builds, into
        begin = time.perf_counter()
        del document  # the last reference: every mirror struct is freed here
        found["freeing the mirror structs"] = time.perf_counter() - begin
        found["link checks"] = _timed(lambda: list(collection._link_problems(dataset)))[0]
    finally:
        gc.enable()
    return found


_ORDER = [
    "rival: msgspec into its structs", "decode into our mirror structs", "building, bare (no rule)",
    "freeing the mirror structs", "floor: the three above", "building, all rules", "string rules",
    "repeated-key guard", "link checks", "from_json", "from_json - floor: every rule, and the rest",
]


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description="Where the time of reading goes, and its floor.")
    parser.add_argument("--size", default="100k", choices=sorted(SIZES, key=SIZES.__getitem__))
    parser.add_argument("--runs", type=_positive, default=5, metavar="N",
                        help="runs per phase (default 5); the median is shown")
    args = parser.parse_args()
    data = to_bytes(generate(SIZES[args.size]))
    dataset = se.from_json(data, se.Dataset)
    if se.to_json_bytes(bare_dataset(data)) != se.to_json_bytes(dataset):
        raise SystemExit("the bare builders made other records than from_json: the floor would be wrong")
    print("checked: the records built with no rule write the same bytes as from_json's")

    mirror = BareMirror()
    times: dict[str, list[float]] = {}
    for run in range(args.runs):
        for phase, seconds in _one_run(data, dataset, mirror, bare_first=run % 2 == 0).items():
            times.setdefault(phase, []).append(seconds)
    medians = {phase: statistics.median(found) for phase, found in times.items()}
    medians["floor: the three above"] = sum(medians[p] for p in _ORDER[1:4])
    medians[_ORDER[-1]] = medians["from_json"] - medians["floor: the three above"]
    rival = medians["rival: msgspec into its structs"]
    print(f"{args.size} events, {len(data) / 2**20:.1f} MiB, median of {args.runs} runs, the collector paused;"
          " x = seconds / rival (msgspec into the structs of benchmarks/rivals.py)")
    for phase in _ORDER:
        print(f"  {phase:44s} {medians[phase]:7.3f} s  {medians[phase] / rival:5.2f} x")


if __name__ == "__main__":
    main()
