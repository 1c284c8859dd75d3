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

Test hook: with ``PMLINT_TEST_CRASH_AFTER_STAGE=1`` in the environment, a
write ends the process with ``os._exit(70)`` after staging every temp file
and before any rename (used by tests/test_atomic.py; never set it otherwise).
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

TEMP_SUFFIX = ".pmlint-tmp"
OLD_SUFFIX = ".pmlint-old"
CRASH_AFTER_STAGE = "PMLINT_TEST_CRASH_AFTER_STAGE"
CRASH_EXIT_CODE = 70
_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _stage(path: Path, data: bytes) -> Path:
    folder = path.parent
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(name, path.stat().st_mode & 0o7777)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (same-folder temp + rename)."""
    write_all({path: data})


def write_all(files: Mapping[Path, bytes]) -> None:
    """Stage every file first, then rename each into place (see the module doc)."""
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
        _commit(staged)


def _commit(staged: Mapping[Path, Path]) -> None:
    """Rename every temp into place; on failure restore the files already replaced."""
    backups = {path: _keep_old(path) for path in staged}
    existed = {path: path.exists() for path in staged}
    renamed: list[Path] = []
    try:
        for path, temp in staged.items():
            os.replace(temp, path)
            renamed.append(path)
    except BaseException:
        for path in renamed:
            _restore(path, backups[path], existed[path])
        _discard(temp for path, temp in staged.items() if path not in renamed)
        raise
    finally:
        _discard(old for old in backups.values() if old is not None)
    for folder in {path.parent for path in staged}:
        _sync_folder(folder)


def _keep_old(path: Path) -> Path | None:
    """A hard link to the current file, to put it back if the batch fails."""
    if not path.is_file():
        return None
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=OLD_SUFFIX, dir=path.parent)
    os.close(handle)
    os.unlink(name)  # mkstemp only reserved a fresh name for the link
    try:
        os.link(path, name)
    except OSError:  # no hard links on this file system: this file cannot be rolled back
        return None
    return Path(name)


def _restore(path: Path, old: Path | None, existed: bool) -> None:
    with contextlib.suppress(OSError):
        if old is not None:
            os.replace(old, path)
        elif not existed:
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
    held: list[int] = []
    previous = {number: signal.signal(number, lambda sig, _frame: held.append(sig))
                for number in _HELD_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        for caught in dict.fromkeys(held):
            os.kill(os.getpid(), caught)  # delivered now, through the restored handler
