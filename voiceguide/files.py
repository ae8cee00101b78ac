"""Writing files so that a crash never leaves half a file under the final name."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import UserError

# Read once: os.umask can only be read by setting it, which would race between build threads.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one step."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=f".part{path.suffix}", dir=path.parent
        )
        os.close(handle)
    except OSError as err:
        raise UserError(
            f"cannot write to {path.parent}: {err.strerror}; choose another folder with -o"
        ) from None
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a finished file is an ordinary one
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Replace a text file atomically."""
    with atomic_output(path) as temp:
        temp.write_text(text, encoding="utf-8")
