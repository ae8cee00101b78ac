"""What a build leaves for the page: its state as JSON, its files, and zips of them.

A file is found by its job's random id and one of the names the build reported, never by
a path from the request.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response

from ..export.playlist import PlaylistEntry, playlist_text
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


def job_file(queue: JobQueue, job_id: str, name: str) -> Response:
    """One file a finished build wrote (Range requests work: the player can seek)."""
    job = _done(queue, job_id)
    if name == "tracks.zip":
        return zip_response(queue, [job_id])
    if name not in job.files:
        raise HTTPException(404, "no such file; build the routine again")
    path = job.folder / name
    suffix = path.suffix
    headers = {"content-security-policy": SHEET_POLICY} if suffix == ".html" else None
    return FileResponse(path, media_type=MEDIA_TYPES.get(suffix), headers=headers)


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
                    # Audio is compressed already; the text files are worth deflating.
                    method = zipfile.ZIP_STORED if name.endswith(".mp3") else zipfile.ZIP_DEFLATED
                    archive.write(job.folder / name, renamed, compress_type=method)
                title = built.get("title") or job.title
                entries.append(
                    PlaylistEntry(Path(f"{stem}{track.suffix}"), title, built["seconds"])
                )
        archive.writestr("playlist.m3u8", playlist_text(Path("."), entries))
    name = "voiceguide-tracks.zip" if len(jobs) > 1 else f"{Path(jobs[0].result['mp3']).stem}.zip"
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
