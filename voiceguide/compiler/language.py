"""Which language an article is written in: English, German, Spanish or French.

Told by its small words (articles, pronouns, prepositions), which every paragraph has
whatever it is about, and by the words of holding and counting exercise articles use;
an exercise's English name ("Cat-cow", "Wall angels") in a German article is a word or
two against dozens.
"""

from __future__ import annotations

import re
from collections import Counter

DEFAULT = "en"
LANGUAGES = ("en", "de", "es", "fr")

# Frequent words of each language. A word two languages share ("la", "de", "en") counts
# for both; the words only one has decide.
_WORDS = {
    "en": """the and your you with for to of is this that then each on it hold seconds
        reps side keep into back from at do your as are be or so if stop times sets""",
    "de": """der die das und du dich dir dein deine deinen mit den dem des ein eine einen
        einem zu zur zum auf nicht ist sie dann bei für nach wenn oder sekunden
        wiederholungen seite halte über vor hinter sich auch noch wie bis jede jeder sätze
        mal dreimal zweimal pro dabei""",
    "es": """el la los las y de del con por para que una un tu tus se al en hacia sin
        segundos repeticiones lado mantén cada las sobre hasta como lo te ti muy series
        veces haz repite""",
    "fr": """le la les et de des du un une vous votre vos avec pour sur dans en est au aux
        puis secondes répétitions côté chaque ne pas l d qu tenez sans vers comme séries
        fois faites répétez""",
}
_TABLE = {lang: set(words.split()) for lang, words in _WORDS.items()}
# Letters only one of the languages writes: a word with one is a vote, however rare it is.
_LETTERS = {
    "de": re.compile("[äöüß]"),
    "es": re.compile("[ñ¿¡íóú]"),
    "fr": re.compile("[èêçœàâîôûù]"),
}
_TOKEN = re.compile(r"[a-zäöüßáéíóúñàâçèéêëîïôûùœ]+")
# Fewer small words than this say too little to leave English (a title, a line or two).
_AT_LEAST = 2


def detect_language(text: str) -> str:
    """'en', 'de', 'es' or 'fr': the language whose small words the text has most of;
    English where the text has too few to tell, or a tie."""
    counts: Counter[str] = Counter()
    for token in _TOKEN.findall(text.lower()):
        for lang, words in _TABLE.items():
            if token in words:
                counts[lang] += 1
        for lang, letters in _LETTERS.items():
            if letters.search(token):
                counts[lang] += 1
    best = max(LANGUAGES, key=lambda lang: (counts[lang], lang == DEFAULT))
    if best != DEFAULT and counts[best] < _AT_LEAST:
        return DEFAULT
    return best
