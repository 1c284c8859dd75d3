"""Names pmlint makes from text: file names for ``pmlint new``, page names and CSS classes in the archive."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_HYPHENS = re.compile(r"-+")


def slugify(text: str, limit: int = 60, *, fallback: str = "item", unique: bool = False) -> str:
    """``"DB pool: exhausted (EU)"`` -> ``"db-pool-exhausted-eu"``, at most ``limit`` characters.

    Accented Latin letters lose their accents (``é`` -> ``e``); letters of other
    scripts are kept (``"Сбой базы"`` -> ``"сбой-базы"``), so two non-Latin titles
    get two names. A longer slug is cut at a hyphen; with ``unique`` it keeps a
    short hash of the whole text instead, so two long names that share a
    beginning still differ.
    """
    slug = _HYPHENS.sub("-", "".join(_slug_character(ch) for ch in unicodedata.normalize("NFC", text))).strip("-")
    if len(slug) <= limit:
        return slug or fallback
    if unique:
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
        return f"{slug[: limit - len(digest) - 1].rstrip('-')}-{digest}"
    cut = slug[:limit]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut) or fallback


def _slug_character(character: str) -> str:
    """A letter or digit as it goes into a name (lower case), anything else a hyphen."""
    base = unicodedata.normalize("NFKD", character)
    plain = "".join(ch for ch in base if not unicodedata.combining(ch))
    if plain.isascii() and plain.isalnum():
        return plain.lower()  # accented Latin: é -> e, ﬁ -> fi
    if character.isalnum() or unicodedata.category(character).startswith("M"):
        return character.lower()  # other scripts keep their letters and combining marks
    return "-"
