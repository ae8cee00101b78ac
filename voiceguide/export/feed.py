"""A podcast feed: RSS 2.0 with the iTunes tags podcast apps read and the Podcasting 2.0
tags for chapters and captions, written with the standard library's ElementTree.

Plain data in (a channel and its episodes, every URL made already), bytes out: the same
data gives the same bytes, so a feed rebuilt from unchanged tracks is unchanged too.
Nothing here knows about exercises or programmes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import quote, urlsplit, urlunsplit

from ..errors import UserError

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
NAMESPACES = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}
# Apple's category for exercise: "Health & Fitness", then "Fitness".
CATEGORY = ("Health & Fitness", "Fitness")
MEDIA_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".wav": "audio/wav"}
# XML 1.0 has no place for these characters, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What may stand in a URL's path as it is: the rest is percent-encoded (a % already there
# is kept, so a path given encoded stays as it was).
_PATH_SAFE = "/%!$&'()*+,;=:@~-._"


@dataclass(frozen=True)
class FeedLinks:
    """Where the feed's files are: `base` (ending in /) and each file's name after it,
    percent-encoded, then `query` (the page's access token; empty for a static host)."""

    base: str
    query: str = ""

    def url(self, name: str) -> str:
        return self.base + quote(name, safe="") + self.query


def canonical_base_url(text: str) -> str:
    """The folder URL a feed's files will be found at, checked and made canonical: http
    or https, a host, no query or fragment (each file's name is added to it), a path
    percent-encoded (a space as %20) and ending in /. A UserError saying what to write
    otherwise."""
    example = "like https://example.org/physio/anna/"
    if not text.isprintable() or text != text.strip():
        raise UserError("a URL has no control characters and no spaces around it")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as err:
        raise UserError(f"not a URL ({err}); give one {example}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UserError(f"give the web address the folder will be served at, {example}")
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise UserError(
            "leave out the ?query and #fragment; each file's name is added to the folder's URL"
        )
    try:
        if any(c.isspace() for c in parts.netloc):
            raise UnicodeError("a space")
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise UserError("the host name cannot be used in a URL") from None
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    if parts.username is not None:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    path = quote(parts.path, safe=_PATH_SAFE)
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, "", ""))


@dataclass(frozen=True)
class Channel:
    """The podcast as a whole."""

    title: str
    description: str
    language: str
    author: str
    link: str  # the folder's URL: the show's home
    feed_url: str  # where the feed itself is (atom:link rel="self")
    image_url: str
    serial: bool = True  # episodes meant in order (itunes:type serial), else episodic
    private: bool = True  # ask directories and hosting platforms to leave it alone


@dataclass(frozen=True)
class Episode:
    """One item: a track, its file and what a podcast app shows of it."""

    title: str
    url: str
    length: int  # bytes, as the enclosure says
    media_type: str
    guid: str
    published: datetime  # with its time zone
    seconds: float
    number: int
    description: str  # HTML, escaped into the element as RSS does
    season: int | None = None
    chapters_url: str | None = None
    chapters_type: str = "application/json+chapters"
    captions_url: str | None = None  # WebVTT


def media_type(name: str) -> str:
    """The enclosure's type for an audio file's name."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return MEDIA_TYPES.get(suffix, "application/octet-stream")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: ET.Element, tag: str, content: str | None = None, **attributes: str) -> ET.Element:
    """A child element: `tag` as prefix:name (itunes:, podcast:, atom:) or plain RSS."""
    if ":" in tag:
        prefix, name = tag.split(":", 1)
        tag = f"{{{NAMESPACES[prefix]}}}{name}"
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if content is not None:
        element.text = _text(content)
    return element


def duration_text(seconds: float) -> str:
    """itunes:duration in whole seconds, as Apple's spec prefers."""
    return str(max(0, round(seconds)))


def feed_xml(channel: Channel, episodes: Sequence[Episode]) -> bytes:
    """The feed as UTF-8 XML: the channel, then one item per episode in the order given."""
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    rss = ET.Element("rss", {"version": "2.0"})
    ch = _add(rss, "channel")
    _add(ch, "title", channel.title)
    _add(ch, "link", channel.link)
    _add(ch, "description", channel.description)
    _add(ch, "language", channel.language)
    _add(ch, "generator", "voiceguide")
    _add(ch, "atom:link", href=channel.feed_url, rel="self", type="application/rss+xml")
    image = _add(ch, "image")
    _add(image, "url", channel.image_url)
    _add(image, "title", channel.title)
    _add(image, "link", channel.link)
    _add(ch, "itunes:image", href=channel.image_url)
    _add(ch, "itunes:author", channel.author)
    _add(ch, "itunes:summary", channel.description)
    category = _add(ch, "itunes:category", text=CATEGORY[0])
    _add(category, "itunes:category", text=CATEGORY[1])
    _add(ch, "itunes:explicit", "false")
    _add(ch, "itunes:type", "serial" if channel.serial else "episodic")
    if channel.private:
        # A patient's programme: Apple's directory leaves it out (itunes:block), and
        # hosting platforms refuse to import it (podcast:locked).
        _add(ch, "itunes:block", "Yes")
        _add(ch, "podcast:locked", "yes")
    for episode in episodes:
        _item(ch, episode)
    ET.indent(rss, space=" ")
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def _item(channel: ET.Element, episode: Episode) -> None:
    item = _add(channel, "item")
    _add(item, "title", episode.title)
    _add(item, "description", episode.description)
    _add(
        item,
        "enclosure",
        url=episode.url,
        length=str(episode.length),
        type=episode.media_type,
    )
    _add(item, "guid", episode.guid, isPermaLink="false")
    _add(item, "pubDate", format_datetime(episode.published))
    _add(item, "itunes:title", episode.title)
    _add(item, "itunes:duration", duration_text(episode.seconds))
    if episode.season is not None:
        _add(item, "itunes:season", str(episode.season))
    _add(item, "itunes:episode", str(episode.number))
    _add(item, "itunes:episodeType", "full")
    _add(item, "itunes:explicit", "false")
    if episode.chapters_url:
        _add(item, "podcast:chapters", url=episode.chapters_url, type=episode.chapters_type)
    if episode.captions_url:
        _add(item, "podcast:transcript", url=episode.captions_url, type="text/vtt", rel="captions")
