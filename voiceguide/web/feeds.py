"""A programme's podcast feed on the page: the folder `program --feed` makes, built by the
page into OUTPUT/feeds/<slug>/, and served at /feeds/<slug>/ behind the page's guard (with
--lan, every URL in the feed carries the token: a podcast app keeps no cookie).

The feed itself is made for each request, for the address it was asked at, so that its
links work from the phone (the LAN address) and from this computer alike. Only the files
the feed names are served, each opened inside its folder without following a link.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from starlette.exceptions import HTTPException
from starlette.responses import Response

import voiceguide

from .downloads import _FOLDER, _READ, _OpenedFile

if TYPE_CHECKING:
    from voiceguide import FeedLinks, Programme

FEEDS = "feeds"  # under the page's output folder: one folder per programme
FEED = "feed.xml"
FEED_TYPE = "application/rss+xml; charset=utf-8"
NOT_MADE = "this programme's feed has no episodes yet; press 'Make the episodes' on its page"


def feed_folder(output: Path, slug: str) -> Path:
    """Where the page builds a programme for its feed."""
    return output / FEEDS / slug


def feed_links(host: str, slug: str, token: str | None) -> FeedLinks:
    """The feed's files as served at `host` (the address a request came to)."""
    query = f"?token={quote(token, safe='')}" if token else ""
    return voiceguide.FeedLinks(f"http://{host}/{FEEDS}/{quote(slug, safe='')}/", query)


@dataclass(frozen=True)
class FeedState:
    """What the programme's page shows of its feed."""

    url: str  # to subscribe to: on the network with --lan, else on this computer
    qr: str | None  # with --lan: the QR code of `url`
    ready: int  # episodes built
    total: int  # tracks the programme has
    lan: bool

    def to_json(self) -> dict[str, Any]:
        return {"url": self.url, "ready": self.ready, "total": self.total, "lan": self.lan}


def feed_state(
    programme: Programme, output: Path, *, host: str, token: str | None, lan_url: str | None
) -> FeedState:
    """The feed's address (at the LAN address given `lan_url`, else at `host`), its QR
    code and how many of its episodes are built."""
    from .server import qr_svg

    where = urlsplit(lan_url).netloc if lan_url else host
    url = feed_links(where, programme.slug, token).url(FEED)
    ready, total = voiceguide.feed_progress(programme, feed_folder(output, programme.slug))
    return FeedState(url, qr_svg(url) if lan_url else None, ready, total, lan_url is not None)


def feed_response(programme: Programme, output: Path, host: str, token: str | None) -> Response:
    """feed.xml for the address asked at; a 404 until some episode is built."""
    folder = feed_folder(output, programme.slug)
    if voiceguide.feed_progress(programme, folder)[0] == 0:
        raise HTTPException(404, NOT_MADE)
    links = feed_links(host, programme.slug, token)
    return Response(voiceguide.programme_feed(programme, folder, links), media_type=FEED_TYPE)


def feed_file(programme: Programme, output: Path, name: str) -> Response:
    """One file the feed names (Range requests work: a podcast app resumes downloads)."""
    missing = HTTPException(404, "no such file in this programme's feed")
    # Only the files the feed names, each with its media type: nothing else is served.
    types = voiceguide.feed_files(programme, feed_folder(output, programme.slug))
    if name not in types:
        raise missing
    try:
        fd = _open_inside(output, (FEEDS, programme.slug, name))
    except OSError:
        raise missing from None
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        raise missing
    return _OpenedFile(fd, status, name, None, media_type=types[name])


def _open_inside(root: Path, parts: tuple[str, ...]) -> int:
    """A descriptor on the file at `parts` under `root`, walked one folder at a time
    without following a link in any of them (an OSError otherwise)."""
    if os.open not in os.supports_dir_fd or not _READ & getattr(os, "O_NOFOLLOW", 0):
        # Without openat (Windows): the links are looked for first, then the file is opened.
        path = root
        for part in parts:
            path = path / part
            if path.is_symlink():
                raise OSError(f"{path} is a link")
        return os.open(path, _READ)
    where = os.open(root, _FOLDER)
    try:
        for part in parts[:-1]:
            inner = os.open(part, _FOLDER, dir_fd=where)
            os.close(where)
            where = inner
        return os.open(parts[-1], _READ, dir_fd=where)
    finally:
        os.close(where)
