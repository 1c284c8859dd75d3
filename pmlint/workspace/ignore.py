"""Path patterns in ``.gitignore`` syntax: ``.gitignore`` files and pmlint's ``exclude``.

One matcher serves both, so ``exclude = ["drafts/", "*-template.md"]`` means
what it would in a ``.gitignore``:

- a pattern without a ``/`` (other than a trailing one) matches a name at any depth;
- a pattern with a ``/`` is anchored to the folder the patterns belong to;
- a trailing ``/`` matches folders only; ``*``, ``?``, ``[…]`` stay within one
  name, ``**`` spans folders; ``!pattern`` re-includes; ``#`` starts a comment.

Git cannot re-include a file whose folder is excluded, and neither can this
matcher: an excluded folder is never entered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple


class Pattern(NamedTuple):
    regex: re.Pattern[str]
    negated: bool
    folders_only: bool
    #: a pattern without '/' matches a path's last name, at any depth
    name_only: bool

    def matches(self, relative: str, name: str) -> bool:
        return self.regex.fullmatch(name if self.name_only else relative) is not None


def _translate(glob: str) -> str:
    """A glob (without anchoring) as a regular expression over a '/'-separated path."""
    out: list[str] = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if glob.startswith("/**", index) and index + 3 == len(glob):
            out.append("/.*")
            break
        if glob.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = glob.find("]", index + 2)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = glob[index + 1 : end].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                index = end
        elif char == "\\" and index + 1 < len(glob):
            index += 1
            out.append(re.escape(glob[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def compile_pattern(line: str, *, ignore_case: bool = False) -> Pattern | None:
    """One ``.gitignore`` line as a :class:`Pattern` (None for blanks and comments)."""
    text = line.rstrip("\n").rstrip("\r")
    if not text.strip() or text.startswith("#"):
        return None
    text = text.rstrip(" ") if not text.endswith("\\ ") else text
    negated = text.startswith("!")
    if negated or text.startswith(("\\!", "\\#")):  # "\\!" and "\\#" escape a literal first character
        text = text[1:]
    folders_only = text.endswith("/")
    text = text.rstrip("/")
    if not text:
        return None
    anchored = "/" in text
    text = text.lstrip("/")
    flags = re.IGNORECASE if ignore_case else 0
    return Pattern(re.compile(_translate(text), flags), negated, folders_only, not anchored)


def _either(patterns: Sequence[Pattern], name_only: bool) -> re.Pattern[str] | None:
    """One regex matching what any of ``patterns`` (of one kind: names or paths) matches."""
    chosen = [p for p in patterns if p.name_only == name_only]
    if not chosen:
        return None
    return re.compile("|".join(f"(?:{p.regex.pattern})" for p in chosen), chosen[0].regex.flags)


class PatternSet(NamedTuple):
    """Patterns that belong to one folder (``base``), in order: the last match wins."""

    base: str  # '/'-separated, relative to the walk's root; "" for the root itself
    patterns: tuple[Pattern, ...]
    #: without ``!`` patterns, order does not matter: per kind of path (file or folder), one
    #: regex over the last name and one over the path decide (a walk asks once per file)
    either: tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None], ...] = ()
    negations: bool = False

    @classmethod
    def parse(cls, lines: Iterable[str], base: str = "", *, ignore_case: bool = False) -> PatternSet:
        compiled = tuple(p for p in (compile_pattern(line, ignore_case=ignore_case) for line in lines) if p)
        files = [p for p in compiled if not p.folders_only]
        either = ((_either(files, True), _either(files, False)), (_either(compiled, True), _either(compiled, False)))
        return cls(base, compiled, either, any(p.negated for p in compiled))

    def decide(self, relative: str, is_folder: bool) -> bool | None:
        """True (ignored), False (re-included) or None (no pattern says) for a path below the root."""
        if self.base:
            if not relative.startswith(self.base + "/"):
                return None
            relative = relative[len(self.base) + 1 :]
        name = relative.rpartition("/")[2]
        if not self.negations:
            names, paths = self.either[is_folder]
            if (names is not None and names.fullmatch(name)) or (paths is not None and paths.fullmatch(relative)):
                return True
            return None
        verdict: bool | None = None
        for pattern in self.patterns:
            if pattern.folders_only and not is_folder:
                continue
            if pattern.matches(relative, name):
                verdict = not pattern.negated
        return verdict


def ignored(sets: Sequence[PatternSet], relative: str, is_folder: bool) -> bool:
    """Whether the deepest set with an opinion ignores ``relative`` (as git orders .gitignore files)."""
    verdict = False
    for patterns in sets:
        decided = patterns.decide(relative, is_folder)
        if decided is not None:
            verdict = decided
    return verdict


def read_gitignore(folder: Path, base: str) -> PatternSet | None:
    """The ``.gitignore`` of ``folder`` (None when there is none or it cannot be read)."""
    try:
        text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    patterns = PatternSet.parse(text.splitlines(), base)
    return patterns if patterns.patterns else None
