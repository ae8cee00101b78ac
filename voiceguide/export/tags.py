"""What a track's tags say, and the tags of the formats ffmpeg's muxer or mutagen's Vorbis
writer carry (MP3's ID3 tags are in id3.py)."""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass, field
from pathlib import Path

from ..clock_text import timestamp
from .chapters import Chapter

GENRE = "Fitness"


@dataclass(frozen=True)
class Cover:
    """A PNG picture, its size and bits a pixel, as the tag formats that carry pictures
    describe one."""

    data: bytes = field(repr=False)
    width: int
    height: int
    depth: int
    mime: str = "image/png"

    @classmethod
    def from_png(cls, data: bytes) -> Cover:
        """The picture with the size its PNG header states."""
        if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR" or len(data) < 26:
            raise ValueError("not a PNG picture")
        width, height, bits, colour_type = struct.unpack(">IIBB", data[16:26])
        channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(colour_type, 3)
        return cls(data, width, height, bits * channels)


@dataclass(frozen=True)
class TrackInfo:
    title: str
    album: str  # the collection or the source document
    artist: str = "voiceguide"
    track: int = 1
    of: int = 1
    comment: str = ""  # the settings in force
    length_ms: int = 0
    genre: str = GENRE
    cover: Cover | None = None


def write_vorbis_comments(path: Path, info: TrackInfo, chapters: list[Chapter], rate: int) -> None:
    """What ffmpeg's Ogg muxer does not write: CHAPTERnnn comments (the Vorbis convention
    ffmpeg and players read) and the cover as a METADATA_BLOCK_PICTURE."""
    from mutagen.flac import Picture
    from mutagen.id3 import PictureType
    from mutagen.oggvorbis import OggVorbis

    audio = OggVorbis(str(path))
    for index, chapter in enumerate(chapters, 1):
        audio[f"CHAPTER{index:03d}"] = timestamp(chapter.start, rate)
        audio[f"CHAPTER{index:03d}NAME"] = chapter.title
    if info.cover:
        picture = Picture()
        picture.type, picture.mime, picture.desc = PictureType.COVER_FRONT, info.cover.mime, ""
        picture.width, picture.height = info.cover.width, info.cover.height
        picture.depth = info.cover.depth
        picture.data = info.cover.data
        audio["METADATA_BLOCK_PICTURE"] = base64.b64encode(picture.write()).decode("ascii")
    audio.save(padding=lambda info: 0)


def ffmetadata(info: TrackInfo, chapter_list: list[Chapter], sample_rate: int) -> str:
    """Tags and chapters in ffmpeg's metadata format, for containers ffmpeg tags itself."""

    def escape(text: str) -> str:
        for char in "\\=;#\n":
            text = text.replace(char, "\\" + char)
        return text

    lines = [
        ";FFMETADATA1",
        f"title={escape(info.title)}",
        f"artist={escape(info.artist)}",
        f"album={escape(info.album)}",
        f"track={info.track}/{info.of}",
        f"genre={escape(info.genre)}",
        f"comment={escape(info.comment)}",
    ]
    for chapter in chapter_list:
        lines += [
            "[CHAPTER]",
            f"TIMEBASE=1/{sample_rate}",
            f"START={chapter.start}",
            f"END={chapter.end}",
            f"title={escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"
