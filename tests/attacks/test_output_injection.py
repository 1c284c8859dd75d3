"""Control characters from a post-mortem never reach the terminal or CI log raw (issue 16, item 19).

A line break in a front-matter value or a file name let a pull request forge a
line of output: under GitHub Actions a line ``::error file=…::`` is a workflow
command. An ESC byte sent escape sequences to the reader's terminal. Every text
that comes from the checked files is printed through ``printable``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, pmlint_process, postmortem

from pmlint.document.source import printable

FORGED = "::error file=README.md,line=1::forged"
#: YAML double-quoted escapes: a line break, a forged workflow command, ESC (clear screen), CSI (C1)
PAYLOAD = r"SEV-9\n" + FORGED + r"\e[2J\x9b31m\u2028"


def _crafted() -> str:
    text = postmortem()
    text = text.replace("severity: SEV-2", f'severity: "{PAYLOAD}"\nservices: ["{PAYLOAD}"]')
    return text.replace("| @dana |", "| \x1b]0;pwned\x07 |")  # an OSC title sequence in a cell


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo", {f"{INCIDENTS}/2026-03-10-crafted.md": _crafted()})
    monkeypatch.chdir(root)
    return root


def _assert_clean(output: str) -> None:
    for line in output.split("\n"):
        assert not line.lstrip().startswith("::"), line  # no forged workflow command
    assert not any(ch in output for ch in "\x1b\x07\x9b\u2028\r"), repr(output)


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_check_output_escapes_front_matter_and_cells(repo: Path, fmt: str) -> None:
    result = pmlint("check", "--no-cache", "--format", fmt)
    assert result.code == 1
    assert "SEV-9" in result.stdout and "\\x1b]0;pwned" in result.stdout  # shown, escaped
    if fmt == "text":
        _assert_clean(result.stdout)
    else:  # every line is one annotation or the total; none forged
        lines = [line for line in result.stdout.split("\n") if line]
        assert all(line.startswith(("::error file=docs", "::warning file=docs", "pmlint: ")) for line in lines)
        assert not any(ch in result.stdout for ch in "\x1b\x07\x9b\u2028\r")


def test_the_caret_stays_under_the_span_after_escaping(repo: Path) -> None:
    text = pmlint("check", "--no-cache", "--select", "PM402").stdout
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if "\\x1b]0;pwned" in line and line[5:8] == " | ")
    source, caret = lines[index], lines[index + 1]
    start = caret.index("^")
    assert source[start:start + len(caret) - start] == "\\x1b]0;pwned\\x07"


def test_stats_escapes_service_names(repo: Path) -> None:
    result = pmlint("stats")
    assert result.code == 0 and "SEV-9" in result.stdout
    _assert_clean(result.stdout)


@pytest.mark.skipif(os.name != "posix", reason="file names with line breaks need POSIX")
def test_a_file_name_with_a_line_break_cannot_forge_output(repo: Path) -> None:
    name = f"2026-03-11-x\n{FORGED}\x1b[2J.md"
    (repo / INCIDENTS / name).write_text(postmortem().replace("@dana", "the team"), encoding="utf-8")
    for args in (("check", "--no-cache"), ("check",), ("sync-todo",), ("stats",)):
        result = pmlint_process(repo, *args)
        assert "Traceback" not in result.stderr, result.stderr
        _assert_clean(result.stdout)
        _assert_clean(result.stderr)


def test_an_error_message_quoting_a_file_name_is_escaped(repo: Path) -> None:
    result = pmlint("check", f"missing\n{FORGED}\x1b[2J.md")
    assert result.code == 2
    _assert_clean(result.stderr)


def test_printable_keeps_every_ordinary_character() -> None:
    text = "Ünïcode 日本 — “quotes” \u00a0 emoji 🔥 tab-less"
    assert printable(text) == text
    assert printable("a\tb\nc\x1bd\x7fe\x85f") == "a\\tb\\nc\\x1bd\\x7fe\\x85f"
