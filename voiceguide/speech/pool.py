"""Speaking a build's phrases: which engines, which cache, and where the clips go."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ClipCache, default_cache_dir
from .clips import ClipStore
from .engine import SpeechEngine, Voice
from .engines import make_engine
from .synth import speak_all

MAX_ENGINES = 4  # more would mostly add start-up time: speech is a small share of a build


@dataclass(frozen=True)
class SpeechSettings:
    """How a build speaks: the voice, the clip cache, and how many engines at once."""

    voice: Voice = field(default_factory=Voice)
    cache_dir: Path | None = None  # None: the user's cache folder ($VOICEGUIDE_CACHE)
    use_cache: bool = True  # False: a throwaway cache, nothing read from or left in the real one
    engines: int | None = None  # engines speaking new phrases at once; None: one per core
    timeout: float | None = None  # seconds for one phrase; None: $VOICEGUIDE_SPEECH_TIMEOUT or 30
    engine: SpeechEngine | None = None  # this one engine instead, for one build at a time (tests)
    # True: the fake engine speaks every phrase (speech/fake.py), for tests where the voice
    # is not under test; None: as $VOICEGUIDE_SPEECH says ("fake"), so the CLI and the web
    # page's build jobs can be told too.
    fake: bool | None = None

    @property
    def cache_folder(self) -> Path:
        """The user's cache folder for these settings."""
        return self.cache_dir or default_cache_dir()

    @property
    def remembers_in(self) -> Path | None:
        """Where measurements (loudness) may be remembered: the cache, unless it is off."""
        return self.cache_folder if self.use_cache else None


@dataclass
class Spoken:
    """A build's clips, and what it took."""

    clips: ClipStore  # text -> 16-bit mono PCM at clips.rate
    made: int  # phrases spoken now, not found in the cache
    folder: Path  # the cache folder used (a throwaway one with use_cache False)

    def close(self) -> None:
        self.clips.close()


def cores() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def engines_for(settings: SpeechSettings) -> list[SpeechEngine]:
    """The engines a build speaks with; none starts before its first phrase."""
    if settings.engine is not None:
        return [settings.engine]
    count = settings.engines or min(cores(), MAX_ENGINES)
    return [
        make_engine(settings.voice, settings.timeout, fake=settings.fake)
        for _ in range(max(1, count))
    ]


def speak(
    texts: Iterable[str],
    settings: SpeechSettings,
    *,
    scratch: Path,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] = lambda _message: None,
) -> Spoken:
    """A checked clip of every text, from the cache or spoken now, kept in `scratch`."""
    engines = engines_for(settings)
    folder = settings.cache_folder if settings.use_cache else scratch / "cache"
    rate = engines[0].sample_rate
    cache = ClipCache(folder, engines[0].identity, rate)
    clips = ClipStore(scratch, rate)
    try:
        made = speak_all(
            texts,
            cache=cache,
            engines=engines,
            store=clips,
            scratch=scratch,
            progress=progress,
            warn=warn,
        )
    except BaseException:
        clips.close()
        raise
    return Spoken(clips, made, folder)
