"""Writing files so that nothing a user had is lost: a new file appears whole or not at all.

- `atomic_write` writes a temporary file beside the target and renames it over the target. The
  temporary file is named `.<name>.<pid>-<random>.tmp`, so that one left by a build that was killed
  (its process is gone) is recognised and removed by the next write of the same file.
- The new file keeps the old one's permission bits (a 0600 deck stays 0600) and, where allowed, its owner.
- `deck_lock` keeps two builds from writing one deck at the same time.
- `cache_dir` is where cards keeps what it can always make again (the user cache folder).
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from cards.errors import DeckInUseError, shown

OLD_TEMP_AGE = 3600  # seconds: a temporary file of the former naming (no process id) older than this is stale


CACHE_DIR_VARIABLE = "CARDS_CACHE_DIR"


def cache_dir() -> Path:
    """Where cards keeps rebuildable data: $CARDS_CACHE_DIR when set (on every platform: the tests set
    it), else the platform's user cache folder for cards ($XDG_CACHE_HOME/cards or ~/.cache/cards on
    Linux, ~/Library/Caches/cards on macOS)."""
    if os.environ.get(CACHE_DIR_VARIABLE):
        return Path(os.environ[CACHE_DIR_VARIABLE])
    from platformdirs import user_cache_path

    return user_cache_path("cards", appauthor=False)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_path(beside: Path, suffix: str = "") -> Path:
    """A new temporary file name beside `beside`: `.<name>.<pid>-<random><suffix>.tmp` (not created)."""
    beside = Path(beside)
    return beside.with_name(f".{beside.name}.{os.getpid()}-{secrets.token_hex(4)}{suffix}.tmp")


def _temp_pattern(path: Path) -> re.Pattern[str]:
    """Temporary files of `path`: group 1 is the writer's process id; no group 1: the former mkstemp naming."""
    return re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)-[0-9a-f]+(?:\.[a-z]+)?|[a-z0-9_]{{8}})\.tmp")


def running(pid: int) -> bool:
    """Is process `pid` alive on this machine? (When it cannot be told, yes: nothing is removed.)"""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def stale_temps(path: Path, now: float | None = None) -> tuple[Path, ...]:
    """Temporary files beside `path` that a killed write left: their process is gone (or, for the former
    naming without a process id, they are older than OLD_TEMP_AGE)."""
    path = Path(path)
    pattern = _temp_pattern(path)
    now = time.time() if now is None else now
    found = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return ()
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if m is None or not entry.is_file(follow_symlinks=False):
            continue
        if m.group(1) is not None:
            stale = not running(int(m.group(1)))
        else:
            try:
                stale = now - entry.stat(follow_symlinks=False).st_mtime > OLD_TEMP_AGE
            except OSError:
                stale = False
        if stale:
            found.append(path.parent / entry.name)
    return tuple(sorted(found))


def remove_stale_temps(path: Path) -> tuple[Path, ...]:
    """Remove the temporary files a killed write of `path` left (see stale_temps); returns those removed."""
    removed = []
    for tmp in stale_temps(path):
        try:
            os.unlink(tmp)
            removed.append(tmp)
        except OSError:
            pass
    return tuple(removed)


def _keep_owner_and_mode(tmp: str, old: os.stat_result | None) -> None:
    """The new file gets the old file's permission bits and (where allowed) owner; a new file the usual
    0666 less the umask."""
    if old is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    try:
        os.chown(tmp, old.st_uid, old.st_gid)
    except (OSError, AttributeError):
        pass
    os.chmod(tmp, stat.S_IMODE(old.st_mode) & 0o777)


def _fsync(name: str, directory: bool = False) -> None:
    try:
        fd = os.open(name, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, write: Callable[[str], object]) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it over `path`.

    A symbolic link is written through (the link stays). The file keeps the old file's permission bits,
    or gets the usual ones (0666 less the umask); a failed or interrupted write leaves the old file as it
    was and no temporary file behind, and temporary files of earlier killed writes are removed."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    try:
        old = os.stat(path)
    except OSError:
        old = None
    tmp = str(temp_path(path))
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        write(tmp)
        _keep_owner_and_mode(tmp, old)
        _fsync(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync(str(path.parent), directory=True)


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see atomic_write)."""
    atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8", newline="\n"))


# ---------------------------------------------------------------- one writer per deck


def lock_path(path: Path) -> Path:
    """The lock file of `path`: `.<name>.lock` beside it. The lock is the operating system's on that file, not
    the file: one left by a killed build holds nothing and goes with the next build."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


_HELD: dict[str, int] = {}  # lock files this process holds → how many times (re-entrant per process, not per thread)


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _holder(lock: Path) -> int | None:
    try:
        text = lock.read_text(encoding="ascii", errors="replace").split()
        return int(text[0]) if text else None
    except (OSError, ValueError):
        return None


@contextmanager
def deck_lock(path: Path) -> Iterator[Path]:
    """Hold the lock of `path` (a deck) for the `with` block; DeckInUseError when another process holds it.

    The operating system holds the lock (flock), so a build that is killed frees it at once: there are no
    stale locks. The lock file is removed when the lock is let go. Re-entrant within one process."""
    lock = lock_path(Path(path).resolve())
    key = str(lock)
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield lock
        finally:
            _HELD[key] -= 1
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            holder = _holder(lock)
            by = f" (process {holder})" if holder else ""
            raise DeckInUseError(f"{shown(path)}: in use by another build{by}. Wait for it to finish, then build again")
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except OSError:
            same = False
        if same:
            break
        os.close(fd)  # the holder before us removed this file as we opened it: lock the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        _HELD[key] = 1
        yield lock
    finally:
        _HELD.pop(key, None)
        try:
            os.unlink(lock)
        except OSError:
            pass
        os.close(fd)
