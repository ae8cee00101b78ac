"""The ffmpeg binary shipped by imageio-ffmpeg, so no system ffmpeg is needed."""

from __future__ import annotations

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
