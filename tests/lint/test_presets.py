"""Presets: one config line selects a template's required sections and section names."""

from __future__ import annotations

import pytest

from pmlint.document.parse import parse
from pmlint.document.source import SourceFile
from pmlint.lint.config import ConfigError, config_from_mapping
from pmlint.lint.engine import lint_document
from pmlint.lint.presets import PRESETS

GOOGLE_SRE = """\
# Shakespeare Sonnet++ Postmortem (incident #465)

## Summary
Shakespeare Search down for 66 minutes during a period of very high interest.

## Impact
Estimated 1.21B queries lost, no revenue impact.

## Root Causes
Cascading failure due to combination of exceptionally high load and a resource leak.

## Trigger
Latent bug triggered by sudden increase in traffic.

## Resolution
Directed traffic to a sacrificial cluster and added 10x capacity.

## Detection
Borgmon detected high level of HTTP 500s and paged on-call.

## Action Items
| Action Item | Type | Owner | Bug |
|---|---|---|---|
| Update playbook with instructions for responding to cascading failure | mitigate | jennifer | n/a DONE |

## Lessons Learned
### What went well
- Monitoring quickly alerted us to high rate (reaching ~100%) of HTTP 500s

### What went wrong
- We're out of practice in responding to cascading failure

### Where we got lucky
- Mailing list of Shakespeare aficionados had a copy of new sonnet available

## Timeline
2015-10-21 (all times UTC)
- 14:51 News reports that a new Shakespearean sonnet has been discovered

## Supporting information
Monitoring dashboard.
"""


def _findings(text: str, table: dict[str, object], select: str) -> list[str]:
    config = config_from_mapping({"select": [select], **table})
    doc = parse(SourceFile.from_text("pm.md", text), config.parse_settings)
    return [f"{f.code} {f.message}" for f in lint_document(doc, config)]


def test_the_google_sre_template_passes_its_preset_but_not_the_default() -> None:
    assert _findings(GOOGLE_SRE, {"preset": "google-sre"}, "PM101") == []
    assert _findings(GOOGLE_SRE, {"preset": "google-sre"}, "PM106") == []
    missing = _findings(GOOGLE_SRE, {}, "PM101")
    assert any("Contributing Factors" in m for m in missing)


def test_a_preset_names_the_templates_own_sections() -> None:
    config = config_from_mapping({"preset": "google-sre"})
    doc = parse(SourceFile.from_text("pm.md", GOOGLE_SRE), config.parse_settings)
    keys = {s.title: s.key for s in doc.sections}
    assert keys["Trigger"] == "trigger" and keys["Detection"] == "detection"
    assert keys["Root Causes"] == "root_cause" and keys["Summary"] == "summary"


def test_explicit_settings_apply_on_top_of_a_preset() -> None:
    config = config_from_mapping({"preset": "atlassian", "required_sections": ["summary"],
                                  "section_aliases": {"fault": ["What broke"]}})
    assert config.shared["required_sections"] == ("summary",)
    assert "what broke" in {n.lower() for n in config.section_aliases["fault"]}
    assert "leadup" in config.section_aliases


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_requires_sections_the_parser_can_name(name: str) -> None:
    config = config_from_mapping({"preset": name})
    required = config.shared["required_sections"]
    assert isinstance(required, tuple) and required
    assert all(key in config.section_aliases for key in required)


def test_an_unknown_preset_is_a_one_line_error() -> None:
    with pytest.raises(ConfigError, match="'preset' must be one of atlassian, google-sre, pagerduty, pmlint"):
        config_from_mapping({"preset": "itil"})
