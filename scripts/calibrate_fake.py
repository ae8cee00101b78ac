"""Fit the fake speech engine's timing (each language's `speaking` Pace, used by
speech/fake.py) to espeak-ng.

Speaks every distinct phrase of the bundled routines in each language's voice at 100, 160
and 240 words a minute, as scripts/calibrate_pace.py does, and fits the same Pace form
    seconds = (fixed + per_syllable * syllables + per_pause * pauses) * (160 / rate) ** k
for the least error in proportion (log seconds), so a bare count weighs as much as a long
line; then prints the spread of espeak-ng / fake per phrase and by syllables, and
espeak-ng's silence before and after the speech. Needs numpy (a test dependency).
Run: .venv/bin/python scripts/calibrate_fake.py [--languages en,de,es,fr]
"""

from __future__ import annotations

import argparse
import re

import numpy as np
from calibrate_pace import _variety

from voiceguide.language import LANGUAGES, syllables
from voiceguide.library import all_bundled
from voiceguide.planning.planner import plan
from voiceguide.script import spoken_texts
from voiceguide.speech.checks import SILENCE_LEVEL, speaking_seconds
from voiceguide.speech.engine import default_voice
from voiceguide.speech.espeak import SAMPLE_RATE, Espeak

RATES = (100, 160, 240)
PAUSE = r"[,.;:!?](?=\s+\S)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--languages", default="en,de,es,fr")
    for language in parser.parse_args().languages.split(","):
        fit(language)


def fit(language: str) -> None:
    texts = sorted(
        {
            text
            for routine in all_bundled()
            if routine.language == language
            for _, options in _variety(language)
            for text in spoken_texts(plan(routine, options))
        }
    )
    rows, edges = [], []  # (rate, [1, syllables, pauses], seconds); (rate, before, after)
    for rate in RATES:
        engine = Espeak(default_voice(language), rate)
        for text in texts:
            pcm = engine.speak(text)
            loud = np.flatnonzero(np.abs(np.frombuffer(pcm, dtype=np.int16)) > SILENCE_LEVEL)
            edges.append((rate, loud[0] / SAMPLE_RATE, (len(pcm) // 2 - loud[-1]) / SAMPLE_RATE))
            features = [1, syllables(text, language), len(re.findall(PAUSE, text))]
            rows.append((rate, features, speaking_seconds(pcm, SAMPLE_RATE)))
    rates = np.array([rate for rate, *_ in rows], dtype=float)
    x = np.array([features for _, features, _ in rows], dtype=float)
    seconds = np.log([s for *_, s in rows])
    best = None
    for k in np.arange(0.8, 1.3, 0.02):
        scale = (160 / rates) ** k
        coef = np.array([0.2, 0.2, 0.4])
        for _ in range(60):  # Gauss-Newton on the log of the model
            model = x @ coef * scale
            jacobian = x * scale[:, None] / model[:, None]
            step, *_ = np.linalg.lstsq(jacobian, seconds - np.log(model), rcond=None)
            coef = np.maximum(coef + step, 1e-3)
        error = float(np.sum((seconds - np.log(x @ coef * scale)) ** 2))
        if best is None or error < best[0]:
            best = (error, k, coef)
    _, k, coef = best
    ratio = np.exp(seconds) / (x @ coef * (160 / rates) ** k)
    print(
        f"{language}: Pace({coef[0]:.3f}, {coef[1]:.3f}, {coef[2]:.3f}, exponent={k:.2f}) "
        f"(in use: {LANGUAGES[language].speaking})"
    )
    low, middle, high = np.percentile(ratio, [5, 50, 95])
    print(
        f"  espeak-ng / fit: {ratio.min():.2f}-{ratio.max():.2f}, 5-50-95%: {low:.2f} {middle:.2f} {high:.2f}"
    )
    counts = x[:, 1]
    for small, large in ((1, 2), (3, 5), (6, 10), (11, 20), (21, 999)):
        pick = (counts >= small) & (counts <= large)
        if pick.any():
            print(f"  {small}-{large} syllables: median {np.median(ratio[pick]):.2f}")
    for rate in RATES:
        before = np.median([b for r, b, _ in edges if r == rate])
        after = np.median([a for r, _, a in edges if r == rate])
        print(f"  at {rate}: silence before {before:.3f} s, after {after:.3f} s")


if __name__ == "__main__":
    main()
