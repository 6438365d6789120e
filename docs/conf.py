"""Sphinx configuration: furo, MyST Markdown, an API reference from the docstrings, and pages
and pictures generated from the packaged data at build time (see ``_ext/datapages.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

import summit_events

project = "summit-events"
author = "summit-events contributors"
copyright = "summit-events contributors; data CC BY-SA 4.0"
release = summit_events.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "datapages",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "images/README*"]
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

html_theme = "furo"
html_title = f"summit-events {release}"
html_static_path: list[str] = []
templates_path = ["_templates"]  # the search page gets a main heading
html_show_sourcelink = False

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
suppress_warnings = ["myst.header"]
