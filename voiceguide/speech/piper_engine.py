"""The natural voice: Piper (optional extra `natural`) behind the engine interface, run in a
worker process with a timeout per phrase.

Piper is GPL-3.0, so it is only ever installed as an extra, never vendored, and it runs
in its own process (piper_worker.py); nothing here imports it.

Rate: Piper has no words-a-minute setting, only length_scale (1 = the voice's own pace,
about 190 words a minute); piper_worker.length_scale looks the rate up in a measured
table, so `--rate 160` speaks at about 160 words a minute (espeak-ng "en" at 160 reads
169 by the same measure: words over seconds from first to last sound of each phrase).
"""

from __future__ import annotations

import platform
import sys

from .checks import Pace
from .engine import Voice, package_version
from .piper_worker import INSTALL, PACKAGES, RENDER, SAMPLE_RATE, VOICE_ID, length_scale
from .process import WorkerEngine

NAMES = ("natural", VOICE_ID.lower())  # what --voice takes for this engine, any case

# Measured on every distinct phrase of the bundled routines (220) at 120, 160, 200 and 240
# words a minute, fitted for the narrowest spread of measured/expected (a least-squares
# fit gave 0.027 + 0.238 a syllable + 0.457 a pause, exponent 0.99, but spread 0.55-2.45).
# One phrase reads 0.46-1.58 of this (1% 0.50, 99% 1.33; the ends are bare counts, "8"
# and "30", said briskly, and "Squeeze.", drawn out); a routine's phrases together read
# 0.94-1.06. Spoken at 200 where 160 was asked, a routine reads 0.75-0.84. The band for
# one phrase is wider than espeak's because the same text always gives the same clip:
# a phrase just outside the band would fail every build that says it.
PIPER_PACE = Pace(fixed=0.175, per_syllable=0.236, per_pause=0.33, exponent=1.0, low=0.36, high=2.0)


def speaks(name: str) -> bool:
    """Whether --voice `name` means the natural voice."""
    return name.lower() in NAMES


def identity(voice: Voice) -> str:
    """The cache key of the natural voice at `voice.rate`, without starting anything."""
    packages = ",".join(f"{name}={package_version(name)}" for name in PACKAGES)
    machine = f"{sys.platform}-{platform.machine()}"  # onnxruntime's kernels differ per CPU kind
    scale = length_scale(voice.rate)
    return f"piper|{packages}|{machine}|{RENDER}|voice={VOICE_ID}|rate={voice.rate}|scale={scale}"


class PiperEngine(WorkerEngine):
    """Speaks with the Piper voice in a separate process, loaded once for many phrases."""

    module = "voiceguide.speech.piper_worker"
    label = "the natural voice"
    advice = f"reinstall it with {INSTALL}"
    sample_rate = SAMPLE_RATE
    pace = PIPER_PACE

    @property
    def identity(self) -> str:
        return identity(self.voice)

    def arguments(self) -> list[str]:
        return [f"--rate={self.voice.rate}"]
