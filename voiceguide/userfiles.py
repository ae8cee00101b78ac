"""Files the user names: opened once, checked to be a regular file, read with a size cap.

A FIFO would block a plain open() forever and a device like /dev/zero reads without end,
so nothing the user names is read, or handed to ffmpeg, without passing through here.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import UserError

# O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
# O_NOCTTY: a terminal named by mistake never becomes our controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1 << 20


class UserFileError(UserError):
    """A named file that cannot be used; `reason` is the message without the path."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


# What Linux, macOS and Windows (NTFS) allow: a name in a path, and a whole path.
MAX_NAME = 255
MAX_PATH = 4096


def shown_path(path: str | os.PathLike[str], room: int = 80) -> str:
    """`path` as a message shows it: whole when short, else its start and end around '...'."""
    text = os.fspath(path)
    return text if len(text) <= room else f"{text[: room // 2 - 2]}...{text[-(room // 2 - 1) :]}"


def is_too_long(err: BaseException) -> bool:
    """Whether `err` says a path, or a name in it, is longer than the system takes."""
    return isinstance(err, OSError) and err.errno == errno.ENAMETOOLONG


def _longest_name(text: str) -> tuple[str, int]:
    """The name in a path that takes the most bytes (what the system counts), and its bytes."""
    names = text.split(os.sep) or [""]
    sizes = [len(os.fsencode(name)) for name in names]
    index = max(range(len(names)), key=sizes.__getitem__)
    return names[index], sizes[index]


def too_long_reason(path: str | os.PathLike[str]) -> str:
    """Why the system refuses `path` as too long, and what to change: the end of a message."""
    text = os.fspath(path)
    name, size = _longest_name(text)
    if size > MAX_NAME:
        unit = "characters" if name.isascii() else "bytes"
        why = f"a name in it has {size} {unit}, and names may have {MAX_NAME}"
    else:
        why = f"it has {len(os.fsencode(text))} characters, more than this system takes"
    return f"the path is too long ({why}); choose a shorter folder or file name"


def length_problem(path: str | os.PathLike[str]) -> str | None:
    """`too_long_reason` for a path sure to be too long (a name past MAX_NAME bytes, or the
    whole past MAX_PATH), found before anything is written; None for any other path."""
    text = os.fspath(path)
    if _longest_name(text)[1] > MAX_NAME or len(os.fsencode(text)) >= MAX_PATH:
        return too_long_reason(text)
    return None


def too_long(path: str | os.PathLike[str]) -> UserError:
    """The one error for a path the system refuses as too long, saying which part to shorten."""
    return UserError(f"{shown_path(path)}: {too_long_reason(path)}")


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def show_size(size: int) -> str:
    """'50 MB', '700 kB', '12 bytes': sizes read at a glance (a million bytes shows as 1 MB)."""
    if size >= 1_000_000:
        return f"{size / 2**20:.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size} bytes"


def _over(size: int, limit: int) -> str:
    """The size of a file over the limit, never shown as equal to it ("1 MB; at most 1 MB")."""
    shown = show_size(size)
    return f"over {shown}" if shown == show_size(limit) else shown


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is, in the user's words."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def _check_mode(path: Path, mode: int, what: str) -> None:
    kind = _not_regular(mode)
    if kind is not None:
        raise UserFileError(path, f"is {kind}; give {_a(what)} file")


def _open(path: Path, what: str) -> tuple[int, os.stat_result]:
    """A descriptor on the regular file at `path`, and its status, or a UserFileError."""
    try:
        # A stat first, so a device is never even opened (opening some has effects: a tape
        # rewinds, a watchdog arms); the fstat below decides, as the path may change between.
        _check_mode(path, os.stat(path).st_mode, what)
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise UserFileError(path, "no such file") from None
    except OSError as err:
        if is_too_long(err):
            raise UserFileError(Path(shown_path(path)), too_long_reason(path)) from None
        raise UserFileError(path, f"cannot read: {err.strerror}") from None
    try:
        status = os.fstat(fd)
        _check_mode(path, status.st_mode, what)
    except BaseException:
        os.close(fd)
        raise
    return fd, status


def _read_at_most(fd: int, limit: int) -> bytes:
    """Up to limit + 1 bytes: one past the limit is enough to know the file is too big."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_user_file(path: Path, *, what: str, limit: int) -> bytes:
    """The bytes of a regular text file of at most `limit` bytes; `what` names it ("routine")."""
    fd, status = _open(path, what)
    try:
        # The size is checked twice: st_size before reading anything, and the bytes read
        # from this same descriptor, for a file that grows in between.
        size = status.st_size
        if size <= limit:
            raw = _read_at_most(fd, limit)
            size = len(raw)
    except OSError as err:
        raise UserFileError(path, f"cannot read: {err.strerror}") from None
    finally:
        os.close(fd)
    if size > limit:
        raise UserFileError(
            path,
            f"the file is {_over(size, limit)}; {_a(what)} is a small text file (at most {show_size(limit)})",
        )
    return raw


def peek_user_file(path: Path, *, what: str, size: int) -> bytes:
    """The first `size` bytes of a regular file (fewer if it is shorter), to tell its kind."""
    fd, _ = _open(path, what)
    try:
        return os.read(fd, size)
    except OSError as err:
        raise UserFileError(path, f"cannot read: {err.strerror}") from None
    finally:
        os.close(fd)


def check_user_file(path: Path, *, what: str, limit: int) -> os.stat_result:
    """The status of a regular file of at most `limit` bytes, for a program that reads it."""
    fd, status = _open(path, what)
    os.close(fd)
    if status.st_size > limit:
        raise UserFileError(
            path,
            f"the file is {_over(status.st_size, limit)}; {_a(what)} file is at most {show_size(limit)}",
        )
    return status
