"""HTML comments in Markdown text, found in one pass.

``<!--`` opens a comment and the first ``-->`` after it closes it. An opening
with no close after it closes nothing, and neither does any later one, so the
scan stops there: a regular expression such as ``<!--.*?-->`` retried the rest
of the text from every unclosed opening (a 200 KB file of ``<!--`` lines took
minutes).
"""

from __future__ import annotations

from collections.abc import Iterator


def closed_comments(text: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of each closed comment, in order, up to the first unclosed one."""
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            return
        yield start, end + 3
        start = text.find("<!--", end + 3)


def ends_in_open_comment(text: str) -> bool:
    """Whether text appended to ``text`` would land inside a comment that is never closed."""
    after_last = max((end for _, end in closed_comments(text)), default=0)
    return text.find("<!--", after_last) >= 0


def replace_comments(text: str, by: str | None = "") -> str:
    """``text`` with every closed comment replaced by ``by``, or by as many spaces
    as it is long when ``by`` is None (columns stay where they were)."""
    if "<!--" not in text:
        return text
    parts: list[str] = []
    position = 0
    for start, end in closed_comments(text):
        parts.append(text[position:start])
        parts.append(" " * (end - start) if by is None else by)
        position = end
    parts.append(text[position:])
    return "".join(parts)
