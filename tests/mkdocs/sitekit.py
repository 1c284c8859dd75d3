"""Build small MkDocs sites in a tmp folder for the plugin's tests (shared helpers)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

TESTS = Path(__file__).resolve().parents[1]
BASE = (TESTS / "rules" / "base.md").read_text(encoding="utf-8")
EXAMPLES = TESTS.parent / "docs" / "incidents"
THEMES = ("material", "mkdocs", "readthedocs")


def incident(title: str = "Database connection pool exhausted after checkout deploy", **fields: str) -> str:
    """tests/rules/base.md (a clean SEV-2) with front-matter lines replaced or added."""
    text = BASE.replace(
        'title: "Database connection pool exhausted after checkout deploy"', f"title: {json.dumps(title)}"
    )
    for key, value in fields.items():
        pattern = re.compile(rf"^{key}:.*$", re.M)
        line = f"{key}: {value}"
        text = (
            pattern.sub(line, text, count=1)
            if pattern.search(text)
            else text.replace("---\n", f"---\n{line}\n", 1)
        )
    return text


def theme_yaml(theme: str) -> str:
    extra = "\n  font: false" if theme == "material" else ""
    return f"theme:\n  name: {theme}{extra}\n"


def make_site(
    root: Path,
    incidents: dict[str, str],
    plugin: str = "- pmlint:\n      today: 2026-04-01",
    extra_docs: dict[str, str] | None = None,
    nav: str = "",
    theme: str = "material",
) -> Path:
    docs = root / "docs"
    (docs / "incidents").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    for name, text in incidents.items():
        (docs / "incidents" / name).write_text(text, encoding="utf-8")
    for name, text in (extra_docs or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    plugins = "\n  ".join(plugin.splitlines())
    config.write_text(
        f"site_name: Test archive\n{theme_yaml(theme)}plugins:\n  - search\n  {plugins}\n{nav}",
        encoding="utf-8",
    )
    return config


def build_site(config_file: Path, strict: bool = False) -> Path:
    config = load_config(config_file=str(config_file), strict=strict)
    build(config)
    return Path(config.site_dir)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")
