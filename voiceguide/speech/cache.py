"""Clips on disk, named by a hash of everything that changes their sound."""

from __future__ import annotations

import hashlib
import os
import uuid
import wave
from pathlib import Path

import platformdirs

CACHE_FORMAT = 1  # bump when the way clips are made changes


def default_cache_dir() -> Path:
    """$VOICEGUIDE_CACHE, else the user's cache folder (~/.cache/voiceguide on Linux)."""
    override = os.environ.get("VOICEGUIDE_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("voiceguide")) / "clips"


class ClipCache:
    """Maps (engine identity, text) to a WAV file; entries appear only when complete."""

    def __init__(self, folder: Path, identity: str) -> None:
        self.folder, self.identity = Path(folder), identity

    def path_for(self, text: str) -> Path:
        key = hashlib.sha256(f"{CACHE_FORMAT}\0{self.identity}\0{text}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key[:32]}.wav"

    def get(self, text: str) -> Path | None:
        """The cached clip if it is there and readable as WAV, else None."""
        path = self.path_for(text)
        try:
            with wave.open(str(path), "rb") as clip:
                expected = clip.getnframes() * clip.getsampwidth() * clip.getnchannels()
            with path.open("rb") as raw:
                data_start = raw.read(512).find(b"data") + 8  # where the samples begin
            # A clip cut short (disk trouble, a copy gone wrong) is made again, never used.
            if expected > 0 and data_start >= 8 and path.stat().st_size >= data_start + expected:
                return path
        except (OSError, EOFError, wave.Error):
            pass
        return None

    def frames(self, text: str) -> tuple[int, int] | None:
        """(frames, frame rate) of a cached clip, read from its header only."""
        path = self.get(text)
        if path is None:
            return None
        with wave.open(str(path), "rb") as clip:
            return clip.getnframes(), clip.getframerate()

    def temp_path(self, text: str) -> Path:
        """Where a new clip is written before `commit` moves it into place."""
        final = self.path_for(text)
        final.parent.mkdir(parents=True, exist_ok=True)
        # Unique per call: two builds (processes or --jobs threads) may make the same phrase.
        return final.with_suffix(f".{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp")

    def commit(self, text: str, temp: Path) -> Path:
        final = self.path_for(text)
        os.replace(temp, final)  # atomic: readers see the old state or the whole clip
        return final
