"""Loudness to the spoken-word standard with ffmpeg's own EBU R128 meter and limiter.

Integrated loudness ignores silence (its 400 ms blocks below -70 LUFS are gated out),
so the track is measured with every silence cut to half a second: the same non-silent
blocks at a fraction of the cost. A second measurement through the gain and limiter
corrects for what the limiter takes off. The result is cached by the exact sequence of
sounds, so a rebuild measures nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import MachineError, UserError
from .ffmpeg import feed, ffmpeg_exe
from .files import write_text
from .layout import SAMPLE_RATE, Timeline

KEPT_SILENCE = SAMPLE_RATE // 2  # longer than one 400 ms gating block
MEASURE_VERSION = 4
FIRST_GUESS_DB = 6.5  # what espeak-ng's voices need to reach -16 LUFS; learned per voice after  # bump when the measurement changes, to retire cached figures


@dataclass(frozen=True)
class LoudnessTarget:
    lufs: float = -16.0  # integrated, the spoken-word (podcast) standard
    true_peak: float = -1.0  # dBTP ceiling

    def audio_filter(
        self, gain_db: float, *, peak_margin_db: float, encoder_offset_db: float = 0.0
    ) -> str:
        """ffmpeg filters: the gain, a limiter whose ceiling sits `peak_margin_db` under the
        true-peak target (room for inter-sample and codec overshoot), and the encoder's own
        level loss made good after it."""
        ceiling = 10 ** ((self.true_peak - peak_margin_db) / 20)
        # latency=1 removes the limiter's look-ahead delay, so no tone moves in time.
        chain = f"volume={gain_db:.2f}dB,alimiter=limit={ceiling:.4f}:level=false:latency=1:attack=5:release=50"
        return chain + (f",volume={encoder_offset_db:.2f}dB" if encoder_offset_db else "")


def compact(
    timeline: Timeline, speech: Mapping[str, bytes], tones: Mapping[str, bytes]
) -> Iterable[bytes]:
    """The timeline's sounds in order, with each silence between them cut to KEPT_SILENCE."""
    position = 0
    for event in timeline.sounds():
        if event.start > position:
            yield bytes(2 * min(event.start - position, KEPT_SILENCE))
        yield speech[event.text] if event.kind == "speech" else tones[event.text]
        position = max(position, event.end)


def measure(blocks: Iterable[bytes], audio_filter: str | None = None) -> float:
    """Integrated loudness (LUFS) of 16-bit mono PCM, after `audio_filter`, by ffmpeg's ebur128."""
    # Speech is made at 22.05 kHz and the cue tones sit below 3 kHz, so the meter reads the
    # same at half the rate (measured: identical to 0.1 LU) in half the time.
    meter = "aresample=22050,ebur128=framelog=quiet"
    chain = f"{audio_filter},{meter}" if audio_filter else meter
    command = [
        ffmpeg_exe(), "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", "1",
        "-i", "pipe:0", "-af", chain, "-f", "null", "-",
    ]  # fmt: skip
    status, report = feed(command, blocks)
    value = parse_integrated(report)
    if status != 0 or value is None:
        raise MachineError(f"ffmpeg could not measure loudness: {report.strip()[-300:]}")
    return value


def parse_integrated(report: str) -> float | None:
    """The integrated loudness from ebur128's summary; silence reads as -70 LUFS."""
    found = re.findall(r"I:\s+(-?[\d.]+|-inf) LUFS", report)
    if not found:
        return None
    value = float(found[-1])
    return value if value > -70 else -70.0


def _solve(loudness_at: Callable[[float], float], target: float, guess: float) -> float:
    """The gain whose result measures `target` within 0.15 LU.

    The limiter takes off more the more gain there is, so the search steps along the
    measured slope (secant method). It starts from the gain an earlier build of the same
    voice needed, which usually lands at once: one measurement instead of three.
    """
    gain, low_gain, low = guess, None, None
    for _ in range(4):
        reached = loudness_at(gain)
        if abs(reached - target) < 0.15:
            break
        if low_gain is None or gain == low_gain:
            slope = 0.6  # typical for speech into this limiter, until a second point is known
        else:
            slope = min(1.0, max(0.2, (reached - low) / (gain - low_gain)))
        low_gain, low = gain, reached
        gain += (target - reached) / slope
    return gain


def normalising_gain(
    timeline: Timeline,
    speech: Mapping[str, bytes],
    tones: Mapping[str, bytes],
    target: LoudnessTarget,
    cache_dir: Path,
    *,
    peak_margin_db: float,
    voice_key: str = "",
) -> float:
    """The gain in dB that brings this track to `target`, remembered on disk."""
    # Hash each distinct sound once, then the order and spacing they come in.
    speech_ids = {text: hashlib.sha256(data).digest() for text, data in speech.items()}
    tone_ids = {name: hashlib.sha256(data).digest() for name, data in tones.items()}
    setting = f"{MEASURE_VERSION}|{target}|{peak_margin_db}"
    digest = hashlib.sha256(setting.encode())
    position = 0
    for event in timeline.sounds():
        digest.update(speech_ids[event.text] if event.kind == "speech" else tone_ids[event.text])
        # Only what the measurement sees: the gap, up to KEPT_SILENCE.
        digest.update(min(max(0, event.start - position), KEPT_SILENCE).to_bytes(8, "little"))
        position = max(position, event.end)
    path = cache_dir / "loudness" / f"{digest.hexdigest()[:32]}.txt"
    # The last gain found for this voice and target: where the next search starts.
    start = (
        cache_dir
        / "loudness"
        / f"guess-{hashlib.sha256(f'{setting}|{voice_key}'.encode()).hexdigest()[:16]}.txt"
    )
    try:
        return float(path.read_text())
    except (OSError, ValueError):
        pass

    def loudness_at(gain: float) -> float:
        return measure(
            compact(timeline, speech, tones),
            target.audio_filter(gain, peak_margin_db=peak_margin_db),
        )

    guess = FIRST_GUESS_DB
    with contextlib.suppress(OSError, ValueError):
        guess = float(start.read_text())
    gain = _solve(loudness_at, target.lufs, guess)
    with contextlib.suppress(OSError, UserError):  # a read-only cache costs a re-measure, no more
        write_text(path, f"{gain}\n")
        write_text(start, f"{gain}\n")
    return gain
