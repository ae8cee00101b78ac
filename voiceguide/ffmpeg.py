"""The ffmpeg binary shipped by imageio-ffmpeg, so no system ffmpeg is needed."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from functools import cache

from .errors import MachineError


@cache
def ffmpeg_exe() -> str:
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as err:  # RuntimeError when the wheel has no binary for this platform
        raise MachineError(
            f"no ffmpeg found ({err}); reinstall with `pip install imageio-ffmpeg`, "
            "or set IMAGEIO_FFMPEG_EXE to an ffmpeg that has libmp3lame"
        ) from None


def feed(command: list[str], blocks: Iterable[bytes]) -> tuple[int, str]:
    """Run ffmpeg with raw PCM `blocks` on its standard input; (exit status, its messages).

    If we are interrupted (Ctrl-C) or fail part-way, ffmpeg is ended too, never orphaned.
    """
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    assert process.stdin is not None and process.stderr is not None
    try:
        try:
            for block in blocks:
                process.stdin.write(block)
            process.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early; its exit status and message say why
        messages = process.stderr.read().decode(errors="replace").strip()
        return process.wait(), messages
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
