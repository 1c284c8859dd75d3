"""The catalogue of rule modules, and the codes and names they declare.

A module's name is its rule's code and name (``pm401_missing_owner`` is
PM401 ``missing-owner``; a contract test holds every rule to it), so
selectors can be resolved without importing the rules. PM004 uses this to
check per-file ignores, which keeps it from importing the registry that
imports it.
"""

from __future__ import annotations

from functools import lru_cache

RULE_MODULES = (
    "pm001_missing_front_matter",
    "pm002_invalid_front_matter",
    "pm003_missing_field",
    "pm004_invalid_field_value",
    "pm005_unknown_field",
    "pm101_missing_section",
    "pm102_empty_section",
    "pm103_summary_too_long",
    "pm104_impact_not_quantified",
    "pm105_too_few_went_well",
    "pm106_duplicate_section",
    "pm107_unread_section",
    "pm201_invalid_timestamp",
    "pm202_timeline_out_of_order",
    "pm203_no_timezone",
    "pm204_vague_time_phrase",
    "pm205_duration_mismatch",
    "pm301_shallow_five_whys",
    "pm302_unanswered_why",
    "pm303_human_error_root_cause",
    "pm401_missing_owner",
    "pm402_owner_not_a_person",
    "pm403_missing_due_date",
    "pm404_vague_due_date",
    "pm405_vague_action",
    "pm406_due_beyond_sla",
    "pm407_missing_verification",
    "pm408_too_few_action_items",
    "pm409_duplicate_action_id",
    "pm501_blame_language",
    "pm502_person_blamed",
    "pm503_banned_phrase",
    "pm901_unused_suppression",
)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    """Rule code -> rule name, from the module names."""
    return {name[:5].upper(): name[6:].replace("_", "-") for name in RULE_MODULES}


@lru_cache(maxsize=256)
def selects(selector: str) -> frozenset[str]:
    """Codes matched by a code, a name, a prefix (``PM4``) or ``ALL``."""
    wanted = selector.strip()
    codes = catalogue()
    if wanted.upper() == "ALL":
        return frozenset(codes)
    upper, lower = wanted.upper(), wanted.lower()
    exact = [code for code, name in codes.items() if upper == code or lower == name]
    if exact:
        return frozenset(exact)
    if upper.startswith("PM") and upper[2:].isdigit():
        return frozenset(code for code in codes if code.startswith(upper))
    return frozenset()
