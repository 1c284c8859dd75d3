"""Safe writes: a temp file in the same folder, fsync, then an atomic rename.

A crash or Ctrl-C at any point leaves either the old file or the new one,
never half of each. Several files are committed together with
:func:`write_all`, which stages every temp file before renaming any:

- a crash (even ``kill -9``) while staging or before the renames changes no
  file; its temp files (``.NAME.PID.xxxx.pmlint-tmp``, never ``*.md``) are
  removed by the next write into that folder once process PID is gone;
- Ctrl-C or SIGTERM during the renames is held until the last one is done,
  so a batch is never split by an interrupt;
- a rename that fails puts the files already renamed back as they were
  (from hard-linked ``.pmlint-old`` copies) and raises.

Before anything is staged, every target is checked (:func:`write_refusal`):
pmlint never writes through a symbolic link (the link would silently become a
copy, or its target, maybe outside the repository, would be rewritten), never
replaces a read-only file, and never writes a file whose real folder lies
outside the ``root`` it was given. With ``expected`` contents, a file that
changed since it was read is not replaced (:class:`ChangedOnDisk`): on Linux
the check and the rename are one step (``renameat2(RENAME_EXCHANGE)``: swap,
then inspect what was swapped out, and swap back if it is not what was read);
elsewhere the check runs right before the rename.

Test hook: with ``PMLINT_TEST_CRASH_AFTER_STAGE=1`` in the environment, a
write ends the process with ``os._exit(70)`` after staging every temp file
and before any rename (used by tests/workspace/test_atomic.py; never set it otherwise).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

TEMP_SUFFIX = ".pmlint-tmp"
OLD_SUFFIX = ".pmlint-old"
CRASH_AFTER_STAGE = "PMLINT_TEST_CRASH_AFTER_STAGE"
CRASH_EXIT_CODE = 70
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: renameat2 answers these when the platform or file system cannot exchange
_NO_EXCHANGE = frozenset({errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP})


class WriteRefused(OSError):
    """pmlint will not write this file (a symlink, read-only, outside the root); ``strerror`` says why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EPERM, reason, str(path))


class ChangedOnDisk(OSError):
    """A file changed (or appeared) after pmlint read it; nothing of the batch was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EAGAIN, "changed on disk while pmlint was working; run it again", str(path))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def write_refusal(path: Path, root: Path | None = None) -> str | None:
    """Why pmlint must not write ``path`` (None when it may).

    Never through a symbolic link: replacing the link would turn it into a copy,
    writing its target could reach any file the link names. Never over a file
    with no write permission (its owner made it read-only on purpose; root could
    write it anyway). Never into a folder whose real location is outside ``root``
    (a linked folder inside the repository pointing elsewhere).
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return f"cannot inspect it: {exc.strerror or exc}"
    if info is not None and stat.S_ISLNK(info.st_mode):
        return (f"is a symbolic link (to {os.readlink(path)}); pmlint does not write through links:"
                " run it on the file the link names")
    if info is not None and not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "is read-only; pmlint does not replace read-only files (make it writable first)"
    if root is not None:
        real_root = os.path.realpath(root)
        lexical = os.path.abspath(path)
        real = os.path.join(os.path.realpath(os.path.dirname(lexical)), os.path.basename(lexical))
        if _inside(lexical, os.path.abspath(root)) and not _inside(real, real_root):
            return f"its folder is a link to {os.path.dirname(real)}, outside {root}; pmlint writes only inside it"
    return None


def check_writable(path: Path, root: Path | None = None) -> None:
    """Raise :class:`WriteRefused` when :func:`write_refusal` gives a reason."""
    reason = write_refusal(path, root)
    if reason is not None:
        raise WriteRefused(path, reason)


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(mask)
    return mask


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a pipe, socket, device or folder raises OSError at once.

    Opened non-blocking, so a named pipe given as a configuration, baseline or
    template cannot hang the command waiting for a writer.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a folder, pipe, socket or device)", str(path))
        os.set_blocking(handle, True)
        with os.fdopen(os.dup(handle), "rb") as stream:
            return stream.read()
    finally:
        os.close(handle)


def line_end_style(text: str) -> str:
    """The line end most lines of ``text`` use (``\n`` when it has none): what an edit inserts,
    so a CR-only file stays CR-only and one CRLF line in an LF file does not win."""
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=lambda end: counts[end])  # ties keep the first: "\n"


def _stage(path: Path, data: bytes) -> Path:
    import tempfile  # only when writing: a check with a configuration file reads through this module

    folder = path.parent
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # an existing file keeps its mode; a new one gets what open() would give (not mkstemp's 0600)
        os.chmod(name, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def atomic_write(path: Path, data: bytes, *, expected: bytes | None = None, root: Path | None = None) -> None:
    """Replace ``path`` with ``data`` atomically (same-folder temp + rename).

    With ``expected``, only if the file still holds exactly those bytes.
    """
    write_all({path: data}, {} if expected is None else {path: expected}, root)


def write_all(files: Mapping[Path, bytes], expected: Mapping[Path, bytes | None] | None = None,
              root: Path | None = None) -> None:
    """Stage every file first, then rename each into place (see the module doc).

    ``expected`` maps a path to the bytes it was read with (None: it did not
    exist); if one no longer holds them, :class:`ChangedOnDisk` is raised and no
    file is changed. Raises :class:`WriteRefused` before writing anything when a
    target must not be written (see :func:`write_refusal`).
    """
    for path in files:
        check_writable(path, root)
    for folder in {path.parent for path in files}:
        sweep_leftovers(folder)
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            staged[path] = _stage(path, data)
    except BaseException:
        _discard(staged.values())
        raise
    if os.environ.get(CRASH_AFTER_STAGE) == "1":
        os._exit(CRASH_EXIT_CODE)  # test hook: "crash" between staging and renaming
    with _signals_held():
        _commit(staged, expected or {})


def _commit(staged: Mapping[Path, Path], expected: Mapping[Path, bytes | None]) -> None:
    """Move every temp into place; on failure put back the files already replaced."""
    done: list[tuple[Path, _Undo]] = []
    pending = dict(staged)
    try:
        for path, temp in staged.items():
            done.append((path, _put(path, temp, expected)))
            del pending[path]
    except BaseException:
        for path, undo in reversed(done):
            _restore(path, undo)
        _discard(pending.values())
        raise
    finally:
        _discard(undo.old for _, undo in done if undo.old is not None)
    for folder in {path.parent for path in staged}:
        _sync_folder(folder)


class _Undo(NamedTuple):
    """How to take one rename back: the old file's current name, or that the file is new."""

    old: Path | None = None
    created: bool = False


def _put(path: Path, temp: Path, expected: Mapping[Path, bytes | None]) -> _Undo:
    """Move ``temp`` to ``path``, first checking ``path`` still holds what was read."""
    if path not in expected:
        return _replace(temp, path, _Undo(_keep_old(path), created=not os.path.lexists(path)))
    want = expected[path]
    if want is None:  # a new file: a hard link fails rather than replace a file made meanwhile
        try:
            os.link(temp, path)
        except FileExistsError:
            raise ChangedOnDisk(path) from None
        except OSError:  # no hard links here: check, then rename
            if os.path.lexists(path):
                raise ChangedOnDisk(path) from None
            os.replace(temp, path)
            return _Undo(created=True)
        _discard([temp])
        return _Undo(created=True)
    try:
        exchanged = _exchange(temp, path)
    except FileNotFoundError:  # removed meanwhile
        raise ChangedOnDisk(path) from None
    if exchanged:  # one step: what was swapped out is exactly what was there
        if _read_or_none(temp) != want:
            _exchange(temp, path)  # put their version back
            raise ChangedOnDisk(path)
        return _Undo(temp)
    if _read_or_none(path) != want:
        raise ChangedOnDisk(path)
    return _replace(temp, path, _Undo(_keep_old(path)))


def _replace(temp: Path, path: Path, undo: _Undo) -> _Undo:
    try:
        os.replace(temp, path)
    except BaseException:
        _discard([undo.old] if undo.old is not None else [])
        raise
    return undo


def _read_or_none(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError:
        return None


_renameat2: Callable[..., int] | None = None


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names atomically (Linux ``renameat2``); False where that is not available."""
    global _renameat2
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    if _renameat2 is None:
        _renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) or (lambda *_: -2)
    result = _renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if result == -2:  # no renameat2 in this C library
        return False
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    if code == errno.ENOENT:
        raise FileNotFoundError(code, os.strerror(code), str(second))
    raise OSError(code, os.strerror(code), str(second))


def _keep_old(path: Path) -> Path | None:
    """A hard link to the current file, to put it back if the batch fails."""
    if not path.is_file():
        return None
    import tempfile

    handle, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=OLD_SUFFIX, dir=path.parent)
    os.close(handle)
    os.unlink(name)  # mkstemp only reserved a fresh name for the link
    try:
        os.link(path, name)
    except OSError:  # no hard links on this file system: this file cannot be rolled back
        return None
    return Path(name)


def _restore(path: Path, undo: _Undo) -> None:
    """Put the old file back, or remove a file the batch created."""
    with contextlib.suppress(OSError):
        if undo.old is not None:
            os.replace(undo.old, path)
        elif undo.created:
            path.unlink(missing_ok=True)


def _discard(paths: Iterable[Path]) -> None:
    for temp in paths:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Persist the renames themselves (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def sweep_leftovers(folder: Path) -> list[Path]:
    """Remove temp and backup files left in ``folder`` by pmlint processes that died."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            pid = _owner_pid(entry.name)
            if pid is not None and not _alive(pid):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _owner_pid(name: str) -> int | None:
    """The PID in ``.NAME.PID.xxxx.pmlint-tmp`` (or ``.pmlint-old``), else None."""
    if not name.startswith(".") or not name.endswith((TEMP_SUFFIX, OLD_SUFFIX)):
        return None
    parts = name.rsplit(".", 3)  # [".NAME", PID, "xxxx", "pmlint-tmp"]
    return int(parts[1]) if len(parts) == 4 and parts[1].isdigit() else None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    import signal  # only when writing

    held: list[int] = []
    previous = {number: signal.signal(number, lambda sig, _frame: held.append(sig))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        for caught in dict.fromkeys(held):
            os.kill(os.getpid(), caught)  # delivered now, through the restored handler
