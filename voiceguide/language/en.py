"""English: the default language, and the richest spoken-line rules (its verbs make a
bare number a duration or a count: "hold for 30", "do 10")."""

from __future__ import annotations

import functools

from .base import Language, SpokenRules
from .pace import Pace


class English(Language):
    code = "en"
    name = "English"
    own_name = "English"
    # espeak-ng's English (Great Britain) with its "m3" male variant: the clearest English
    # voice measured (scripts/voice_clarity.py: Whisper tiny.en misheard 21.1% of the words
    # of every bundled line, against 22.1% for en-gb-x-rp, 23.0% for plain en, 27.0% for
    # en-us).
    voice = "en+m3"
    natural_voice = "natural"  # Piper's en_US-joe-medium (the optional extra `natural`)
    # Measured with scripts/calibrate_pace.py (espeak-ng en-us, every phrase of the bundled
    # routines at 100-300 words a minute): one phrase reads 0.51-1.44 of this, a routine's
    # phrases together 0.93-1.03; but two hundred counted reps ("1, left") read 0.79 and
    # lists of plain words 1.18, so the total's band is wide: it catches gross errors only.
    # A rate lost on the way (200 where 160 was asked reads 0.79) is caught by the probe.
    # Its edge: the default voice en+m3, whole clips against `expected`, at 100-240.
    pace = Pace(
        fixed=0.234, per_syllable=0.214, per_pause=0.5, exponent=1.04, edge=0.158, edge_exponent=1.8
    )
    # First sound to last, as espeak-ng speaks: the fake speech engine's timing.
    speaking = Pace(0.137, 0.212, 0.435, exponent=1.0)
    silent_final_e = True  # "side", "breathe"
    compile_lexicon = "voiceguide.compiler.lexicon.en"
    fixed_side = (
        r"\b(?:your|the|to the|on the|toward the|towards the)\s+(left|right)\b"
        r"|\b(left|right)\s+(?:side|arm|leg|hand|foot|knee|hip|shoulder|ear|elbow|heel|wrist"
        r"|ankle)s?\b"
    )

    @functools.cached_property
    def spoken_rules(self) -> SpokenRules:
        """English's durations and counts, and the verbs that make a bare number one."""
        # Number words from two up ("one" alone would catch "one leg", "one side"), and a
        # hundred with its article.
        hundred = self.number_words(100).split()[-1]
        words = rf"(?:{self.number_pattern()}|(?:a\s+)?{hundred})"
        one = self.number_words(1)
        number = rf"(?:\d+(?:\.\d+)?|{words})"
        span = rf"{number}(?:\s*(?:-|–|to|or)\s*{number})?"
        # Advice on how often to do the routine is not a count of anything the planner says.
        not_how_often = r"(?!\s+(?:a|per|each|every)\s+(?:day|week|month|hour)\b|\s+daily\b)"
        # After "10 of these": said of reps ("..., slowly", "on each side"), not of things
        # ("five of them on a chair").
        after_of = (
            r"(?=\s*(?:[,.;:!?)]|$|\s+(?:slowly|gently|on\s+each|each|per|in\s+a\s+row|or\s+so"
            r"|or\s+more|more)\b))"
        )
        after_do = (
            r"(?=\s*(?:[,.;:!?)]|$|\s+(?:of|on|each|per|more|slowly|gently|reps?|times|with"
            r"|in\s+a\s+row|or\s+so|or\s+more|and|then)\b))"
        )
        return SpokenRules(
            duration=(
                # "30 seconds", "a 30-second hold", "two minutes", "one minute", "4 counts"
                rf"(?<!\bevery\s)\b(?:{span}|{one})[\s-]*(?:seconds?|secs?|minutes?|mins?"
                r"|counts?)\b"
                # "30s", "5 s"
                r"|\b\d+(?:\.\d+)?\s?s\b"
                # "a slow count of five", "count to 10"
                rf"|\bcount(?:ing)?\s+(?:of|to)\s+(?:{number}|{one})\b"
            ),
            sets=rf"\b{span}[\s-]*(?:sets?|rounds?|circuits?)\b{not_how_often}",
            times=rf"\b{span}\s+times\b{not_how_often}|\btwice\b{not_how_often}",
            reps=(
                # "12 reps", "10 repetitions"
                rf"\b{span}[\s-]*(?:reps?|repetitions?)\b"
                # "10-15 of these", "five of them, slowly"
                rf"|\b{span}\s+of\s+(?:these|them|those){after_of}"
                # "10x", "3 x 10"
                r"|\b\d+\s?[x×](?:\s?\d+\b)?(?=\s|$|[,.;:!?])"
            ),
            hold_for=(
                r"\bhold(?:\s+(?:it|this|that|still|there))?\s+for\s+(?:about\s+|around\s+)?"
                rf"{span}\b"
            ),
            do=(
                r"\b(?:do|repeat|perform|complete|aim\s+for)\s+(?:(?:about|around|roughly"
                rf"|approximately|up\s+to|at\s+least|another|only|just)\s+)?{span}{after_do}"
            ),
        )
