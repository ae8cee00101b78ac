"""The clips of one build, held in a scratch file rather than in memory.

Each clip is written once, after it passed its checks, and read back by position when a
stage needs it, so memory stays bounded by the longest clip however much is said, and a
cache folder removed mid-build cannot take clips away from the build.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path


class ClipStore(Mapping[str, bytes]):
    """text -> 16-bit mono PCM at `rate`, kept in one scratch file."""

    def __init__(self, folder: Path, rate: int, name: str = "speech.pcm") -> None:
        self.rate = rate
        self.path = Path(folder) / name
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        self._where: dict[str, tuple[int, int]] = {}
        self._end = 0
        self._lock = threading.Lock()

    def add(self, text: str, pcm: bytes, *, replace: bool = False) -> None:
        with self._lock:
            if text in self._where and not replace:
                return
            written = os.pwrite(self._fd, pcm, self._end)
            if written != len(pcm):
                raise OSError(28, "No space left on device", str(self.path))
            self._where[text] = (self._end, len(pcm))
            self._end += len(pcm)

    def frames(self, text: str) -> int:
        return self._where[text][1] // 2

    def __getitem__(self, text: str) -> bytes:
        start, size = self._where[text]
        return os.pread(self._fd, size, start)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
