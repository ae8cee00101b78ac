"""German: "du", a decimal comma, numbers written as one word ("einundzwanzig", "dreimal")."""

from __future__ import annotations

import re

from .base import CountingWords, Language
from .pace import Pace


class German(Language):
    code = "de"
    name = "German"
    own_name = "Deutsch"
    # espeak-ng's German, m1 variant: the clearest measured (scripts/measure_clarity.py at
    # 160 words a minute: 46.7% of the words misheard, against 56.4% with m3)
    voice = "de+m1"
    # scripts/calibrate_pace.py --language de: every phrase of the bundled German routines,
    # holds, reps and rests short to long, at 100-300 words a minute. One phrase read
    # 0.62-1.65 of this (a bare count at either end), a routine's together 0.97-1.06; the
    # band keeps English's margin. Measured again with every variant (m1-m8, f1-f5) at
    # 80-400 words a minute on the same phrases: 0.57-1.76. The edges (the same runs, whole
    # clips against `expected`): a routine's clips together estimated within 3% at 100-240.
    pace = Pace(
        0.204, 0.194, 0.269, exponent=0.98, low=0.55, high=1.85, language="de",
        edge=0.352, edge_exponent=1.59,
    )  # fmt: skip
    # First sound to last, as espeak-ng speaks: the fake speech engine's timing.
    speaking = Pace(0.185, 0.197, 0.262, exponent=0.92, language="de")
    decimal = ","  # "2,5 Sekunden"
    counting = CountingWords(
        durations="sekunden|sekunde|sek|minuten",
        one_duration=r"(?:eine|einer)\s+minute",
        sets="sätze|serien|durchgänge|runden",
        times="mal",
        reps="wiederholungen|wdh",
        joins="bis|oder",
        per="am|pro",
        periods="tag|woche",
        daily="täglich|wöchentlich",
        glued_times="mal",  # "dreimal", "zwanzigmal"
    )
    compile_lexicon = "voiceguide.compiler.lexicon.de"

    def vowel_groups(self, word: str) -> int:
        """A diphthong, then a vowel, is two syllables: "zwei|und|zwanzig", "blau|e"."""
        runs = re.findall(f"[{self.vowels}]+", word)
        return len(runs) + sum(1 for run in runs if len(run) >= 3)
