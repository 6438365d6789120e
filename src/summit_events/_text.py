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
    folded = name.casefold()
    if folded.isascii():  # nothing to decompose and no accent to drop (most names): the same, faster
        plain = folded.replace("'", "")
    else:
        decomposed = unicodedata.normalize("NFKD", folded)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("'", "").replace("’", "")
    return _NOT_WORD.sub(" ", plain).strip()
