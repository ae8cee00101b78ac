"""Make sure every phrase of a script has a checked clip, speaking only what the cache lacks."""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MachineError
from ..files import disk_full, is_disk_full
from .cache import BadClip, ClipCache, read_clip
from .checks import (
    TOTAL_FROM_SYLLABLES,
    has_headroom,
    pace_problem,
    problem_with,
    speaking_seconds,
    with_headroom,
)
from .clips import ClipStore
from .engine import SpeechEngine
from .process import write_wav

ATTEMPTS = 3  # a phrase whose clip fails its checks is spoken again by a fresh engine


class BadClips(MachineError):
    """A phrase whose every clip failed its checks; `text` and `problem` say which and why,
    for a caller that can tell the voice's fault from the machine's (a voice of another
    language than the session's cannot say its phrases: see speech/engines.py)."""

    def __init__(self, message: str, text: str, problem: str) -> None:
        super().__init__(message)
        self.text, self.problem = text, problem


@dataclass
class _Made:
    """What one engine spoke in this build: for the check of its pace over all its phrases."""

    texts: list[str] = field(default_factory=list)
    files: list[tuple[str, Path]] = field(default_factory=list)  # checked, not yet in the cache
    spoken: float = 0.0
    expected: float = 0.0
    most: float = 0.0  # the longest its texts may take, each letter and symbol said by name
    syllables: int = 0


class _ClipFiles:
    """Where new clips are written: the cache while it can be written, else a scratch folder
    (with one warning), so a cache fault never fails a build that could be made."""

    def __init__(self, cache: ClipCache, scratch: Path, warn: Callable[[str], None]) -> None:
        self.cache, self.scratch, self.warn = cache, scratch, warn
        self.caching = True
        self._lock = threading.Lock()

    def new_file(self, text: str) -> Path:
        if self.caching:
            try:
                return self.cache.temp_path(text)
            except OSError as err:
                self.stop_caching(err)
        path = self.scratch / f"clip-{uuid.uuid4().hex}.wav"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as err:
            raise _write_failure(err, self.scratch) from None
        return path

    def in_cache(self, path: Path) -> bool:
        return path.suffix == ".tmp"

    def keep(self, text: str, path: Path) -> None:
        """Move a checked clip into the cache (best effort), or drop the scratch copy."""
        if self.caching and self.in_cache(path):
            try:
                self.cache.commit(text, path)
                return
            except OSError as err:
                self.stop_caching(err)
        path.unlink(missing_ok=True)

    def stop_caching(self, err: OSError) -> None:
        with self._lock:
            if self.caching:
                self.caching = False
                why = "the disk is full" if is_disk_full(err) else err.strerror
                self.warn(
                    f"cannot write the speech cache {self.cache.folder} ({why}); "
                    "building without caching (set VOICEGUIDE_CACHE or --cache-dir to a writable folder)"
                )


def _write_failure(err: OSError, folder: Path) -> MachineError:
    if is_disk_full(err):
        return disk_full(folder)
    return MachineError(f"cannot write speech clips in {folder}: {err.strerror}")


def speak_all(
    texts: Iterable[str],
    *,
    cache: ClipCache,
    engines: Sequence[SpeechEngine],
    store: ClipStore,
    scratch: Path,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] = lambda _message: None,
) -> int:
    """Put a checked clip of each distinct text into `store`; return how many were spoken now.

    Cached clips are read whole and checked; the rest are shared out among `engines`,
    each speaking in its own worker process, so a cold build uses several cores. Every
    phrase is spoken from the same fresh engine state, so who speaks it does not matter.
    """
    engine = engines[0]

    def check(text: str, pcm: bytes) -> str | None:
        return problem_with(
            pcm, engine.sample_rate, text, words_per_minute=engine.voice.rate, pace=engine.pace
        )

    missing = []
    for text in dict.fromkeys(texts):
        pcm = cache.read(text)
        if pcm is not None and check(text, pcm) is None and has_headroom(pcm):
            store.add(text, pcm)
        else:
            missing.append(text)
    if not missing:
        return 0
    cache.remove_stale_temps()  # a cold build also tidies up after killed ones
    files = _ClipFiles(cache, scratch, warn)
    made: list[_Made] = []
    try:
        used = engines[: max(1, min(len(engines), len(missing) // 8))]
        made = _speak_missing(missing, used, files, store, check, progress)
        for index, share in enumerate(made):
            if _pace_of_share(share, engine) is not None:
                # The engine may have run at the wrong rate all along: once more, afresh.
                _discard(share)
                used[index].close()
                made[index] = _speak_missing(share.texts, [used[index]], files, store, check, None)[
                    0
                ]
                problem = _pace_of_share(made[index], engine)
                if problem is not None:
                    raise MachineError(
                        f"the speech engine does not keep its speaking rate ({problem} over "
                        f"{len(share.texts)} phrases); run again, or try another --voice or --rate"
                    )
        # Only now, with every share's pace checked, do the new clips go into the cache.
        for share in made:
            for text, path in share.files:
                files.keep(text, path)
            share.files.clear()
    finally:
        for share in made:
            _discard(share)
        for each in engines:
            each.close()
    return len(missing)


def _discard(share: _Made) -> None:
    for _, path in share.files:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    share.files.clear()


def _pace_of_share(share: _Made, engine: SpeechEngine) -> str | None:
    if share.syllables < TOTAL_FROM_SYLLABLES:
        return None
    pace = engine.pace
    return pace_problem(
        share.spoken, share.expected, pace.total_low, pace.total_high, most=share.most
    )


def _speak_missing(
    missing: list[str],
    engines: Sequence[SpeechEngine],
    files: _ClipFiles,
    store: ClipStore,
    check: Callable[[str, bytes], str | None],
    progress: Callable[[int, int], None] | None,
) -> list[_Made]:
    """Speak `missing` with `engines` working through one queue; clips land in `store`."""
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for text in missing:
        todo.put(text)
    made = [_Made() for _ in engines]
    failures: list[BaseException] = []
    lock = threading.Lock()
    done = 0

    def work(index: int) -> None:
        nonlocal done
        engine = engines[index]
        while not failures:
            try:
                text = todo.get_nowait()
            except queue.Empty:
                return
            try:
                pcm, path = _speak_one(engine, text, files, check)
                made[index].files.append((text, path))
                store.add(text, pcm, replace=True)
            except BaseException as failure:  # the other engines stop after their phrase
                failures.append(failure)
                return
            with lock:
                share = made[index]
                share.texts.append(text)
                share.spoken += speaking_seconds(pcm, engine.sample_rate)
                share.expected += engine.pace.expected(text, engine.voice.rate)
                share.most += engine.pace.expected(text, engine.voice.rate, at_most=True)
                share.syllables += engine.pace.syllables(text)
                done += 1
                if progress:
                    progress(done, len(missing))

    if len(engines) == 1:
        work(0)
    else:
        threads = [
            threading.Thread(target=work, args=(i,), daemon=True) for i in range(len(engines))
        ]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except BaseException:  # Ctrl-C: the engines stop after their current phrase
            failures.append(KeyboardInterrupt())
            for thread in threads:
                thread.join()
            raise
    if failures:
        for share in made:
            _discard(share)
        raise failures[0]
    return made


def _speak_one(
    engine: SpeechEngine,
    text: str,
    files: _ClipFiles,
    check: Callable[[str, bytes], str | None],
) -> tuple[bytes, Path]:
    """One phrase, checked, and the file holding it; a clip that fails its checks is spoken
    again by a fresh engine."""
    problem = "it was not made"
    for _attempt in range(ATTEMPTS):
        path = files.new_file(text)
        kept = False
        try:
            try:
                engine.synthesize(text, path)
            except OSError as err:
                if files.in_cache(path):  # the cache cannot take it: write it elsewhere
                    files.stop_caching(err)
                    continue
                raise _write_failure(err, files.scratch) from None
            try:
                pcm = read_clip(path, engine.sample_rate)
                problem = check(text, pcm) or ""
            except (OSError, BadClip) as err:
                empty = path.is_file() and path.stat().st_size == 0
                problem = "it came back empty" if empty else f"it could not be read back ({err})"
            if not problem:
                level = with_headroom(pcm)  # after the checks: they look at the engine's own sound
                if level != pcm:
                    try:
                        write_wav(str(path), level, engine.sample_rate)
                    except OSError as err:
                        if files.in_cache(path):
                            files.stop_caching(err)
                            continue
                        raise _write_failure(err, files.scratch) from None
                kept = True
                return level, path
        finally:
            if not kept:
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
        engine.close()  # a fresh engine for the next try
    # A voice command names itself and says what to do instead (another --voice would not do).
    label = getattr(engine, "label", "the speech engine")
    advice = getattr(engine, "bad_clip_advice", "run again, and if it persists try another --voice")
    raise BadClips(
        f"{label} keeps making a bad clip for {text[:60]!r} ({problem}); {advice}", text, problem
    )
