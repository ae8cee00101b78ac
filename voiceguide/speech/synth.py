"""Make sure every phrase of a script has a clip, synthesising only what the cache lacks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import MachineError
from .cache import ClipCache
from .engine import SpeechEngine


def speak_all(
    texts: Iterable[str],
    *,
    cache: ClipCache,
    engine: SpeechEngine,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, Path], int]:
    """Clips for each distinct text, and how many were synthesised now.

    Engines start their work lazily, so a warm cache never starts the speech engine.
    """
    unique = list(dict.fromkeys(texts))
    clips: dict[str, Path] = {}
    missing = []
    for text in unique:
        found = cache.get(text)
        if found:
            clips[text] = found
        else:
            missing.append(text)
    if not missing:
        return clips, 0
    try:
        for done, text in enumerate(missing, 1):
            clips[text] = _speak_one(engine, cache, text)
            if progress:
                progress(done, len(missing))
    finally:
        engine.close()
    return clips, len(missing)


def _speak_one(engine: SpeechEngine, cache: ClipCache, text: str, attempts: int = 2) -> Path:
    """One phrase into the cache. pyttsx3 now and then ends a phrase without audio, so an
    empty result is tried once more before it counts as a failure."""
    for attempt in range(attempts):
        temp = cache.temp_path(text)
        try:
            engine.synthesize(text, temp)
            if temp.is_file() and temp.stat().st_size > 44:
                return cache.commit(text, temp)
        finally:
            temp.unlink(missing_ok=True)
        if attempt + 1 == attempts:
            break
    raise MachineError(f"the speech engine produced no audio for {text!r}; run again")
