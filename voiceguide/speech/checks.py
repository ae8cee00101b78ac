"""Checks every clip passes before it is used or cached: speech, not silence, noise or
clipping, at the speaking rate asked for.

The rate check is what catches a clip spoken at the wrong speed (an engine that lost its
rate setting once made 43 of 56 phrases 22% too short, and they were cached). It
compares how long the clip speaks with how long the engine takes for that many
syllables at that rate, measured on the engine (see `Pace` and scripts/calibrate_pace.py).
"""

from __future__ import annotations

import array
import re
import sys
import warnings
from dataclasses import dataclass

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.11-3.12; audioop-lts after
    import audioop

from .spelled import SPELLERS

SILENCE_LEVEL = 300  # 16-bit sample magnitude below which a clip's edges count as silent
FULL_SCALE = 32767
MAX_CLIPPED = 0.001  # share of samples at full scale before a clip counts as clipped
# Noise against speech, per 10 ms stretch: a voiced stretch (a vowel, m, l) crosses zero
# far less often than this per sample; white noise crosses at 0.5, and so do the hiss of
# an s or sh. Measured (every English espeak voice with each variant m1-m8 and f1-f5, on
# the numbers 0-30 and short phrases, at 80, 160 and 400 words a minute): at least 20% of
# every clip's sounding stretches were voiced, "six" by +f3 50%, white noise none. Whole
# clips were once judged at 0.3 crossings a sample, which "six", "yes" and "rest" by the
# female variants passed every time.
VOICED_CROSSINGS = 0.25
MIN_VOICED = 0.1  # share of a clip's sounding stretches that must be voiced
# Headroom: no clip kept peaks within HEADROOM_DB of full scale. espeak-ng's voices peak up
# to -0.01 dBFS on some phrases (es+m3: 9 of 46 within 1 dB; de+m3 5; en+m3 25 of 235),
# which leaves nothing for resampling or any filter before the loudness stage's limiter.
HEADROOM_DB = 1.0
PEAK_CEILING = int(FULL_SCALE * 10 ** (-HEADROOM_DB / 20))  # 29204: the highest peak kept


@dataclass(frozen=True)
class Pace:
    """How long an engine speaks a text at `rate` words a minute:
    (fixed + per_syllable * syllables + per_pause * inner pauses) * (160 / rate) ** exponent.

    A clip passes when measured / expected lies in [low, high]; the clips of one build
    together must lie in [total_low, total_high] (their spread is far smaller, so the
    total catches a wrong rate that a single short phrase cannot show).

    A whole clip runs `edge * (160 / rate) ** edge_exponent` longer than the speech
    expected: the silence at its edges, and the model's own lean. Only estimates use it.
    """

    fixed: float
    per_syllable: float
    per_pause: float
    exponent: float = 1.0
    low: float = 0.45
    high: float = 1.6
    total_low: float = 0.65
    total_high: float = 1.5
    language: str = "en"  # whose spelling `syllables` reads
    edge: float = 0.0
    edge_exponent: float = 1.0

    def expected(self, text: str, rate: int, *, at_most: bool = False) -> float:
        """Seconds `text` takes at `rate`; `at_most`: when the voice reads out by name
        every letter and symbol it may (see `most_syllables`)."""
        pauses = len(re.findall(r"[,.;:!?](?=\s+\S)", text))
        count = most_syllables(text, self.language) if at_most else self.syllables(text)
        base = self.fixed + self.per_syllable * count + self.per_pause * pauses
        return base * (160 / rate) ** self.exponent

    def syllables(self, text: str) -> int:
        return syllables(text, self.language)

    def clip_seconds(self, text: str, rate: int) -> float:
        """About how long the whole clip of `text` runs: a phrase's length before it is spoken."""
        return self.expected(text, rate) + self.edge * (160 / rate) ** self.edge_exponent


# Measured with scripts/calibrate_pace.py (espeak-ng en-us, every phrase of the bundled
# routines at 100-300 words a minute): one phrase reads 0.51-1.44 of this, a routine's
# phrases together 0.93-1.03; but two hundred counted reps ("1, left") read 0.79 and
# lists of plain words 1.18, so the total's band is wide: it catches gross errors only.
# A rate lost on the way (200 where 160 was asked reads 0.79) is caught by the probe.
# Its edge: the default voice en+m3, whole clips against `expected`, at 100-240.
ESPEAK_PACE = Pace(
    fixed=0.234, per_syllable=0.214, per_pause=0.5, exponent=1.04, edge=0.158, edge_exponent=1.8
)
TOTAL_FROM_SYLLABLES = 150  # fewer syllables than this in all: the total is not checked

# The same for the other languages' voices (scripts/calibrate_pace.py --language de: every
# phrase of the language's bundled routines, with holds, reps and rests short to long, at
# 100-300 words a minute, numbers counted in the language's words). One phrase read
# de+m3 0.62-1.65 of this, es+m3 0.56-1.47, fr+m3 0.51-1.57 (a bare count, "1" or "22",
# at either end); a routine's phrases together 0.97-1.06. The bands keep English's margin.
# Measured again with every variant (m1-m8, f1-f5) at 80-400 words a minute on the same
# phrases: de 0.57-1.76, es 0.61-1.58, fr 0.43-2.07 (fr+f3: "30" at 400, "vingt-trois"
# and "treize" drawn out by the female variants), so French reads up to 2.2.
# The edges (the same runs, whole clips against `expected`): a routine's clips together
# estimated within 3% at 100-240.
ESPEAK_PACES = {
    "en": ESPEAK_PACE,
    "de": Pace(
        0.204, 0.194, 0.269, exponent=0.98, low=0.55, high=1.85, language="de",
        edge=0.352, edge_exponent=1.59,
    ),
    "es": Pace(
        0.198, 0.149, 0.493, exponent=0.96, low=0.5, high=1.65, language="es",
        edge=0.326, edge_exponent=1.71,
    ),
    "fr": Pace(
        0.143, 0.163, 0.298, exponent=1.06, low=0.45, high=2.2, language="fr",
        edge=0.355, edge_exponent=1.52,
    ),
}  # fmt: skip


def pace_for(voice: str) -> Pace:
    """How espeak-ng's voice `voice` ("de+m3", "roa/fr", "en-us") paces speech: its
    language's measured pace, or English's for a language not measured."""
    language = voice.split("+")[0].rsplit("/", 1)[-1].split("-")[0].lower()
    return ESPEAK_PACES.get(language, ESPEAK_PACE)


# The probe: one fixed sentence every English espeak voice speaks when it starts, whose
# length at each rate is known to a few percent (measured for en, en-us and en-gb-x-rp
# at 80-400 words a minute: 3.16-3.33 s at 160, scaling as (160 / rate) ** 1.02, each
# within 4% of that curve). Any error in the rate in force shows in it directly.
# Measured again for every English voice and the variants m1, m3 and f3, each in a fresh
# process at 80-400: 0.90 (en+m3 at 80) to 1.04 (en-us) of this curve. A rate lost to
# pyttsx3's 200 where 160 was asked reads 0.78.
PROBE_TEXT = "Breathe in slowly, then let your shoulders drop and rest."
PROBE_SECONDS_AT_160 = 3.25
PROBE_EXPONENT = 1.02
PROBE_BAND = (0.85, 1.15)


def probe_problem(seconds: float, rate: int) -> str | None:
    """Whether the probe sentence, spoken in `seconds`, shows a rate other than `rate`."""
    expected = PROBE_SECONDS_AT_160 * (160 / rate) ** PROBE_EXPONENT
    return pace_problem(seconds, expected, *PROBE_BAND)


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """How a whole number under a million is said, in English words."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + number_words(rest) if rest else "")
    rest = n % 1000
    return number_words(n // 1000) + " thousand" + (" " + number_words(rest) if rest else "")


_VOWELS = "aeiouyàáâäæèéêëìíîïòóôöœùúûü"
_SILENT_FINAL_E = ("en", "fr")  # "side", "breathe"; "seconde", "droite" (not German "Seite")


def syllables(text: str, language: str = "en") -> int:
    """A close count of the syllables in `language`'s text, numbers said as its words."""
    say = SPELLERS.get(language, number_words)
    spoken = re.sub(r"\d+", lambda m: " " + say(int(m.group()[:6])) + " ", text)
    total = 0
    for word in re.findall(r"[^\W\d_]+", spoken.lower()):
        runs = re.findall(f"[{_VOWELS}]+", word)
        groups = len(runs)
        if language == "de":  # a diphthong, then a vowel: "zwei|und|zwanzig", "blau|e"
            groups += sum(1 for run in runs if len(run) >= 3)
        if (
            language in _SILENT_FINAL_E
            and word.endswith("e")
            and not word.endswith(("le", "ee"))
            and groups > 1
        ):
            groups -= 1  # a silent final e
        total += max(1, groups)
    return max(1, total)


# Read out by name, what a voice says where a text has no word to read (measured with
# espeak-ng's phonemes): a word without a vowel, or in capitals, may be spelled ("Shhh":
# ess aitch aitch aitch; "ABC"; "W": double-u), a letter outside English's alphabet named
# ("Ħ": H stroke), and a symbol said as a word or two ("*": asterisk, "~": tilde, "++":
# plus plus). Punctuation that only marks a pause or a quote is not said.
_QUIET = set(".,;:!?'\"()[]-‐‑–—‘’“”…«»¿¡")
_MOST_PER_SYMBOL = 4  # "exclamation", "asterisk", "backslash": at most four syllables
_MOST_PER_LETTER = 3  # "double-u", "H stroke", "ess-zett"


def most_syllables(text: str, language: str = "en") -> int:
    """The most syllables a voice may say for `text`: `syllables`, with every word that
    has no vowel spelled out, and every symbol read as its name."""
    total = syllables(text, language)
    for word in re.findall(r"[^\W\d_]+", text):
        # No vowel, or an abbreviation in capitals ("BBC", "ABC"): it may be spelled.
        if not re.search(f"[{_VOWELS}]", word.lower()) or (word.isupper() and len(word) <= 5):
            total += sum(1 if c.isascii() and c not in "wW" else _MOST_PER_LETTER for c in word)
    symbols = sum(1 for c in text if not (c.isalnum() or c.isspace() or c in _QUIET))
    return total + _MOST_PER_SYMBOL * symbols


def speaking_seconds(pcm: bytes, rate: int) -> float:
    """From the first to the last 10 ms stretch that rises above SILENCE_LEVEL."""
    step = rate // 100 * 2  # bytes in 10 ms
    loud = [
        at for at in range(0, len(pcm), step) if audioop.max(pcm[at : at + step], 2) > SILENCE_LEVEL
    ]
    return (loud[-1] - loud[0] + step) / 2 / rate if loud else 0.0


def voiced_share(pcm: bytes, rate: int) -> float:
    """The share of the clip's sounding 10 ms stretches that are voiced, not hiss or noise."""
    step = rate // 100 * 2  # bytes in 10 ms
    sounding = voiced = 0
    for at in range(0, len(pcm), step):
        part = pcm[at : at + step]
        if audioop.max(part, 2) > SILENCE_LEVEL:
            sounding += 1
            voiced += audioop.cross(part, 2) < VOICED_CROSSINGS * (len(part) // 2)
    return voiced / sounding if sounding else 0.0


def problem_with(
    pcm: bytes, rate: int, text: str, *, words_per_minute: int, pace: Pace
) -> str | None:
    """What is wrong with this clip of `text` (16-bit mono PCM), or None when it is fit to use."""
    pcm = pcm[: len(pcm) // 2 * 2]
    if not pcm:
        return "it is empty"
    if audioop.max(pcm, 2) <= SILENCE_LEVEL:
        return "it is silent"
    frames = len(pcm) // 2
    # Counting samples costs a Python object each: only for a clip that reaches full scale.
    if audioop.max(pcm, 2) >= FULL_SCALE:
        values = array.array("h", pcm)
        if sys.byteorder == "big":
            values.byteswap()  # WAV samples are little-endian
        clipped = (
            values.count(FULL_SCALE) + values.count(-FULL_SCALE) + values.count(-FULL_SCALE - 1)
        )
        if clipped > MAX_CLIPPED * frames:
            return f"it is clipped ({clipped} samples at full scale)"
    if voiced_share(pcm, rate) < MIN_VOICED:
        return "it is noise, not speech"
    return pace_problem(
        speaking_seconds(pcm, rate),
        pace.expected(text, words_per_minute),
        pace.low,
        pace.high,
        most=pace.expected(text, words_per_minute, at_most=True),
        slack=CLIP_SLACK,
    )


def has_headroom(pcm: bytes) -> bool:
    """Whether the clip (16-bit mono PCM) peaks at or below PEAK_CEILING."""
    return audioop.max(pcm[: len(pcm) // 2 * 2], 2) <= PEAK_CEILING


def with_headroom(pcm: bytes) -> bytes:
    """The clip itself when it has headroom, else the clip scaled down until its peak is
    within PEAK_CEILING: one gain for the whole clip, so its sound is unchanged but for level."""
    pcm = pcm[: len(pcm) // 2 * 2]
    peak = audioop.max(pcm, 2)
    if peak <= PEAK_CEILING:
        return pcm
    # One below the ceiling: audioop rounds towards minus infinity, so a negative peak
    # scaled to exactly the ceiling could land one step past it.
    return audioop.mul(pcm, 2, (PEAK_CEILING - 1) / peak)


# Seconds a clip may differ from the pace's figure whatever its ratio. A word of one
# syllable said fast is too short for a ratio to mean anything: "2" at 350 words a minute
# spoke in 0.08 s where 0.20 s was expected, by every English voice (a ratio of 0.40), and
# "Go." by en-gb-scotland+f5 in 0.07 s (0.35); 0.13 s short at most, measured on the
# numbers 0-30 and short words at 300-400. A rate gone wrong shows in the probe and in
# the clips of a build together, which have no slack.
CLIP_SLACK = 0.2


def pace_problem(
    spoken: float,
    expected: float,
    low: float,
    high: float,
    *,
    most: float | None = None,
    slack: float = 0.0,
) -> str | None:
    """Whether `spoken` seconds is too fast or too slow against `expected` (against `most`,
    the longest the text may take, for too slow); within `slack` seconds of it never is."""
    most = expected if most is None else max(most, expected)
    if spoken < low * expected and expected - spoken > slack:
        speed, figure = "fast", expected
    elif spoken > high * most and spoken - most > slack:
        speed, figure = "slow", most
    else:
        return None
    return f"it is spoken too {speed} ({spoken:.2f} s where about {figure:.2f} s was expected)"
