"""The one rule for done action items, shared by every action-item rule.

A done item (a Done, Closed or Fixed status, a ticked box, ``(done)``) is
finished work: it no longer needs an owner, a due date, a sharper wording or
a way to verify it. The rules about what an open item still needs (PM401
to PM407) read items through :func:`open_actions`, so they agree on every
item; the rules about the list as a whole (PM408's count, PM409's duplicate
IDs) read every item.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.model import ActionItem, Document


def open_actions(doc: Document) -> Iterator[ActionItem]:
    """The action items still to be done, in document order."""
    return (item for item in doc.actions if not item.done)
