"""sync-todo's logic, one behaviour per test (in memory; the CLI has its own tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from pmlint.document.parse import parse_text
from pmlint.todo.block import EMPTY_NOTE, END_MARKER, START_MARKER, TodoError
from pmlint.todo.sync import action_hash, item_ids, normalise_action, qualified_id, sync, sync_text
from tests.todo.helpers import (
    CHECKLIST,
    TABLE,
    TODAY,
    applied,
    block_of,
    incidents,
    item_line,
    postmortem,
    run,
    text,
    todo_source,
    toggle,
)

POOL = "docs/incidents/2026-03-10-db-pool.md"
QUEUE = "docs/incidents/2025-12-01-queue.md"
DOCS: dict[str, str | bytes] = {
    POOL: postmortem(),
    QUEUE: postmortem(CHECKLIST, title="Queue backlog", date="2025-12-01", severity="SEV-3"),
}


def test_first_sync_renders_groups_and_items() -> None:
    block = block_of(text(run(None, DOCS)))
    assert block == [
        START_MARKER,
        block[1],
        "",
        f"### [2026-03-10 — DB pool exhausted (SEV-2)]({POOL})",
        "",
        f"- [ ] AI-001 Add alert for DB pool > 80% — @dana, due 2026-04-01, P1 **OVERDUE** _(ref: {POOL})_",
        f"- [x] AI-002 ~~Write runbook for pool exhaustion~~ — @li.wei, due 2026-05-01, P2 _(ref: {POOL})_",
        f"- [ ] AI-003 Set per-role connection limits — @sam, due 2026-04-20, P2, status: In progress"
        f" _(ref: {POOL})_",
        "",
        f"### [2025-12-01 — Queue backlog (SEV-3)]({QUEUE})",
        "",
        f"- [ ] #{action_hash('Add queue age alert')} Add queue age alert — @ravi, due 2026-03-01, P1"
        f" **OVERDUE** _(ref: {QUEUE})_",
        f"- [x] #{action_hash('Autoscale workers on queue age')} ~~Autoscale workers on queue age~~ — @kofi,"
        f" due 2026-02-01, P0 _(ref: {QUEUE})_",
        f"- [ ] #{action_hash('Split worker pools')} Split worker pools — @kofi, due 2026-06-01, P3"
        f" _(ref: {QUEUE})_",
        "",
        END_MARKER,
    ]


def test_overdue_depends_on_today_and_never_marks_done_items() -> None:
    early = text(run(None, DOCS, today=dt.date(2026, 1, 1)))
    assert "**OVERDUE**" not in early
    late = text(run(None, DOCS, today=dt.date(2030, 1, 1)))
    assert "**OVERDUE**" not in item_line(late, "AI-002")
    assert "**OVERDUE**" in item_line(late, "AI-003")
    assert "**OVERDUE**" not in item_line(text(run(None, DOCS, today=dt.date(2026, 4, 1))), "AI-001")


def test_groups_newest_first_then_by_path_undated_last() -> None:
    docs: dict[str, str | bytes] = {
        "b.md": postmortem(date="2026-01-01"),
        "a.md": postmortem(date="2026-01-01"),
        "undated.md": postmortem(date="unknown"),
        "2027-01-01-from-name.md": postmortem(date="nope"),
        "old.md": postmortem(date="2020-05-05"),
    }
    headings = [line for line in text(run(None, docs)).split("\n") if line.startswith("### ")]
    assert [heading.rsplit("(", 1)[1] for heading in headings] == [
        "2027-01-01-from-name.md)", "a.md)", "b.md)", "old.md)", "undated.md)"]


def test_incidents_without_action_items_get_no_group_and_none_at_all_a_note() -> None:
    outcome = run(None, {"x.md": postmortem(actions="Nothing to do.\n")})
    assert EMPTY_NOTE in text(outcome)
    assert "###" not in text(outcome)


def test_second_sync_is_byte_identical() -> None:
    first = run(None, DOCS)
    second = run(first.todo, DOCS)
    assert second.todo == first.todo
    assert second.documents == {}
    assert second.notes == ()


# -- stable IDs ---------------------------------------------------------------


def test_derived_ids_survive_edits_elsewhere_in_the_file() -> None:
    before = parse_text(postmortem(CHECKLIST), "q.md")
    edited = CHECKLIST.replace("owner: @ravi", "owner: @nadia").replace(
        "- [ ] Split", "- [ ] A brand new first thing — owner: @x\n- [ ] Split")
    after = parse_text(postmortem("- [ ] Inserted first — owner: @y\n" + edited, title="Renamed"), "q.md")
    assert set(item_ids(before)) <= set(item_ids(after))


def test_derived_id_ignores_case_spacing_and_emphasis() -> None:
    assert normalise_action("  Add **queue** `age`  ALERT. ") == "add queue age alert"
    assert action_hash("Add queue age alert") == action_hash("add  *queue* age alert.")
    assert action_hash("Add queue age alert").isalpha() and len(action_hash("x")) == 6


def test_duplicate_texts_and_duplicate_explicit_ids() -> None:
    doc = parse_text(postmortem(
        "| ID | Action |\n|---|---|\n| AI-1 | Fix it |\n| AI-1 | Fix it |\n| AI-2 | Other |\n"
        "| bad id! | Third |\n"), "x.md")
    base = "#" + action_hash("Fix it")
    assert item_ids(doc) == (base, base + "-2", "AI-2", "#" + action_hash("Third"))
    assert qualified_id("docs/incidents/2026-03-10-db-pool.md", base) == "2026-03-10-db-pool" + base
    assert qualified_id("x.md", "AI-2") == "AI-2"


# -- two-way ------------------------------------------------------------------


def test_ticking_writes_done_into_the_post_mortem_and_survives() -> None:
    first = text(run(None, DOCS))
    ticked = toggle(first, "AI-001")
    outcome = run(ticked, DOCS)
    assert list(outcome.documents) == [POOL]
    assert "| AI-001 | Add alert for DB pool > 80% | @dana | P1 | 2026-04-01 | Done |" in \
        outcome.documents[POOL].decode()
    assert item_line(text(outcome), "AI-001").startswith("- [x] AI-001 ~~Add alert")
    assert [note.level for note in outcome.notes] == ["info"]
    docs = applied(DOCS, outcome)
    again = run(outcome.todo, docs)
    assert again.todo == outcome.todo and again.documents == {}


def test_unticking_reopens_a_done_item() -> None:
    outcome = run(toggle(text(run(None, DOCS)), "AI-002"), DOCS)
    assert "| AI-002 | Write runbook for pool exhaustion | @li.wei | P2 | 2026-05-01 | Open |" in \
        outcome.documents[POOL].decode()
    assert item_line(text(outcome), "AI-002").startswith("- [ ] AI-002 Write runbook")


def test_list_items_are_ticked_in_the_post_mortem() -> None:
    item_id = "#" + action_hash("Add queue age alert")
    outcome = run(toggle(text(run(None, DOCS)), item_id), DOCS)
    assert "- [x] Add queue age alert — owner: @ravi" in outcome.documents[QUEUE].decode()


def test_post_mortem_changes_flow_into_todo() -> None:
    first = text(run(None, DOCS))
    done = dict(DOCS, **{POOL: postmortem(TABLE.replace("2026-04-01 | Open", "2026-04-01 | Done"))})
    synced = run(first, done)
    assert synced.documents == {} and synced.notes == ()
    assert item_line(text(synced), "AI-001").startswith("- [x] AI-001 ~~")
    reopened = dict(DOCS, **{POOL: postmortem(TABLE.replace("2026-05-01 | Done", "2026-05-01 | Open"))})
    assert item_line(text(run(first, reopened)), "AI-002").startswith("- [ ] AI-002 Write")


def test_both_sides_changed_the_post_mortem_wins_and_says_so() -> None:
    ticked = toggle(text(run(None, DOCS)), "AI-001")
    moved_on = dict(DOCS, **{POOL: postmortem(TABLE.replace("2026-04-01 | Open", "2026-04-01 | Blocked"))})
    outcome = run(ticked, moved_on)
    assert outcome.documents == {}
    assert item_line(text(outcome), "AI-001").startswith("- [ ] AI-001 Add alert")
    assert "status: Blocked" in item_line(text(outcome), "AI-001")
    [note] = outcome.notes
    assert note.level == "warning" and "post-mortem wins" in note.message and "'Blocked'" in note.message


def test_both_sides_agreeing_is_quiet() -> None:
    ticked = toggle(text(run(None, DOCS)), "AI-001")
    done = dict(DOCS, **{POOL: postmortem(TABLE.replace("2026-04-01 | Open", "2026-04-01 | Done"))})
    outcome = run(ticked, done)
    assert outcome.documents == {} and outcome.notes == ()


def test_a_tick_that_cannot_be_recorded_stays_in_todo() -> None:
    no_status = "| ID | Action | Owner |\n|---|---|---|\n| A-1 | Fix | @a |\n"
    docs: dict[str, str | bytes] = {"x.md": postmortem(no_status)}
    ticked = toggle(text(run(None, docs)), "A-1")
    outcome = run(ticked, docs)
    assert outcome.documents == {}
    assert item_line(text(outcome), "A-1").startswith("- [x] A-1 Fix")
    assert "no Status column" in outcome.notes[0].message
    assert run(outcome.todo, docs).todo == outcome.todo


def test_duplicated_lines_that_disagree_let_the_post_mortem_win() -> None:
    first = text(run(None, DOCS))
    line = item_line(first, "AI-001")
    doubled = first.replace(line, line + "\n" + line.replace("- [ ]", "- [x]"))
    outcome = run(doubled, DOCS)
    assert outcome.documents == {}
    assert text(outcome) == first
    assert "appears 2 times" in outcome.notes[0].message


# -- lines without a readable post-mortem ------------------------------------


def test_lines_of_an_unreadable_post_mortem_are_kept_verbatim() -> None:
    first = text(run(None, DOCS))
    edited = toggle(first, "AI-001")
    outcome = run(edited, {QUEUE: DOCS[QUEUE]}, unreadable=[POOL])
    assert block_of(text(outcome)) == block_of(edited)


def test_out_of_scope_lines_kept_only_while_the_file_exists() -> None:
    first = text(run(None, DOCS))
    kept = run(first, {QUEUE: DOCS[QUEUE]}, keep=lambda ref: ref == POOL)
    assert text(kept) == first
    dropped = run(first, {QUEUE: DOCS[QUEUE]})
    assert POOL not in text(dropped)
    assert dropped.notes == ()


def test_a_pending_tick_on_a_vanished_item_is_reported() -> None:
    ticked = toggle(text(run(None, DOCS)), "AI-003")
    without = dict(DOCS, **{POOL: postmortem(TABLE.rsplit("| AI-003", 1)[0])})
    outcome = run(ticked, without)
    assert "AI-003" not in text(outcome)
    assert "not written back" in outcome.notes[0].message


# -- TODO.md around the block ---------------------------------------------------


def test_new_file_gets_a_short_heading() -> None:
    assert text(run(None, DOCS)).startswith("# TODO\n\n## Post-mortem action items\n\n" + START_MARKER)


def test_block_is_appended_after_human_text() -> None:
    human = "# Our list\n\n- [ ] buy milk _(ref: fridge)_\nno newline at end"
    result = text(run(human, DOCS))
    assert result.startswith(human + "\n\n## Post-mortem action items\n\n" + START_MARKER)
    assert result.endswith(END_MARKER + "\n")


def test_bytes_outside_the_block_are_never_changed() -> None:
    first = text(run(None, DOCS))
    before, after = "\ufeff# Mine\r\n\r\n- [ ] my task\r\n", "\r\n## Later\r\ntext without newline"
    block = "\r\n".join(block_of(first))
    stale = (before + block.replace("AI-002 ~~", "AI-002 ~~stale ") + after).encode()
    result = run(stale, DOCS).todo
    assert result == (before + block + after).encode()


def test_a_damaged_block_raises_and_sync_text_leaves_it() -> None:
    damaged = "# TODO\n" + START_MARKER + "\n- [ ] mine\n"
    with pytest.raises(TodoError):
        run(damaged, DOCS)
    docs = [parse_text(postmortem(), POOL)]
    assert sync_text(damaged, docs, ".") == damaged
    assert sync_text(None, docs, ".", today=dt.date(2026, 1, 1)).startswith("# TODO")


def test_appending_after_an_unclosed_code_fence_is_refused() -> None:
    with pytest.raises(TodoError) as caught:
        run("# TODO\n\n```sh\nmake it\n", DOCS)
    assert caught.value.line == 3 and "never closed" in caught.value.message
    closed = "# TODO\n\n```sh\nmake it\n```\n"
    assert text(run(closed, DOCS)).startswith(closed)


def test_a_post_mortem_without_a_title_is_named_by_its_ref() -> None:
    untitled = "## Action Items\n\n- [ ] Fix it — owner: @a\n"
    assert "### [docs/incidents/x.md](docs/incidents/x.md)" in text(run(None, {"docs/incidents/x.md": untitled}))


def test_a_kept_incident_syncs_like_the_whole_document() -> None:
    docs = {"a.md": postmortem(), "b.md": postmortem(CHECKLIST, title="Queue backlog")}
    first = sync(None, incidents(docs, whole=True), TODAY)
    ticked = text(first).replace("- [ ] ", "- [x] ", 1)  # a person ticks AI-001 of a.md
    for todo in (None, text(first), ticked):
        whole = sync(todo_source(todo), incidents(docs, whole=True), TODAY)
        kept = sync(todo_source(todo), incidents(docs), TODAY)
        assert kept == whole
    assert set(kept.documents) == {"a.md"}  # the tick was written back from the kept document
    assert all(i.document.sections == () and i.document.actions for i in incidents(docs))
