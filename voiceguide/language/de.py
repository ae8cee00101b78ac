"""German: "du", a decimal comma, numbers written as one word ("einundzwanzig", "dreimal")."""

from __future__ import annotations

from .base import CountingWords, Language
from .pace import Pace


class German(Language):
    code = "de"
    name = "German"
    own_name = "Deutsch"
    voice = "de+m3"  # espeak-ng's German, with English's calm m3 variant
    # scripts/calibrate_pace.py --language de: every phrase of the bundled German routines,
    # holds, reps and rests short to long, at 100-300 words a minute. One phrase read
    # 0.62-1.65 of this (a bare count at either end), a routine's together 0.97-1.06; the
    # band keeps English's margin.
    pace = Pace(0.204, 0.194, 0.269, exponent=0.98, low=0.55, high=1.85, language="de")
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
