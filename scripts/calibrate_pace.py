"""Measure how long espeak-ng takes to say things, for the clip checks in speech/checks.py
(each language's `pace`, in its module: voiceguide/language/en.py, de.py, ...).

Speaks every distinct phrase of the bundled routines at several rates (each phrase from a
fresh engine state), fits the `Pace` model
    seconds = (fixed + per_syllable * syllables + per_pause * pauses) * (160 / rate) ** k
and prints the spread of measured/expected per phrase and per routine, then the probe
sentence's length per rate. Needs numpy (a test dependency).
Run: .venv/bin/python scripts/calibrate_pace.py [--voice en] [--rates 100,120,160,200,240,300]
Another language: --language de (its bundled routines, with holds, reps and rests from
short to long so that every kind of number is spoken; --voice defaults to its own voice).
"""

from __future__ import annotations

import argparse
import re

import numpy as np

from voiceguide.language import syllables
from voiceguide.library import all_bundled
from voiceguide.planning.planner import plan
from voiceguide.script import spoken_texts
from voiceguide.settings.options import Options
from voiceguide.settings.session import Settings
from voiceguide.speech.checks import PROBE_TEXT, pace_for, probe_problem, speaking_seconds
from voiceguide.speech.engine import default_voice
from voiceguide.speech.espeak import SAMPLE_RATE, Espeak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voice")
    parser.add_argument("--language", default="en")
    parser.add_argument("--rates", default="100,120,160,200,240,300")
    args = parser.parse_args()
    language = args.language
    voice = args.voice or ("en" if language == "en" else default_voice(language))
    pace = pace_for(voice)
    rates = [int(r) for r in args.rates.split(",")]
    routines = {
        f"{r.slug} {name}": list(dict.fromkeys(spoken_texts(plan(r, options))))
        for r in all_bundled()
        if r.language == language
        for name, options in _variety(language)
    }
    texts = sorted({t for phrases in routines.values() for t in phrases})
    rows = []  # (rate, text, syllables, pauses, seconds)
    clips = []  # each row's whole clip, silence at its edges included (for estimates)
    for rate in rates:
        engine = Espeak(voice, rate)
        for text in texts:
            pauses = len(re.findall(r"[,.;:!?](?=\s+\S)", text))
            pcm = engine.speak(text)
            seconds = speaking_seconds(pcm, SAMPLE_RATE)
            rows.append((rate, text, syllables(text, language), pauses, seconds))
            clips.append(len(pcm) / 2 / SAMPLE_RATE)
        probe = speaking_seconds(engine.speak(PROBE_TEXT), SAMPLE_RATE)
        print(f"probe at {rate}: {probe:.3f} s  {probe_problem(probe, rate) or 'in its band'}")
    measured = np.array([row[-1] for row in rows])
    best = None
    for k in np.arange(0.8, 1.4, 0.02):
        scale = np.array([(160 / rate) ** k for rate, *_ in rows])
        x = np.array([[1, syl, pauses] for _, _, syl, pauses, _ in rows]) * scale[:, None]
        coef, *_ = np.linalg.lstsq(x, measured, rcond=None)
        error = float(np.sum((measured - x @ coef) ** 2))
        if best is None or error < best[0]:
            best = (error, k, coef)
    _, k, coef = best
    print(
        f"fitted: fixed={coef[0]:.3f} per_syllable={coef[1]:.3f} per_pause={coef[2]:.3f} k={k:.2f}"
    )
    expected = np.array([pace.expected(text, rate) for rate, text, *_ in rows])
    ratio = measured / expected
    print(f"in use ({pace}):")
    counts = np.array([row[2] for row in rows])
    for low, high in ((1, 2), (3, 5), (6, 10), (11, 20), (21, 999)):
        pick = (counts >= low) & (counts <= high)
        if pick.any():
            print(f"  {low}-{high} syllables: {ratio[pick].min():.2f}-{ratio[pick].max():.2f}")
    _fit_edge(rates, rows, clips, expected)
    for slug, phrases in routines.items():
        totals = []
        for rate in rates:
            pick = np.array([r == rate and t in phrases for r, t, *_ in rows])
            totals.append(f"{rate}:{measured[pick].sum() / expected[pick].sum():.2f}")
        print(f"  {slug}: {' '.join(totals)}")


def _fit_edge(rates: list[int], rows: list, clips: list[float], expected: np.ndarray) -> None:
    """What a whole clip adds to the speech the pace expects (the silence at its edges, and
    the pace's own lean), as `edge * (160 / rate) ** edge_exponent`: `Pace.clip_seconds`,
    which estimates a phrase not spoken yet."""
    extra = np.array(clips) - expected
    means = np.array([extra[[r == rate for r, *_ in rows]].mean() for rate in rates])
    scale = np.log(160 / np.array(rates, dtype=float))
    if (means <= 0).any() or len(rates) < 2:
        print("clip edge: " + " ".join(f"{r}:{m:+.3f}" for r, m in zip(rates, means, strict=True)))
        return
    k, log_edge = np.polyfit(scale, np.log(means), 1)
    print(
        f"clip edge: edge={np.exp(log_edge):.3f} edge_exponent={k:.2f} (per rate: "
        + " ".join(f"{r}:{m:.3f}" for r, m in zip(rates, means, strict=True))
        + ")"
    )
    estimate = expected + np.exp(log_edge) * np.array([(160 / r) ** k for r, *_ in rows])
    print(f"  whole clips, estimated / measured in all: {estimate.sum() / np.sum(clips):.3f}")


def _variety(language: str) -> list[tuple[str, Options]]:
    """The routine's own values, and for another language, holds, reps and rests from short
    to long, so its numbers are spoken as the phrase book words them ("eine Minute und 5")."""
    if language == "en":
        return [("", Options())]
    variety = []
    for hold, reps, rest in (("2.5", "3", "5"), ("45", "12", "30"), ("1m5s", "25", "1m")):
        options = Settings.from_mapping({"hold": hold, "reps": reps, "rest": rest}).options
        variety.append((f"hold {hold}", options))
    return variety


if __name__ == "__main__":
    main()
