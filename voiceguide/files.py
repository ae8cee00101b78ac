"""Writing files so that a crash never leaves half a file, or half a group of files, in place.

Every partial file and scratch folder carries its writer's pid in its name, so a later run
can tell the leftovers of a killed run (pid gone) from the work of a live one.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import MachineError, UserError, VoiceguideError
from .userfiles import is_too_long, too_long

# Read once: os.umask can only be read by setting it, which would race between build threads.
_UMASK = os.umask(0o022)
os.umask(_UMASK)

# `.NAME.<pid>.<random>.part.EXT`, as `Outputs.file` names them.
PARTIAL_FILE = re.compile(r"\..+\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.part(\.[A-Za-z0-9]+)?")
# `voiceguide-<pid>-<random>` in the temporary folder, as `scratch_folder` names them.
SCRATCH_FOLDER = re.compile(r"voiceguide-(?P<pid>\d+)-[A-Za-z0-9_]+")
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def disk_full(folder: Path) -> MachineError:
    """The one error for a full disk (or quota), naming where it struck."""
    return MachineError(f"the disk holding {folder} is full; free some space and run again")


def is_disk_full(err: BaseException) -> bool:
    """Whether `err`, or an error it wraps (mutagen wraps OSError), is a full disk."""
    seen: BaseException | None = err
    for _ in range(8):  # a chain is short; the bound guards against a hand-made cycle
        if seen is None:
            break
        if isinstance(seen, OSError) and seen.errno in _DISK_FULL:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def remove_stale(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Remove the entries of `folder` whose whole name matches `pattern` and whose writer,
    the pid in the pattern's `pid` group, has ended; return what was removed.

    For leftovers of killed runs: partial outputs, scratch folders, the clip cache's
    `.tmp` files (call it once per cache subfolder). Entries of live processes stay.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no folder yet, or not ours to read: nothing to clean
        return []
    removed = []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:  # removed by another run meanwhile, or not ours to remove
            continue
        removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    """Whether process `pid` may still be running; when unsure, yes (its file is kept)."""
    if os.name == "nt" or pid <= 0:
        # Windows: os.kill(pid, 0) would send Ctrl-C. Pids <= 0 name process groups.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # PermissionError: another user's live process
        return True
    return True


def scratch_folder() -> tempfile.TemporaryDirectory[str]:
    """A private scratch folder for one build, after removing those of killed builds."""
    temp_root = Path(tempfile.gettempdir())
    remove_stale(temp_root, SCRATCH_FOLDER)
    return tempfile.TemporaryDirectory(prefix=f"voiceguide-{os.getpid()}-")


class Outputs:
    """Files that are replaced together: each is written to a temporary file beside its
    target, and only when all are complete do they replace their targets, in the order
    they were added. Use through `output_group`."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []  # (temporary file, target)
        self._cleaned: set[Path] = set()

    def file(self, path: Path) -> Path:
        """A new empty temporary file beside `path`; it replaces `path` on commit."""
        path = Path(path)
        _refuse_folder(path)
        if path.parent not in self._cleaned:  # what killed writers left in this folder
            remove_stale(path.parent, PARTIAL_FILE)
            self._cleaned.add(path.parent)
        temp = _reserve(path)
        self._pending.append((temp, path))
        return temp

    def text(self, path: Path, text: str) -> None:
        """`text` as UTF-8, to replace `path` on commit."""
        temp = self.file(path)
        temp.write_text(text, encoding="utf-8")

    def folder(self) -> Path | None:
        """Where the group writes (its last target's folder), for error messages."""
        return self._pending[-1][1].parent if self._pending else None

    def commit(self) -> None:
        """Replace every target by its complete temporary file, in the order added."""
        # Renames need no new data space, so once every temporary file is complete only a
        # target turned into a folder meanwhile can stop this; checked again just before.
        for _, path in self._pending:
            _refuse_folder(path)
        for temp, path in self._pending:
            os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a finished file is ordinary
            os.replace(temp, path)
        self._pending = []

    def discard(self) -> None:
        """Remove the temporary files not committed."""
        for temp, _ in self._pending:
            temp.unlink(missing_ok=True)
        self._pending = []


@contextlib.contextmanager
def output_group() -> Iterator[Outputs]:
    """Collect outputs in the block; if it completes they all replace their targets, if it
    fails (or is interrupted) none does and no temporary file is left."""
    group = Outputs()
    try:
        yield group
        group.commit()
    except Exception as err:  # mutagen wraps OSError in its own error: see is_disk_full
        folder = group.folder()
        if folder is not None and not isinstance(err, VoiceguideError) and is_disk_full(err):
            raise disk_full(folder) from None
        raise
    finally:
        group.discard()


def write_text(path: Path, text: str) -> None:
    """Replace a text file atomically."""
    with output_group() as group:
        group.text(path, text)


def read_number(path: Path, low: float, high: float) -> float | None:
    """A number remembered in `path`, if the file holds one plain finite number from `low`
    to `high`; anything else (damage, `inf`, `nan`, a folder, a FIFO) reads as nothing."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO planted there never blocks
        try:
            text = os.read(fd, 64) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
        value = float(text.decode("ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return value if math.isfinite(value) and low <= value <= high else None


def remember_number(path: Path, value: float) -> None:
    """Write `value` to `path` if the disk lets us: a cache that cannot be written costs a
    measurement next time, never the build."""
    with contextlib.suppress(OSError, VoiceguideError):
        write_text(path, f"{value}\n")


def refuse_linked_folder(folder: Path) -> None:
    """Refuse a folder voiceguide names inside the output folder (a split routine's, a
    programme's) when it is a symbolic link: its tracks are written, and old ones removed,
    in a real folder there, never through a link to somewhere else. The output folder
    itself (-o) is the person's to point anywhere."""
    try:
        linked = folder.is_symlink()
    except OSError as err:
        if is_too_long(err):
            raise too_long(folder) from None
        raise
    if linked:
        raise UserError(
            f"{folder} is a symbolic link, and voiceguide writes {folder.name} only as a real "
            "folder; remove the link, or choose another output folder with -o"
        )


def _refuse_folder(path: Path) -> None:
    try:
        taken = path.is_dir()
    except OSError as err:  # a path too long to look at is refused with what to shorten
        if is_too_long(err):
            raise too_long(path) from None
        raise
    if taken:
        raise UserError(
            f"cannot write {path}: a folder has that name; "
            "move the folder away or choose another output folder with -o"
        )


def _reserve(path: Path) -> Path:
    """Create an empty `.NAME.<pid>.<random>.part.EXT` beside `path` (see PARTIAL_FILE)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # The stem cut short: a name that fits the system must still fit with the
        # temporary decoration (about 30 characters) around it.
        handle, name = tempfile.mkstemp(
            prefix=f".{_short(path.stem)}.{os.getpid()}.",
            suffix=f".part{path.suffix}",
            dir=path.parent,
        )
        os.close(handle)
    except OSError as err:
        if err.errno in _DISK_FULL:
            raise disk_full(path.parent) from None
        if is_too_long(err):
            raise too_long(path) from None
        raise UserError(
            f"cannot write to {path.parent}: {err.strerror}; choose another folder with -o"
        ) from None
    return Path(name)


def _short(stem: str, room: int = 100) -> str:
    """`stem`, cut to at most `room` bytes of the file system's encoding, whole characters."""
    while len(os.fsencode(stem)) > room:
        stem = stem[:-1]
    return stem


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens: safe as a file name and an option value."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "routine"
