"""Characters as text arrives with them: halves of escaped characters (surrogates), which
no file or engine can take, and in spoken text the characters a voice cannot say as words.

Surrogates: JSON and YAML write a character past U+FFFF as two escapes (json.dumps writes
an emoji as "\\ud83d\\udcaa"). Python's json joins the two into one character, PyYAML
keeps them apart, and one half alone is no character at all: it cannot be written as
UTF-8, so a cache key, a tag or a page answer holding it fails far from where it came in.

What a voice says (measured with espeak-ng's English, German, Spanish and French voices,
by the phonemes it produces): letters of another script are read one by one by their names
("hebrew letter shin", "chinese letter" for each character), an emoji by its name ("flexed
biceps", "grinning face"), markup by its letters ("<b>Bold</b>": "b bold slash b"), and
punctuation or combining marks alone give nothing or a symbol's name ("exclamation").
"""

from __future__ import annotations

import re
import unicodedata

_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def join_surrogates(text: str) -> str:
    """`text` with each pair of surrogates (two escapes of one character) made that character;
    a lone half stays as it is, for `lone_surrogate` to find."""
    if not _SURROGATE.search(text):
        return text
    return _PAIR.sub(
        lambda m: chr(0x10000 + ((ord(m[0][0]) - 0xD800) << 10) + (ord(m[0][1]) - 0xDC00)), text
    )


def lone_surrogate(text: str) -> str | None:
    """The first half of a character in `text` that has no other half, as an escape
    ("\\ud83d"), or None when every character is whole."""
    found = _SURROGATE.search(join_surrogates(text))
    return None if found is None else f"\\u{ord(found[0]):04x}"


def surrogate_message(escape: str) -> str:
    """What to change about a lone surrogate: the end of a one-line error."""
    return (
        f"'{escape}' is half of a character (an escape like \\ud83d\\udcaa writes an emoji "
        "as two halves); write the character itself, or both halves"
    )


def escaped(text: str) -> str:
    """`text` safe to print or encode: each lone surrogate as its escape."""
    text = join_surrogates(text)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def composed(text: str) -> str:
    """`text` as a voice reads it best: composed ("e" and a combining accent as one "é",
    which espeak-ng otherwise says as a plain "e"), and letters and digits typed full
    width ("ＡＢＣ", from a Chinese or Japanese keyboard) as plain ones (said by code).
    Nothing else changes: text already composed is returned as it is."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    return "".join(
        unicodedata.normalize("NFKC", c)
        if unicodedata.decomposition(c).startswith(("<wide>", "<narrow>"))
        else c
        for c in text
    )


# Characters that end up in an emoji as typed: joiners, the emoji presentation selector,
# skin tones and the keycap mark ("1️⃣"); said as nothing, or as "emoji modifier".
_EMOJI_GLUE = re.compile("[\u200d\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff]")
# <b>, </p>, <br/>, &amp;, &#8212;: HTML, which a voice reads as letters and words.
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
# Letters that are Latin without "LATIN" in their name (Spanish 1.º, 1.ª).
_LATIN_TOO = {"ª", "º"}
# The script of a letter, from the first word of its Unicode name, as people name it.
_SCRIPT_NAMES = {
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "HALFWIDTH": "Japanese",
}


def script(letter: str) -> str:
    """The script a letter is written in ("Latin", "Hebrew", "Chinese"), by its Unicode name."""
    if letter in _LATIN_TOO:
        return "Latin"
    name = unicodedata.name(letter, "")
    words = name.split()
    if "LATIN" in words:
        return "Latin"
    first = words[0] if words else "unknown"
    return _SCRIPT_NAMES.get(first, first.replace("-", " ").title())


def foreign_letters(text: str) -> tuple[str, str] | None:
    """("Hebrew letters", the first run of them) for the first letters or digits in `text`
    that are not Latin (or plain digits), the one script a routine's voices read; None
    when there are none."""
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category in ("Lu", "Ll", "Lt", "Lo") and script(char) != "Latin":
            kind = script(char)
            end = index
            while end < len(text) and (
                script(text[end]) == kind or unicodedata.category(text[end]).startswith("M")
            ):
                end += 1
            return f"{kind} letters", text[index:end][:12]
        if category == "Nd" and not char.isascii():  # "ARABIC-INDIC DIGIT THREE", by name
            return f"{script(char)} digits", char
    return None


# Symbols a voice says as the word people mean: "90°" is "ninety degrees", "neunzig Grad",
# "noventa grados", "quatre-vingt-dix degrés" (an angle in an exercise's instructions).
_SAID_AS_MEANT = {"°"}


def named_symbol(text: str) -> tuple[str, str] | None:
    """(the character, its name) of the first emoji or pictograph in `text` (Unicode's
    "other symbols": 💪, ✓, ©), arrow or mathematical sign past Latin-1 (→, ∞), which a
    voice says by its name ("rightwards arrow"); None when there is none."""
    for char in text:
        category = unicodedata.category(char)
        if char in _SAID_AS_MEANT:
            continue
        if (
            category in ("So", "Co", "Cn")
            or (category == "Sm" and ord(char) > 0xFF)
            or _EMOJI_GLUE.match(char)
        ):
            name = unicodedata.name(char, "").lower() or f"U+{ord(char):04X}"
            return char, name
    return None


def has_words(text: str) -> bool:
    """Whether `text` has a letter or digit to say (not only punctuation, marks or spaces)."""
    return any(unicodedata.category(c)[0] in "LN" for c in text)


def speakable(text: str) -> str:
    """`text` without what a voice would read out by name: markup, emoji and other
    pictographs, and words in a script other than Latin; for compile, whose drafts must
    validate. Indentation is kept; text with none of these comes back as it is."""
    if text.isascii() and "<" not in text and "&" not in text:
        return text
    text = composed(text)
    cleaned = MARKUP.sub(" ", text)
    cleaned = "".join(" " if named_symbol(c) else c for c in cleaned)
    cleaned = re.sub(r"\S+", lambda m: "" if foreign_letters(m[0]) else m[0], cleaned)
    if cleaned == text:
        return text
    indent = cleaned[: len(cleaned) - len(cleaned.lstrip())]
    words = " ".join(cleaned.split())
    return indent + re.sub(r" (?=[,.;:!?](?:\s|$))", "", words)  # "together ✓." -> "together."
