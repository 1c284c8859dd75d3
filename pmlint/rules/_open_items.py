"""The one rule for done and proposed action items, shared by every action-item rule.

A done item (a Done, Closed or Fixed status, a ticked box, ``(done)``, a
report of finished work such as "We rotated the keys") is finished work: it
no longer needs an owner, a due date, a sharper wording or a way to verify
it. A proposal (an item under "Potential action items", or one written with
only "could") is an idea nobody has committed to yet, so it has no owner or
date to check either. The rules about what an open item still needs (PM401
to PM407) read items through :func:`open_actions`, so they agree on every
item; the rules about the list as a whole (PM408's count, PM409's duplicate
IDs) read every item.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmlint.document.actions import is_proposal
from pmlint.document.model import ActionItem, Document


def open_actions(doc: Document) -> Iterator[ActionItem]:
    """The action items committed to and still to be done, in document order."""
    return (item for item in doc.actions if not item.done and not is_proposal(item))
