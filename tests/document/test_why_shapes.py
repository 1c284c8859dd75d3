"""Five Whys read by structure (made-up examples)."""

from __future__ import annotations

from pmlint.document.model import WhyStep
from pmlint.document.parse import parse_text


def _whys(body: str) -> tuple[WhyStep, ...]:
    return parse_text("# Outage\n\n## Root Cause\n\n" + body).whys


def test_a_because_chain_under_a_problem_statement() -> None:
    steps = _whys("- Users could read private data.\n- Because the check allowed the guest user.\n"
                  "- Because nobody modelled the guest user.\n- Because the login flow is complicated.\n")
    assert [(s.span.line, s.answer) for s in steps] == [
        (6, "Because the check allowed the guest user."), (7, "Because nobody modelled the guest user."),
        (8, "Because the login flow is complicated.")]
    assert steps[1].question == "Why the check allowed the guest user?"


def test_one_because_sentence_is_not_a_chain() -> None:
    assert _whys("The deploy failed.\n\nBecause of the freeze, nobody was on call.\n") == ()


def test_why_because_pairs_numbered_and_bold_whys() -> None:
    steps = _whys("Why did checkout fail? Because the pool was full.\n\n"
                  "Why was it full?\nBecause each pod opened 40 connections.\n\n"
                  "Why #3: Why 40 each? The template had no limit.\n\n"
                  "**Why did review miss it?**\nNo checklist item covers pools.\n")
    assert [(s.number, s.answer) for s in steps] == [
        (None, "Because the pool was full."), (None, "each pod opened 40 connections."),
        (3, "The template had no limit."), (None, "No checklist item covers pools.")]


def test_a_lone_rhetorical_why_in_prose_is_not_a_step() -> None:
    assert _whys("Why did this change get merged? Honestly, security is hard.\n\n1. The author misread it.\n") == ()
