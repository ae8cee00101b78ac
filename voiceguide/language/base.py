"""What every language shares: the `Language` base class each language module subclasses
(as num2words' languages subclass one base), with the behaviour that only reads a
language's own data: its phrase book, number words, plurals, syllables, and the rules
that find a number in a spoken line."""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any, ClassVar

import yaml

from .pace import Pace
from .phrasebook import PhraseBook

# Number words a spoken line is checked for run this far: a hold or a count past a hundred
# is written in digits.
SPOKEN_NUMBERS_UP_TO = 100

# Read out by name, what a voice says where a text has no word to read (measured with
# espeak-ng's phonemes): a word without a vowel, or in capitals, may be spelled ("Shhh":
# ess aitch aitch aitch; "ABC"; "W": double-u), a letter outside English's alphabet named
# ("Ħ": H stroke), and a symbol said as a word or two ("*": asterisk, "~": tilde, "++":
# plus plus). Punctuation that only marks a pause or a quote is not said.
_QUIET = set(".,;:!?'\"()[]-‐‑–—‘’“”…«»¿¡")
_MOST_PER_SYMBOL = 4  # "exclamation", "asterisk", "backslash": at most four syllables
_MOST_PER_LETTER = 3  # "double-u", "H stroke", "ess-zett"


@dataclass(frozen=True)
class SpokenRules:
    """The numbers a spoken line may not say in one language, by what they count: regular
    expressions (matched ignoring case), "" where the language has no such rule."""

    duration: str = ""  # "30 Sekunden", "una hora"
    sets: str = ""  # "3 Sätze"
    times: str = ""  # "dreimal", "3 fois"
    reps: str = ""  # "10 Wiederholungen"
    hold_for: str = ""  # a bare number its verb makes a duration: "hold for 30"
    do: str = ""  # ... a count: "do 10"


@dataclass(frozen=True)
class CountingWords:
    """A language's words for what a number counts in a spoken line, each a regular
    expression of alternatives ("sekunden|sekunde|sek"); its number words are generated."""

    durations: str  # units of time after a number
    one_duration: str  # a unit of time after the word for one: r"(?:eine|einer)\s+minute"
    sets: str  # sets, rounds
    times: str  # "mal", "veces", "fois"
    reps: str  # repetitions
    joins: str  # between a range's two ends (besides a dash): "bis|oder"
    per: str  # with `periods`: how often, which counts nothing ("3 mal pro Woche")
    periods: str
    daily: str  # "täglich": how often, in one word
    glued_times: str = ""  # a times word written onto its number: "mal" in "dreimal"


class Language:
    """One language voiceguide speaks. A module per language subclasses this and sets the
    class attributes; the registry (language/__init__.py) holds one instance of each."""

    code: ClassVar[str]  # what `language:` and --language take: "de"
    name: ClassVar[str]  # in English, for messages: "German"
    own_name: ClassVar[str]  # as its speakers name it, for the page's menu: "Deutsch"
    voice: ClassVar[str]  # espeak-ng's voice for it when none is chosen: "de+m1"
    natural_voice: ClassVar[str | None] = None  # what --voice takes for a natural voice in it
    pace: ClassVar[Pace]  # how long that espeak-ng voice takes to say things, measured
    # How long it speaks a text, first sound to last, fitted for the fake speech engine's
    # timing (scripts/calibrate_fake.py); None: English's.
    speaking: ClassVar[Pace | None] = None
    decimal: ClassVar[str] = "."  # the sign in 2.5: "2,5 Sekunden"
    number_code: ClassVar[str | None] = None  # num2words' code for its numbers, if not `code`
    silent_final_e: ClassVar[bool] = False  # "side", "seconde": the e adds no syllable
    vowels: ClassVar[str] = "aeiouyàáâäæèéêëìíîïòóôöœùúûü"  # a syllable's vowel letters
    counting: ClassVar[CountingWords]  # for the spoken-line rules (English has its own)
    # A side named in fixed words ("your left arm"), which an exercise done on both sides
    # says wrong on one of them: a regular expression whose groups catch the side; "" for
    # a language whose lines are not yet checked for it.
    fixed_side: ClassVar[str] = ""
    # compile's table of the language's words (compiler/lexicon/xx.py), imported when asked
    # for: compile stands above this ground and reads it through `lexicon()`.
    compile_lexicon: ClassVar[str | None] = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code}>"

    # --- the phrase book -------------------------------------------------------------------

    @functools.cached_property
    def phrase_book(self) -> PhraseBook:
        """Every fixed phrase said in this language, from `<code>.yaml` beside its module."""
        package = type(self).__module__.rpartition(".")[0]
        text = (resources.files(package) / f"{self.code}.yaml").read_text(encoding="utf-8")
        return PhraseBook(self, yaml.safe_load(text))

    def plural(self, n: float) -> str:
        """CLDR's plural category for `n`, of those a phrase book's units use: "one" for
        exactly 1, else "other" ("1.5 seconds")."""
        return "one" if n == 1 else "other"

    # --- numbers in words ------------------------------------------------------------------

    def number_words(self, n: int) -> str:
        """`n` (a whole number, 0 or more) as the language says it, from num2words."""
        return _spelled(self.number_code or self.code, n)

    def number_pattern(self) -> str:
        """A regular expression of the language's number words from two to a hundred
        (one is left out: "one leg", "eine Hand"); parts of a word written apart
        ("treinta y uno", "dix-sept") are joined by a space or a hyphen."""
        return words_pattern(self.number_words(n) for n in range(2, SPOKEN_NUMBERS_UP_TO + 1))

    def syllables(self, text: str) -> int:
        """A close count of the syllables in this language's `text`, numbers said in its words."""
        spoken = re.sub(r"\d+", lambda m: f" {self.number_words(int(m.group()[:6]))} ", text)
        total = 0
        for word in re.findall(r"[^\W\d_]+", spoken.lower()):
            groups = self.vowel_groups(word)
            if (
                self.silent_final_e
                and word.endswith("e")
                and not word.endswith(("le", "ee"))
                and groups > 1
            ):
                groups -= 1  # a silent final e
            total += max(1, groups)
        return max(1, total)

    def vowel_groups(self, word: str) -> int:
        """The syllables `word` (in lower case) has by its runs of vowel letters."""
        return len(re.findall(f"[{self.vowels}]+", word))

    def most_syllables(self, text: str) -> int:
        """The most syllables a voice may say for `text`: `syllables`, with every word that
        has no vowel spelled out, and every symbol read as its name."""
        total = self.syllables(text)
        for word in re.findall(r"[^\W\d_]+", text):
            # No vowel, or an abbreviation in capitals ("BBC", "ABC"): it may be spelled.
            if not re.search(f"[{self.vowels}]", word.lower()) or (
                word.isupper() and len(word) <= 5
            ):
                total += sum(1 if c.isascii() and c not in "wW" else _MOST_PER_LETTER for c in word)
        symbols = sum(1 for c in text if not (c.isalnum() or c.isspace() or c in _QUIET))
        return total + _MOST_PER_SYMBOL * symbols

    # --- what a spoken line may not say ----------------------------------------------------

    @functools.cached_property
    def spoken_rules(self) -> SpokenRules:
        """Durations and counts in this language's words ("30 Sekunden", "dos series de
        10", "répétez deux fois"), from its `counting` words and its number words."""
        words = self.counting
        numbers = self.number_pattern()
        number = rf"(?:\d+(?:[.{re.escape(self.decimal)}]\d+)?|{numbers})"
        span = rf"{number}(?:\s*(?:-|–|{words.joins})\s*{number})?"
        how_often = rf"(?!\s+(?:{words.per})\s+(?:{words.periods})\b|\s+(?:{words.daily})\b)"
        times = rf"\b{span}\s*-?\s*(?:{words.times})\b{how_often}"
        if words.glued_times:
            times += rf"|\b(?:{numbers})(?:{words.glued_times})\b{how_often}"
        return SpokenRules(
            duration=rf"\b{span}\s*(?:{words.durations})(?=\W|$)|\b{words.one_duration}\b",
            sets=rf"\b{span}\s*(?:{words.sets})\b",
            times=times,
            reps=rf"\b{span}\s*(?:{words.reps})(?=\W|$)",
        )

    # --- compile ---------------------------------------------------------------------------

    def lexicon(self) -> Any:
        """compile's table of this language's words (a compiler.lexicon.Lexicon), or None
        where compile does not read the language. Typed loosely: compile stands above."""
        if self.compile_lexicon is None:
            return None
        return importlib.import_module(self.compile_lexicon).LEXICON


def words_pattern(words: Iterable[str]) -> str:
    """A regular expression that matches exactly `words` (each part of a word written apart
    with a space or a hyphen between), as a trie of their letters: "acht(?:zehn|zig)?"
    rather than "achtzehn|achtzig|acht", half the length, so the spoken-line rules of every
    language compile in a fraction of the time. The longest word is tried first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for index, part in enumerate(re.split(r"[\s-]+", word)):
            for atom in ([r"[\s-]"] if index else []) + [re.escape(c) for c in part]:
                node = node.setdefault(atom, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


def _branches(node: dict[str, Any]) -> str:
    branches = [atom + _branches(rest) for atom, rest in sorted(node.items()) if atom]
    if not branches:
        return ""
    either = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{either})?" if "" in node else either  # greedy: the longer word first


@functools.cache
def _spelled(code: str, n: int) -> str:
    from num2words import num2words  # 20 ms to import: only when a number is spelled

    return str(num2words(n, lang=code))
