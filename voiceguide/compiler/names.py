"""An exercise's name: from its heading or lead, a named move, else its main action."""

from __future__ import annotations

import re

from ..routine.model import slugify
from .lexicon import current, words
from .segments import Block
from .sentences import (
    LEADING,
    SETUP_VERBS,
    VERBS,
    _first_word,
    sentence_case,
    sentences,
    states_numbers,
    to_listener,
    topic_name,
)

# An exercise name is a few words; a Markdown heading can be any length.
MAX_NAME_WORDS = 8
MAX_NAME_CHARS = 80


class Names:
    """The exercise names used in one draft, for making each new one different."""

    def __init__(self) -> None:
        self.slugs: set[str] = set()
        # The next number to try after a name, so a thousand "Hold" blocks cost a thousand
        # steps ("Hold 1000" is found at once), not half a million.
        self.next_number: dict[str, int] = {}

    def unique(self, name: str) -> str:
        """`name`, or `name 2`, `name 3`... : the first whose slug is not used yet."""
        base, number = name, self.next_number.get(slugify(name), 2)
        while slugify(name) in self.slugs:
            name, number = f"{base} {number}", number + 1
        self.next_number[slugify(base)] = number
        self.slugs.add(slugify(name))
        return name


def _short_name(name: str) -> str:
    """At most MAX_NAME_WORDS words: a heading can be a whole paragraph long."""
    words = name.split()
    if len(words) > MAX_NAME_WORDS:
        # Not "Estiramiento de pectoral en el marco de la": end on a word of weight.
        words = words[:MAX_NAME_WORDS]
        while len(words) > 1 and (len(words[-1]) <= 3 or words[-1].lower() in current().articles):
            words.pop()
    short = " ".join(words[:MAX_NAME_WORDS])
    return short[:MAX_NAME_CHARS].rstrip(" ,;:-") or "Exercise"


# A named move: "a move called the chin tuck", "known as the wall slide".
CALLED = re.compile(
    r"\b(?:called|known as|named)\s+(?:the\s+|a\s+|an\s+)?\"?(?P<name>[A-Za-z][A-Za-z' -]{2,30}?)\"?\s*(?:[.,!:;]|$)"
    # "Last one is the one my physio was strict about: standing rows with a band"
    r"|\b(?:last|next|final|first) one is\b[^:.]{0,60}:\s*(?P<after>[a-z][a-z' -]{2,30}?)(?= with\b| using\b| on\b|,|\.)"
    # "first I do cat-cow on the floor"
    r"|\bI (?:do|start with|finish with) (?:the |a |some )?(?P<mine>[a-z][a-z'-]*(?: [a-z][a-z'-]*)?)(?= on\b| in\b| with\b| lying\b| for\b|,|\.)",
    re.IGNORECASE,
)


# Who tells it: a phrase with one of these is the writer's story, not a move's name.
_TELLER = re.compile(r"\b(?:ich|wir|man|yo|me|mi|mis|je|j|nous|on|me|mon|ma|mes)\b", re.I)


def _listed_name(block: Block) -> str | None:
    """An unnamed list item in another language that starts with its move, then tells it:
    "- Schulterkreisen nach hinten, einfach im Stehen ...", "- des rotations de la tête,
    lentement, ...", "- et pour finir la posture de l'enfant (celle du yoga), je reste ..."."""
    lex = current()
    if not block.listed:
        return None
    first = re.split(r"[,;:.!?]", re.sub(r"\([^()]*\)", "", block.text), maxsplit=1)[0]
    words = lex.moves_on.sub("", first.strip()).split()
    while words and words[0].lower() in lex.articles | {"des", "del", "und", "y", "et"}:
        words.pop(0)
    if words and re.match(r"^[ld]'", words[0], re.I):
        words[0] = words[0][2:]  # "l'étirement du trapèze"
    phrase = " ".join(words)
    if not 1 <= len(words) <= 6 or re.search(r"[\d\"]", phrase) or _TELLER.search(phrase):
        return None
    return None if lex.is_instruction(phrase) else phrase


def make_name(block: Block, taken: Names) -> str:
    text = block.text
    name = block.name or _listed_name(block)
    if not name:
        quoted = re.search(r"\"([A-Za-z][A-Za-z' -]{2,30}?)[.,!]?\"", text)
        aimed = re.search(
            r"\b(?:stretch|exercise) is (?:for|going to be in) (?:your |the )?([a-z]+(?: [a-z]+)?)",
            text,
            re.IGNORECASE,
        )
        muscle = re.search(r"\bstretch (?:your|the) ([a-z]+) muscles\b", text, re.IGNORECASE)
        called = CALLED.search(text)
        topic = next((t for t in map(topic_name, sentences(text)[:2]) if t), None)
        if called:
            name = called["name"] or called["after"] or called["mine"]
        elif topic:
            name = topic
        elif quoted:
            name = quoted.group(1)
        elif muscle:
            name = f"{muscle.group(1)} stretch"
        elif aimed:
            name = f"{re.sub(r' (?:area|where|that)$', '', aimed.group(1))} stretch"
        else:
            name = _action_name(text)
    return taken.unique(_short_name(sentence_case(name).rstrip(".")))


# Words a short name cannot end on ("Hug your knees to" -> "Hug your knees").
_DANGLING = set(["and", "or", "with", "to", "on", "in", "of", "into", "at", "&", "for"])

# Verbs of holding, counting and resting: "Do about" or "Hold seconds" is no exercise's name.
NOT_NAMES = words(
    "do hold stay repeat breathe remain rest relax release switch take keep try return lower let"
)


def _action_name(text: str) -> str:
    """A short name from the main action: the NOW/FIRST sentence, else the first real action."""
    told = [to_listener(s) for s in sentences(text)]
    options = [s for s in told if not states_numbers(s)] or told
    first = options[0] if options else ""
    if len(first.split()) <= 4 and _first_word(first) not in VERBS and not LEADING.match(first):
        return first.rstrip(".")  # a name-like first line: "Pigeon-toe feet."
    marked = [
        s
        for s in options
        if re.match(r"^(?:now|first)\b", s, re.IGNORECASE) and _first_word(s) in VERBS
    ]
    actions = [
        s
        for s in options
        if _first_word(s) in VERBS - SETUP_VERBS - NOT_NAMES
        and not re.match(r"^hold (?:position|it|this)\b", s, re.IGNORECASE)
    ]
    action = (marked or actions or options)[0]
    action = re.sub(
        r"^(?:(?:while|with) [^,]+,\s*)", "", LEADING.sub("", action), flags=re.IGNORECASE
    )
    lex = current()
    action = re.sub(r"\b\d+\s*[x×]\b", "", action)  # "shoulder rolls 15x": no word "x"
    words = [w for w in re.findall(r"[^\W\d_][\w'&-]*", action) if w.lower() not in lex.articles][
        :4
    ]
    while words and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words)
