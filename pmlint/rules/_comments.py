"""HTML comments in Markdown text, found in one pass.

``<!--`` opens a comment and the first ``-->`` after it closes it. An opening
with no close after it closes nothing, and neither does any later one, so the
scan stops there: a regular expression such as ``<!--.*?-->`` retried the rest
of the text from every unclosed opening (a 200 KB file of ``<!--`` lines took
minutes).
"""

from __future__ import annotations


def replace_comments(text: str, by: str | None = "") -> str:
    """``text`` with every closed comment replaced by ``by``, or by as many spaces
    as it is long when ``by`` is None (columns stay where they were)."""
    start = text.find("<!--")
    if start < 0:
        return text
    parts: list[str] = []
    position = 0
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[position:start])
        parts.append(" " * (end + 3 - start) if by is None else by)
        position = end + 3
        start = text.find("<!--", position)
    parts.append(text[position:])
    return "".join(parts)
