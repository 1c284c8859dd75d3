"""Reading files: sized from stat, never a 16 MiB buffer per file, and still capped."""

from __future__ import annotations

import io

from pmlint.document.source import MAX_FILE_BYTES, read_capped


def test_small_file_is_read_whole() -> None:
    assert read_capped(io.BytesIO(b"# Title\n"), 8) == b"# Title\n"


def test_file_that_grew_since_the_stat_is_read_on() -> None:
    data = b"x" * 10_000
    assert read_capped(io.BytesIO(data), 10) == data


def test_file_that_shrank_since_the_stat_is_read_to_its_end() -> None:
    assert read_capped(io.BytesIO(b"abc"), 1_000) == b"abc"


def test_stat_size_zero_still_reads_the_content() -> None:
    assert read_capped(io.BytesIO(b"content of a /proc-like file"), 0) == b"content of a /proc-like file"


def test_reads_stop_one_byte_past_the_limit() -> None:
    big = io.BytesIO(b"y" * (MAX_FILE_BYTES + 100))
    assert len(read_capped(big, 5)) == MAX_FILE_BYTES + 1
    big.seek(0)
    assert len(read_capped(big, MAX_FILE_BYTES + 100)) == MAX_FILE_BYTES + 1
