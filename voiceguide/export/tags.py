"""MP3 tags and chapters written with mutagen, the tagging library made for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .chapters import Chapter

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
        ms = _ms(chapter.start, rate)
        stamp = (
            f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
        )
        audio[f"CHAPTER{index:03d}"] = stamp
        audio[f"CHAPTER{index:03d}NAME"] = chapter.title
    audio.save(padding=lambda info: 0)
