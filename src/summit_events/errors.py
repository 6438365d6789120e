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


SHOWN_PROBLEMS = 20
"""The most problems ``str(DataError)`` lists; the rest are counted ("… and 80 more")."""
SHOWN_LINE = 300
"""The most characters of one problem ``str(DataError)`` shows."""


def _line(path: str, message: str) -> str:
    line = f"{path}: {message}"
    return line if len(line) <= SHOWN_LINE else line[:SHOWN_LINE - 1] + "…"


class DataError(ValueError):
    """Invalid summit-events data: bad JSON, wrong types, broken references, …

    ``problems`` holds every ``(path, message)`` pair found; ``str(error)`` shows them one per
    line, so the first line of a traceback already says where to look. The text is kept short
    whatever the input: at most :data:`SHOWN_PROBLEMS` problems ("… and N more"), each cut to
    :data:`SHOWN_LINE` characters; ``problems`` always holds them all.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems) or (("$", "invalid data"),)
        super().__init__(self._render())

    def _render(self) -> str:
        if len(self.problems) == 1:
            return _line(*self.problems[0])
        lines = [_line(path, message) for path, message in self.problems[:SHOWN_PROBLEMS]]
        more = len(self.problems) - len(lines)
        if more:
            lines.append(f"… and {more} more")
        return f"{len(self.problems)} problems:\n" + "\n".join(f"  {line}" for line in lines)

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
