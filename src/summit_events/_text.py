"""Text folding for lookups and search: one rule, shared by the queries and the search index."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize"]

_NOT_WORD = re.compile(r"[\W_]+")


def normalize(name: str) -> str:
    """Fold case, accents and punctuation: ``"Zelenskyy"`` and ``"ZELENSKYY"`` match.

    >>> normalize("  Volodymyr  Zelens'kyy ")
    'volodymyr zelenskyy'
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("'", "").replace("’", "")
    return _NOT_WORD.sub(" ", plain).strip()
