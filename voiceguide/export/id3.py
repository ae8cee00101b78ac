"""MP3 tags, chapters and cover written with mutagen, the tagging library made for it.

Imported only once a track is tagged: mutagen is part of the audio stack that `plan` and
`list` never load.
"""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TIT2,
    TLEN,
    TPE1,
    TRCK,
    CTOCFlags,
    Frame,
    PictureType,
)

from .chapters import Chapter
from .tags import TrackInfo


class _ChaptersInTimeOrder(ID3):
    """An ID3 tag that writes its CHAP frames in time order.

    mutagen orders frames by importance, then by size, when it saves (its issue #506), and
    ffmpeg, like most players, lists chapters in the order their frames stand in the file:
    the shortest title came first. Here the other frames keep mutagen's order, the chapters
    follow by start time, and pictures come last, as mutagen places them. Every part is
    still serialised by mutagen itself, so the bytes depend on the frames alone.
    """

    def _write(self, config: object) -> bytearray:  # where mutagen orders frames on save
        def part(frames: list[Frame]) -> bytes:
            tag = ID3()
            for frame in frames:
                tag.add(frame)
            return bytes(ID3._write(tag, config))

        frames = list(self.values())
        chapters = sorted(self.getall("CHAP"), key=lambda f: (f.start_time, f.element_id))
        pictures = self.getall("APIC")
        others = [f for f in frames if f.FrameID not in ("CHAP", "APIC")]
        return bytearray().join(
            [part(others), *(part([chapter]) for chapter in chapters), part(pictures)]
        )


def _ms(samples: int, rate: int) -> int:
    return round(samples * 1000 / rate)


def write_id3(path: Path, info: TrackInfo, chapters: list[Chapter], rate: int) -> None:
    """ID3v2.4 tags, the cover and chapters (CHAP frames in a CTOC table) on an encoded MP3."""
    tag = _ChaptersInTimeOrder()
    tag.add(TIT2(encoding=3, text=info.title))
    tag.add(TPE1(encoding=3, text=info.artist))
    tag.add(TALB(encoding=3, text=info.album))
    tag.add(TRCK(encoding=3, text=f"{info.track}/{info.of}"))
    tag.add(TCON(encoding=3, text=info.genre))
    tag.add(TLEN(encoding=3, text=str(info.length_ms)))
    if info.comment:
        tag.add(COMM(encoding=3, lang="eng", desc="settings", text=info.comment))
    if info.cover:
        tag.add(
            APIC(
                encoding=0, mime=info.cover.mime, type=PictureType.COVER_FRONT, desc="",
                data=info.cover.data,
            )
        )  # fmt: skip
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
