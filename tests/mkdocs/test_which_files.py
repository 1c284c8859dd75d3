"""The archive publishes exactly the files ``pmlint check`` lints (one rule: the project's
``exclude``/``extend-exclude``, ``.gitignore``, Markdown names only)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pmlint.lint.config import load_config
from pmlint.workspace.discovery import discover
from tests.mkdocs.sitekit import build_site, incident, make_site, read

FILES = {
    "2026-03-10-kept.md": "Kept",
    "2026-03-11-kept-too.markdown": "Kept too",
    "sub/2026-03-12-nested.md": "Nested",
    "README.md": "Default exclude",
    "_partial.md": "Partial",
    "templates/2026-01-01-template.md": "Template folder",
    "drafts/2026-01-02-draft.md": "Extend-exclude",
    "2026-01-03-ignored.md": "Git-ignored",
    "2026-01-04-other.mdown": "Not a name check reads",
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    incidents = {name: incident(title, date=f"2026-0{1 + i % 3}-1{i}") for i, (name, title) in enumerate(FILES.items())}
    config = make_site(tmp_path, {})
    for name, text in incidents.items():
        (tmp_path / "docs" / "incidents" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / "incidents" / name).write_text(text, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.pmlint]\nextend-exclude = ["drafts/"]\n', encoding="utf-8")
    (tmp_path / ".gitignore").write_text("docs/incidents/2026-01-03-ignored.md\nsite/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    return config


def _published(site: Path) -> set[str]:
    rows = json.loads(read(site, "incidents/pmlint-archive.json"))["rows"]
    return {row[0] for row in rows}


def test_the_archive_lists_what_check_lints(tree: Path) -> None:
    root = tree.parent
    config = load_config(root / "docs" / "incidents")
    checked = discover([root / "docs" / "incidents"], config.exclusions()).files
    checked_titles = {FILES[path.relative_to(root / "docs" / "incidents").as_posix()] for path in checked}
    assert checked_titles == {"Kept", "Kept too", "Nested"}
    assert _published(build_site(tree)) == checked_titles


def test_exclude_in_the_project_config_changes_both(tree: Path) -> None:
    root = tree.parent
    (root / "pyproject.toml").write_text('[tool.pmlint]\nexclude = ["sub/"]\nrespect-gitignore = false\n',
                                         encoding="utf-8")
    config = load_config(root / "docs" / "incidents")
    checked = discover([root / "docs" / "incidents"], config.exclusions()).files
    checked_titles = {FILES[path.relative_to(root / "docs" / "incidents").as_posix()] for path in checked}
    assert "Partial" in checked_titles and "Git-ignored" in checked_titles and "Nested" not in checked_titles
    assert _published(build_site(tree)) == checked_titles
