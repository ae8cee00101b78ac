"""Background music: a user's track looped under the session, ducked under speech and tones."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .ffmpeg import ffmpeg_exe
from .files import write_text
from .layout import SAMPLE_RATE
from .loudness import parse_integrated

DEFAULT_BELOW_VOICE = 18.0  # LU: music this far under the voice's loudness, before ducking


@dataclass(frozen=True)
class Music:
    path: Path
    below_voice: float = DEFAULT_BELOW_VOICE

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


def music_loudness(path: Path, cache_dir: Path) -> float:
    """Integrated loudness of the music file, remembered by its name, size and time."""
    try:
        stat = path.stat()
    except OSError:
        raise UserError(f"--music {path}: no such file") from None
    key = hashlib.sha256(
        f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()
    ).hexdigest()[:32]
    remembered = cache_dir / "music" / f"{key}.txt"
    with contextlib.suppress(OSError, ValueError):
        return float(remembered.read_text())
    done = subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-vn",
            "-af",
            "ebur128=framelog=quiet",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
    )
    value = parse_integrated(done.stderr) if done.returncode == 0 else None
    if value is None or value <= -70:
        raise UserError(
            f"--music {path}: ffmpeg cannot read any sound from it; give an audio file (mp3, m4a, ogg, wav, flac)"
        )
    with contextlib.suppress(OSError, UserError):
        write_text(remembered, f"{value}\n")
    return value
