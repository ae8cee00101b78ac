"""PCM blocks -> a tagged audio file through ffmpeg: loudness filters, codec, container, tags."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..audio.format import SAMPLE_RATE
from ..errors import MachineError
from ..ffmpeg import feed, ffmpeg_exe, one_line, says_disk_full
from ..files import disk_full
from .chapters import Chapter
from .tags import TrackInfo, ffmetadata, write_vorbis_comments

DEFAULT_BITRATE = "96k"  # mono speech and tones: clean at this rate, small files
FormatName = Literal["mp3", "m4a", "ogg", "wav"]


@dataclass(frozen=True)
class Format:
    name: FormatName
    codec: tuple[str, ...]  # ffmpeg arguments naming codec and container
    # Who writes tags and chapters: mutagen after encoding (ID3), or ffmpeg's muxer from an
    # ffmetadata file (rewriting an MP4 afterwards broke its chapters).
    tagging: Literal["id3", "muxer"] = "muxer"
    # Vorbis chapters and pictures are comments ffmpeg's muxer does not write: mutagen
    # adds them after.
    vorbis_comments: bool = False
    # The cover goes in as a picture stream, which the muxer files as the cover (MP4's covr).
    cover_stream: bool = False
    lossy: bool = True
    # The limiter's ceiling sits this far under the true-peak target. Measured: MP3, AAC and
    # Vorbis overshoot a sample-peak ceiling by about 0.8 dB, PCM by inter-sample peaks only.
    peak_margin_db: float = 1.5
    # What the encoder itself takes off the level, made good after the limiter. Measured:
    # libmp3lame through ffmpeg plays a 440 Hz sine 0.44 dB quieter at any bitrate.
    level_offset_db: float = 0.0
    # Told the highest frequency in the sound (half the speech's rate), the encoder spends
    # nothing above it. Measured with ffmpeg's AAC: left to its own cutoff, its noise above
    # 11 kHz pushed one speech peak 2 dB over the limiter's ceiling (-0.4 dBTP); with it, -2.1.
    takes_cutoff: bool = False

    def tag(self, path: Path, info: TrackInfo, chapters: list[Chapter]) -> None:
        """What an encoded file of this format still needs once ffmpeg is done."""
        if self.tagging == "id3":
            from .id3 import write_id3  # mutagen: only once a track is tagged

            write_id3(path, info, chapters, SAMPLE_RATE)
        if self.vorbis_comments:
            write_vorbis_comments(path, info, chapters, SAMPLE_RATE)


FORMATS: dict[FormatName, Format] = {
    # No ID3 from ffmpeg: mutagen writes the tags; the Xing/LAME header (encoder delay and
    # padding, so players trim them and report the exact length) is still written.
    "mp3": Format(
        "mp3",
        ("-c:a", "libmp3lame", "-id3v2_version", "0", "-write_xing", "1", "-f", "mp3"),
        tagging="id3",
        level_offset_db=0.44,
    ),
    "m4a": Format("m4a", ("-c:a", "aac", "-f", "ipod"), takes_cutoff=True, cover_stream=True),
    # Vorbis overshot its ceiling by up to 1.3 dB across nine clip variants (-1.2 dBTP at
    # a 1.5 dB margin): too close to the promise, so it gets more room.
    "ogg": Format(
        "ogg", ("-c:a", "libvorbis", "-f", "ogg"), vorbis_comments=True, peak_margin_db=2.0
    ),
    "wav": Format("wav", ("-c:a", "pcm_s16le", "-f", "wav"), lossy=False, peak_margin_db=0.5),
}


def encode(
    blocks: Iterable[bytes],
    path: Path,
    *,
    fmt: Format,
    bitrate: str = DEFAULT_BITRATE,
    audio_filter: str | None = None,
    metadata_file: Path | None = None,
    music: tuple[Path, str] | None = None,
    bandwidth_hz: int | None = None,
    cover: Path | None = None,
) -> None:
    """Encode raw 16-bit mono PCM at SAMPLE_RATE into `path` (which the caller makes atomic).

    `metadata_file` (ffmetadata: tags and chapters) is written by ffmpeg's own muxer.
    `music` is a file to loop under the session and the filter graph that mixes it in.
    `bandwidth_hz` is the highest frequency in the sound, for encoders that take a cutoff.
    `cover` is a picture the muxer files as the cover, copied as it is.
    """
    inputs = ["-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-i", "pipe:0"]
    count = 1  # ffmpeg numbers its inputs from 0 in the order given
    if music:
        from ..audio.music import music_input_args  # the one way a user's music reaches ffmpeg

        inputs += ["-stream_loop", "-1", *music_input_args(music[0])]
        routing = ["-filter_complex", music[1], "-map", "[out]"]
        count += 1
    else:
        routing = [*(["-af", audio_filter] if audio_filter else []), "-map", "0:a"]
    if metadata_file:
        inputs += ["-i", str(metadata_file)]
        routing += ["-map_metadata", str(count), "-map_chapters", str(count)]
        count += 1
    else:
        routing += ["-map_metadata", "-1"]
    if cover:
        inputs += ["-f", "png_pipe", "-i", str(cover)]
        routing += ["-map", f"{count}:v", "-c:v", "copy", "-disposition:v", "attached_pic"]
    # ffmpeg writes to a descriptor we opened, never by name: an ffmpeg that outlives an
    # interrupted build can only write into the temporary file already removed.
    output = os.open(path, os.O_WRONLY | os.O_TRUNC)
    command = [
        ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
        *inputs, *routing, "-ar", str(SAMPLE_RATE), "-ac", "1",
        *(["-b:a", bitrate] if fmt.lossy else []),
        *(["-cutoff", str(bandwidth_hz)] if fmt.takes_cutoff and bandwidth_hz else []),
        # No encoder version or timestamps inside: the same inputs give the same bytes.
        "-fflags", "+bitexact", "-flags:a", "+bitexact",
        *fmt.codec, "-fd", str(output), "fd:",
    ]  # fmt: skip
    try:
        status, error = feed(command, blocks, pass_fds=(output,))
    finally:
        os.close(output)
    if status != 0 and says_disk_full(error):
        raise disk_full(Path(path).parent)
    if status != 0:
        raise MachineError(f"ffmpeg could not write {fmt.name} audio: {one_line(error)}")


def write_audio(
    blocks: Iterable[bytes],
    path: Path,
    *,
    form: Format,
    bitrate: str | None,
    info: TrackInfo,
    chapters: list[Chapter],
    audio_filter: str | None,
    music: tuple[Path, str] | None,
    speech_rate: int,
    scratch: Path,
) -> None:
    """Encode and tag the track into `path` (a temporary file the caller makes atomic)."""
    metadata = cover = None
    if form.tagging == "muxer":
        metadata = scratch / "metadata.txt"
        metadata.write_text(ffmetadata(info, chapters, SAMPLE_RATE), encoding="utf-8")
    if form.cover_stream and info.cover:
        cover = scratch / "cover.png"
        cover.write_bytes(info.cover.data)
    encode(
        blocks,
        path,
        fmt=form,
        bitrate=bitrate or DEFAULT_BITRATE,
        audio_filter=audio_filter,
        metadata_file=metadata,
        music=music,
        # Nothing in the voice lies above half its rate and the tones sit far below it;
        # music, if any, may go higher.
        bandwidth_hz=None if music else speech_rate // 2,
        cover=cover,
    )
    form.tag(path, info, chapters)
