"""Background music: a user's track looped under the session, ducked under speech and tones."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..ffmpeg import ffmpeg_exe
from ..files import read_number, remember_number
from ..userfiles import UserFileError, check_user_file
from .format import SAMPLE_RATE
from .loudness import METER, parse_integrated

DEFAULT_BELOW_VOICE = 18.0  # LU: music this far under the voice's loudness, before ducking
# Its loudness is measured over the whole file before the build can start. 500 MB holds
# hours of MP3 or AAC and about 45 minutes of CD-quality WAV: more than any session needs,
# while a bigger file would keep ffmpeg measuring for minutes.
MAX_MUSIC_BYTES = 500 * 2**20
# The demuxers of plain audio files (names as `ffmpeg -demuxers` gives them). All others
# are refused: concat lists, HLS and other playlists would make ffmpeg read the files they
# name, beside the one the user gave.
AUDIO_FORMATS = (
    "mp3", "wav", "w64", "aiff", "caf", "flac", "ogg", "aac", "wv", "ape", "asf",
    "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm",
)  # fmt: skip


@dataclass(frozen=True)
class Music:
    path: Path
    below_voice: float = DEFAULT_BELOW_VOICE
    lufs: float | None = None  # its integrated loudness, once measured

    def __post_init__(self) -> None:
        # Checked when chosen, so a FIFO or a folder fails before any speech is made.
        checked_music(self.path)

    def measured(self, cache_dir: Path | None) -> Music:
        """This music with its loudness known (remembered in `cache_dir` unless None), so a
        file ffmpeg cannot read fails before any speech is made, and is measured once."""
        if self.lufs is not None:
            return self
        return dataclasses.replace(self, lufs=music_loudness(self.path, cache_dir))

    def bed(self, voice_chain: str, voice_lufs: float) -> tuple[Path, str]:
        """The file and the ffmpeg filter graph that lay it under a session whose voice
        reaches `voice_lufs` through `voice_chain`."""
        lufs = self.lufs if self.lufs is not None else music_loudness(self.path, None)
        return self.path, self.graph(voice_chain, voice_lufs - self.below_voice - lufs)

    def graph(self, voice_chain: str, music_gain_db: float) -> str:
        """An ffmpeg filter graph: input 0 is the session, input 1 the looped music.

        The sidechain is the session itself, speech and tones alike, so the music dips
        under every word and every cue tone and comes back up in the silences.
        """
        return (
            f"[0:a]{voice_chain},asplit=2[voice][key];"
            f"[1:a]aformat=sample_fmts=fltp:channel_layouts=mono,aresample={SAMPLE_RATE},"
            f"volume={music_gain_db:.2f}dB[bed];"
            "[bed][key]sidechaincompress=threshold=0.02:ratio=10:attack=5:release=350[ducked];"
            "[voice][ducked]amix=inputs=2:duration=first:normalize=0[out]"
        )


def checked_music(path: Path) -> os.stat_result:
    """The status of a music file the user named, once it is known to be a plain file."""
    try:
        return check_user_file(path, what="audio", limit=MAX_MUSIC_BYTES)
    except UserFileError as err:
        raise UserError(f"--music {err}") from None


def music_input_args(path: Path) -> list[str]:
    """ffmpeg input options that read `path` as one plain audio file and nothing else.

    An absolute `file:` URL, so a name like `a:b.mp3` is never taken for a protocol.
    """
    return [
        "-protocol_whitelist", "file",
        "-format_whitelist", ",".join(AUDIO_FORMATS),
        "-i", f"file:{os.path.abspath(path)}",
    ]  # fmt: skip


# Loudness a music file can have and still be heard (below -70 LUFS is gated as silence).
SANE_LUFS = (-70.0, 10.0)


def music_loudness(path: Path, cache_dir: Path | None) -> float:
    """Integrated loudness of the music file, remembered in `cache_dir` (unless None) by
    its name, size and time."""
    stat = checked_music(path)
    key = hashlib.sha256(
        f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()
    ).hexdigest()[:32]
    remembered = cache_dir / "music" / f"{key}.txt" if cache_dir else None
    known = read_number(remembered, *SANE_LUFS) if remembered else None
    if known is not None:
        return known
    done = subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-nostats",
            *music_input_args(path),
            "-vn",
            "-af",
            METER,
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 and "not on whitelist" in done.stderr:
        raise UserError(
            f"--music {path}: not a plain audio file (a playlist or a list of files?); give an audio file (mp3, m4a, ogg, wav, flac)"
        )
    value = parse_integrated(done.stderr) if done.returncode == 0 else None
    if value is None or value <= -70:
        raise UserError(
            f"--music {path}: ffmpeg cannot read any sound from it; give an audio file (mp3, m4a, ogg, wav, flac)"
        )
    if remembered:
        remember_number(remembered, value)
    return value
