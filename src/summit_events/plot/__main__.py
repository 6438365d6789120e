"""Draw a picture of a dataset to a file: ``python -m summit_events.plot timeline -o timeline.png``.

``--data FILE`` draws a dataset from a JSON file instead of the packaged one. A PNG of the
timeline records, in its metadata, a fingerprint of what it was drawn from, so a test can
tell when a saved picture no longer matches the data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import summit_events as se

from . import _digest, durations, markets, places, timeline

DIGEST_KEY = "summit-events drawn from"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summit_events.plot", description=__doc__.split("\n\n")[0])
    parser.add_argument("picture", choices=["timeline", "durations", "markets", "places"])
    parser.add_argument("event", nargs="?", help="the event id (for markets)")
    parser.add_argument("-o", "--output", required=True, help="the file to write; its suffix picks the format")
    parser.add_argument("--data", help="a dataset JSON file (default: the packaged data)")
    parser.add_argument("--lanes", choices=["kind", "track"], default="kind", help="timeline lanes")
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args(argv)
    ds = se.load(args.data)
    metadata: dict[str, str] = {}
    if args.picture == "timeline":
        figure = timeline(ds, lanes=args.lanes)
        if args.output.lower().endswith(".png"):
            metadata[DIGEST_KEY] = _digest("timeline", ds, lanes=args.lanes)
    elif args.picture == "durations":
        figure = durations(ds)
    elif args.picture == "places":
        figure = places(ds)
    else:
        if not args.event:
            parser.error("markets needs an event id")
        figure = markets(ds, args.event)
    figure.savefig(args.output, dpi=args.dpi, metadata=metadata or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
