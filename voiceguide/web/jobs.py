"""The page's build queue: at most one build per core, each in a child process.

A child runs `build_all` for one routine into output/<job-id>/ and sends its progress
(the pipeline's own callback) up a pipe. Stopping sends it SIGTERM, which the child turns
into the same KeyboardInterrupt as Ctrl-C: the build's own clean-up runs, and no file is
left half-written. A job that did not finish has its folder removed.

A child ends with its server: should the server be killed outright (SIGKILL, a crash), the
child finds itself without it, stops as on SIGTERM and removes its own folder; nobody could
fetch what it would finish.

This module imports no web library: the child process loads only the build.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import secrets
import shutil
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import voiceguide

if TYPE_CHECKING:
    from voiceguide import Programme, Routine, Settings

log = logging.getLogger("voiceguide.web")
State = Literal["queued", "running", "done", "failed"]
MAX_WAITING = 50  # builds queued at once; past that the page asks to wait
STOP_SECONDS = 30  # a stopped build's clean-up; then it is killed
SERVER_CHECK_SECONDS = 0.25  # how often a child looks whether its server is still there


@dataclass(frozen=True)
class Order:
    """What a child builds (plain data: it is pickled to the child)."""

    routine: Routine
    settings: Settings
    folder: Path
    engines: int


@dataclass(frozen=True)
class WeekOrder:
    """One week of a programme (week 0: all of them) for a child to build: its track(s), as
    `program` makes them."""

    programme: Programme
    week: int
    settings: Settings
    folder: Path
    engines: int


@dataclass(frozen=True)
class FeedOrder:
    """A whole programme for its podcast feed, into its own folder (not the job's): as
    `program` builds it, so a second build keeps the tracks that have not changed."""

    programme: Programme
    settings: Settings
    folder: Path
    engines: int


@dataclass
class Job:
    id: str
    title: str
    folder: Path
    state: State = "queued"
    stage: str = "queued"
    done: int = 0
    total: int = 0
    message: str = ""
    result: dict[str, Any] = field(default_factory=dict)  # what the child reports when done
    process: BaseProcess | None = None
    watcher: threading.Thread | None = None

    @property
    def files(self) -> list[str]:
        """The names of the files the build wrote into its folder."""
        return list(self.result.get("files", []))


class Interrupted(KeyboardInterrupt):
    """SIGTERM in a child, raised where Ctrl-C would be, so that the same clean-up runs."""


class _Reports:
    """The child's end of the pipe: a server gone (the pipe broken) stops the build as
    SIGTERM would, and nothing is said to nobody (no BrokenPipeError traceback)."""

    def __init__(self, conn: Connection, server: int) -> None:
        self.conn, self.server = conn, server
        self.server_gone = False
        self.building = True  # SIGTERM stops the build; once it has ended, there is none

    def on_sigterm(self, signum: int, frame: object) -> None:
        if self.building:
            self.building = False
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second one ends it at once
            raise Interrupted()

    def send(self, message: tuple[Any, ...]) -> None:
        if self.server_gone:
            return
        try:
            self.conn.send(message)
        except OSError:  # BrokenPipeError, ConnectionResetError: the server is gone
            self.server_gone = True
            if message[0] == "progress" and self.building:
                self.building = False  # stopped once: the watch sends no SIGTERM on top
                raise Interrupted() from None

    def watch_server(self) -> None:
        """Stop this build once its server is gone (its parent changes when it dies). A
        thread that looks, not PR_SET_PDEATHSIG: that signal follows the thread that
        started the child, and a build's next is started by the watcher of the last."""

        def watch() -> None:
            while os.getppid() == self.server:
                time.sleep(SERVER_CHECK_SECONDS)
            self.server_gone = True
            if self.building:
                os.kill(os.getpid(), signal.SIGTERM)

        threading.Thread(target=watch, name="server-watch", daemon=True).start()


def _track_json(result: Any, title: str) -> dict[str, Any]:
    """One built track as the page shows it: its files, length and chapters."""
    rate = result.timeline.sample_rate
    files = [p.name for p in (result.path, *result.sidecars)]
    return {
        "mp3": result.path.name,
        "vtt": next((name for name in files if name.endswith(".vtt")), None),
        "files": files,
        "title": title,
        "seconds": result.timeline.seconds,
        "length": voiceguide.clock(result.timeline.seconds),
        "chapters": [
            {
                "title": c.title,
                "start": round(c.start / rate, 3),
                "at": voiceguide.clock(c.start / rate),
            }
            for c in voiceguide.chapters(result.timeline)
        ],
        "notes": [*result.notes, *result.timeline.warnings],
    }


def _build_feed(conn: _Reports, order: FeedOrder) -> dict[str, Any]:
    """Build a programme for its feed (tracks, chapters, cover); the feed itself is made
    for each request, for the address it is asked at."""

    def step(_track: Any, _of: int, stage: voiceguide.Progress | None) -> None:
        if stage is not None and stage.stage != "done":
            conn.send(("progress", stage.stage, stage.done, stage.total))

    result = voiceguide.build_programme(
        order.programme, order.settings, folder=order.folder, engines=order.engines,
        progress=step,
    )  # fmt: skip
    voiceguide.write_feed(order.programme, order.folder, None)
    seconds = sum(t.seconds for t in result.tracks)
    return {"mp3": "feed.xml", "tracks": [], "files": [], "seconds": seconds, "notes": []}


def _build(conn: _Reports, order: Order | WeekOrder | FeedOrder) -> dict[str, Any]:
    """Build what `order` asks for; what the page shows of it (the first track's player,
    and every track's files)."""
    if isinstance(order, FeedOrder):
        return _build_feed(conn, order)
    if isinstance(order, WeekOrder):

        def step(_track: Any, _of: int, stage: Any) -> None:
            if stage is not None and stage.stage != "done":
                conn.send(("progress", stage.stage, stage.done, stage.total))

        if order.week == 0:  # every week, as `program` builds them: playlist and summary too
            whole = voiceguide.build_programme(
                order.programme, order.settings, folder=order.folder, engines=order.engines,
                progress=step,
            )  # fmt: skip
            tracks = [_track_json(t.result, t.track.title) for t in whole.tracks if t.result]
            first = tracks[0]
            return {
                **first,
                "tracks": tracks,
                "files": [*(n for t in tracks for n in t["files"]), "playlist.m3u8",
                          *(p.name for p in whole.summary)],
                "notes": [note for t in tracks for note in t["notes"]],
            }  # fmt: skip
        # The CLI's programme folder has its playlist; a week's zip has its own.
        built = voiceguide.build_week(
            order.programme,
            order.week,
            order.settings,
            folder=order.folder,
            engines=order.engines,
            progress=step,
        )
        tracks = [_track_json(t.result, t.track.title) for t in built]
    else:

        def progress(_number: int, _of: int, _routine: Routine, step: Any) -> None:
            if step.stage != "done":
                conn.send(("progress", step.stage, step.done, step.total))

        results = voiceguide.build_all(
            [order.routine], order.settings, folder=order.folder, engines=order.engines,
            progress=progress,
        )  # fmt: skip
        tracks = [_track_json(result, order.routine.title) for result in results]
    first = tracks[0]
    return {
        **first,
        "tracks": tracks,
        "files": [*(name for t in tracks for name in t["files"]), "playlist.m3u8"],
        "seconds": first["seconds"],
        "length": first["length"],
        "notes": [note for t in tracks for note in t["notes"]],
    }


def run_build(conn: Connection, order: Order | WeekOrder | FeedOrder, server: int) -> None:
    """The child process: build one routine, reporting progress and the outcome on `conn`
    to the server (process id `server`) for as long as it is there."""
    if hasattr(os, "setpgrp"):
        # A group of its own (its speech workers and ffmpeg join it): Ctrl-C in the terminal
        # reaches the server alone, which stops each build one way, by SIGTERM.
        os.setpgrp()
    reports = _Reports(conn, server)
    signal.signal(signal.SIGTERM, reports.on_sigterm)
    done = False
    try:
        try:
            reports.watch_server()  # in here: the server may be gone already
            result = _build(reports, order)
        finally:
            reports.building = False
        reports.send(("done", result))
        done = True
    except voiceguide.VoiceguideError as err:
        reports.send(("failed", "\n".join(voiceguide.one_line(line) for line in err.lines())))
    except KeyboardInterrupt:
        reports.send(("failed", "stopped; nothing half-written was kept"))
    except OSError as err:
        where = f" ({Path(err.filename).name})" if err.filename else ""
        full = voiceguide.is_disk_full(err)
        reason = "a disk is full; free some space" if full else err.strerror
        reports.send(("failed", f"{reason or err}{where}; build again"))
    except Exception:
        traceback.print_exc()
        reports.send(("failed", "the build failed unexpectedly; the server's terminal shows why"))
    finally:
        if (not done or reports.server_gone) and not isinstance(order, FeedOrder):
            # Only ever this job's own folder, named by its random id (the server removes
            # it too, when it is there to). A feed's folder keeps its finished tracks.
            shutil.rmtree(order.folder, ignore_errors=True)
        conn.close()


class JobQueue:
    """Builds waiting and running, by random job id; at most `limit` run at once."""

    def __init__(self, output: Path, limit: int) -> None:
        self.output = output
        self.limit = max(1, limit)
        self.jobs: dict[str, Job] = {}
        self.waiting: deque[tuple[Job, Order | WeekOrder | FeedOrder]] = deque()
        self.feeds: dict[str, Job] = {}  # a programme's feed build, by the programme's slug
        self.running = 0
        self.closed = False
        self.lock = threading.Lock()
        # spawn, never fork: the server has threads, and a fork copies their locks held.
        self.context = multiprocessing.get_context("spawn")

    def submit(self, routine: Routine, settings: Settings) -> Job:
        """Queue a build of `routine`; it starts when a core is free."""
        return self._submit(
            routine.title, lambda folder, engines: Order(routine, settings, folder, engines)
        )

    def _submit(
        self, title: str, order_for: Callable[[Path, int], Order | WeekOrder | FeedOrder]
    ) -> Job:
        job_id = secrets.token_hex(16)
        job = Job(job_id, title, self.output / job_id)
        engines = max(1, (os.cpu_count() or 1) // self.limit)
        order = order_for(job.folder, engines)
        with self.lock:
            if self.closed:
                raise voiceguide.UserError("the server is stopping; no new builds")
            if len(self.waiting) >= MAX_WAITING:
                raise voiceguide.UserError(
                    f"{len(self.waiting)} builds are waiting already; build again when some are done"
                )
            self.jobs[job_id] = job
            self.waiting.append((job, order))
            self._start_waiting()
        return job

    def submit_week(self, programme: Programme, week: int, title: str, settings: Settings) -> Job:
        """Queue a build of one week of `programme` (its track or tracks)."""
        return self._submit(
            title, lambda folder, engines: WeekOrder(programme, week, settings, folder, engines)
        )

    def submit_feed(self, programme: Programme, folder: Path, settings: Settings) -> Job:
        """Queue a build of the whole programme into `folder` for its feed; while one is
        queued or running for the programme, that one is the answer."""
        with self.lock:
            running = self.feeds.get(programme.slug)
            if running is not None and running.state in ("queued", "running"):
                return running
        job = self._submit(
            programme.title,
            lambda _job_folder, engines: FeedOrder(programme, settings, folder, engines),
        )
        with self.lock:
            self.feeds[programme.slug] = job
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def position(self, job: Job) -> int:
        """How many builds wait before this one (0 when it runs or has ended)."""
        with self.lock:
            for index, (waiting, _order) in enumerate(self.waiting):
                if waiting is job:
                    return index + 1
        return 0

    def _start_waiting(self) -> None:
        """Start waiting builds while cores are free (the lock is held)."""
        while not self.closed and self.waiting and self.running < self.limit:
            job, order = self.waiting.popleft()
            self.output.mkdir(parents=True, exist_ok=True)
            receiver, sender = self.context.Pipe(duplex=False)
            process = self.context.Process(
                target=run_build,
                args=(sender, order, os.getpid()),
                name=f"voiceguide-build-{job.id[:8]}",
            )
            process.start()
            sender.close()  # the child holds its own end: the pipe ends when the child does
            job.state, job.stage, job.process = "running", "start", process
            job.watcher = threading.Thread(
                target=self._watch, args=(job, receiver), name=f"watch-{job.id[:8]}", daemon=True
            )
            job.watcher.start()
            self.running += 1

    def _watch(self, job: Job, receiver: Connection) -> None:
        """Follow one child until it ends, then start the next waiting build."""
        try:
            while True:
                try:
                    message = receiver.recv()
                except (EOFError, OSError):
                    break
                with self.lock:
                    if message[0] == "progress":
                        job.stage, job.done, job.total = message[1], message[2], message[3]
                    elif message[0] == "done":
                        job.state, job.stage, job.result = "done", "done", message[1]
                        job.done = job.total = 1
                    elif message[0] == "failed":
                        job.state, job.message = "failed", message[1]
        finally:
            receiver.close()
            assert job.process is not None
            job.process.join()
            with self.lock:
                if job.state != "done":
                    if job.state != "failed":
                        code = job.process.exitcode
                        job.message = (
                            "stopped; nothing half-written was kept"
                            if self.closed
                            else f"the build ended unexpectedly (exit status {code}); build again"
                        )
                    job.state = "failed"
                    # Only ever this job's own folder, named by its random id.
                    shutil.rmtree(job.folder, ignore_errors=True)
                    log.info("build %s failed: %s", job.id, job.message.splitlines()[0])
                self.running -= 1
                self._start_waiting()

    def stop(self) -> None:
        """End every build: waiting ones never start, running ones get SIGTERM and clean up."""
        with self.lock:
            self.closed = True
            for job, _order in self.waiting:
                job.state, job.message = "failed", "stopped before it started"
            self.waiting.clear()
            running = [job for job in self.jobs.values() if job.process is not None]
        for job in running:
            assert job.process is not None
            if job.process.is_alive():
                job.process.terminate()
        for job in running:
            assert job.process is not None
            job.process.join(STOP_SECONDS)
            if job.process.is_alive():
                job.process.kill()
            if job.watcher is not None:
                job.watcher.join(STOP_SECONDS)
