"""Spanish: "tú", a decimal comma."""

from __future__ import annotations

from .base import CountingWords, Language
from .pace import Pace


class Spanish(Language):
    code = "es"
    name = "Spanish"
    own_name = "Español"
    # espeak-ng's Spanish, m3 variant: the clearest measured (scripts/measure_clarity.py at
    # 160 words a minute: 42.5% of the words misheard, against 45.8% with m1)
    voice = "es+m3"
    # scripts/calibrate_pace.py --language es (as German's): one phrase read 0.56-1.47 of
    # this, a routine's together 0.97-1.06; every variant (m1-m8, f1-f5) at 80-400 words a
    # minute, 0.61-1.58. Its edges as German's.
    pace = Pace(
        0.198, 0.149, 0.493, exponent=0.96, low=0.5, high=1.65, language="es",
        edge=0.326, edge_exponent=1.71,
    )  # fmt: skip
    # First sound to last, as espeak-ng speaks: the fake speech engine's timing.
    speaking = Pace(0.132, 0.157, 0.433, exponent=0.94, language="es")
    decimal = ","  # "2,5 segundos"
    counting = CountingWords(
        durations="segundos?|seg|minutos?",
        one_duration=r"un\s+minuto",
        sets="series",
        times="veces",
        reps="repeticiones",
        joins="a|y|o",
        per=r"al|por|a\s+la",
        periods="día|semana",
        daily="diarias?",
    )
    compile_lexicon = "voiceguide.compiler.lexicon.es"
