"""French: "vous", a decimal comma, the singular below two ("1,5 seconde")."""

from __future__ import annotations

from .base import CountingWords, Language
from .pace import Pace


class French(Language):
    code = "fr"
    name = "French"
    own_name = "Français"
    voice = "fr+m3"  # espeak-ng's French, with English's calm m3 variant
    # scripts/calibrate_pace.py --language fr (as German's): one phrase read 0.51-1.57 of
    # this, a routine's together 0.97-1.06.
    pace = Pace(0.143, 0.163, 0.298, exponent=1.06, low=0.45, high=1.75, language="fr")
    # First sound to last, as espeak-ng speaks: the fake speech engine's timing.
    speaking = Pace(0.124, 0.168, 0.276, exponent=1.0, language="fr")
    decimal = ","  # "2,5 secondes"
    silent_final_e = True  # "seconde", "droite"
    counting = CountingWords(
        durations="secondes?",
        one_duration=r"une\s+minute",
        sets="séries",
        times="fois",
        reps="répétitions",
        joins="à|et|ou",
        per="par",
        periods="jour|semaine",
        daily="quotidiennement",
    )
    compile_lexicon = "voiceguide.compiler.lexicon.fr"

    def plural(self, n: float) -> str:
        """CLDR's French: "one" when the whole part is 0 or 1 ("0,5 seconde", "1,5 seconde")."""
        return "one" if 0 <= n < 2 else "other"
