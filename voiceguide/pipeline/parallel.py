"""Several builds at once, for a batch of routines and for a programme's tracks: the
longest first, and all of them stopped as soon as one fails (or Ctrl-C)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed

from ..speech.pool import SpeechSettings, cores
from .build import BuildResult


class Stopped(Exception):
    """A build stopped because the run it belongs to has ended early."""


# Builds the item at an index; calls its second argument at every step, which raises
# Stopped once the run has ended early, so the build's files are never committed.
BuildOne = Callable[[int, Callable[[], None]], BuildResult]


def with_cores_shared(speech: SpeechSettings, jobs: int, count: int) -> SpeechSettings:
    """`speech` with the cores left over by the builds at once given to speaking new
    phrases in each build (unless the caller chose its engines)."""
    if speech.engine is not None or speech.engines is not None:
        return speech
    return dataclasses.replace(speech, engines=max(1, cores() // min(jobs, count or 1)))


def build_at_once(
    todo: Sequence[int], lengths: Sequence[float], jobs: int, one: BuildOne
) -> Iterator[tuple[int, BuildResult]]:
    """(index, result) of each build at `todo` as it finishes, `jobs` at a time, the
    longest (by `lengths`) first; a failure is raised as soon as it happens."""
    stopping = threading.Event()

    def check() -> None:
        if stopping.is_set():
            raise Stopped()

    if jobs == 1 or len(todo) <= 1:
        for index in todo:
            yield index, one(index, check)
        return
    # Threads are enough: the heavy work runs in ffmpeg and speech subprocesses. Longest
    # first, so no long build starts last while the other workers sit idle.
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        futures: dict[Future[BuildResult], int] = {
            pool.submit(one, index, check): index
            for index in sorted(todo, key=lambda i: -lengths[i])
        }
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BaseException:  # a failure or Ctrl-C: queued builds never start, running ones stop
        stopping.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
