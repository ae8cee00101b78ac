"""A built track's own page (/track/ID): the player, the follow-along view, the downloads,
and the link and QR code that open this same page on a phone; and what makes the page an
installable app that keeps tracks for offline play (the manifest and the service worker).

The follow-along view reads the track's own timeline (its `.json` beside the MP3), so what
it shows cannot disagree with what is heard.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .jobs import Job, JobQueue
from .wording import at, for_page, length

STATIC = Path(__file__).parent / "static"
NAME = "voiceguide"
THEME = "#0b5cad"
BACKGROUND = "#fdfdfb"
# (file under static/icons/, its size): made from the cover by scripts/make_icons.py.
ICONS = (("icon-192.png", 192), ("icon-512.png", 512))


class _Config(Protocol):
    @property
    def token(self) -> str | None: ...
    @property
    def lan_url(self) -> str | None: ...


class _Web(Protocol):
    @property
    def config(self) -> _Config: ...
    @property
    def queue(self) -> JobQueue: ...

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response: ...


def _job(queue: JobQueue, job_id: str) -> Job:
    job = queue.get(job_id)
    if job is None:
        raise HTTPException(404, "no such track; it may be from before the server restarted")
    return job


def _file_url(job: Job, name: str | None) -> str | None:
    return f"/files/{job.id}/{name}" if name else None


def _ending(files: list[str], suffix: str) -> str | None:
    return next((name for name in files if name.endswith(suffix)), None)


def track_view(job: Job, number: int) -> dict[str, Any]:
    """Track `number` (1-based) of a finished build as its page shows it."""
    tracks = list(job.result.get("tracks", []))
    if not 1 <= number <= len(tracks):
        raise HTTPException(404, "no such track in this build")
    track = tracks[number - 1]
    files = list(track.get("files", []))
    seconds = float(track.get("seconds") or 0)
    chapters = track.get("chapters", [])
    return {
        "number": number,
        "count": len(tracks),
        "title": track.get("title") or job.title,
        "seconds": seconds,
        "length": length(seconds),
        "mp3": _file_url(job, track.get("mp3")),
        "timeline": _file_url(job, _ending(files, ".json")),
        "vtt": _file_url(job, _ending(files, ".vtt")),
        "sheet": _file_url(job, _ending(files, ".html")),
        "zip": _file_url(job, "tracks.zip"),
        "chapters": [
            {**chapter, "at": at(chapter["start"]), "index": index}
            for index, chapter in enumerate(chapters)
        ],
        "others": [
            {"number": index + 1, "title": other.get("title") or job.title}
            for index, other in enumerate(tracks)
            if index + 1 != number
        ],
    }


def share_url(request: Request, config: _Config, path: str) -> str:
    """The address that opens `path` on another device: with --lan, at the machine's
    network address and with the access token (a phone has no cookie yet); else here."""
    if config.lan_url:
        where = urlsplit(config.lan_url)
        query = urlencode({"token": config.token}) if config.token else ""
        return f"{where.scheme}://{where.netloc}{path}" + (f"?{query}" if query else "")
    return f"{request.url.scheme}://{request.url.netloc}{path}"


def manifest() -> dict[str, Any]:
    """The web app manifest: the page installs as an app that opens on the routine list."""
    return {
        "name": NAME,
        "short_name": NAME,
        "description": "Exercise routines as hands-free audio, to follow on the floor.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": THEME,
        "icons": [
            {
                "src": f"/static/icons/{name}",
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for name, size in ICONS
        ],
    }


def _qr(text: str) -> str:
    from .server import qr_svg  # here: the server module imports the app's

    return qr_svg(text)


def track_routes(web: _Web) -> list[Route]:
    """The routes of a track's page, the manifest and the service worker."""

    async def track_page(request: Request) -> Response:
        job = _job(web.queue, request.path_params["job"])
        if job.state != "done":
            # Found again after a reload: the page follows the build until it is done.
            return web.page(
                request,
                "track.html",
                job=job.id,
                building=job.state in ("queued", "running"),
                failed=for_page(job.message) if job.state == "failed" else None,
                title=job.title,
                track=None,
            )
        number = request.query_params.get("n", "1")
        track = track_view(job, int(number) if number.isdigit() and len(number) < 4 else 0)
        path = f"/track/{job.id}" + (f"?n={track['number']}" if track["number"] > 1 else "")
        link = share_url(request, web.config, path)
        return web.page(
            request,
            "track.html",
            job=job.id,
            building=False,
            failed=None,
            title=track["title"],
            track=track,
            share=link,
            qr=_qr(link) if web.config.lan_url else None,
        )

    async def track_qr(request: Request) -> Response:
        """The QR code of a finished track's own page, for the page that built it (with
        --lan only: elsewhere a phone cannot reach this computer's loopback address)."""
        job = _job(web.queue, request.path_params["job"])
        if job.state != "done" or not web.config.lan_url:
            raise HTTPException(404, "no QR code: the page is not on the network")
        import io

        import segno

        svg = io.BytesIO()
        link = share_url(request, web.config, f"/track/{job.id}")
        segno.make(link, error="m").save(svg, kind="svg", scale=6, border=2)
        return Response(svg.getvalue(), media_type="image/svg+xml")

    async def service_worker(request: Request) -> Response:
        # From the root, so that it may look after every page of the app.
        return Response(
            (STATIC / "sw.js").read_bytes(), media_type="text/javascript; charset=utf-8"
        )

    async def web_manifest(request: Request) -> Response:
        return Response(json.dumps(manifest()), media_type="application/manifest+json")

    return [
        Route("/track/{job}", track_page),
        Route("/track/{job}/qr.svg", track_qr),
        Route("/sw.js", service_worker),
        Route("/manifest.webmanifest", web_manifest),
    ]
