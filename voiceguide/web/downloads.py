"""What a build leaves for the page: its state as JSON, its files, and zips of them.

A file is found by its job's random id and one of the names the build reported, never by
a path from the request, and opened without following a link: a symlink planted in the
output folder (as a job's folder, or as one of its files) is never served.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import time
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.types import Receive, Scope, Send

import voiceguide

from .jobs import Job, JobQueue

MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".m3u8": "audio/x-mpegurl",
}
# The printable sheet is our own page with its own inline style; it runs no script.
SHEET_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
MAX_ZIP_JOBS = 50
_JOB_ID = re.compile(r"[0-9a-f]{32}")


def _url(job: Job, name: str | None) -> str | None:
    return f"/files/{job.id}/{name}" if name else None


def job_json(job: Job, waiting_before: int) -> dict[str, Any]:
    """A build's state, and once done the URLs of its track, captions and zip."""
    result = job.result
    return {
        "state": job.state,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "waiting": waiting_before,
        "message": job.message,
        "title": job.title,
        "seconds": result.get("seconds"),
        "length": result.get("length"),
        "mp3": _url(job, result.get("mp3")),
        "vtt": _url(job, result.get("vtt")),
        "chapters": result.get("chapters", []),
        "zip": _url(job, "tracks.zip") if job.state == "done" else None,
        "notes": result.get("notes", []),
        "tracks": [
            {
                "title": track.get("title") or job.title,
                "seconds": track.get("seconds"),
                "length": track.get("length"),
                "mp3": _url(job, track.get("mp3")),
                "vtt": _url(job, track.get("vtt")),
                "chapters": track.get("chapters", []),
            }
            for track in _tracks(job)
        ],
    }


def _tracks(job: Job) -> list[dict[str, Any]]:
    """A finished build's tracks: one for a routine, a week's for a programme."""
    return list(job.result.get("tracks", []))


def _done(queue: JobQueue, job_id: str) -> Job:
    job = queue.get(job_id) if _JOB_ID.fullmatch(job_id) else None
    if job is None or job.state != "done":
        raise HTTPException(404, "no such file; build the routine again")
    return job


_NO_LINK = getattr(os, "O_NOFOLLOW", 0)
# O_NONBLOCK: a FIFO planted under a file's name cannot hold the open; it is no file anyway.
_READ = os.O_RDONLY | os.O_CLOEXEC | _NO_LINK | getattr(os, "O_NONBLOCK", 0)
_FOLDER = os.O_RDONLY | os.O_CLOEXEC | _NO_LINK | getattr(os, "O_DIRECTORY", 0)


def _open_in_folder(folder: Path, name: str) -> int:
    """A descriptor on the regular file `name` in `folder`, neither of them a link (an
    OSError otherwise)."""
    if os.open in os.supports_dir_fd and _NO_LINK:
        where = os.open(folder, _FOLDER)
        try:
            if not stat.S_ISDIR(os.fstat(where).st_mode):
                raise NotADirectoryError(folder)
            return os.open(name, _READ, dir_fd=where)
        finally:
            os.close(where)
    # Without openat (Windows): the links are looked for first, then the file is opened.
    if (folder.is_symlink() or (folder / name).is_symlink()) or not folder.is_dir():
        raise OSError(f"{folder / name} is a link")
    return os.open(folder / name, _READ)


def _open_served(job: Job, name: str) -> tuple[int, os.stat_result]:
    """The file `name` of a finished job, opened in its own folder without following a
    link, and its status; a 404 when it is not there as a plain file."""
    missing = HTTPException(404, "no such file; build the routine again")
    if name not in job.files or name != Path(name).name or name in (".", ".."):
        raise missing
    try:
        fd = _open_in_folder(job.folder, name)
    except OSError:
        raise missing from None
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        raise missing
    return fd, status


class _OpenedFile(FileResponse):
    """A FileResponse (Range requests and all) of a file opened already: it reads that
    descriptor, never its path again, so the file cannot be swapped for a link meanwhile."""

    def __init__(
        self,
        fd: int,
        status: os.stat_result,
        name: str,
        headers: dict[str, str] | None,
        media_type: str | None = None,
    ) -> None:
        self._fd = fd
        media_type = media_type or MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream")
        super().__init__(name, media_type=media_type, headers=headers, stat_result=status)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A server that sends files by their path would reopen it: never offered one.
        extensions = dict(scope.get("extensions") or {})
        extensions.pop("http.response.pathsend", None)
        try:
            await super().__call__({**scope, "extensions": extensions}, receive, send)
        finally:
            os.close(self._fd)

    @asynccontextmanager
    async def _open_file(self) -> AsyncIterator[anyio.AsyncFile[bytes]]:
        file = anyio.wrap_file(os.fdopen(os.dup(self._fd), "rb"))
        try:
            yield file
        finally:
            with anyio.CancelScope(shield=True):
                await file.aclose()


def job_file(queue: JobQueue, job_id: str, name: str) -> Response:
    """One file a finished build wrote (Range requests work: the player can seek)."""
    job = _done(queue, job_id)
    if name == "tracks.zip":
        return zip_response(queue, [job_id])
    fd, status = _open_served(job, name)
    headers = {"content-security-policy": SHEET_POLICY} if name.endswith(".html") else None
    return _OpenedFile(fd, status, name, headers)


def _add(archive: zipfile.ZipFile, job: Job, name: str, renamed: str) -> None:
    """The job's file `name` into the archive as `renamed`, read as `job_file` reads it."""
    fd, status = _open_served(job, name)
    with os.fdopen(fd, "rb") as file:
        info = zipfile.ZipInfo(renamed, time.localtime(status.st_mtime)[:6])
        info.external_attr = (status.st_mode & 0xFFFF) << 16
        # Audio is compressed already; the text files are worth deflating.
        info.compress_type = zipfile.ZIP_STORED if name.endswith(".mp3") else zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as entry:
            shutil.copyfileobj(file, entry)


def zip_response(queue: JobQueue, job_ids: list[str]) -> Response:
    """Every track of these finished builds with its captions, timeline and sheet, and one
    playlist of them in the order given; a name built twice gets -2, -3... in the zip."""
    jobs = [_done(queue, job_id) for job_id in dict.fromkeys(job_ids[:MAX_ZIP_JOBS])]
    buffer = io.BytesIO()
    entries = []
    taken: set[str] = {"playlist.m3u8"}
    with zipfile.ZipFile(buffer, "w") as archive:
        for job in jobs:
            for built in _tracks(job):
                track = Path(built["mp3"])
                stem = track.stem
                number = 1
                while f"{stem}{track.suffix}" in taken:
                    number += 1
                    stem = f"{track.stem}-{number}"
                for name in built["files"]:
                    if name not in job.files:  # only what the build reported, by name
                        continue
                    renamed = stem + name[len(track.stem) :]
                    taken.add(renamed)
                    _add(archive, job, name, renamed)
                title = built.get("title") or job.title
                entries.append(
                    voiceguide.PlaylistEntry(Path(f"{stem}{track.suffix}"), title, built["seconds"])
                )
        archive.writestr("playlist.m3u8", voiceguide.playlist_text(Path("."), entries))
    name = "voiceguide-tracks.zip" if len(jobs) > 1 else f"{Path(jobs[0].result['mp3']).stem}.zip"
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
