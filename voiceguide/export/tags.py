"""MP3 tags and chapters written with mutagen, the tagging library made for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .chapters import Chapter, timestamp

GENRE = "Fitness"


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


def _ms(samples: int, rate: int) -> int:
    return round(samples * 1000 / rate)


def write_id3(path: Path, info: TrackInfo, chapters: list[Chapter], rate: int) -> None:
    """ID3v2.4 tags and chapters (CHAP frames in a CTOC table) on an encoded MP3."""
    from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TCON, TIT2, TLEN, TPE1, TRCK, CTOCFlags

    tag = ID3()
    tag.add(TIT2(encoding=3, text=info.title))
    tag.add(TPE1(encoding=3, text=info.artist))
    tag.add(TALB(encoding=3, text=info.album))
    tag.add(TRCK(encoding=3, text=f"{info.track}/{info.of}"))
    tag.add(TCON(encoding=3, text=info.genre))
    tag.add(TLEN(encoding=3, text=str(info.length_ms)))
    if info.comment:
        tag.add(COMM(encoding=3, lang="eng", desc="settings", text=info.comment))
    ids = [f"chp{index}" for index in range(len(chapters))]
    tag.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=info.title)],
        )
    )
    for element_id, chapter in zip(ids, chapters, strict=True):
        tag.add(
            CHAP(
                element_id=element_id,
                start_time=_ms(chapter.start, rate),
                end_time=_ms(chapter.end, rate),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    tag.save(str(path), v2_version=4, padding=lambda info: 0)  # no padding: same bytes every time


def write_vorbis_chapters(path: Path, chapters: list[Chapter], rate: int) -> None:
    """CHAPTERnnn comments, the Vorbis convention ffmpeg and players read (its muxer does not write them)."""
    from mutagen.oggvorbis import OggVorbis

    audio = OggVorbis(str(path))
    for index, chapter in enumerate(chapters, 1):
        audio[f"CHAPTER{index:03d}"] = timestamp(chapter.start, rate)
        audio[f"CHAPTER{index:03d}NAME"] = chapter.title
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
