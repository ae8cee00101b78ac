"""PCM blocks -> an MP3 file through ffmpeg, written atomically."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import MachineError, UserError
from .ffmpeg import ffmpeg_exe
from .layout import SAMPLE_RATE

BITRATE = "96k"  # mono speech and tones: transparent at this rate, small files


def export_mp3(
    blocks: Iterable[bytes], path: Path, *, title: str, album: str | None = None
) -> None:
    """Encode raw 16-bit mono PCM to `path`; the old file stays until the new one is whole."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=".part.mp3", dir=path.parent
        )
        os.close(handle)
    except OSError as err:
        raise UserError(
            f"cannot write to {path.parent}: {err.strerror}; choose another folder with -o"
        ) from None
    temp = Path(temp_name)
    command = [
        ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1", "-i", "pipe:0",
        "-codec:a", "libmp3lame", "-b:a", BITRATE,
        # No encoder version or timestamps inside: the same inputs give the same bytes.
        "-fflags", "+bitexact", "-flags:a", "+bitexact",
        "-id3v2_version", "3", "-metadata", f"title={title}", "-metadata", "artist=voiceguide",
        *(["-metadata", f"album={album}"] if album else []),
        "-f", "mp3", str(temp),
    ]  # fmt: skip
    process = None
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdin is not None
        try:
            for block in blocks:
                process.stdin.write(block)
            process.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early; its exit status and message say why
        error = process.stderr.read().decode(errors="replace").strip() if process.stderr else ""
        if process.wait() != 0:
            raise MachineError(f"ffmpeg could not write {path.name}: {error or 'unknown error'}")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; a finished MP3 is an ordinary file
        os.replace(temp, path)
    finally:
        if process is not None and process.poll() is None:
            process.kill()  # interrupted mid-encode: no orphan ffmpeg
            process.wait()
        temp.unlink(missing_ok=True)
