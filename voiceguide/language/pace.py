"""How long a voice takes to say a text: the model the clip checks measure against, one
measured entry per language (each language module's `pace`).

Fitted with scripts/calibrate_pace.py; speech/checks.py compares every clip with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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
        every letter and symbol it may (see `Language.most_syllables`)."""
        from . import most_syllables  # the registry, which imports the modules that make Paces

        pauses = len(re.findall(r"[,.;:!?](?=\s+\S)", text))
        count = most_syllables(text, self.language) if at_most else self.syllables(text)
        base = self.fixed + self.per_syllable * count + self.per_pause * pauses
        return base * (160 / rate) ** self.exponent

    def syllables(self, text: str) -> int:
        from . import syllables  # the registry, which imports the modules that make Paces

        return syllables(text, self.language)

    def clip_seconds(self, text: str, rate: int) -> float:
        """About how long the whole clip of `text` runs: a phrase's length before it is spoken."""
        return self.expected(text, rate) + self.edge * (160 / rate) ** self.edge_exponent
