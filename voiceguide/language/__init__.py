"""Every language voiceguide speaks: one module each, and one registry (as num2words keeps
a `lang_XX.py` per language and one dict of them).

A language module (en.py, de.py, es.py, fr.py) subclasses `Language` (base.py) and holds
all that the language is to the rest of the code: its code and names, its phrase book
(`<code>.yaml` beside it), its default voices, its measured pace, its plural rule and
decimal sign, its number words (from num2words), the words a spoken line counts with, and
where compile's table of its words is. Everything else reads it here, by code.

Adding a language: its module and its `.yaml`, and one line in LANGUAGES.
"""

from __future__ import annotations

from . import de, en, es, fr
from .base import CountingWords, Language, SpokenRules
from .pace import Pace
from .phrasebook import PhraseBook

DEFAULT_LANGUAGE = "en"

LANGUAGES: dict[str, Language] = {
    "en": en.English(),
    "de": de.German(),
    "es": es.Spanish(),
    "fr": fr.French(),
}

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "CountingWords",
    "Language",
    "Pace",
    "PhraseBook",
    "SpokenRules",
    "for_voice",
    "language_for",
    "language_name",
    "languages",
    "most_syllables",
    "own_language_name",
    "phrase_book",
    "side_word",
    "syllables",
]


def languages() -> tuple[str, ...]:
    """The codes of every language (`de`, `en`, ...): what a routine's `language:` may say."""
    return tuple(sorted(LANGUAGES))


def language_for(code: str) -> Language:
    """The language `code` names ("de": German); KeyError for a code there is none of."""
    return LANGUAGES[code]


def for_voice(voice: str) -> Language:
    """The language an espeak-ng voice speaks ("de+m3", "roa/fr", "en-us"): the one whose
    voice it is, else the one whose code it names; English for any other."""
    named = voice.lower()
    for language in LANGUAGES.values():
        if language.voice.lower() == named:
            return language
    code = named.split("+")[0].rsplit("/", 1)[-1].split("-")[0]
    return LANGUAGES.get(code) or LANGUAGES[DEFAULT_LANGUAGE]


def language_name(code: str) -> str:
    """ "German" for "de": how messages name a language (the code itself, if unknown)."""
    known = LANGUAGES.get(code)
    return known.name if known else code


def own_language_name(code: str) -> str:
    """ "Deutsch" for "de": a language as its own speakers name it, for the page's menu (the
    name messages use, if unknown)."""
    known = LANGUAGES.get(code)
    return known.own_name if known else language_name(code)


def phrase_book(language: str = DEFAULT_LANGUAGE) -> PhraseBook:
    """The phrase book for `language` (read once: phrase_book() is phrase_book("en"))."""
    return language_for(language).phrase_book


def side_word(language: str, side: str = "left") -> str:
    """How `language` names a side ("left", "links", "izquierdo", "gauche"), as its
    voice says it."""
    return phrase_book(language).word(side)


def syllables(text: str, language: str = DEFAULT_LANGUAGE) -> int:
    """A close count of the syllables in `language`'s text, numbers said as its words
    (English's rules for a language there is no module for)."""
    return LANGUAGES.get(language, LANGUAGES[DEFAULT_LANGUAGE]).syllables(text)


def most_syllables(text: str, language: str = DEFAULT_LANGUAGE) -> int:
    """The most syllables a voice may say for `language`'s text, every letter and symbol it
    may read out by name counted (English's rules for a language there is no module for)."""
    return LANGUAGES.get(language, LANGUAGES[DEFAULT_LANGUAGE]).most_syllables(text)
