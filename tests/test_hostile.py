"""Hostile input through ``pmlint check``: every case ends in a clear finding or
a one-line error naming the file and line, never a traceback or a hang.

There are no timed assertions: each case simply has to finish (a hang or a
quadratic blow-up shows up as a test that does not end).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pmlint.cli.env import Environment, ExitStatus
from pmlint.cli.main import main

ROOT = Path(__file__).parents[1]
INCIDENTS = sorted((ROOT / "docs" / "incidents").glob("*.md"))
BASE = (Path(__file__).parent / "rules" / "base.md").read_text(encoding="utf-8")
MB = 1024 * 1024


def check(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, ["check", "--no-cache", *map(str, args)],
                                obj=Environment(variables={"NO_COLOR": "1"}))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def assert_names(result: Result, path: Path, line: int, text: str) -> None:
    """Some output line is ``<path>:<line>:<col>: ... <text> ...`` on one line."""
    pattern = re.compile(rf"^{re.escape(path.name)}:{line}:\d+: .*{re.escape(text)}", re.MULTILINE)
    output = result.stdout.replace(str(path.parent) + os.sep, "")
    assert pattern.search(output), f"no '{path.name}:{line}:…{text}' in:\n{output[:3000]}"


# ------------------------------------------------------------------- single files


def _alias_bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n# Billion laughs\n"


def _nested_lists(depth: int) -> str:
    return "# Deep\n\n## Action Items\n\n" + "".join("  " * i + f"- level {i}\n" for i in range(depth))


def _big_table(rows: int) -> str:
    body = "".join(f"| {i // 60 % 24:02d}:{i % 60:02d} | event {i} |\n" for i in range(rows))
    return "# Big\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n" + body


def _big_action_table(rows: int) -> str:
    body = "".join(f"| AI-{i} | Add alert {i} | @dana | P1 | 2026-04-01 | open | fires in staging |\n"
                   for i in range(rows))
    return ("# Big\n\n## Action Items\n\n| ID | Action | Owner | Priority | Due | Status | Verification |\n"
            "| --- | --- | --- | --- | --- | --- | --- |\n" + body)


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes]
    exit_code: ExitStatus
    line: int
    message: str


def _text(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


CASES = [
    Case("binary", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
         ExitStatus.ERROR, 1, "binary file"),
    Case("latin-1", lambda: "# Café\n\n## Summary\n\nThe café was closed.\n".encode("latin-1"),
         ExitStatus.ERROR, 1, "not valid UTF-8"),
    Case("latin-1 on line 5", lambda: "# T\n\n## Summary\n\nDéjà vu\n".encode("latin-1"),
         ExitStatus.ERROR, 5, "not valid UTF-8"),
    Case("utf-16", lambda: "# T\n\n## Summary\n".encode("utf-16"), ExitStatus.ERROR, 1, "binary file"),
    Case("empty", lambda: b"", ExitStatus.FINDINGS, 1, "PM001"),
    Case("only whitespace", lambda: b"\n \n\t\n", ExitStatus.FINDINGS, 1, "PM001"),
    Case("unterminated front matter", _text("---\ntitle: Outage\ndate: 2026-03-10\n\n# Outage\n"),
         ExitStatus.FINDINGS, 1, "unterminated front matter"),
    Case("front matter is a list", _text("---\n- a\n- b\n---\n# T\n"), ExitStatus.FINDINGS, 2, "not a list"),
    Case("front matter is a scalar", _text("---\njust words\n---\n# T\n"), ExitStatus.FINDINGS, 2,
         "not a single value"),
    Case("invalid YAML", _text("---\ntitle: [unclosed\n---\n# T\n"), ExitStatus.FINDINGS, 3, "invalid YAML"),
    Case("alias bomb", lambda: _alias_bomb().encode(), ExitStatus.FINDINGS, 6, "alias bomb"),
    Case("nested YAML flow 400 deep", _text("---\ntitle: " + "[" * 400 + "]" * 400 + "\n---\n# T\n"),
         ExitStatus.FINDINGS, 2, "PM002"),
    Case("nested YAML block 400 deep",
         _text("---\n" + "".join(" " * i + "a:\n" for i in range(400)) + " " * 400 + "b: 1\n---\n# T\n"),
         ExitStatus.FINDINGS, 2, "PM002"),
    Case("date that does not exist", _text("---\ntitle: T\ndate: 2026-02-30\n---\n# T\n"),
         ExitStatus.FINDINGS, 3, "'date'"),
    Case("2 MB single line", lambda: b"# T\n\n## Summary\n\n" + b"word " * (2 * MB // 5) + b"\n",
         ExitStatus.FINDINGS, 1, "PM001"),
    Case("2 MB line of markup", lambda: b"# T\n\n## Summary\n\n" + b"*_`[<|" * (2 * MB // 6) + b"\n",
         ExitStatus.FINDINGS, 1, "PM001"),
    Case("2 MB table row", lambda: b"# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 09:15 "
         + b"| x " * (2 * MB // 4) + b"|\n", ExitStatus.FINDINGS, 1, "PM001"),
    Case("2 MB front-matter value", lambda: b"---\ntitle: " + b"x" * 2 * MB + b"\n---\n# T\n",
         ExitStatus.FINDINGS, 1, "PM003"),
    Case("2 MB of timestamps on one line", lambda: b"# T\n\n## Timeline\n\n- " + b"09:15 " * (2 * MB // 6)
         + b"\n", ExitStatus.FINDINGS, 1, "PM001"),
    Case("400-deep list", _text(_nested_lists(400)), ExitStatus.FINDINGS, 1, "PM001"),
    Case("400-deep blockquote", _text("# T\n\n## Summary\n\n" + ">" * 400 + " deep\n"),
         ExitStatus.FINDINGS, 1, "PM001"),
    Case("400-deep mixed quotes and lists", _text("# T\n\n## Summary\n\n" + "> - " * 200 + "deep\n"),
         ExitStatus.FINDINGS, 1, "PM001"),
    Case("20,000-row timeline", _text(_big_table(20_000)), ExitStatus.FINDINGS, 1, "PM001"),
    Case("20,000-row action table", _text(_big_action_table(20_000)), ExitStatus.FINDINGS, 1, "PM001"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_file(tmp_path: Path, case: Case) -> None:
    path = tmp_path / "incident.md"
    path.write_bytes(case.content())
    result = check(path)
    assert result.exit_code == case.exit_code, result.stdout[:2000]
    assert_names(result, path, case.line, case.message)


@pytest.mark.parametrize("tag", [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/new:os.system ["touch {marker}"]',
    "!!python/name:os.system",
    "!!python/module:os",
    '!!python/object:pathlib.Path {{}}',
    "!foo bar",
    "!<tag:example.com,2026:x> bar",
])
def test_yaml_tags_are_never_executed(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "executed"
    path = tmp_path / "incident.md"
    path.write_text(f"---\ntitle: {tag.format(marker=marker)}\n---\n# T\n", encoding="utf-8")
    result = check(path)
    assert result.exit_code == ExitStatus.FINDINGS
    assert_names(result, path, 2, "PM002")
    assert not marker.exists()


@pytest.mark.parametrize(("value", "line", "code"), [
    ("date: !!binary MjAyNi0wMy0xMA==", 3, "PM004"),
    ("authors: !!set {a, b}", 3, "PM004"),
    ("date: !!timestamp 2026-03-10T09:15:00Z", 1, "PM003"),
    ("date: !!timestamp 2026-02-30", 3, "PM004"),
    ("severity: !!int not-a-number", 3, "PM004"),
    ("status: !!bool maybe", 3, "PM004"),
    ("status: !!str [a]", 3, "PM002"),
])
def test_safe_yaml_tags_load_or_report(tmp_path: Path, value: str, line: int, code: str) -> None:
    path = tmp_path / "incident.md"
    path.write_text(f"---\ntitle: T\n{value}\n---\n# T\n", encoding="utf-8")
    result = check(path)
    assert result.exit_code == ExitStatus.FINDINGS
    assert_names(result, path, line, code)


# ------------------------------------------------------------------- folders


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "missing.md"
    result = check(path)
    assert result.exit_code == ExitStatus.ERROR
    assert_names(result, path, 1, "no such file or directory")


def test_symlink_loops_in_a_checked_folder(tmp_path: Path) -> None:
    folder = tmp_path / "incidents"
    folder.mkdir()
    (folder / "real.md").write_text(BASE.replace("| @dana.kim |", "|  |", 1), encoding="utf-8")
    (folder / "up").symlink_to("..")  # a folder loop
    (folder / "self").symlink_to(".")
    (folder / "a.md").symlink_to("b.md")  # a file loop
    (folder / "b.md").symlink_to("a.md")
    (folder / "dangling.md").symlink_to("nowhere.md")
    result = check(folder)
    assert result.exit_code == ExitStatus.ERROR
    for name in ("a.md", "b.md"):
        assert re.search(rf"{name}:1:1: error: .*symbolic links", result.stdout), result.stdout
    assert re.search(r"dangling.md:1:1: error: ", result.stdout), result.stdout
    owner = [line for line in result.stdout.splitlines() if "PM401" in line]
    assert len(owner) == 1 and "real.md:" in owner[0], owner  # linted once, not once per loop turn


def test_unreadable_file_in_a_checked_folder(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text(BASE, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop root from reading "
                        "(test_read_error_in_a_checked_folder covers the same path)")
        result = check(tmp_path)
        assert result.exit_code == ExitStatus.ERROR
        assert_names(result, path, 1, "cannot read")
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_read_error_in_a_checked_folder(tmp_path: Path) -> None:
    """A file whose read fails (EIO) — how an unreadable file looks even to root."""
    (tmp_path / "clean.md").write_text(BASE, encoding="utf-8")
    (tmp_path / "broken.md").symlink_to("/proc/self/mem")
    result = check(tmp_path)
    assert result.exit_code == ExitStatus.ERROR
    assert_names(result, tmp_path / "broken.md", 1, "cannot read")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_in_a_checked_folder_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "clean.md").write_text(BASE, encoding="utf-8")
    result = check(tmp_path)
    assert result.exit_code == ExitStatus.ERROR
    assert_names(result, tmp_path / "pipe.md", 1, "not a regular file")
    direct = check(tmp_path / "pipe.md")
    assert_names(direct, tmp_path / "pipe.md", 1, "not a regular file")


def test_folder_named_like_a_post_mortem(tmp_path: Path) -> None:
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "folder.md" / "inside.md").write_text(BASE, encoding="utf-8")
    result = check(tmp_path)
    assert result.exit_code in (ExitStatus.SUCCESS, ExitStatus.FINDINGS), result.stdout


# ------------------------------------------------------------ line ends and BOM


def _findings(path: Path) -> list[tuple[object, ...]]:
    result = check("--format", "json", path)
    assert result.exit_code in (ExitStatus.SUCCESS, ExitStatus.FINDINGS), result.stdout
    return [(f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["message"])
            for f in json.loads(result.stdout)]


VARIANTS: dict[str, Callable[[bytes], bytes]] = {
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "bom": lambda data: b"\xef\xbb\xbf" + data,
    "bom+crlf": lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"),
}
_SAMPLES = [*INCIDENTS, Path(__file__).parent / "rules" / "base.md"]
_CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "dfds"
_SAMPLES += sorted(_CORPUS.glob("*.md"))[:3]


@pytest.mark.parametrize("sample", _SAMPLES, ids=[p.name for p in _SAMPLES])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_crlf_and_bom_copies_are_exactly_as_clean(tmp_path: Path, sample: Path, variant: str) -> None:
    original, changed = tmp_path / "lf" / sample.name, tmp_path / variant / sample.name
    original.parent.mkdir()
    changed.parent.mkdir()
    shutil.copyfile(sample, original)
    changed.write_bytes(VARIANTS[variant](sample.read_bytes()))
    assert _findings(changed) == _findings(original)


def test_incidents_are_clean_in_every_line_ending(tmp_path: Path) -> None:
    assert INCIDENTS, "docs/incidents/ has no examples"
    for variant, convert in VARIANTS.items():
        folder = tmp_path / variant
        folder.mkdir()
        for sample in INCIDENTS:
            (folder / sample.name).write_bytes(convert(sample.read_bytes()))
        result = check(folder)
        assert result.exit_code == ExitStatus.SUCCESS, result.stdout
