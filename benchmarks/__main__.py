"""Run the benchmarks: ``python -m benchmarks [--sizes 1k,10k,100k] [--out FILE]``.

Every figure is a median of repeated runs, and every target is a ratio of two things
measured side by side in this run, so a noisy machine moves both sides.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import rivals
from .generate import SIZES, generate, to_bytes

TARGETS = {
    "import": 1.10,
    "load_and_query": 1.25,
    "decode_vs_msgspec": 2.0,
    "encode_vs_msgspec": 2.0,
    "memory_vs_msgspec": 1.5,
    "participant_window_query_us": 5.0,
}


def median_time(
    func: Callable[[], object], *, min_runs: int = 3, max_runs: int = 15, budget: float = 3.0
) -> float:
    """The median wall time of ``func()`` over at least ``min_runs`` runs (more while under ``budget`` s)."""
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < min_runs or (len(times) < max_runs and time.perf_counter() - started < budget):
        gc.collect()
        begin = time.perf_counter()
        func()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def run_python(code: str) -> float:
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - begin


def paired(ours: str, theirs: str, runs: int) -> tuple[float, float]:
    """Median wall times of two fresh-process snippets, run alternately."""
    a, b = [], []
    for _ in range(runs):
        a.append(run_python(ours))
        b.append(run_python(theirs))
    return statistics.median(a), statistics.median(b)


def compile_package() -> bool:
    """Compile summit_events to bytecode, as ``pip install`` does, so start-up is not compile time.

    attrs, cattrs and msgspec were installed by pip, which wrote their ``.pyc`` files; an
    editable or source checkout of summit_events has none unless Python may write them, and
    every fresh process would then compile our modules again. ``False`` if they could not be
    written (the figures then include compiling).
    """
    import compileall

    import summit_events

    return bool(compileall.compile_dir(Path(summit_events.__file__).parent, quiet=1))


def startup(runs: int) -> dict[str, Any]:
    compiled = compile_package()
    if not compiled:
        print("warning: could not write summit_events bytecode; start-up includes compiling it", file=sys.stderr)
    imp = paired("import summit_events", "import attrs", runs)
    load = paired(
        "import datetime, summit_events as se; "
        "se.load().events(participant='Putin', since=datetime.date(2025, 2, 1))",
        "import cattrs",
        runs,
    )
    return {
        "import": {"summit_events_s": imp[0], "attrs_s": imp[1], "ratio": imp[0] / imp[1]},
        "load_and_query": {"summit_events_s": load[0], "cattrs_s": load[1], "ratio": load[0] / load[1]},
        "bytecode_compiled": compiled,
    }


_MEMORY = """
import gc, sys, tracemalloc
from pathlib import Path
data = Path(sys.argv[2]).read_bytes()
if sys.argv[1] == "ours":
    import summit_events as se
    decode = lambda: se.from_json(data, se.Dataset)
    se.from_json(b'{"schema_version": 1, "data_version": "warm-up"}', se.Dataset)
elif sys.argv[1] == "msgspec":
    from benchmarks import rivals
    decode = lambda: rivals.msgspec_decode(data)
else:
    from benchmarks import rivals
    decode = lambda: rivals.pydantic_decode(data)
gc.collect()
tracemalloc.start()
result = decode()
print(tracemalloc.get_traced_memory()[1])
"""


def peak_memory(who: str, path: Path, runs: int) -> float:
    """Median peak of memory allocated (MiB, tracemalloc) while decoding ``path`` in a fresh process."""
    found = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _MEMORY, who, str(path)], check=True,
                             capture_output=True, text=True, cwd=Path(__file__).parent.parent)
        found.append(int(out.stdout) / 2**20)
    return statistics.median(found)


def queries(ds: Any, rng: random.Random) -> dict[str, float]:
    """Microseconds per query, each the median of several passes over a fixed set of queries."""
    import summit_events as se

    people = [p.id for p in ds.people]
    events = ds.events()
    names = [p.name for p in ds.people]
    first, last = dt.date(2020, 1, 1), dt.date(2029, 12, 1)
    span = (last - first).days
    windows = []
    for _ in range(500):
        since = first + dt.timedelta(days=rng.randrange(span))
        windows.append((rng.choice(people), since, since + dt.timedelta(days=30)))
    pairs = [(rng.choice(people), rng.choice(people)) for _ in range(500)]
    event_ids = [rng.choice(events).id for _ in range(500)]
    lookups = [rng.choice(names) for _ in range(500)]
    build_start = time.perf_counter()
    ds.events(participant=people[0], since=first, until=first)
    ds.events(kind="meeting", status="postponed")
    ds.calls_between(people[0], people[1])
    ds.reactions_to(events[0])
    ds.person(names[0].upper())
    build = time.perf_counter() - build_start

    def per_query(run: Callable[[], object], count: int) -> float:
        return median_time(run, min_runs=5, max_runs=50, budget=0.5) / count * 1e6

    return {
        "index_build_ms": build * 1e3,
        "participant_window_us": per_query(
            lambda: [ds.events(participant=p, since=s, until=u) for p, s, u in windows], len(windows)),
        "kind_status_us": per_query(lambda: ds.events(kind="meeting", status="postponed"), 1),
        "kind_status_window_us": per_query(
            lambda: [ds.events(kind=se.Call, status="planned", since=s, until=u) for _, s, u in windows],
            len(windows)),
        "calls_between_us": per_query(lambda: [ds.calls_between(a, b) for a, b in pairs], len(pairs)),
        "reactions_to_us": per_query(lambda: [ds.reactions_to(e) for e in event_ids], len(event_ids)),
        "name_lookup_us": per_query(lambda: [ds.person(n.upper()) for n in lookups], len(lookups)),
    }


def measure_size(label: str, n: int, workdir: Path, memory_runs: int, measure_memory: bool) -> dict[str, Any]:
    import summit_events as se

    document = generate(n)
    data = to_bytes(document)
    path = workdir / f"events-{label}.json"
    path.write_bytes(data)
    ds = se.from_json(data, se.Dataset)
    assert se.to_json(ds).encode("utf-8") == data, "the generated file is not in canonical form"
    assert se.to_json_bytes(ds) == data
    m_obj, p_obj = rivals.msgspec_decode(data), rivals.pydantic_decode(data)
    events = n
    big = n >= 100_000
    opts: dict[str, Any] = {"min_runs": 3, "max_runs": 5 if big else 15, "budget": 2.0 if big else 3.0}
    decode = {
        "ours": median_time(lambda: se.from_json(data, se.Dataset), **opts),
        "msgspec": median_time(lambda: rivals.msgspec_decode(data), **opts),
        "pydantic": median_time(lambda: rivals.pydantic_decode(data), **opts),
        "json": median_time(lambda: json.loads(data), **opts),
    }
    encode = {
        "ours": median_time(lambda: se.to_json(ds), **opts),
        "ours_bytes": median_time(lambda: se.to_json_bytes(ds), **opts),
        "msgspec": median_time(lambda: rivals.msgspec_encode(m_obj), **opts),
        "pydantic": median_time(lambda: rivals.pydantic_encode(p_obj), **opts),
        "json": median_time(
            lambda: json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True), **opts),
    }
    result: dict[str, Any] = {
        "events": events,
        "bytes": len(data),
        "decode_s": decode,
        "encode_s": encode,
        "decode_us_per_event": {k: v / events * 1e6 for k, v in decode.items()},
        "encode_us_per_event": {k: v / events * 1e6 for k, v in encode.items()},
        "decode_ratio": {k: decode["ours"] / v for k, v in decode.items() if k != "ours"},
        "encode_ratio": {k: encode["ours"] / v for k, v in encode.items() if not k.startswith("ours")},
        "encode_bytes_ratio": {k: encode["ours_bytes"] / v for k, v in encode.items() if not k.startswith("ours")},
        "queries_us": queries(ds, random.Random(7)),
    }
    if memory_runs and measure_memory:
        memory = {who: peak_memory(who, path, memory_runs) for who in ("ours", "msgspec", "pydantic")}
        result["peak_memory_mib"] = memory
        result["memory_ratio"] = {k: memory["ours"] / v for k, v in memory.items() if k != "ours"}
    return result


def table(report: dict[str, Any]) -> str:
    lines = ["| measure | size | ours / msgspec | ours / pydantic | ours / json | target |",
             "|---|---|---|---|---|---|"]
    start = report["startup"]
    lines.append(f"| `import summit_events` / `import attrs` | - | - | - | - | "
                 f"{start['import']['ratio']:.2f} (≤ {TARGETS['import']}) |")
    lines.append(f"| fresh `load()` + query / `import cattrs` | - | - | - | - | "
                 f"{start['load_and_query']['ratio']:.2f} (≤ {TARGETS['load_and_query']}) |")
    for label, size in report["sizes"].items():
        for what, name in (("decode", "decode"), ("encode", "encode (`to_json`, str)"),
                           ("encode_bytes", "encode (`to_json_bytes`)"), ("memory", "memory")):
            ratios = size.get(f"{what}_ratio")
            if not ratios:
                continue
            target = TARGETS[f"{what.removesuffix('_bytes')}_vs_msgspec"]
            cells = " | ".join(
                f"{ratios[k]:.2f}" if k in ratios else "-" for k in ("msgspec", "pydantic", "json"))
            lines.append(f"| {name} | {label} | {cells} | ≤ {target} vs msgspec |")
    lines.append("")
    lines.append("| size | decode µs/event (ours / msgspec) | encode µs/event (str / bytes / msgspec) | "
                 "participant+window µs | kind+status µs | calls_between µs | reactions_to µs | name µs | "
                 "index build ms |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for label, size in report["sizes"].items():
        d, e, q = size["decode_us_per_event"], size["encode_us_per_event"], size["queries_us"]
        lines.append(
            f"| {label} | {d['ours']:.1f} / {d['msgspec']:.2f} | "
            f"{e['ours']:.1f} / {e['ours_bytes']:.1f} / {e['msgspec']:.2f} | "
            f"{q['participant_window_us']:.2f} | {q['kind_status_us']:.0f} | {q['calls_between_us']:.2f} | "
            f"{q['reactions_to_us']:.2f} | {q['name_lookup_us']:.2f} | {q['index_build_ms']:.0f} |"
        )
    labels = list(report["sizes"])
    if len(labels) > 1:
        small, large = report["sizes"][labels[0]], report["sizes"][labels[-1]]
        growth = large["decode_us_per_event"]["ours"] / small["decode_us_per_event"]["ours"]
        lines.append("")
        lines.append(f"Decode time per event, {labels[-1]} / {labels[0]}: {growth:.2f} (flat is 1.0)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="1k,10k,100k", help=f"comma-separated, from {', '.join(SIZES)}")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--startup-runs", type=int, default=21)
    parser.add_argument("--memory-runs", type=int, default=3,
                        help="fresh processes per peak-memory figure (largest size only; 0 to skip)")
    args = parser.parse_args(argv)
    labels = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in labels if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    import msgspec
    import pydantic

    import summit_events as se

    report: dict[str, Any] = {
        "python": platform.python_version(),
        "versions": {"summit_events": se.__version__, "msgspec": msgspec.__version__,
                     "pydantic": pydantic.VERSION},
        "targets": TARGETS,
        "startup": startup(args.startup_runs),
        "sizes": {},
    }
    with tempfile.TemporaryDirectory() as workdir:
        for label in labels:
            print(f"measuring {label} ...", file=sys.stderr, flush=True)
            report["sizes"][label] = measure_size(
                label, SIZES[label], Path(workdir), args.memory_runs, measure_memory=label == labels[-1])
    text = table(report)
    print(text)
    if args.out is not None:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
