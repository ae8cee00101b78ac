"""Make sure every phrase of a script has a clip, synthesising only what the cache lacks."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import MachineError
from .cache import ClipCache
from .engine import SpeechEngine


def speak_all(
    texts: Iterable[str],
    *,
    cache: ClipCache,
    engines: Sequence[SpeechEngine],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, Path], int]:
    """Clips for each distinct text, and how many were synthesised now.

    The missing phrases are shared out among `engines`, each speaking in its own worker
    process, so a cold build uses several cores. Engines start their work lazily, so a
    warm cache never starts one.
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
    # No more engines than phrases: each one costs a worker start-up.
    used = engines[: max(1, min(len(engines), len(missing) // 8))]
    # A fixed share for each engine, spoken in order: espeak-ng's sound for a phrase depends
    # a little on the phrases it spoke before, so sharing out on demand would make each
    # cold build sound slightly different. This way the same build gives the same clips.
    shares = [missing[index :: len(used)] for index in range(len(used))]
    lock = threading.Lock()
    failed = threading.Event()
    done = 0

    def work(engine: SpeechEngine, share: list[str]) -> None:
        nonlocal done
        for text in share:
            if failed.is_set():
                return
            try:
                clip = _speak_one(engine, cache, text)
            except BaseException:
                failed.set()  # the other engines stop after their current phrase
                raise
            with lock:
                clips[text] = clip
                done += 1
                if progress:
                    progress(done, len(missing))

    try:
        if len(used) == 1:
            work(used[0], shares[0])
        else:
            with ThreadPoolExecutor(len(used)) as pool:
                futures = [pool.submit(work, *pair) for pair in zip(used, shares, strict=True)]
                try:
                    for future in futures:
                        future.result()  # the first failure is raised here
                except BaseException:  # a failure, or Ctrl-C: the others stop after this phrase
                    failed.set()
                    raise
    finally:
        for engine in engines:
            engine.close()
    return {text: clips[text] for text in unique}, len(missing)


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
