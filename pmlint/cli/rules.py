"""``pmlint rules`` and ``pmlint rule``: the rule catalogue and one rule's documentation."""

from __future__ import annotations

import click

from pmlint.cli.common import environment, fail
from pmlint.rules import all_rules, get_rule


@click.command("rules")
def rules_command() -> None:
    """List every rule: code, name, default severity, summary."""
    env = environment()
    for rule in all_rules():
        click.echo(f"{rule.code}  {rule.name:<28} {rule.severity:<8} {rule.summary}", file=env.stdout)


@click.command("rule")
@click.argument("code")
def rule_command(code: str) -> None:
    """Print a rule's documentation (by code or name)."""
    env = environment()
    rule = get_rule(code)
    if rule is None:
        fail(env, f"unknown rule '{code}' (see 'pmlint rules')")
    click.echo(f"# {rule.code} {rule.name}\n\n{rule.doc.strip()}", file=env.stdout)
