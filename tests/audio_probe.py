"""Measure decoded audio: where each cue tone starts, how long the track is, where speech is.

Independent of the timeline: tones are found by their pitch in the decoded samples.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

from voiceguide.ffmpeg import ffmpeg_exe

RATE = 44100
TONE_PITCH = {"pip": 880.0, "start": 1320.0, "end": 587.33}
TONE_MIN_MS = {"pip": 80, "start": 200, "end": 250}
HOP = 220  # 5 ms analysis step
FRAME = 882  # 20 ms analysis window


def decode(path: Path, fmt_args: tuple[str, ...] = ()) -> np.ndarray:
    """The file as float samples in [-1, 1], mono, at 44.1 kHz, as ffmpeg decodes it."""
    raw = subprocess.run(
        [ffmpeg_exe(), "-v", "error", *fmt_args, "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(RATE), "-"],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768.0


def _band_ratio(x: np.ndarray, freq: float) -> tuple[np.ndarray, np.ndarray]:
    """Per hop: share of the frame's energy at `freq`, and the frame's RMS."""
    n_frames = max(0, (len(x) - FRAME) // HOP)
    idx = np.arange(FRAME)[None, :] + HOP * np.arange(n_frames)[:, None]
    frames = x[idx] * np.hanning(FRAME)[None, :]
    t = np.arange(FRAME) / RATE
    probe = np.exp(-2j * np.pi * freq * t)
    band = np.abs(frames @ probe) ** 2 * 4 / (np.sum(np.hanning(FRAME) ** 2) * FRAME)
    total = np.mean(frames**2, axis=1) * FRAME / np.sum(np.hanning(FRAME) ** 2) * 2
    rms = np.sqrt(np.mean(x[idx] ** 2, axis=1))
    return band / np.maximum(total, 1e-12), rms


def tone_onsets(x: np.ndarray, name: str) -> list[float]:
    """Start times (seconds) of each occurrence of a tone, refined to the sample."""
    ratio, rms = _band_ratio(x, TONE_PITCH[name])
    hit = (ratio > 0.6) & (rms > 0.01)
    onsets = []
    i, min_hops = 0, TONE_MIN_MS[name] * RATE // 1000 // HOP - 2
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


def sound_spans(x: np.ndarray, threshold: float = 0.003, gap: float = 0.15) -> list[tuple[float, float]]:
    """(start, end) seconds of stretches that are not silent, merging gaps shorter than `gap`."""
    loud = np.abs(x) > threshold
    edges = np.flatnonzero(np.diff(loud.astype(np.int8)))
    if loud[0]:
        edges = np.r_[0, edges]
    if loud[-1]:
        edges = np.r_[edges, len(x) - 1]
    spans: list[tuple[float, float]] = []
    for start, end in zip(edges[::2], edges[1::2]):
        s, e = (start + 1) / RATE, (end + 1) / RATE
        if spans and s - spans[-1][1] < gap:
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans
