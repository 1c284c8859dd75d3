"""Action items read by structure, in the shapes real post-mortems use (made-up examples)."""

from __future__ import annotations

from pmlint.document.actions import is_proposal
from pmlint.document.model import ActionItem
from pmlint.document.parse import parse_text


def _actions(body: str) -> tuple[ActionItem, ...]:
    return parse_text("# Outage\n\n" + body).actions


def _lines(body: str) -> list[int]:
    return [item.span.line for item in _actions(body)]


def test_lists_under_group_sub_headings_of_an_action_section() -> None:
    body = ("## Follow-ups\n\n### Immediate\n\n- Pin the base image\n- Add a smoke test\n\n"
            "### Process\n\n1. Review deploys on Fridays\n")
    assert [a.action for a in _actions(body)] == ["Pin the base image", "Add a smoke test",
                                                  "Review deploys on Fridays"]


def test_sub_headings_that_each_describe_one_action() -> None:
    body = ("## Corrective Actions\n\n### Rotate the keys\n\nWe rotated every key and revoked the old ones.\n\n"
            "- `KEY_A`\n- `KEY_B`\n\n### Audit access\n\nThe team will audit who can read the vault.\n")
    items = _actions(body)
    assert [(a.action, a.form) for a in items] == [("Rotate the keys", "heading"), ("Audit access", "heading")]


def test_a_group_heading_with_a_lead_in_or_placeholder_is_not_an_action() -> None:
    body = ("## Action items\n\n### Short-term\n\nThese we do this week:\n\n- Add alerting\n\n"
            "### Documentation\n\nNone.\n\n### Fixes\n\nhttps://example.com/pull/1\n")
    assert [a.action for a in _actions(body)] == ["Add alerting"]


def test_other_table_column_names() -> None:
    body = ("## Action Items\n\n| Action item description | Status |\n|---|---|\n| Pin the image | DONE |\n\n"
            "| Task | Assignee | Tracking bug | Notes |\n|---|---|---|---|\n| Add a drill | kim | #4 | |\n")
    items = _actions(body)
    assert [(a.action, a.status, a.owner, a.tracking, a.done) for a in items] == [
        ("Pin the image", "DONE", None, None, True), ("Add a drill", None, "kim", "#4", False)]


def test_numbered_bold_steps_with_unindented_detail_bullets() -> None:
    body = ("## Remediation\n\n1. **Isolate the cause**\nWe looked at:\n\n- query plans\n- disk reads\n\n"
            "2. **Move to a new table**\n\n- created the table\n- backfilled it\n\n3. **Clean up**\n")
    assert [a.action for a in _actions(body)] == ["Isolate the cause", "Move to a new table", "Clean up"]


def test_an_action_with_details_is_not_a_group_label() -> None:
    body = ("## Action items\n\n- A better process for flagging fast-growing issues:\n"
            "  - alerts on issues that gain votes\n  - more triage after a release\n"
            "- **Short-term:**\n  - Add a canary\n")
    assert [a.action.rstrip(":") for a in _actions(body)] == [
        "A better process for flagging fast-growing issues", "Add a canary"]


def test_owner_done_marks_and_issue_links() -> None:
    body = ("## Action items\n\n- Exclude non-Android plugins. OWNER: amir@ (DONE).\n"
            "- ✅ Reverted the change\n- Run the suite on every PR - https://github.com/o/r/issues/12\n")
    items = _actions(body)
    assert [(a.owner, a.done, a.tracking) for a in items] == [
        ("amir@", True, None), (None, True, None), (None, False, "https://github.com/o/r/issues/12")]


def test_bold_action_labels_anywhere() -> None:
    body = ("## Lessons learned\n\n### Alerting\n\nNobody was paged.\n\n"
            "**Action planned:** We will page on replica lag.\n\n"
            "### Access\n\n**Actions taken:**\n\n- We limited the channel to responders.\n\n"
            "**Action taken:**\n\nWe wrote criteria for pausing the system:\n\n- if an attack is ongoing\n"
            "- if the bug is widely known\n")
    assert [(a.action, a.form) for a in _actions(body)] == [
        ("We will page on replica lag.", "paragraph"), ("We limited the channel to responders.", "bullet"),
        ("We wrote criteria for pausing the system", "paragraph")]


def test_a_list_introduced_by_a_sentence_about_preventing_recurrence() -> None:
    body = ("## What happened\n\nThe certificate expired. To prevent similar issues in the future, we made changes:\n\n"
            "1. A job renews the certificates.\n2. A daily check alerts two weeks ahead.\n\n"
            "Bedrock will fix this too. Specifically:\n\n- no more polling\n")
    assert _lines(body) == [7, 8]


def test_an_action_table_outside_an_action_section() -> None:
    body = ("## Resolution\n\nWe weathered it.\n\n| Action Item | Owner |\n|---|---|\n"
            "| Review concurrency | backend |\n\n| Resolver | Query |\n|---|---|\n| Bureau | bureau |\n")
    assert [(a.action, a.owner) for a in _actions(body)] == [("Review concurrency", "backend")]


def test_an_action_section_written_as_prose() -> None:
    body = ("## Remedial Measures\n\nThe lost rewards will be paid in the next upgrade.\n"
            "These farmers will be taken from a snapshot.\n"
            "The bug will be fixed in the same upgrade. Until then, the team will watch the feeds.\n\n"
            "The monitor checks the wrong host. (fixed by adding a second check)\n\n"
            "Nothing came out of this one.\n")
    assert _lines(body) == [5, 7, 7, 9]


def test_report_checklists_legends_and_placeholders_are_not_actions() -> None:
    body = ("## Action items\n\n1. Add a canary\n2. {{ summary }} [link to github issue]\n\n"
            "Priorities:\n\n- P0: before the next release\n- P1: within a month\n\n"
            "## Actions\n\n- [ ] Sections above are filled out\n- [ ] The report title is cleaned up\n"
            "- [ ] Incident is over\n")
    assert [a.action for a in _actions(body)] == ["Add a canary"]


def test_a_note_that_there_is_nothing_to_do() -> None:
    assert _actions("## Action items\n\nNo action items were identified.\n") == ()


def test_finished_work_reported_in_the_past_tense_is_done() -> None:
    body = ("## Follow-ups\n\n- We immediately turned off the builds\n"
            "- Once the vendor was ready, we rotated the keys\n"
            "- We put in changes to the uploader\n- Sent a notice to all 30 affected teams\n"
            "- A daily check has been added that alerts on expiry\n- We have added a canary and will watch it\n"
            "- Improved alerting for the queue\n- Add a smoke test\n")
    assert [a.done for a in _actions(body)] == [True, True, True, True, True, False, False, False]


def test_a_table_row_that_reports_finished_work_is_done() -> None:
    body = ("## Action Items\n\n| Action | Owner |\n|---|---|\n| Added a test for the mobile map | Front-end |\n"
            "| Add a test for the desktop map | @dana.kim |\n")
    assert [a.done for a in _actions(body)] == [True, False]


def test_a_list_after_a_report_of_what_was_done_is_done_unless_an_item_is_still_open() -> None:
    body = ("## Our response\n\nWe took the following steps:\n\n- Suspended the app\n"
            "- Rotating every token, which we are still working on\n\n"
            "To prevent this in the future, we've made a few changes:\n\n- Renewal is a periodic job\n"
            "- The old API will be removed\n")
    assert [a.done for a in _actions(body)] == [True, False, True, False]


def test_ideas_are_proposals_not_commitments() -> None:
    body = ("## Potential Action Items\n\n- Re-organise the fixtures\n\n## Action Items\n\n- Sanitise the SQL\n\n"
            "## Follow-up\n\nWe could have a policy of no DNS changes on Fridays.\n\n"
            "The monitor should page two people.\n")
    items = _actions(body)
    assert [(a.action, is_proposal(a)) for a in items] == [
        ("Re-organise the fixtures", True), ("Sanitise the SQL", False),
        ("We could have a policy of no DNS changes on Fridays.", True), ("The monitor should page two people.", False)]


def test_fields_and_done_notes_in_later_sentences_of_a_paragraph_belong_to_its_action() -> None:
    label = "## Follow-up\n\n**Action item:** Start incidents earlier. We should declare sooner. Owner: @lucas\n"
    assert [(a.action, a.owner) for a in _actions(label)] == [("Start incidents earlier.", "@lucas")]
    prose = ("## Follow-up\n\nThe monitor checks the wrong host. (fixed by adding a second check)\n\n"
             "The monitor should page more people. Ideally two. (filed #12)\n")
    assert [(a.action, a.tracking, a.done) for a in _actions(prose)] == [
        ("The monitor checks the wrong host. (fixed by adding a second check)", None, True),
        ("The monitor should page more people.", "#12", False)]


def test_an_owner_named_in_the_words_of_the_item() -> None:
    body = ("## Action items\n\n- Discuss GitOps for cluster workloads (Rasmus call for meeting)\n"
            "- **Monitor exceptions:** The error tracking team should watch the SDK's exceptions.\n"
            "- Review (Kubernetes upgrade needed)\n")
    assert [a.owner for a in _actions(body)] == ["Rasmus", "error tracking team", None]


def test_a_sub_heading_action_whose_prose_reports_it_done_is_done() -> None:
    body = ("## How do we do better?\n\n### Mirror production in CI\n\n"
            "As a first step we enabled eager loading in CI.\n\n"
            "### Clean up the machine\n\nWe noticed old log files. We need to clean them up.\n")
    assert [(a.action, a.done) for a in _actions(body)] == [("Mirror production in CI", True),
                                                            ("Clean up the machine", False)]
