"""The packaged data (read with importlib.resources; no code)."""
