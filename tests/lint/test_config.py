"""Configuration discovery, validation and how settings reach rules."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from pmlint.lint.config import ConfigError, config_from_mapping, find_config, load_config
from pmlint.rules import get_rule


def test_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.pmlint]\nincidents = 'pm'\n", encoding="utf-8")
    nested = tmp_path / "pm" / "2026"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / "pyproject.toml"
    assert load_config(nested).incidents == "pm"


def test_pyproject_without_table_is_skipped_and_dotfile_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / ".pmlint.toml").write_text("todo = 'ACTIONS.md'\n", encoding="utf-8")
    assert load_config(tmp_path).todo == "ACTIONS.md"


@pytest.mark.parametrize(("table", "fragment"), [
    ({"colour": True}, "unknown key 'colour'"),
    ({"incidents": 3}, "'incidents' must be a string"),
    ({"select": ["PM999"]}, "unknown rule 'PM999'"),
    ({"severity_scale": "SEV-1"}, "'severity_scale' must be a list"),
    ({"rules": {"PM999": {}}}, "unknown rule"),
    ({"rules": {"PM101": {"colour": 1}}}, "unknown option 'colour' for rule PM101"),
    ({"rules": {"PM101": {"severity": "fatal"}}}, "'error' or 'warning'"),
    ({"section_aliases": {"summary": "TL;DR"}}, "must be a list of strings"),
])
def test_bad_values_name_the_key(table: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        config_from_mapping(table)
    assert fragment in str(info.value)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".pmlint.toml").write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(tmp_path)


def test_shared_settings_and_rule_options_reach_rules() -> None:
    config = config_from_mapping({
        "required_sections": ["summary"],
        "rules": {"missing-section": {"extend_required_sections": ["impact"], "severity": "warning"}},
    })
    rule = get_rule("PM101")
    assert rule is not None
    options = config.options_for(rule)
    assert options.required_sections == ("summary", "impact")
    assert config.severity_for(rule) == "warning"


def test_mapping_options_read_only_by_default_and_set_from_a_table() -> None:
    rule = get_rule("PM301")
    assert rule is not None
    default = config_from_mapping({}).options_for(rule).whys_required
    assert default["SEV-2"] == 5
    with pytest.raises(TypeError):
        default["SEV-2"] = 1  # shared by every run: a rule must not change it
    configured = config_from_mapping({"whys_required": {"SEV-2": 2}}).options_for(rule).whys_required
    assert dict(configured) == {"SEV-2": 2}
    own = config_from_mapping({"rules": {"PM301": {"whys_required": {"P1": 4}}}}).options_for(rule)
    assert dict(own.whys_required) == {"P1": 4}


def test_config_with_built_options_pickles_for_a_spawned_worker() -> None:
    config = config_from_mapping({"ignore": ["PM101"]})
    assert config.rules and config.options_for(config.rules[0]) is not None
    copy = pickle.loads(pickle.dumps(config))
    assert copy.fingerprint == config.fingerprint
    assert [rule.code for rule in copy.rules] == [rule.code for rule in config.rules]
    rule = get_rule("PM406")
    assert rule is not None
    assert dict(copy.options_for(rule).priority_sla_days) == dict(config.options_for(rule).priority_sla_days)


def test_select_ignore_prefixes_and_per_file_ignores() -> None:
    config = config_from_mapping({"select": ["PM1", "PM401"], "ignore": ["missing-section"],
                                  "per_file_ignores": {"legacy/*": ["PM4"]}})
    codes = {rule.code for rule in config.rules}
    assert "PM401" in codes and "PM101" not in codes
    assert all(code.startswith(("PM1", "PM401")) for code in codes)
    assert "PM401" in config.ignored_for("legacy/old.md")
    assert not config.ignored_for("2026/new.md")


def test_fingerprint_changes_with_config() -> None:
    assert config_from_mapping({}).fingerprint == config_from_mapping({}).fingerprint
    assert config_from_mapping({}).fingerprint != config_from_mapping({"ignore": ["PM101"]}).fingerprint


def test_section_aliases_extend_defaults() -> None:
    config = config_from_mapping({"section_aliases": {"action_items": ["Things to do"]}})
    assert "things to do" in config.parse_settings.lookup
    assert config.parse_settings.lookup["corrective actions"] == "action_items"
