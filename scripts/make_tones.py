"""Regenerate the cue sounds in audio_assets/ from code: python scripts/make_tones.py

Each tone has its own pitch so a listener (and the tests) can tell them apart:
pip 880 Hz (countdown), start 1320 Hz (go), end 587 Hz with a soft decay (stop),
complete: a rising four-note chime.
"""

from __future__ import annotations

import math
from pathlib import Path

from pydub import AudioSegment
from pydub.generators import SignalGenerator

RATE = 44100
ASSETS = Path(__file__).resolve().parent.parent / "audio_assets"


class Chime(SignalGenerator):
    """A sine with a gentle second harmonic and an exponential decay: softer than a bare beep."""

    def __init__(self, freq: float, decay: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.freq, self.decay = freq, decay

    def generate(self):
        n = 0
        while True:
            t = n / self.sample_rate
            envelope = math.exp(-t / self.decay) if self.decay else 1.0
            wave = math.sin(2 * math.pi * self.freq * t) + 0.15 * math.sin(
                4 * math.pi * self.freq * t
            )
            yield envelope * wave / 1.15
            n += 1


def tone(freq: float, ms: int, *, decay: float = 0.0, volume: float = -9.0) -> AudioSegment:
    sound = Chime(freq, decay, sample_rate=RATE).to_audio_segment(duration=ms, volume=volume)
    # A 4 ms attack keeps the onset sharp (measurable) without a click.
    return sound.fade_in(4).fade_out(min(40, ms // 3))


def make() -> dict[str, AudioSegment]:
    notes = [tone(f, 160, decay=0.3, volume=-11) for f in (523.25, 659.25, 783.99)]
    complete = AudioSegment.empty().set_frame_rate(RATE)
    for note in notes:
        complete += note + AudioSegment.silent(30, frame_rate=RATE)
    complete += tone(1046.5, 900, decay=0.35, volume=-10)
    return {
        "pip": tone(880, 110, volume=-12),
        "start": tone(1320, 300, decay=0.5, volume=-10),
        "end": tone(587.33, 450, decay=0.25, volume=-9),
        "complete": complete,
    }


def main() -> None:
    for name, sound in make().items():
        sound.set_channels(1).set_sample_width(2).export(ASSETS / f"{name}.wav", format="wav")
        print(f"audio_assets/{name}.wav  {len(sound)} ms")


if __name__ == "__main__":
    main()
