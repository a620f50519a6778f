"""Writing a user's file: the one guarded path that every write of ours goes through.

``--fix``, ``--stdin``'s neighbours, export, ``migrate``, the baseline, the editor's saves, the
images it puts into a site and its settings all call ``write_atomic``. Before anything is
replaced it checks that

- the file is still what the caller read (``expect``): a change by another program is never
  overwritten with text computed from the old version (``WriteConflict``);
- a symbolic link is followed: its target is written and the link stays a link;
- the file is writable: a read-only file is refused, never replaced by a rename;
- with ``within``, the path (after resolving every symbolic link) lies inside that folder;
- with ``exclusive``, nothing is there yet, not even a dangling link.

A file that only grows (the ``--cache`` file) may instead be appended to, by
``append_if_unchanged``: only to the very file the caller read (same device and inode, not
shorter), never through a link in its place and never to a read-only file, under an exclusive
lock, and cut back to its old length if the write fails.

The new bytes go to a temporary file beside the target, are flushed to disk and renamed over
it, so a reader sees the old or the new file, never half of one. The new file gets the old
one's mode and owner. Where a rename would break what the file is (a hard link, an owner we
cannot give the new file, a folder we may not create files in) the file is rewritten in
place instead: the old bytes are kept in memory and in a backup beside it until the new ones
are on disk, and are put back if the write fails.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable

from .textio import ReadError, read_regular_file


class WriteError(OSError):
    """A write that did not happen (the file is as it was); the message is one line naming the file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class WriteConflict(WriteError):
    """The file is no longer what the caller read: another program changed, moved or deleted it."""


_DIFFERENT = object()


def write_atomic(
    path: str | os.PathLike,
    data: bytes,
    *,
    expect: bytes | Iterable[bytes | None] | None = None,
    exclusive: bool = False,
    within: str | os.PathLike | None = None,
    parents: bool = False,
    private: bool = False,
) -> None:
    """Replace the file at ``path`` (its target, for a symbolic link) with ``data``, guarded.

    ``expect``: the bytes the caller read, or several acceptable versions (``None`` among them:
    the file may also be missing); anything else on disk raises ``WriteConflict``.
    ``exclusive``: refuse if anything exists at ``path``. ``within``: refuse unless the real
    path lies inside that folder. ``parents``: create missing folders (inside ``within``).
    ``private``: the file written is readable by its owner only (0600), whatever the umask or
    the mode of the file it replaces.
    Raises ``WriteError`` (an ``OSError``) with a one-line message; nothing is written then.
    """
    name = os.fspath(path)
    accepted = _accepted(expect)
    real = _real_path(name)
    base = os.path.realpath(os.fspath(within)) if within is not None else None
    if base is not None:
        _check_inside(name, real, base, within)
    if exclusive and (os.path.lexists(name) or os.path.lexists(real)):
        raise WriteError(f"{name}: already exists; not written")
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        if not parents:
            raise WriteError(f"{name}: the folder {folder} does not exist; not written")
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise WriteError(f"{name}: cannot create the folder {folder}: {exc.strerror or exc}") from None
        real = _real_path(name)  # what was just created may have been swapped for a link
        if base is not None:
            _check_inside(name, real, base, within)
        folder = os.path.dirname(real)
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(f"{name}: cannot write: {exc.strerror or exc}") from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise WriteError(f"{name}: not a regular file; not written")
        if _read_only(real, st):
            raise WriteError(f"{name}: the file is read-only; not written")
    elif accepted is not None and None not in accepted:
        raise WriteConflict(f"{name}: deleted or moved by another program since it was read; not written")
    if st is not None and (st.st_nlink > 1 or not _can_give_owner(st)):
        _write_in_place(name, real, data, accepted)
        return
    try:
        _write_by_rename(name, real, folder, data, st, accepted, exclusive, private)
    except _CannotCreateBeside:
        if st is None:
            raise WriteError(f"{name}: cannot create files in {folder}; not written") from None
        _write_in_place(name, real, data, accepted)


def append_if_unchanged(
    path: str | os.PathLike, data_at: Callable[[int], bytes], *, identity: tuple[int, int], size: int
) -> bool:
    """Append ``data_at(end)`` at the end of the file at ``path``, if it is still the file the
    caller read: ``identity`` is its (device, inode), ``size`` its length then (it may have grown).

    ``data_at`` gets the offset the data will start at. Returns False, writing nothing, when the
    file is not that one any more (replaced, shortened), is read-only or cannot be opened: the
    caller then rewrites it with ``write_atomic``. Raises ``WriteError`` if the write fails; the
    file is cut back to its old length first.
    """
    name = os.fspath(path)
    real = _real_path(name)  # the file a link leads to, opened below without following any more
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError:
        return False
    try:
        _lock_exclusive(fd)  # released by closing
        st = os.fstat(fd)
        if (
            (st.st_dev, st.st_ino) != identity
            or st.st_size < size
            or not stat.S_ISREG(st.st_mode)
            or _read_only(real, st)
        ):
            return False
        end = st.st_size
        try:
            os.lseek(fd, end, os.SEEK_SET)
            _write_all(fd, data_at(end))
            os.fsync(fd)
        except OSError as exc:
            try:
                os.ftruncate(fd, end)  # leave the file as it was
            except OSError:
                pass
            raise WriteError(f"{name}: cannot write: {exc.strerror or exc}") from None
        return True
    finally:
        os.close(fd)


def _lock_exclusive(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows, where callers do not append
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _accepted(expect) -> tuple | None:
    if expect is None:
        return None
    if isinstance(expect, (bytes, bytearray, memoryview)):
        return (bytes(expect),)
    return tuple(expect)


def _real_path(name: str) -> str:
    try:
        os.stat(name)
    except FileNotFoundError:
        pass  # a new file, or a link to one that does not exist yet
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WriteError(f"{name}: a loop of symbolic links; not written") from None
    return os.path.realpath(name)


def _check_inside(name: str, real: str, base: str, within) -> None:
    try:
        inside = os.path.commonpath([real, base]) == base
    except ValueError:  # another drive
        inside = False
    if not inside:
        raise WriteError(f"{name}: outside {os.fspath(within)} (it leads to {real}); not written")


def _read_only(real: str, st: os.stat_result) -> bool:
    # No write permission bit at all counts even for an administrator, whom access() lets through.
    return not (st.st_mode & 0o222) or not os.access(real, os.W_OK)


def _can_give_owner(st: os.stat_result) -> bool:
    """A new file made by this process can be given ``st``'s owner and group."""
    if os.name != "posix":
        return True
    if os.geteuid() == 0:
        return True
    return st.st_uid == os.geteuid() and (st.st_gid == os.getegid() or st.st_gid in os.getgroups())


def _unchanged(real: str, accepted: tuple) -> bool:
    limit = max((len(a) for a in accepted if a is not None), default=0) + 1
    now: object
    try:
        now = read_regular_file(real, limit)
    except ReadError:
        now = None if not os.path.lexists(real) else _DIFFERENT
    return any(now == a if a is not None else now is None for a in accepted)


class _CannotCreateBeside(Exception):
    pass


def _open_beside(real: str, suffix: str, mode: int) -> tuple[int, str]:
    folder, base = os.path.split(real)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{base}.{os.urandom(4).hex()}{suffix}")
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise _CannotCreateBeside() from None
            raise WriteError(f"{real}: cannot create a temporary file beside it: {exc.strerror or exc}") from None
    raise _CannotCreateBeside()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_by_rename(
    name: str,
    real: str,
    folder: str,
    data: bytes,
    st: os.stat_result | None,
    accepted,
    exclusive: bool,
    private: bool = False,
) -> None:
    # A new file gets the mode the umask gives; a replaced one is created private and given
    # the old file's owner and mode once its bytes are written (a private file stays 0600).
    fd, tmp = _open_beside(real, ".tmp", 0o600 if st is not None or private else 0o666)
    try:
        try:
            _write_all(fd, data)
            if st is not None:
                if os.name == "posix" and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                    os.fchown(fd, st.st_uid, st.st_gid)
                if private:
                    pass  # stays 0600, whatever the file it replaces allowed
                elif hasattr(os, "fchmod"):
                    os.fchmod(fd, stat.S_IMODE(st.st_mode))
                else:  # pragma: no cover - Windows
                    os.chmod(tmp, stat.S_IMODE(st.st_mode))
            os.fsync(fd)
        finally:
            os.close(fd)
        if accepted is not None and not _unchanged(real, accepted):
            raise WriteConflict(f"{name}: changed by another program since it was read; not written")
        if exclusive:
            _link_new(name, tmp, real)
        else:
            os.replace(tmp, real)
        _fsync_folder(folder)
    except WriteError:
        _remove(tmp)
        raise
    except OSError as exc:
        _remove(tmp)
        raise WriteError(f"{name}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise


def _link_new(name: str, tmp: str, real: str) -> None:
    """Put ``tmp`` at ``real`` only if nothing is there (a link cannot replace)."""
    try:
        os.link(tmp, real)
    except FileExistsError:
        raise WriteError(f"{name}: already exists; not written") from None
    except OSError:  # a file system without hard links
        if os.path.lexists(real):
            raise WriteError(f"{name}: already exists; not written") from None
        os.replace(tmp, real)
        return
    _remove(tmp)


def _write_in_place(name: str, real: str, data: bytes, accepted) -> None:
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise WriteError(f"{name}: cannot write: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise WriteError(f"{name}: not a regular file; not written")
        old = _read_all(fd)
        if accepted is not None and old not in [a for a in accepted if a is not None]:
            raise WriteConflict(f"{name}: changed by another program since it was read; not written")
        backup = _backup(real, old)
        try:
            _overwrite(fd, data)
        except BaseException as exc:  # put the old bytes back, whatever stopped the write
            try:
                _overwrite(fd, old)
            except OSError:
                where = f"; the previous version is in {backup}" if backup else ""
                raise WriteError(f"{name}: the write failed half-way and could not be undone{where}") from None
            _remove(backup)
            if isinstance(exc, OSError):
                raise WriteError(f"{name}: cannot write: {exc.strerror or exc}; the file is unchanged") from None
            raise
        _remove(backup)
    except OSError as exc:
        if isinstance(exc, WriteError):
            raise
        raise WriteError(f"{name}: cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _overwrite(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    _write_all(fd, data)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _backup(real: str, old: bytes) -> str | None:
    """A complete copy of the old bytes beside the file while it is rewritten in place, so a
    crash half-way leaves the old version on disk; None where no file can be created there."""
    try:
        fd, path = _open_beside(real, ".bak", 0o600)
    except (_CannotCreateBeside, OSError):
        return None
    try:
        _write_all(fd, old)
        os.fsync(fd)
    except OSError:
        os.close(fd)
        _remove(path)
        return None
    os.close(fd)
    return path


def _remove(path: str | None) -> None:
    if path:
        try:
            os.unlink(path)
        except OSError:
            pass


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
