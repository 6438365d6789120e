"""The two exceptions the library raises on purpose.

* :class:`DataError` (a :class:`ValueError`): input that is not valid summit-events data.
  Its message lists every problem found, each prefixed with the JSON path of the problem.
* :class:`NotFoundError` (a :class:`LookupError`): a query for an id or name that is not in
  the dataset. Its message suggests close matches.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DataError", "NotFoundError", "Problem"]

Problem = tuple[str, str]
"""One problem in a document: ``(json_path, message)``, e.g. ``("$.calls[3].start", "…")``."""


class DataError(ValueError):
    """Invalid summit-events data: bad JSON, wrong types, broken references, …

    ``problems`` holds every ``(path, message)`` pair found; ``str(error)`` shows them one per
    line, so the first line of a traceback already says where to look.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems) or (("$", "invalid data"),)
        super().__init__(self._render())

    def _render(self) -> str:
        lines = [f"{path}: {message}" for path, message in self.problems]
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} problems:\n" + "\n".join(f"  {line}" for line in lines)

    def __reduce__(self) -> tuple[type[DataError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class NotFoundError(LookupError):
    """No record matches an id or name; ``suggestions`` holds close matches, best first."""

    query: str
    suggestions: tuple[str, ...]

    def __init__(self, what: str, query: str, suggestions: Iterable[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        message = f"no {what} matches {query!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would repr() the message
        return str(self.args[0])
