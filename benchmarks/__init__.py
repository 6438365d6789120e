"""Benchmarks for summit-events (not part of the test suite): ``python -m benchmarks --help``."""
