"""Clips on disk, named by a hash of everything that changes their sound.

An entry is trusted only after it is read whole and passes the same checks as a new clip:
its header must be exactly what the cache writes, its length must fit its text, and its
samples must sound like speech. Anything else is spoken again.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import struct
import uuid
from pathlib import Path

import platformdirs

# Bump when the way clips are made changes (2: one fresh espeak per phrase; 3: every clip
# peaks at least 1 dB below full scale, checks.with_headroom).
CACHE_FORMAT = 3
HEADER_BYTES = 44  # a canonical PCM WAV header, as Python's wave module writes it
MAX_CLIP_SECONDS = 120  # a line is at most 400 characters: about 40 s at the slowest rate
# `<key>.<pid>.<random>.tmp`, as `ClipCache.temp_path` names them.
TEMP_CLIP = re.compile(r"[0-9a-f]{32}\.(?P<pid>\d+)\.[0-9a-f]{12}\.tmp")


class BadClip(Exception):
    """A clip file that is not what the cache writes."""


def default_cache_dir() -> Path:
    """$VOICEGUIDE_CACHE, else the user's cache folder (~/.cache/voiceguide on Linux)."""
    override = os.environ.get("VOICEGUIDE_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("voiceguide")) / "clips"


def _expected_header(frames: int, rate: int) -> bytes:
    data = frames * 2
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF", 36 + data, b"WAVE", b"fmt ", 16, 1, 1, rate, rate * 2, 2, 16, b"data", data,
    )  # fmt: skip


def _open_regular(path: Path) -> int:
    """A descriptor for `path` if it is a regular file; never blocks on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise BadClip(f"{path} is not a regular file")
    return fd


def read_header(path: Path, rate: int) -> int:
    """The frame count of a clip file whose header and size are exactly what the cache writes."""
    fd = _open_regular(path)
    try:
        header = os.pread(fd, HEADER_BYTES, 0)
        size = os.fstat(fd).st_size
    finally:
        os.close(fd)
    return _frames_from(header, size, rate)


def _frames_from(header: bytes, size: int, rate: int) -> int:
    if len(header) < HEADER_BYTES:
        raise BadClip("too short for a WAV header")
    frames = struct.unpack_from("<I", header, 40)[0] // 2
    if frames == 0 or frames > MAX_CLIP_SECONDS * rate:
        raise BadClip(f"{frames} frames is no plausible length")
    if header != _expected_header(frames, rate) or size != HEADER_BYTES + frames * 2:
        raise BadClip("not a 16-bit mono WAV at the engine's rate, or cut short")
    return frames


def read_clip(path: Path, rate: int) -> bytes:
    """The samples of a clip file the cache wrote (16-bit mono at `rate`), or BadClip."""
    fd = _open_regular(path)
    try:
        size = os.fstat(fd).st_size
        frames = _frames_from(os.pread(fd, HEADER_BYTES, 0), size, rate)
        pcm = os.pread(fd, frames * 2, HEADER_BYTES)
    finally:
        os.close(fd)
    if len(pcm) != frames * 2:
        raise BadClip("cut short while reading")
    return pcm


class ClipCache:
    """Maps (engine identity, text) to a WAV file; entries appear only when complete."""

    def __init__(self, folder: Path, identity: str, rate: int = 22050) -> None:
        self.folder, self.identity, self.rate = Path(folder), identity, rate

    def path_for(self, text: str) -> Path:
        key = hashlib.sha256(f"{CACHE_FORMAT}\0{self.identity}\0{text}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key[:32]}.wav"

    def read(self, text: str) -> bytes | None:
        """The cached clip's samples, or None when it is missing or not what we wrote."""
        try:
            return read_clip(self.path_for(text), self.rate)
        except (OSError, BadClip):
            return None

    def frames(self, text: str) -> int | None:
        """The length of a cached clip, read from its header only (for estimates)."""
        try:
            return read_header(self.path_for(text), self.rate)
        except (OSError, BadClip):
            return None

    def temp_path(self, text: str) -> Path:
        """A new, empty file where a clip is written before `commit` moves it into place.

        Made here, so a cache that cannot be written shows it (OSError) before any
        engine is asked to speak."""
        final = self.path_for(text)
        final.parent.mkdir(parents=True, exist_ok=True)
        # Unique per call, and carrying our pid so a later build can remove it if we die.
        temp = final.with_suffix(f".{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp")
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        return temp

    def remove_stale_temps(self) -> int:
        """Remove clips half-written by builds that were killed (their pid is gone)."""
        from ..files import remove_stale

        try:
            folders = [e.path for e in os.scandir(self.folder) if e.is_dir(follow_symlinks=False)]
        except OSError:
            return 0
        return sum(len(remove_stale(Path(folder), TEMP_CLIP)) for folder in folders)

    def commit(self, text: str, temp: Path) -> Path:
        final = self.path_for(text)
        os.replace(temp, final)  # atomic: readers see the old state or the whole clip
        return final
