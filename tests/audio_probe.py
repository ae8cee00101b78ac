"""Measure decoded audio: where each cue tone starts, and how long the track is.

Independent of the timeline: tones are found by their pitch in the decoded samples.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np

from voiceguide.ffmpeg import ffmpeg_exe

RATE = 44100
TONE_PITCH = {"pip": 880.0, "start": 1320.0, "end": 587.33}
TONE_MIN_MS = {"pip": 80, "start": 200, "end": 250}
HOP = 220  # 5 ms analysis step
FRAME = 880  # 20 ms analysis window, four hops


def decode(path: Path, fmt_args: tuple[str, ...] = ()) -> np.ndarray:
    """The file as float samples in [-1, 1], mono, at 44.1 kHz, as ffmpeg decodes it."""
    raw = subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            *fmt_args,
            "-i",
            str(path),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            str(RATE),
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768.0


def _band_ratio(x: np.ndarray, freq: float) -> tuple[np.ndarray, np.ndarray]:
    """Per hop: share of a 20 ms frame's energy at `freq`, and the frame's RMS.

    Sums are taken per 5 ms hop (a reshape, no copy) and added up four at a time, so a
    long track costs a few arrays of hop length, not one row per frame.
    """
    hops = len(x) // HOP
    blocks = x[: hops * HOP].reshape(hops, HOP).astype(np.float64)
    phase = np.exp(-2j * np.pi * freq * np.arange(HOP) / RATE)
    hop_turn = np.exp(-2j * np.pi * freq * HOP * np.arange(hops) / RATE)
    part = (blocks @ phase) * hop_turn
    power = np.sum(blocks**2, axis=1)
    per_frame = FRAME // HOP
    kernel = np.ones(per_frame)
    n = per_frame * HOP
    # A pure tone of amplitude A gives |sum|^2 = (A n / 2)^2 and energy A^2 n / 2: ratio 1.
    band = np.abs(np.convolve(part, kernel, mode="valid")) ** 2 * 2 / n
    total = np.convolve(power, kernel, mode="valid")
    return band / np.maximum(total, 1e-12), np.sqrt(total / n)


def tone_onsets(x: np.ndarray, name: str) -> list[float]:
    """Start times (seconds) of each occurrence of a tone, refined to the sample."""
    return pitch_onsets(x, TONE_PITCH[name], TONE_MIN_MS[name])


def pitch_onsets(x: np.ndarray, pitch: float, min_ms: int) -> list[float]:
    """Start times (seconds) of each stretch of a pure `pitch` lasting at least `min_ms`."""
    ratio, rms = _band_ratio(x, pitch)
    hit = (ratio > 0.6) & (rms > 0.01)
    onsets = []
    i, min_hops = 0, min_ms * RATE // 1000 // HOP - 2
    while i < len(hit):
        if hit[i]:
            j = i
            while j < len(hit) and hit[j]:
                j += 1
            if j - i >= min_hops:
                onsets.append(_refine(x, i * HOP))
            i = j
        else:
            i += 1
    return onsets


def _refine(x: np.ndarray, around: int) -> float:
    """First sample near `around` where the tone rises above a tenth of its local peak."""
    lo = max(0, around - FRAME)
    seg = np.abs(x[lo : around + 2 * FRAME])
    peak = seg.max()
    first = int(np.argmax(seg > 0.1 * peak))
    return (lo + first) / RATE


def file_chapters(path: Path) -> list[tuple[str, float]]:
    """(title, start seconds) of each chapter written into the file, in the order ffmpeg
    lists them (players that read chapters in file order show them in this order too)."""
    text = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "ffmetadata", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = []
    for block in text.split("[CHAPTER]")[1:]:
        num, den = re.search(r"TIMEBASE=(\d+)/(\d+)", block).groups()
        start = int(re.search(r"START=(\d+)", block).group(1)) * int(num) / int(den)
        found.append((re.search(r"title=(.*)", block).group(1), start))
    return found
