"""Comparable labels: headings, table column names and statuses.

A leaf module, so that configuration (section aliases) can compare labels
without importing the document model.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def normalise_label(text: str) -> str:
    """Lower-case a heading or column label and drop emphasis and punctuation.

    Cached: a pure function of short texts that repeat (headers, statuses).
    """
    cleaned = text.strip().strip("*_`#:. ").lower()
    return " ".join(cleaned.replace("*", "").replace("_", " ").split())
