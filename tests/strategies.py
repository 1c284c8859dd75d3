"""Hypothesis strategies that build post-mortem-shaped documents.

Documents are assembled from the pieces real post-mortems are made of —
front matter with random keys and value types, headings at levels 1–6 drawn
from the section aliases (decorated the ways people decorate them), tables
with ragged rows, nested and checkbox lists, timestamps of every shape,
Five Whys lines, suppression comments — and then perturbed: CRLF line ends,
tabs, a BOM, unicode. Raw random text and bytes cover everything else.
"""

from __future__ import annotations

from hypothesis import strategies as st

from pmlint.document.sections import DEFAULT_SECTION_ALIASES

# ------------------------------------------------------------------ words

_UNICODE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12
)
WORDS = st.sampled_from(
    ["the", "pool", "@dana", "Platform team", "TBD", "ASAP", "eventually", "human error",
     "P0", "P1", "P3", "SEV-1", "SEV-2", "owner:", "due:", "2026-04-01", "soon", "fault",
     "|", "\\|", "**", "`", "->", "→", "—", "–", "#", ">", "[x]", "- [ ]", "Why?", "4h23m",
     "https://example.com/issues/12", "#123", "JIRA-42", "<!--", "-->", "---", "...", "é", "日本",
     "🔥", "\u200b", "\u00a0", "\t", ":", "::", "~~~", "```", "Bob", "careless", "should have known"]
)
# mostly the words post-mortems use, sometimes anything unicode has
PHRASES = st.lists(st.one_of(WORDS, WORDS, WORDS, _UNICODE), max_size=8).map(" ".join)

# ------------------------------------------------------------- timestamps

_DATE = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2026-02-30", "20202-01-16", "2026-13-01", "0000-00-00", "2019-12-03"]),
)
_CLOCK = st.builds(
    lambda h, m, sep, pad: (f"{h:02d}" if pad else str(h)) + sep + f"{m:02d}",
    st.integers(0, 99), st.integers(0, 99), st.sampled_from([":", ".", "h", "H"]), st.booleans(),
)
_ZONE = st.sampled_from(["", "Z", " UTC", " CET", " GMT", "+01:00", "-0500", " PST", " BST", "~"])
_ODD_TIMES = st.sampled_from(["HH:mm", "--:--", "9", "24:00", "T+5", "~10:00", "", "12:00:00:00", "0:0"])


@st.composite
def timestamps(draw: st.DrawFn) -> str:
    """Every shape of time people write, valid or not."""
    clock = draw(_CLOCK)
    if draw(st.booleans()):
        clock += f":{draw(st.integers(0, 99)):02d}"
        if draw(st.booleans()):
            clock += f".{draw(st.integers(0, 999999))}"
    stamp = clock + draw(_ZONE)
    if draw(st.booleans()):
        stamp = draw(_DATE) + draw(st.sampled_from([" ", "T", ", ", " at ", "  "])) + stamp
    if draw(st.integers(0, 4)) == 0:
        stamp += draw(st.sampled_from(["–", "—", "-", " to ", " - "])) + draw(_CLOCK)
    return draw(st.one_of(st.just(stamp), _ODD_TIMES, _DATE))


TIMESTAMPS = timestamps()
# ----------------------------------------------------------- front matter

_KNOWN_KEYS = ["title", "date", "severity", "status", "authors", "services", "incident_commander",
               "started", "detected", "mitigated", "resolved", "duration", "timezone",
               "root_cause_category", "tags", "review_date", "related", "pmlint"]
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=True),
    PHRASES, TIMESTAMPS, _DATE, st.sampled_from(["SEV-2", "P1", "final", "draft", "in-review"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
_YAML_SNIPPETS = st.sampled_from([
    "a: &x [1, 2]\nb: *x", "k: !!binary aGVsbG8=", "k: !!set {a, b}", "k: !!timestamp 2026-03-10",
    "k: !foo bar", "k: !!python/name:os.system", "{unclosed", "- a\n- b", "just text", "k: [",
    "? complex\n: key", "k: |\n  block\n  text", "k: 09:15", "k: 0o17", "k: .inf", "pmlint: {ignore: [PM4]}",
    "pmlint: {ignore: PM101}", "pmlint: [1]", "date: 2026-02-30", "date: 2026-03-10 09:15:00",
])


def _scalar_yaml(value: object) -> str:
    import yaml

    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True)
    return dumped.strip().removesuffix("...").strip()


_KEYS = st.one_of(st.sampled_from(_KNOWN_KEYS), st.text(min_size=1, max_size=10))
_CLOSINGS = st.sampled_from(["---", "---", "---", "...", "----", ""])


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A ``---`` block: real keys and random ones, every value type, or broken YAML."""
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        key, value = draw(_KEYS), draw(_VALUES)
        try:
            lines.append(f"{_scalar_yaml(key)}: {_scalar_yaml(value)}")
        except Exception:  # a value YAML cannot dump: write it raw
            lines.append(f"{key}: {value}")
    if draw(st.integers(0, 3)) == 0:
        lines.append(draw(_YAML_SNIPPETS))
    return "\n".join(["---", *lines, draw(_CLOSINGS)])


_HEADER_KEYS = st.lists(
    st.sampled_from(["Date", "Severity", "Status", "Authors", "Duration", "Impact", "Incident Commander",
                     "Sev"]),
    max_size=5,
)
_HEADER_VALUES = st.one_of(PHRASES, TIMESTAMPS, _DATE)
_HEADER_SHAPES = st.sampled_from(["**{k}:** {v}", "- **{k}**: {v}", "**{k}** {v}"])


@st.composite
def bold_header(draw: st.DrawFn) -> str:
    """A seed-style ``**Date:** 2026-03-10`` header."""
    return "\n".join(draw(_HEADER_SHAPES).format(k=key, v=draw(_HEADER_VALUES)) for key in draw(_HEADER_KEYS))


# --------------------------------------------------------------- headings

_ALIASES = [alias for names in DEFAULT_SECTION_ALIASES.values() for alias in names]
_TITLES = st.one_of(st.sampled_from(_ALIASES), PHRASES)
_DECORATIONS = st.sampled_from(
    ["{t}", "{T}", "{tt}", "{t}(s)", "{t} (UTC)", "3. {t}", "**{t}**", "{t}:", "`{t}`"]
)
_HASH_GAPS = st.sampled_from([" ", "  ", "\t"])
_CLOSING_HASHES = st.sampled_from(["", " #", " ##"])


@st.composite
def headings(draw: st.DrawFn) -> str:
    """An ATX heading at level 1–6 (sometimes setext), titled by an alias or anything."""
    title = draw(_TITLES)
    title = draw(_DECORATIONS).format(t=title, T=title.upper(), tt=title.title())
    if draw(st.integers(0, 9)) == 0:
        return f"{title}\n" + draw(st.sampled_from(["===", "---"]))
    return "#" * draw(st.integers(1, 6)) + draw(_HASH_GAPS) + title + draw(_CLOSING_HASHES)


# ----------------------------------------------------------------- blocks

_HEADER_CELLS = st.one_of(
    st.sampled_from(["Time", "Event", "ID", "Action", "Owner", "Priority", "Due", "Status", "Verification",
                     "Tracking", "Date", "Date and Time in CET", "#", "When", "Time (UTC)", ""]),
    PHRASES,
)
_DELIMITERS = st.sampled_from(["---", ":--", "--:", ":-:", "-"])
_CELLS = st.one_of(TIMESTAMPS, PHRASES, _DATE)


@st.composite
def tables(draw: st.DrawFn) -> str:
    """A pipe table, possibly with ragged rows, escaped pipes and no outer pipes."""
    width = draw(st.integers(1, 6))
    header = [draw(_HEADER_CELLS) for _ in range(width)]
    outer = draw(st.booleans())

    def row(cells: list[str]) -> str:
        body = " | ".join(cell.replace("\n", " ") for cell in cells)
        return f"| {body} |" if outer else body

    lines = [row(header), row([draw(_DELIMITERS) for _ in header])]
    for _ in range(draw(st.integers(0, 8))):
        lines.append(row([draw(_CELLS) for _ in range(draw(st.integers(0, width + 2)))]))
    return "\n".join(lines)


TABLES = tables()
_MARKERS = st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "- [x] ", "* [X] ", "-\t"])
_ITEM_BODIES = st.one_of(
    st.builds("{}{}{}".format, TIMESTAMPS, st.sampled_from([" ", " — ", ": ", " - "]), PHRASES),
    st.builds("{} — owner: {}, due: {}, priority: {}".format, PHRASES,
              st.sampled_from(["@dana", "the team", "", "TBD"]), st.one_of(_DATE, PHRASES),
              st.sampled_from(["P0", "P1", "P9", ""])),
    st.builds("**{}** {}".format, st.sampled_from(["AI-1", "CA-02", "X-1"]), PHRASES),
    st.builds("{} ([#{}](https://github.com/o/r/issues/{}))".format, PHRASES, st.integers(), st.integers()),
    PHRASES,
    _DATE,
)
_INDENTS = st.sampled_from(["  ", "   ", "    ", "\t"])


@st.composite
def lists(draw: st.DrawFn) -> str:
    """A list nested by indentation (2, 3, 4 spaces or tabs), ragged on purpose.

    Items are timeline entries, action items with ``key: value`` pairs, bold
    IDs, issue links, prose or bare dates (date-grouped timelines)."""
    lines = []
    depth = 0
    for _ in range(draw(st.integers(1, 8))):
        depth = max(0, min(depth + draw(st.integers(-2, 1)), 6))
        lines.append(draw(_INDENTS) * depth + draw(_MARKERS) + draw(_ITEM_BODIES))
    return "\n".join(lines)


LISTS = lists()
_WHYS = st.sampled_from([
    "WHY 1: Why was it down?\n→ The failover did not trigger.",
    "1. **Why did the DB overload?** A table scan ran.",
    "**Why was a scan running?**\n→ The index was missing",
    "Why did users see 500s? → The DB refused connections",
    "Why?", "WHY 9: ?", "→", "2. **Why", "Q3: why not?\nA: because",
])
_MISC = st.sampled_from([
    "<!-- pmlint-disable-next-line PM204 -->", "<!-- pmlint-disable PM501 -->",
    "<!-- pmlint-enable PM501 -->", "<!-- pmlint-disable -->", "<!-- pmlint-disable-next-line",
    "```\ncode | 09:15\n```", "```", "~~~python\nx = 1", "<div>\n| a |\n</div>", "> quoted 09:15 event",
    "All times in CET.", "***", "    indented code", "[^1]: footnote", "[ref]: https://x", "\\", "",
    "> - [ ] quoted action — owner: @a", "> | Time | Event |\n> | --- | --- |\n> | 09:15 | x |",
])
BLOCKS = st.one_of(PHRASES, TABLES, LISTS, _WHYS, _MISC, TIMESTAMPS)
HEADINGS = headings()


@st.composite
def sections(draw: st.DrawFn) -> str:
    """A heading and up to four blocks."""
    return "\n\n".join([draw(HEADINGS), *(draw(BLOCKS) for _ in range(draw(st.integers(0, 4))))])


# -------------------------------------------------------------- documents

_FRONT_MATTER = front_matter()
_BOLD_HEADER = bold_header()
_SECTIONS = sections()
_SEPARATORS = st.sampled_from(["\n\n", "\n", "\n\n\n"])
_ENDINGS = st.sampled_from(["", "\n", "\n\n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A whole post-mortem-shaped document as text (sections in random order)."""
    parts = []
    head = draw(st.integers(0, 3))
    if head == 0:
        parts.append(draw(_FRONT_MATTER))
    elif head == 1:
        parts.append(draw(_BOLD_HEADER))
    if draw(st.booleans()):
        parts.append("# " + draw(PHRASES))
    parts.extend(draw(_SECTIONS) for _ in range(draw(st.integers(0, 8))))
    return draw(_SEPARATORS).join(parts) + draw(_ENDINGS)


_NEWLINES = st.sampled_from(["\r\n", "\r\n", "\r", "\n\r"])


def perturb(draw: st.DrawFn, text: str) -> str:
    """``text`` with the line ends, indentation and BOM real files come with."""
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\n", draw(_NEWLINES))
    if draw(st.integers(0, 5)) == 0:
        text = text.replace("  ", "\t")
    if draw(st.integers(0, 5)) == 0:
        text = "\ufeff" + text
    return text


DOCUMENTS = documents()
_RAW_TEXT = st.text(max_size=400)


@st.composite
def document_texts(draw: st.DrawFn) -> str:
    """A post-mortem-shaped document, sometimes perturbed, or raw random text."""
    if draw(st.integers(0, 9)) == 0:
        return draw(_RAW_TEXT)
    return perturb(draw, draw(DOCUMENTS))


TEXTS = document_texts()
_RAW_BYTES = st.binary(max_size=400)
_NOISE = st.binary(min_size=1, max_size=4)


@st.composite
def document_bytes(draw: st.DrawFn) -> bytes:
    """Bytes as found on disk: encoded documents, sometimes corrupted, or random bytes."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(_RAW_BYTES)
    data = draw(TEXTS).encode("utf-8")
    if choice == 1 and data:
        position = draw(st.integers(0, len(data) - 1))
        data = data[:position] + draw(_NOISE) + data[position:]
    return data
