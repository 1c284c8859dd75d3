"""Read action items from Action Items sections: tables and list items.

A table whose header names the columns (ID, Action, Owner, Priority, Due,
Status, Verification, Tracking, matched by alias) and a checkbox or bullet
list item carrying ``key: value`` pairs both become an :class:`ActionItem`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from pmlint.document.lazyre import lazy_pattern
from pmlint.document.model import ActionForm, ActionItem, Block, Section, Table, normalise_label
from pmlint.document.source import SourceFile, Span

COLUMN_ALIASES: Mapping[str, frozenset[str]] = {
    "id": frozenset({"id", "#", "no", "ref", "ca", "ai", "ca id", "item id", "key"}),
    "action": frozenset({"action", "actions", "action item", "item", "description", "task",
                         "corrective action", "what", "remediation", "follow-up", "todo"}),
    "owner": frozenset({"owner", "owners", "assignee", "assigned to", "dri", "responsible", "who"}),
    "priority": frozenset({"priority", "prio", "pri", "p", "severity", "importance"}),
    "due": frozenset({"due", "due date", "deadline", "target date", "by", "eta", "target", "when",
                      "date"}),
    "status": frozenset({"status", "state", "done", "progress"}),
    "verification": frozenset({"verification", "success criteria", "verify", "verified by",
                               "acceptance criteria", "how verified", "definition of done",
                               "done when", "validation", "success criterion"}),
    "tracking": frozenset({"tracking", "ticket", "issue", "jira", "link", "tracker", "tracked in"}),
}
_KEY_ALIASES = {
    "owner": "owner", "owners": "owner", "assignee": "owner", "dri": "owner",
    "due": "due", "due date": "due", "deadline": "due", "by": "due",
    "priority": "priority", "prio": "priority",
    "status": "status", "state": "status",
    "verification": "verification", "success criteria": "verification", "verify": "verification",
    "verified by": "verification", "done when": "verification",
    "tracking": "tracking", "ticket": "tracking", "issue": "tracking", "jira": "tracking",
    "ref": "tracking",
}
_PAIR_KEY = lazy_pattern(
    r"(?<![\w/.-])(" + "|".join(sorted((re.escape(k) for k in _KEY_ALIASES), key=len, reverse=True))
    + r")\s*:\s*",
    re.IGNORECASE,
)
#: a task-list checkbox at the start of an item (the parser marks checked items with it too)
CHECKBOX = lazy_pattern(r"^\[( |x|X)\]\s+")
_ID = lazy_pattern(r"(?:\*\*|`)?(?P<id>[A-Z][A-Z0-9]{0,9}-\d{1,5})(?:\*\*|`)?\s*[:.)\-—–]?\s+")
_MENTION = lazy_pattern(r"(?<![\w.])@[A-Za-z0-9][\w.-]*[A-Za-z0-9_]|(?<![\w.])@[A-Za-z0-9]")
_TRAIL = " \t—–-,;:(_*"
_PRIORITY_WORD = lazy_pattern(r"\b(P[0-4])\b")
#: "**Title**: description" or "**Title:** description"
_BOLD_LEAD = lazy_pattern(r"(?:\*\*|__)(?P<title>[^*_\s][^*_]*?)\s*(?::(?:\*\*|__)|(?:\*\*|__)\s*:)\s+")
#: "**Title**" alone on the item's first line, details below it
_BOLD_TITLE = lazy_pattern(r"(?:\*\*|__)(?P<title>[^*_\s][^*_\n]*)(?:\*\*|__)[ \t]*(?:\n|$)")
#: a plain bullet marked finished: "(done)", "[completed]", "✅"
_DONE_MARK = lazy_pattern(
    r"[(\[]\s*(?P<word>done|completed?|fixed|resolved|shipped|merged)\s*[)\]]|(?P<tick>✅|✔|☑)", re.I
)
#: past forms that do not end in "-ed": "We put in changes", "Sent the notice", "We have begun …"
_IRREGULAR_PAST = (
    r"put|sent|made|wrote|written|built|ran|set|took|taken|began|begun|found|brought|kept|held|gave|"
    r"given|told|shut|cut|split|rebuilt|rewrote|rewritten|undid|undone|withdrew|froze|frozen|spun|"
    r"drew|paid|met|led|spoke|bought|sold|shipped|swapped"
)
#: "-ed" words that lead an action's title as adjectives ("Improved alerting", "Automated tests")
_ADJECTIVE_ED = (
    r"improved|automated|centrali[sz]ed|dedicated|distributed|advanced|enhanced|extended|expanded|"
    r"detailed|structured|simplified|unified|standardi[sz]ed|integrated|coordinated|scheduled|managed|"
    r"shared|required|needed|proposed|suggested|related|limited|increased|reduced|faster|red|bed|feed|"
    r"need|seed|speed|shed|embed|bleed|breed|proceed|succeed|exceed|based|used|unused|unneeded|expected|affected"
)
#: the subject of a report: "We", "I", "The team", "The on-call engineer", then adverbs
_REPORTER = r"(?:we|i|they|the\s+(?:[a-z-]+\s+){0,2}(?:team|engineers?|developers?))(?:\s+[a-z]+ly)*"
#: a plain bullet that reports finished work: "We have added …", "We immediately tweaked …",
#: "Once X was fixed, we rotated …", "Sent the notice to customers", "The runbook has been
#: updated", "A check has been added that …" ("We need …", "We decided to …" are not done)
_DONE_REPORT = lazy_pattern(
    r"^(?:(?:once|after|when|as soon as|following)\b[^,.;]{1,160},\s*)?" + _REPORTER
    + r"(?:\s+have\s+|['’]ve\s+|\s+)(?:already\s+|also\s+|now\s+)?"
    r"(?:(?!need|decided|wanted|hoped|planned|agreed|intended|expected)[a-z]+ed\b(?!\s+to\b)"
    r"|(?:" + _IRREGULAR_PAST + r")\b)"
    r"|^(?!(?:" + _ADJECTIVE_ED + r")\b)(?:[a-z]{2,}ed|" + _IRREGULAR_PAST + r")\s+(?!by\b|to\b|for\b|on\b)[\w`]"
    r"|^[^.;:]*?\b(?:has|have|had)\s+(?:already\s+|now\s+|also\s+)?been\s+[a-z]+(?:ed|en|wn|t)\b",
    re.I,
)
#: words that keep a report open: "we are working on adding …", "will", "should", "still"
_STILL_OPEN = lazy_pattern(
    r"\b(?:will|shall|should|must|needs?\s+to|plans?\s+to|going\s+to|intends?\s+to|working\s+on"
    r"|in\s+progress|ongoing|still|not\s+yet|remains?\s+to)\b|['’]ll\b",
    re.I,
)
#: where a plain bullet points at its ticket: an issue/PR link, "#123", "(OPS-7)", "tracked in OPS-7"
_ISSUE_REF = lazy_pattern(
    r"https?://[^\s<>()\[\]]+/(?:issues|pull|pulls|merge_requests|browse|tickets?|_workitems/edit)/[\w.-]+"
    r"|(?<![\w&/#])#\d+\b"
    r"|(?:(?<=\()|(?<=\[)|(?<=tracked in )|(?<=ticket )|(?<=issue ))"
    r"(?!(?:CVE|CWE|SEV|RFC|ISO)-)[A-Z]{2,10}-\d+\b"
)


def read_actions(
    source: SourceFile, sections: Iterable[Section], blocks: Sequence[Block] = ()
) -> tuple[ActionItem, ...]:
    """Every action item a reader sees, in document order.

    Inside action sections (and their sub-headings): lists, tables, sub-headings that each
    name one action, bold "Action item:" labels and, in a section of prose only, its
    paragraphs. Elsewhere (``blocks`` is the whole document): bold action labels, a list
    or table introduced by a sentence about preventing recurrence, and tables whose header
    names an action column.
    """
    sections = tuple(sections)
    claimed: set[int] = set()
    items: list[ActionItem] = []
    regions = _action_regions(sections)
    for section in _outermost(s for s in sections if s.key == "action_items"):
        items.extend(_section_items(source, section, sections, claimed))
    elsewhere = _outside(blocks or _all_blocks(sections), regions + _timeline_regions(sections))
    items.extend(_scattered_items(source, elsewhere, claimed))
    items.sort(key=lambda item: (item.span.line, item.span.column))
    return tuple(replace(item, index=index) for index, item in enumerate(items))


Region = tuple[int, int]  # [first line, end line) of a section with its sub-headings


def _region(section: Section) -> Region:
    return section.span.line, section.body.end_line


def _outermost(sections: Iterable[Section]) -> list[Section]:
    """Sections not inside an earlier one of the same list."""
    kept: list[Section] = []
    for section in sections:
        if not any(_inside(section.span.line, _region(outer)) for outer in kept):
            kept.append(section)
    return kept


def _inside(line: int, region: Region) -> bool:
    return region[0] <= line < region[1]


def _action_regions(sections: Sequence[Section]) -> list[Region]:
    return [_region(s) for s in sections if s.key == "action_items"]


def _timeline_regions(sections: Sequence[Section]) -> list[Region]:
    return [_region(s) for s in sections if s.key == "timeline"]


def _all_blocks(sections: Sequence[Section]) -> list[Block]:
    seen: dict[int, Block] = {}
    for section in sections:
        for block in section.blocks:
            seen.setdefault(block.span.line, block)
    return [seen[line] for line in sorted(seen)]


def _outside(blocks: Sequence[Block], regions: Sequence[Region]) -> list[Block]:
    return [b for b in blocks if not any(_inside(b.span.line, r) for r in regions)]


# ------------------------------------------------------------------ inside action sections


def _section_items(source: SourceFile, section: Section, sections: Sequence[Section],
                   claimed: set[int]) -> list[ActionItem]:
    """An action section part by part: its own blocks, then each sub-heading's."""
    region = _region(section)
    subs = [s for s in sections if s.level > section.level and region[0] < s.span.line < region[1]]
    items: list[ActionItem] = []
    taken: list[Region] = []  # sub-headings read as one action: their own sub-headings are its details
    ideas = bool(_PROPOSAL_HEADING().search(section.title))
    for heading, part in _parts(section, subs):
        if heading is not None and any(_inside(heading.span.line, r) for r in taken):
            continue
        proposals = ideas or (heading is not None and bool(_PROPOSAL_HEADING().search(heading.title)))
        before = len(items)
        if heading is not None and _names_one_action(part):
            item = _heading_item(source, heading)
            items.append(_as_done(item) if _tells_it_done(part) else item)
            taken.append(_region(heading))
        else:
            items.extend(_part_items(source, part, claimed))
        if proposals:  # "Potential action items": ideas, not commitments
            items[before:] = [_as_proposal(item) for item in items[before:]]
    if not items:
        items.extend(_prose_items(source, [b for b in section.blocks if b.kind == "paragraph"], claimed))
    return items


def _parts(section: Section, subs: Sequence[Section]) -> Iterator[tuple[Section | None, list[Block]]]:
    """The blocks under each heading of a section, down to the next heading of any level."""
    starts = [s.span.line for s in subs]
    owners: list[Section | None] = [None, *subs]
    grouped: list[list[Block]] = [[] for _ in owners]
    for block in section.blocks:
        grouped[bisect_right(starts, block.span.line)].append(block)
    yield from zip(owners, grouped, strict=True)


def _names_one_action(part: Sequence[Block]) -> bool:
    """A sub-heading of an action section that opens with prose describes one action
    ("### Faster deployment revert" then why and how); one that opens with a list or a
    lead-in ("… the following:") is a group of actions ("### Short-term")."""
    first = next((b for b in part if b.kind not in ("code", "html")), None)
    if first is None or first.kind != "paragraph":
        return False
    text = first.text.strip()
    if _is_placeholder(text) or _is_action_label(text) or _BOLD_LABEL().match(text):
        return False
    if not _WORDS_OUTSIDE_LINKS().search(_BARE_LINK().sub("", text)):
        return False  # a bare link is a reference ("### Fixes" then a PR link)
    # a lone lead-in sentence introduces the group's list; prose that ends in one describes an action
    return not (text.endswith(":") and len(_SENTENCE_END().split(text)) == 1)


#: "we" and a past form anywhere in a sentence: "As a first step we enabled eager loading"
_WE_DID = lazy_pattern(
    r"\bwe\s+(?:have\s+|had\s+)?(?:already\s+|now\s+|also\s+)?"
    r"(?:(?!need|decided|wanted|hoped|planned|agreed|intended|expected)[a-z]+ed\b(?!\s+to\b)"
    r"|(?:" + _IRREGULAR_PAST + r")\b)",
    re.IGNORECASE,
)


def _tells_it_done(part: Sequence[Block]) -> bool:
    """Whether the prose under a heading that names one action reports it done ("We enabled
    eager loading in CI.") and nothing in it is still to do ("We need to …", "will")."""
    prose = " ".join(b.text for b in part if b.kind in ("paragraph", "list_item"))
    return bool(_WE_DID().search(prose)) and not _STILL_OPEN().search(prose)


def _heading_item(source: SourceFile, heading: Section) -> ActionItem:
    title = heading.title.strip("# ").strip()
    span = heading.span
    column = max(source.line(span.line).find(title), 0)
    return ActionItem(action=title, span=span, form="heading",
                      field_spans=(("action", Span(span.line, column + 1, span.line, column + len(title) + 1)),))


def _part_items(source: SourceFile, part: Sequence[Block], claimed: set[int]) -> Iterator[ActionItem]:
    """Tables, lists and bold action labels of one part of an action section."""
    lists = _list_runs(part)
    resumed = _numbering_resumes(source, part)
    position = 0
    while position < len(part):
        block = part[position]
        if block.span.line in claimed:
            position += 1
            continue
        if block.kind == "table" and block.table is not None:
            claimed.add(block.span.line)
            yield from _table_items(block.table)
        elif block.kind == "paragraph" and block.depth == 0 and _is_action_label(block.text.strip()):
            yield from _label_items(source, part, position, claimed)
        elif block.kind == "list_item" and block.span.line in lists:
            run = lists[block.span.line]
            claimed.update(b.span.line for b in run)
            if resumed:
                yield from (_text_item(source, b) for b in run if b.depth == 0 and b.ordered)
            else:
                yield from _run_items(source, run, _before(part, position))
            position += len(run)
            continue
        position += 1


def _before(part: Sequence[Block], position: int) -> Block | None:
    return part[position - 1] if position > 0 else None


def _list_runs(blocks: Sequence[Block]) -> dict[int, list[Block]]:
    """Each list of ``blocks`` (its items, nested ones included), by its first line."""
    runs: dict[int, list[Block]] = {}
    index = 0
    while index < len(blocks):
        if blocks[index].kind != "list_item":
            index += 1
            continue
        run, index = _run_at(blocks, index)
        runs[run[0].span.line] = run
    return runs


def _run_at(blocks: Sequence[Block], start: int) -> tuple[list[Block], int]:
    """The list items of the list that starts at ``blocks[start]``, and the index after it
    (paragraphs inside its items do not end it)."""
    run: list[Block] = []
    index = start
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "list_item":
            run.append(block)
        elif not (block.depth > 0 and run):
            break
        index += 1
    return run, index


def _numbering_resumes(source: SourceFile, part: Sequence[Block]) -> bool:
    """Numbered items whose numbers run on across bullet lists ("1. **Step**", bullets, "2. …"):
    the numbered items are the actions and the bullets between them are their details."""
    previous: Block | None = None
    for block in part:
        if block.kind != "list_item" or block.depth != 0:
            continue
        if block.ordered and previous is not None and not previous.ordered and _item_number(source, block) > 1:
            return True
        previous = block
    return False


def _item_number(source: SourceFile, block: Block) -> int:
    number = _ITEM_NUMBER().match(source.line(block.span.line))
    return int(number.group(1)) if number else 0


_ITEM_NUMBER = lazy_pattern(r"^\s*(?:>\s*)*(\d{1,9})[.)]")


def _run_items(source: SourceFile, run: Sequence[Block], intro: Block | None) -> Iterator[ActionItem]:
    """The items of one list: top-level items, or the items under a label item ("- Short-term:").
    Deeper items are details of the item above them."""
    if _is_report_checklist(run) or _is_legend(run, intro):
        return
    # "We took the following steps:": the items report what was done, unless one still says what will be
    reported = intro is not None and intro.kind == "paragraph" and bool(_DONE_LEAD_IN().search(intro.text))
    label_depth: int | None = None
    for position, block in enumerate(run):
        has_children = position + 1 < len(run) and run[position + 1].depth > block.depth
        if block.depth == 0:
            label_depth = 1 if has_children and _is_label(block) else None
            if label_depth is not None or _is_placeholder(CHECKBOX().sub("", block.text)):
                continue
        elif block.depth != label_depth or _is_placeholder(block.text):
            continue
        item = _text_item(source, block)
        yield _as_done(item) if reported and not _STILL_OPEN().search(block.text) else item


def _is_label(block: Block) -> bool:
    """A group name over sub-items ("- **Detection**", "- Short-term:"), not an action with details."""
    if block.checked is not None:
        return False
    text = block.text.strip()
    bold_only = text.startswith(("**", "__")) and text.endswith(("**", "__")) and "\n" not in text
    return bold_only or (text.endswith(":") and len(text.split()) <= _LABEL_WORDS)


#: a list item ending with a colon names a group when it is this short ("Short-term fixes:")
_LABEL_WORDS = 4


# ------------------------------------------------------------------ labels, lead-ins, prose


#: a bold paragraph label that names actions: "**Action item:**", "**Actions planned:**"
_ACTION_LABEL = lazy_pattern(
    r"^(?:\*\*|__)(?P<label>(?:(?:corrective|follow[- ]?up|next|preventive|remediation)\s+)?"
    r"(?:action|follow[- ]?up|next step|remediation|todo)s?(?:\s+(?:item|taken|planned|required|"
    r"needed|to take|completed|pending|proposed)s?)?(?:\s*\([^)]*\))?)\s*:?\s*(?:\*\*|__)\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
#: the last sentence of a paragraph that introduces a list of actions: "To prevent similar
#: issues in the future, we've made a few changes:", "Going forward, we will do the following:"
_LEAD_IN = lazy_pattern(
    r"\b(?:prevent|avoid)\w*\b[^.:]{0,120}?\b(?:similar|recurr\w*|again|future|repeat\w*)\b"
    r"|\b(?:going|moving) forward\b|\bin the future\b|\baction items?\b|\bfollow[- ]?up (?:items|actions|tasks)\b"
    r"|\bnext steps\b|\bwe (?:will|plan to|are going to) (?:do|take|make)\b",
    re.IGNORECASE,
)
_SENTENCE_END = lazy_pattern(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(*_]*[A-Z])")
#: a sentence that commits to something: "will", "should", "must", "we plan to"
_COMMITMENT = lazy_pattern(
    r"\b(?:will|shall|should|must|needs?\s+to|plans?\s+to|going\s+to|intends?\s+to)\b|['’]ll\b", re.IGNORECASE
)
#: a paragraph of an action section that proposes something: a commitment or a softer "would", "could"
_PROPOSAL = lazy_pattern(
    r"\b(?:will|shall|should|must|needs?\s+to|plans?\s+to|going\s+to|intends?\s+to|would|could|might|may)\b"
    r"|['’]ll\b|['’]d (?:like|want)\b",
    re.IGNORECASE,
)
#: a note that the work is done: "(fixed by adding a check)", "(added a role)", "(filed #1)"
_DONE_NOTE = lazy_pattern(r"\((?:now )?(?:fixed|added|filed|done|tracked|implemented|resolved|merged|shipped)\b",
                        re.IGNORECASE)
#: a note added when the work was done: "(fixed by adding a check)", "(added a role)" ("(filed #1)" is not)
_DONE_PAREN = lazy_pattern(
    r"\((?:now\s+)?(?:fixed|added|done|implemented|resolved|merged|shipped|completed|deployed|enabled"
    r"|removed|updated)\b", re.IGNORECASE)
#: the status of an idea nobody has committed to yet
PROPOSED = "proposed"
PROPOSED_STATUSES = frozenset({PROPOSED, "idea", "potential", "suggested", "under consideration", "considering"})
#: a heading over ideas rather than commitments: "Potential action items", "Proposed follow-ups", "Ideas"
_PROPOSAL_HEADING = lazy_pattern(
    r"\b(?:potential|proposed|possible|candidate|suggested)\b|\bideas?\b|\bto consider\b|\bbrainstorm",
    re.IGNORECASE)
#: a list's lead-in that reports what was done: "We took the following steps:", "we've made a few
#: changes:", "Immediate corrective action was taken to remove …"
_DONE_LEAD_IN = lazy_pattern(
    r"\b(?:we|i)(?:\s+have\s+|['’]ve\s+|\s+)(?:took|taken|made|did|done|completed|implemented|applied)\b"
    r"|\b(?:was|were|has\s+been|have\s+been)\s+(?:taken|made|done|completed|implemented|removed|deleted|applied)\b",
    re.IGNORECASE)
#: an owner named in the item's words: "The error tracking team should …", "(Rasmus to call a meeting)"
_OWNER_IN_PROSE = lazy_pattern(
    r"(?:^|(?<=[.!?:*] ))(?:[Tt]he\s+)?(?P<owner>(?:[\w-]+\s+){0,3}team)\s+(?:should|will|must|shall|needs?\s+to)\b"
    r"|\((?P<who>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:to\s+)?(?:calls?|owns?|leads?|drives?|organi[sz]es?|schedules?"
    r"|follows?\s+up|takes?|handles?|will)\b[^()]*\)"
)
#: a sentence that refers back to the one before it elaborates it ("These farmers will be taken …")
_ELABORATION = lazy_pattern(
    r"^[\"“(*_]*(?:these|this|that|those|it|they|such|ideally|namely|specifically|for example|e\.g\.)\b",
    re.IGNORECASE,
)
#: report checklist items speak of the document itself ("Sections above are filled out")
_ABOUT_THE_REPORT = lazy_pattern(
    r"\b(?:report|post-?mortem|sections?|above|template|this document|write-?up)\b", re.IGNORECASE
)
#: the introduction of a legend: "Priorities:", "**Legend**", "Types of actions:"
_LEGEND_INTRO = lazy_pattern(
    r"\blegend\b|^\W*priorit(?:y|ies)(?: levels?| key)?\W*$|\b(?:types?|kinds?|categories) of (?:actions?|items?)\b",
    re.IGNORECASE,
)
#: a legend entry defines a priority: "P0: fix before the next release", "SEV-1 = within a day"
_PRIORITY_DEFINITION = lazy_pattern(r"^(?:\*\*|__)?(?:P[0-4]|SEV-?\d|high|medium|low|critical)(?:\*\*|__)?\s*[:=—–-]",
                                  re.IGNORECASE)
_PLACEHOLDER = lazy_pattern(
    r"^(?:\{\{\s*[\w.-]*\s*\}\}|<[^<>]*>|\[[^\[\]]*\]|tbd|tbc|todo|n/?a|none|nothing|-|—|\.\.\.|…)?[.!]?$",
    re.IGNORECASE,
)
#: a bold paragraph that names a group: "**In progress (next 2 weeks):**"
_BOLD_LABEL = lazy_pattern(r"^(?:\*\*|__)[^*_\n]+(?:\*\*|__)\s*:?$")
_BARE_LINK = lazy_pattern(r"<?https?://\S+|\[[^\[\]]*\]\([^()]*\)")
_WORDS_OUTSIDE_LINKS = lazy_pattern(r"[^\W\d_]{2,}")
#: a note that there is nothing to do: "Nothing to do.", "No action items needed."
_NOTHING_TO_DO = lazy_pattern(
    r"^(?:there (?:are|is|were|was) )?(?:no|nothing|none)\b[^.!?\n]{0,40}?"
    r"\b(?:to do|actions?|action items?|follow[- ]?ups?|needed|required|necessary|planned|identified)\b[^\n]{0,20}$",
    re.IGNORECASE,
)
_LINK_OR_NOTE = lazy_pattern(r"\[([^\[\]]*)\]\([^()]*\)|\[[^\[\]]*\](?!\()")


def _is_placeholder(text: str) -> bool:
    """Template text where an action would go: "{{ summary }} [link to github issue]", "None.", "[Action]"."""
    bare = text.strip()
    if not bare.startswith("[") or "](" in bare:
        bare = _LINK_OR_NOTE().sub(lambda m: m.group(1) or "", bare)
    plain = bare.replace("*", "").replace("_", " ").strip()
    return bool(_PLACEHOLDER().match(plain) or _NOTHING_TO_DO().match(plain))


def holds_no_actions(section: Section) -> bool:
    """Whether every list of a section is a report checklist or a legend, and it has no table:
    content a reader does not take for actions."""
    if any(b.kind == "table" for b in section.blocks):
        return False
    runs = _list_runs(section.blocks)
    return bool(runs) and all(_is_report_checklist(run) or _is_legend(run, None) for run in runs.values())


def _is_report_checklist(run: Sequence[Block]) -> bool:
    """A checklist about writing the report ("Sections above are filled out"), not actions."""
    boxes = [b for b in run if b.depth == 0]
    if not boxes or any(b.checked is None for b in boxes):
        return False
    return sum(1 for b in boxes if _ABOUT_THE_REPORT().search(b.text)) * 2 >= len(boxes)


def _is_legend(run: Sequence[Block], intro: Block | None) -> bool:
    """Bullets that explain priorities or kinds of action, not actions."""
    if intro is not None and intro.kind == "paragraph" and _LEGEND_INTRO().search(intro.text.strip()):
        return True
    tops = [b for b in run if b.depth == 0]
    codes = [_PRIORITY_DEFINITION().match(b.text.strip()) for b in tops]
    distinct = {m.group(0).strip("*_ :=—–-").lower() for m in codes if m}
    return len(tops) >= 2 and all(codes) and len(distinct) == len(tops) and not any(
        _MENTION().search(b.text) or _PAIR_KEY().search(b.text) for b in tops)


def _label_items(source: SourceFile, blocks: Sequence[Block], position: int,
                 claimed: set[int]) -> Iterator[ActionItem]:
    """A bold action label: the text after it, else the list or the paragraph right after it
    (the list under a paragraph that ends with a colon details that paragraph)."""
    label = blocks[position]
    claimed.add(label.span.line)
    match = _ACTION_LABEL().match(label.text.strip())
    if match and match["rest"].strip():
        yield _paragraph_item(source, label, match.start("rest") + _indent(label.text))
        return
    following = blocks[position + 1] if position + 1 < len(blocks) else None
    if following is None or following.span.line in claimed:
        return
    if following.kind == "paragraph" and following.depth == 0:
        claimed.add(following.span.line)
        yield _paragraph_item(source, following, 0)
        if following.text.strip().endswith(":"):
            details = _run_at(blocks, position + 2)[0] if position + 2 < len(blocks) else []
            claimed.update(b.span.line for b in details)
    else:
        yield from _list_or_table_after(source, blocks, position, claimed)


def _list_or_table_after(source: SourceFile, blocks: Sequence[Block], position: int,
                         claimed: set[int]) -> Iterator[ActionItem]:
    """The items of the list or table right after ``blocks[position]`` (a label or a lead-in)."""
    following = blocks[position + 1] if position + 1 < len(blocks) else None
    if following is None or following.span.line in claimed:
        return
    if following.kind == "list_item":
        run = _run_at(blocks, position + 1)[0]
        claimed.update(b.span.line for b in run)
        yield from _run_items(source, run, blocks[position])
    elif following.kind == "table" and following.table is not None:
        claimed.add(following.span.line)
        yield from _table_items(following.table)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _scattered_items(source: SourceFile, blocks: Sequence[Block], claimed: set[int]) -> Iterator[ActionItem]:
    """Outside action sections: bold action labels, lists and tables after a lead-in, action tables."""
    for position, block in enumerate(blocks):
        if block.span.line in claimed or block.depth != 0:
            continue
        if block.kind == "paragraph" and _is_action_label(block.text.strip()):
            yield from _label_items(source, blocks, position, claimed)
        elif block.kind == "paragraph" and _is_lead_in(block.text):
            yield from _list_or_table_after(source, blocks, position, claimed)
        elif block.kind == "table" and block.table is not None and _is_action_table(block.table):
            claimed.add(block.span.line)
            yield from _table_items(block.table)


def _is_action_label(text: str) -> bool:
    # the label is bold: a post-mortem without a bold paragraph never compiles it (~4 M instructions)
    return text.startswith(("**", "__")) and _ACTION_LABEL().match(text) is not None


def _is_lead_in(text: str) -> bool:
    stripped = text.strip()
    if not stripped.endswith(":"):
        return False
    sentences = _SENTENCE_END().split(stripped)
    return bool(_LEAD_IN().search(sentences[-1]))


def _prose_items(source: SourceFile, paragraphs: Sequence[Block], claimed: set[int]) -> Iterator[ActionItem]:
    """An action section written as prose: each paragraph is an action, and each further
    sentence in it that commits to something ("The team will …") is another one."""
    for block in paragraphs:
        text = block.text
        if block.depth != 0 or block.span.line in claimed or _is_placeholder(text) or text.strip().endswith(":"):
            continue
        if not (_PROPOSAL().search(text) or _DONE_NOTE().search(text)):
            continue  # a remark ("Nothing came out of this one."), not something to do
        claimed.add(block.span.line)
        starts = [0, *(m.end() for m in _SENTENCE_END().finditer(text))]
        sentences = [text[start:end].strip() for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]
        first = next((i for i, s in enumerate(sentences) if _COMMITMENT().search(s)), 0)
        later = [index for index in range(first + 1, len(sentences))
                 if _COMMITMENT().search(sentences[index]) and not _ELABORATION().match(sentences[index])]
        ends = [starts[index] for index in later] + [len(text)]
        lines = _ParagraphLines(source, block)
        item = _paragraph_item(source, block, starts[first], ends[0], whole_span=True, lines=lines)
        yield _as_proposal(item) if not _COMMITMENT().search(text[starts[first]:ends[0]]) else item
        for position, index in enumerate(later):
            yield _paragraph_item(source, block, starts[index], ends[position + 1], lines=lines)


def _paragraph_item(source: SourceFile, block: Block, offset: int, stop: int | None = None,
                    whole_span: bool = False, lines: _ParagraphLines | None = None) -> ActionItem:
    """The action that starts ``offset`` characters into a paragraph: its first sentence, with
    the fields ("Owner: @kim", "(fixed by …)") of the sentences up to ``stop``, where the
    paragraph's next action starts."""
    line, line_start, base = (lines or _ParagraphLines(source, block)).locate(offset)
    raw = source.line(line)
    rest = block.text[offset:stop]
    end = _SENTENCE_END().search(rest)
    column = base + offset - line_start
    # the first action of a paragraph is the paragraph: a reader finds it at its first line
    span = block.span if whole_span else Span(line, column + 1, line, len(raw) + 1)
    return _read_item(source, rest, span, "paragraph", (line, column), None, end.start() if end else None)


class _ParagraphLines:
    """Where each line of a paragraph starts, in its text and in the file: found once per
    paragraph (finding them again for each action of a long paragraph was quadratic)."""

    def __init__(self, source: SourceFile, block: Block) -> None:
        self.source, self.block = source, block
        self.starts = [0, *(index + 1 for index, char in enumerate(block.text) if char == "\n")]
        self.bases: dict[int, int] = {}

    def locate(self, offset: int) -> tuple[int, int, int]:
        """The file line holding ``offset``, where that line starts in the text, and the
        0-based column of its text in the file."""
        index = bisect_right(self.starts, offset) - 1
        line = self.block.span.line + index
        if index not in self.bases:
            text = self.block.text
            start = self.starts[index]
            end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(text)
            head = text[start:end]
            found = self.source.line(line).find(head) if head else -1
            self.bases[index] = found if found >= 0 else (self.block.span.column - 1 if index == 0 else 0)
        return line, self.starts[index], self.bases[index]


def table_columns(table: Table) -> dict[str, int]:
    """Map action fields to column indexes: by header alias, else by the words of the header
    ("Action item description", "Tracking bug"); the first column to claim a field keeps it."""
    columns: dict[str, int] = {}
    labels = [re.sub(r"\s*\([^)]*\)", "", normalise_label(cell.text)) for cell in table.header.cells]
    for index, label in enumerate(labels):
        for name, aliases in COLUMN_ALIASES.items():
            if name not in columns and label in aliases:
                columns[name] = index
                break
    for index, label in enumerate(labels):
        if index in columns.values():
            continue
        words = label.replace("/", " ").replace("-", " ").split()
        field = next((_COLUMN_WORDS[w] for w in words if w in _COLUMN_WORDS), None)
        if field is not None and field not in columns:
            columns[field] = index
    return columns


#: a header word that names an action field when no alias names the whole header
_COLUMN_WORDS: Mapping[str, str] = {
    "action": "action", "actions": "action", "task": "action", "tasks": "action", "description": "action",
    "remediation": "action", "mitigation": "action", "fix": "action", "improvement": "action",
    "owner": "owner", "owners": "owner", "assignee": "owner", "assigned": "owner", "responsible": "owner",
    "team": "owner", "dri": "owner",
    "due": "due", "deadline": "due", "eta": "due",
    "priority": "priority", "prio": "priority",
    "status": "status", "state": "status",
    "verification": "verification", "verified": "verification", "criteria": "verification",
    "bug": "tracking", "ticket": "tracking", "issue": "tracking", "issues": "tracking", "tracking": "tracking",
    "jira": "tracking", "pr": "tracking", "link": "tracking",
}
_ACTION_SIDE_FIELDS = frozenset({"owner", "due", "status", "priority", "tracking", "verification"})


def _is_action_table(table: Table) -> bool:
    """Outside action sections, a table is one of actions when its header names an action
    column and another field of one ("| Action Item | Owner |")."""
    columns = table_columns(table)
    if "action" not in columns:
        return False
    header = normalise_label(table.header.cells[columns["action"]].text)
    return ("action" in header or "task" in header) and bool(_ACTION_SIDE_FIELDS & columns.keys())


def _table_items(table: Table) -> Iterator[ActionItem]:
    columns = table_columns(table)
    if "action" not in columns:
        if len(columns) < 2:
            return
        free = next((i for i in range(len(table.header.cells)) if i not in columns.values()), None)
        if free is None:  # "| ID | Owner |": every column is something else, none holds an action
            return
        columns["action"] = free
    for row in table.rows:
        values: dict[str, str] = {}
        spans: list[tuple[str, Span]] = []
        for name, index in columns.items():
            cell = row.cell(index)
            if cell is not None:
                values[name] = cell.text
                spans.append((name, cell.span))
        if not any(v.strip(" .…-") for v in values.values()):
            continue
        status = values.get("status") or ("done" if reports_done(values.get("action", "")) else None)
        yield ActionItem(
            action=values.get("action", ""),
            span=row.span,
            form="table",
            id=values.get("id") or None,
            owner=values.get("owner") or None,
            priority=values.get("priority") or None,
            due=values.get("due") or None,
            status=status,
            verification=values.get("verification") or None,
            tracking=values.get("tracking") or None,
            field_spans=tuple(spans),
            columns=frozenset(columns),
        )


def _text_item(source: SourceFile, block: Block) -> ActionItem:
    """A list item as an action: its text, checkbox and ``key: value`` fields."""
    where = (block.span.line, block.span.column - 1)
    return _read_item(source, block.text, block.span, "bullet", where, block.checked)


def _read_item(source: SourceFile, written: str, span: Span, form: ActionForm, where: tuple[int, int],
               checked: bool | None, action_limit: int | None = None) -> ActionItem:
    """An action from its text; ``where`` is the line and 0-based column where the text starts.
    The action's words end at its first field, or at ``action_limit`` (its first sentence)."""
    text = written.replace("\n", " ")
    line, base = where
    raw = source.line(line)
    cursor = 0
    checkbox_span = None
    box = CHECKBOX().match(text)
    if box:
        checkbox_span = Span(line, base + 1, line, base + 4)
        cursor = box.end()
    item_id = None
    id_match = _ID().match(text, cursor)
    spans: list[tuple[str, Span]] = []
    if id_match:
        item_id = id_match["id"]
        spans.append(("id", _span_in(line, base, id_match.start("id"), id_match.end("id"), raw)))
        cursor = id_match.end()
    values: dict[str, str] = {}
    keys = list(_PAIR_KEY().finditer(text, cursor))
    action_end = min(keys[0].start() if keys else len(text), len(text) if action_limit is None else action_limit)
    for position, key in enumerate(keys):
        name = _KEY_ALIASES[key.group(1).lower()]
        end = keys[position + 1].start() if position + 1 < len(keys) else len(text)
        value = _DONE_MARK().sub("", text[key.end() : end]).rstrip(_TRAIL + ").").strip()
        if name not in values and value:
            values[name] = value
            spans.append((name, _span_in(line, base, key.end(), key.end() + len(value), raw)))
    action = text[cursor:action_end].rstrip(_TRAIL).strip()
    action_start = cursor
    lead = _BOLD_LEAD().match(text, cursor) or _BOLD_TITLE().match(written, cursor)
    if lead and lead.end() <= action_end:  # "**Separate node groups**: why" — the bold part is the action
        action, action_start = lead["title"], lead.start("title")
    if "owner" not in values:
        named = _MENTION().search(text, cursor) or _OWNER_IN_PROSE().search(text, cursor)
        if named:
            group: str | int = 0 if named.re is _MENTION() else ("owner" if named["owner"] else "who")
            values["owner"] = named.group(group)
            spans.append(("owner", _span_in(line, base, named.start(group), named.end(group), raw)))
    if "priority" not in values:
        priority = _PRIORITY_WORD().search(text, cursor)
        if priority:
            values["priority"] = priority.group(1)
    if "tracking" not in values and (ref := _ISSUE_REF().search(text, cursor)):
        values["tracking"] = ref.group(0)
        spans.append(("tracking", _span_in(line, base, ref.start(), ref.end(), raw)))
    if "status" not in values and not box:
        _read_done(text, cursor, values, spans, (line, base, raw))
    spans.append(("action", _span_in(line, base, action_start, action_start + len(action), raw)))
    return ActionItem(
        action=action,
        span=span,
        form="checkbox" if box and form == "bullet" else form,
        id=item_id,
        owner=values.get("owner"),
        priority=values.get("priority"),
        due=values.get("due"),
        status=values.get("status"),
        verification=values.get("verification"),
        tracking=values.get("tracking"),
        checked=checked if box else None,
        field_spans=tuple(spans),
        checkbox_span=checkbox_span,
    )


def _read_done(text: str, cursor: int, values: dict[str, str], spans: list[tuple[str, Span]],
               where: tuple[int, int, str]) -> None:
    """A plain bullet's done state from its words: a "(done)" mark or a report of finished work."""
    mark = _DONE_MARK().search(text, cursor)
    if mark:
        group = "word" if mark["word"] else "tick"
        values["status"] = (mark[group] if mark["word"] else "done").lower()
        spans.append(("status", _span_in(*where[:2], mark.start(group), mark.end(group), where[2])))
    elif _DONE_PAREN().search(text, cursor) or reports_done(text[cursor:]):
        values["status"] = "done"


def reports_done(text: str) -> bool:
    """Whether an item's words report finished work ("We rotated the keys", "Sent the notice",
    "A check has been added") and nothing in them keeps it open ("… and will monitor it")."""
    return bool(_DONE_REPORT().match(text.strip(" *_"))) and not _STILL_OPEN().search(text)


def is_proposal(item: ActionItem) -> bool:
    """An idea not yet committed to: listed under "Potential action items", or written with
    only "could" or "might". Nobody owns it yet, so it needs no owner or date."""
    return normalise_label(item.status or "") in PROPOSED_STATUSES


def _as_proposal(item: ActionItem) -> ActionItem:
    return item if item.status is not None or item.checked is not None else replace(item, status=PROPOSED)


def _as_done(item: ActionItem) -> ActionItem:
    return item if item.status is not None or item.checked is not None else replace(item, status="done")


def _span_in(line: int, base: int, start: int, end: int, raw: str) -> Span:
    """Span of text[start:end] when it lies on the item's first line, else the line."""
    if base + end <= len(raw):
        return Span(line, base + start + 1, line, base + end + 1)
    return Span(line, base + 1, line, len(raw) + 1)
