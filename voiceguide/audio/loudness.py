"""Loudness to the spoken-word standard with ffmpeg's own EBU R128 meter and limiter.

Integrated loudness ignores silence (its 400 ms blocks below -70 LUFS are gated out),
so the track is measured with every silence cut to half a second: the same non-silent
blocks at a fraction of the cost. It is measured through the gain and limiter, at two
gains at once on two cores, because the limiter takes off more the more gain there is.
The result is cached by the exact sequence of sounds, so a rebuild measures nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import MachineError
from ..ffmpeg import feed_all, ffmpeg_exe, one_line
from ..files import read_number, remember_number
from ..timeline import Timeline
from .format import SAMPLE_RATE, SAMPLE_WIDTH, Clip

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.11-3.12; audioop-lts after
    import audioop

KEPT_SILENCE = SAMPLE_RATE * 2 // 5  # one 400 ms gating block: no block spans two sounds
MEASURE_VERSION = 7  # bump when the measurement changes, to retire cached figures
FIRST_GUESS_DB = 7.0  # what espeak-ng's voices need to reach -16 LUFS
SPREAD_DB = 0.75  # each round measures the estimate this far down and up
METER = "ebur128=framelog=quiet"  # the summary's integrated figure is what we read
# Speech is made at 22.05 kHz and the cue tones sit below 3 kHz, so gain, limiter and
# meter read the same at this rate (measured: within 0.1 LU) in half the time.
METER_RATE = 22050


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
    timeline: Timeline,
    speech: Mapping[str, bytes],
    tones: Mapping[str, bytes],
    rate: int = SAMPLE_RATE,
) -> Iterable[bytes]:
    """The timeline's sounds (given at `rate`) in order, with each silence between them
    cut to KEPT_SILENCE."""
    position = 0
    for event in timeline.sounds():
        if event.start > position:
            yield bytes(
                SAMPLE_WIDTH * (min(event.start - position, KEPT_SILENCE) * rate // SAMPLE_RATE)
            )
        yield speech[event.text] if event.kind == "speech" else tones[event.text]
        position = max(position, event.end)


class _AtRate(Mapping[str, bytes]):
    """Clips as PCM at `rate`, converted when read, so no more than one is held at once."""

    def __init__(self, clips: Mapping[str, Clip], rate: int) -> None:
        self.clips, self.rate = clips, rate

    def __getitem__(self, text: str) -> bytes:
        return _at_rate(self.clips[text], self.rate)

    def __iter__(self) -> Iterator[str]:
        return iter(self.clips)

    def __len__(self) -> int:
        return len(self.clips)


def _at_rate(clip: Clip, rate: int) -> bytes:
    """The clip's PCM at `rate`: as is when it already is, else by a simple converter (good
    enough for the meter, the only reader at another rate)."""
    if clip.rate == rate:
        return clip.pcm
    return audioop.ratecv(clip.pcm, SAMPLE_WIDTH, 1, clip.rate, rate, None)[0]


def measure_each(
    blocks: Iterable[bytes], audio_filters: Sequence[str | None], rate: int = SAMPLE_RATE
) -> list[float]:
    """Integrated loudness of the same PCM (at `rate`) after each of `audio_filters`: one
    ffmpeg per filter, all reading one pass over `blocks`, so they run on separate cores."""
    resample = f"aresample={METER_RATE}" if rate != METER_RATE else ""
    commands = []
    for audio_filter in audio_filters:
        chain = ",".join(f for f in (resample, audio_filter, METER) if f)
        commands.append([
            ffmpeg_exe(), "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(rate),
            "-ac", "1", "-i", "pipe:0", "-af", chain, "-f", "null", "-",
        ])  # fmt: skip
    values = []
    for status, report in feed_all(commands, blocks):
        value = parse_integrated(report)
        if status != 0 or value is None:
            raise MachineError(f"ffmpeg could not measure loudness: {one_line(report)}")
        values.append(value)
    return values


def parse_integrated(report: str) -> float | None:
    """The integrated loudness from ebur128's summary; silence reads as -70 LUFS."""
    found = re.findall(r"I:\s+(-?[\d.]+|-inf) LUFS", report)
    if not found:
        return None
    value = float(found[-1])
    return value if value > -70 else -70.0


def _solve(loudness_at: Callable[[list[float]], list[float]], target: float, guess: float) -> float:
    """The gain whose result measures `target`.

    The limiter takes off more the more gain there is, so loudness is not gain plus a
    constant. Each round measures two gains at once, SPREAD_DB either side of the estimate.
    Once two readings straddle the target, the gain is interpolated between them: over a
    dB the curve is close to straight (the result lands within 0.05 LU, within the meter's
    0.1 LU rounding). Otherwise the next estimate steps along the measured slope. The first
    estimate is fixed per engine, so the result never depends on earlier builds.
    """
    points: list[tuple[float, float]] = []
    estimate = guess
    for _ in range(4):
        gains = [estimate - SPREAD_DB, estimate + SPREAD_DB]
        readings = loudness_at(gains)
        points = sorted([*points, *zip(gains, readings, strict=True)])
        for (low_gain, low), (high_gain, high) in itertools.pairwise(points):
            if low <= target <= high and high > low:
                estimate = low_gain + (target - low) * (high_gain - low_gain) / (high - low)
                if high_gain - low_gain <= 2 * SPREAD_DB + 1e-9:
                    return estimate
                break
        else:
            # Not straddled yet: step from the closest reading along this round's slope.
            slope = (readings[1] - readings[0]) / (gains[1] - gains[0])
            slope = min(1.0, max(0.2, slope))  # a flat or noisy pair must not fling the gain
            gain, reached = min(points, key=lambda p: abs(p[1] - target))
            estimate = gain + (target - reached) / slope
    return estimate


# Gains a track can need: speech engines deliver between about -40 and 0 dBFS.
SANE_GAIN_DB = (-30.0, 50.0)


def normalising_gain(
    timeline: Timeline,
    speech_clips: Mapping[str, Clip],
    tone_clips: Mapping[str, Clip],
    target: LoudnessTarget,
    cache_dir: Path,
    *,
    peak_margin_db: float,
    first_guess_db: float = FIRST_GUESS_DB,
) -> float:
    """The gain in dB that brings this track to `target`, remembered in `cache_dir`.
    The sounds are measured at METER_RATE."""
    rate = METER_RATE
    speech = _AtRate(speech_clips, rate)
    tones = {name: _at_rate(clip, rate) for name, clip in tone_clips.items()}
    # Hash each distinct sound once, then the order and spacing they come in.
    speech_ids = {text: hashlib.sha256(data).digest() for text, data in speech.items()}
    tone_ids = {name: hashlib.sha256(data).digest() for name, data in tones.items()}
    setting = f"{MEASURE_VERSION}|{target}|{peak_margin_db}|{rate}"
    digest = hashlib.sha256(setting.encode())
    position = 0
    for event in timeline.sounds():
        digest.update(speech_ids[event.text] if event.kind == "speech" else tone_ids[event.text])
        # Only what the measurement sees: the gap, up to KEPT_SILENCE.
        digest.update(min(max(0, event.start - position), KEPT_SILENCE).to_bytes(8, "little"))
        position = max(position, event.end)
    path = cache_dir / "loudness" / f"{digest.hexdigest()[:32]}.txt"
    remembered = read_number(path, *SANE_GAIN_DB)
    if remembered is not None:
        return remembered

    def loudness_at(gains: list[float]) -> list[float]:
        filters = [target.audio_filter(g, peak_margin_db=peak_margin_db) for g in gains]
        return measure_each(compact(timeline, speech, tones, rate), filters, rate)

    # Always the same first guess: the gain found depends a little on where the search
    # starts, and a track must not depend on what was built before it.
    gain = _solve(loudness_at, target.lufs, first_guess_db)
    remember_number(path, gain)
    return gain
