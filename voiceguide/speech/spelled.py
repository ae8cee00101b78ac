"""Whole numbers as German, Spanish and French say them, in words: for counting the
syllables a clip should take (checks.py), since "11" is one syllable in German ("elf") and
three in English ("eleven"). Under a million; larger numbers are never spoken.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


_DE = _words(
    "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn "
    "vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn"
)
_DE_TENS = _words("_ _ zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig")
_ES = _words(
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece "
    "catorce quince dieciséis diecisiete dieciocho diecinueve veinte veintiuno "
    "veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho "
    "veintinueve"
)
_ES_TENS = _words("_ _ _ treinta cuarenta cincuenta sesenta setenta ochenta noventa")
_ES_HUNDREDS = _words(
    "_ ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos "
    "ochocientos novecientos"
)
_FR = _words(
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize dix-sept dix-huit dix-neuf"
)
_FR_TENS = _words("_ _ vingt trente quarante cinquante soixante soixante quatre-vingt quatre-vingt")


def german(n: int) -> str:
    if n < 20:
        return _DE[n]
    if n < 100:
        unit = n % 10
        return (("ein" if unit == 1 else _DE[unit]) + "und" if unit else "") + _DE_TENS[n // 10]
    if n < 1000:
        rest = n % 100
        return _hundreds(n // 100, "hundert", german) + (german(rest) if rest else "")
    rest = n % 1000
    return _hundreds(n // 1000, "tausend", german) + (german(rest) if rest else "")


def _hundreds(count: int, word: str, say) -> str:
    return ("ein" if count == 1 else say(count)) + word


def spanish(n: int) -> str:
    if n < 30:
        return _ES[n]
    if n < 100:
        unit = n % 10
        return _ES_TENS[n // 10] + (f" y {_ES[unit]}" if unit else "")
    if n < 1000:
        rest = n % 100
        if n == 100:
            return "cien"
        return _ES_HUNDREDS[n // 100] + (" " + spanish(rest) if rest else "")
    rest = n % 1000
    thousands = "mil" if n // 1000 == 1 else spanish(n // 1000) + " mil"
    return thousands + (" " + spanish(rest) if rest else "")


def french(n: int) -> str:
    if n < 20:
        return _FR[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: the teens on top
            unit += 10
        word = _FR_TENS[tens]
        if unit == 0:
            return word
        joiner = " et " if unit in (1, 11) and tens < 8 else "-"
        return word + joiner + _FR[unit]
    if n < 1000:
        rest = n % 100
        head = "cent" if n // 100 == 1 else _FR[n // 100] + " cent"
        return head + (" " + french(rest) if rest else "")
    rest = n % 1000
    head = "mille" if n // 1000 == 1 else french(n // 1000) + " mille"
    return head + (" " + french(rest) if rest else "")


SPELLERS = {"de": german, "es": spanish, "fr": french}
