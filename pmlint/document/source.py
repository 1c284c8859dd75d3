"""Source files and positions: decoding, line index, 1-based spans.

Everything pmlint reports points into a :class:`SourceFile` through a
:class:`Span` of 1-based lines and columns (columns count characters, the
end column is exclusive), so reporters, fixes and the TODO sync agree.
"""

from __future__ import annotations

import bisect
import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, NamedTuple

BOM = "\ufeff"
#: the largest post-mortem read: memory grows with a file's lines and findings (about 250 MiB per MB
#: for the worst crafted shapes), and real post-mortems are tens of kilobytes
MAX_FILE_BYTES = 3 * 1024 * 1024

#: C0 and C1 controls, DEL, the line and paragraph separators, the bidirectional
#: overrides and the bytes of a file name that is not UTF-8 (surrogate escapes),
#: each shown as its Python escape (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udcff``)
_UNPRINTABLE = {
    code: ascii(chr(code))[1:-1]
    for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                 *range(0xDC80, 0xDD00))
}


def printable(text: str) -> str:
    """``text`` safe to print on one line of a terminal or CI log.

    Front matter, cells and file names are written by whoever sends the pull
    request: a line break would let them forge a line of output (under GitHub
    Actions a forged ``::error::`` line is a workflow command) and an ESC byte
    would send escape sequences to the reader's terminal.
    """
    return text if text.isprintable() else text.translate(_UNPRINTABLE)


class Span(NamedTuple):
    """A 1-based region: ``line:column`` up to ``end_line:end_column`` (exclusive).

    An immutable named tuple rather than a dataclass: the parser makes one per
    table cell, list item and timestamp, and a tuple is built twice as fast.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def at(cls, line: int, column: int = 1, length: int = 0) -> Span:
        return cls(line, column, line, column + length)

    @classmethod
    def lines(cls, first: int, last: int) -> Span:
        """A whole-line span from ``first`` to the start of the line after ``last``."""
        return cls(first, 1, last + 1, 1) if last >= first else cls(first, 1, first, 1)


def read_capped(handle: BinaryIO, expected: int) -> bytes:
    """At most ``MAX_FILE_BYTES + 1`` bytes of ``handle`` (one more than allowed tells "too big").

    ``expected`` is the size from ``stat``: ``read(MAX_FILE_BYTES + 1)`` would allocate a
    buffer of the limit (and fault in its pages) for every small file. A file that grew since
    the stat is read on, up to the limit.
    """
    data = handle.read(min(expected, MAX_FILE_BYTES) + 1)
    if expected < len(data) <= MAX_FILE_BYTES:
        data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    return data


def check_size(name: str, size: int) -> None:
    """Refuse content over :data:`MAX_FILE_BYTES` (files, standard input and staged content alike)."""
    if size > MAX_FILE_BYTES:
        raise SourceError(name, f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")


class SourceError(Exception):
    """A file that cannot be read as text; carries the line it stopped at."""

    def __init__(self, path: str, message: str, line: int = 1) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


# a dataclass, for its cached lines; never compared or printed: no generated __eq__/__repr__
@dataclass(frozen=True, eq=False, repr=False)
class SourceFile:
    """A decoded Markdown file. ``text`` has no BOM and ``\\n`` line ends."""

    path: str
    text: str
    newline: str = "\n"
    had_bom: bool = False
    raw: bytes = b""

    @classmethod
    def from_text(cls, path: str, text: str) -> SourceFile:
        had_bom = text.startswith(BOM)
        if had_bom:
            text = text[1:]
        newline = "\r\n" if "\r\n" in text else "\n"
        normal = text.replace("\r\n", "\n").replace("\r", "\n")
        return cls(path=path, text=normal, newline=newline, had_bom=had_bom)

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> SourceFile:
        if b"\x00" in data[:8192]:
            raise SourceError(path, "binary file (contains NUL bytes), not Markdown", 1)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise SourceError(
                path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line
            ) from None
        source = cls.from_text(path, text)
        return cls(source.path, source.text, source.newline, source.had_bom, data)

    @classmethod
    def read(cls, path: Path | str, display: str | None = None) -> SourceFile:
        name = display or str(path)
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) and not os.path.isdir(path):
                # opening a named pipe would block until a writer comes; a device never ends
                raise SourceError(name, "not a regular file (a pipe, socket or device)")
            with open(path, "rb") as handle:
                data = read_capped(handle, info.st_size)
        except IsADirectoryError:
            raise SourceError(name, "is a directory, not a file") from None
        except OSError as exc:
            raise SourceError(name, f"cannot read: {exc.strerror or exc}") from None
        check_size(name, len(data))
        return cls.from_bytes(name, data)

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """The lines without their line ends (``lines[0]`` is line 1)."""
        return tuple(self.text.split("\n"))

    @cached_property
    def _line_starts(self) -> tuple[int, ...]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return tuple(starts)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based), or ``""`` past the end."""
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def offset(self, line: int, column: int) -> int:
        """Character offset into ``text`` of a 1-based line/column."""
        starts = self._line_starts
        line = max(1, min(line, len(starts)))
        return min(starts[line - 1] + column - 1, len(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset into ``text``."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span_of(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column)

    def encode(self, text: str) -> bytes:
        """Encode ``text`` (``\\n`` line ends) back in this file's style."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ((BOM if self.had_bom else "") + text).encode("utf-8")
