"""``raw_html: escape``: raw HTML in a post-mortem's body is shown as text, not run.

MkDocs passes raw HTML in Markdown through to the page by design, so a
``<script>`` or ``<img onerror>`` in a post-mortem runs for every reader. With
this option the archive renders incident bodies the way Python-Markdown's own
documentation suggests for untrusted text: without its raw-HTML block
preprocessor and inline pattern, so tags reach the page escaped. HTML comments
(``<!-- pmlint-disable … -->`` directives) are dropped rather than shown.
Code blocks and code spans are untouched. Other pages of the site are rendered
as before: the extension only acts while an incident page is being rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Python-Markdown ships no type hints (types-Markdown is not a dependency of pmlint)
from markdown import Markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

#: a line or run of lines holding nothing but HTML comments
_COMMENT_LINES = re.compile(r"^[ \t]*<!--.*?-->[ \t]*$\n?", re.S | re.M)
#: after fenced code is stashed (25), before the raw-HTML reader would run (20)
_PRIORITY = 22


class _DropCommentLines(Preprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        return _COMMENT_LINES.sub("", text).split("\n")


class EscapeRawHtml(Extension):  # type: ignore[misc]
    """Escapes raw HTML in the Markdown being rendered while ``active()`` says so."""

    def __init__(self, active: Callable[[], bool]) -> None:
        super().__init__()
        self.active = active

    def extendMarkdown(self, md: Markdown) -> None:
        if not self.active():
            return
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")
        md.preprocessors.register(_DropCommentLines(md), "pmlint_drop_comments", _PRIORITY)
