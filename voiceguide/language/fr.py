"""French: "vous", a decimal comma, the singular below two ("1,5 seconde")."""

from __future__ import annotations

from .base import CountingWords, Language
from .pace import Pace


class French(Language):
    code = "fr"
    name = "French"
    own_name = "Français"
    # espeak-ng's French, m1 variant: the clearest measured (scripts/measure_clarity.py at
    # 160 words a minute: 101.7% of the words misheard, against 108.8% with m3)
    voice = "fr+m1"
    # scripts/calibrate_pace.py --language fr (as German's): one phrase read 0.51-1.57 of
    # this, a routine's together 0.97-1.06. Every variant (m1-m8, f1-f5) at 80-400 words a
    # minute read 0.43-2.07 (fr+f3: "30" at 400, "vingt-trois" and "treize" drawn out by
    # the female variants), so French reads up to 2.2. Its edges as German's.
    pace = Pace(
        0.143, 0.163, 0.298, exponent=1.06, low=0.45, high=2.2, language="fr",
        edge=0.355, edge_exponent=1.52,
    )  # fmt: skip
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
