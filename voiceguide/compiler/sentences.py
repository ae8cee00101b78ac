"""Article sentences -> the short spoken lines of a draft: instructions only, no numbers."""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher

from .lexicon import current, field_label, in_digits, words
from .numbers import NUM, find_numbers, in_numbers, strip_numbers

# Verbs an instruction starts with, and those of getting into position (words.py).
from .words import SETUP_VERBS as SETUP_VERBS
from .words import VERBS as VERBS

LEADING = re.compile(
    r"^(?:now|next|then|first|finally|gently|slowly|carefully|also|and)[,\s]+", re.IGNORECASE
)


# Where a sentence ends: after . ! ? (not after "ca." or "z.B." in "ca. 30 Sek."), before
# a capital, a digit or a quote; Spanish opens a question or exclamation with ¿ or ¡.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bca\.)(?<!\bz\.B\.)(?<!\bbzw\.)(?<!\baprox\.)(?<!\benv\.)"
    r"[\"')\]]?\s+(?=[A-Z0-9\"'(*¡¿ÄÖÜÁÉÍÓÚÑÀÂÇÈÊÎÔ]|x\d)"
)


def sentences(text: str) -> list[str]:
    parts = _SENTENCE_END.split(text.strip())
    return [p.strip(" *") for p in parts if p.strip(" *")]


_YOU_WILL = re.compile(
    r"^(?:(?:for|in) this (?:exercise|movement|stretch),\s*)?(?:you(?:'re| are) going to|you want to|you will|you should|you need to|you'll)\s+",
    re.IGNORECASE,
)


def sentence_case(text: str) -> str:
    if sum(c.isupper() for c in text) > 0.6 * max(1, sum(c.isalpha() for c in text)):
        text = text.lower()
        text = re.sub(r"\bi\b", "I", text)
    text = text.strip(" ,;:-*")
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text and text[0].isalpha():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _first_word(sentence: str) -> str:
    stripped = LEADING.sub("", LEADING.sub("", sentence.strip()))
    stripped = re.sub(r"^(?:(?:while|with) [^,]+,\s*)", "", stripped, flags=re.IGNORECASE)
    match = re.match(r"[A-Za-z']+", stripped)
    return match.group(0).lower() if match else ""


def is_instruction(sentence: str) -> bool:
    """Whether a sentence tells the listener what to do, in the article's language."""
    return current().is_instruction(sentence)


def english_instruction(sentence: str) -> bool:
    first = _first_word(sentence)
    if first in VERBS:
        return True
    # Told as what you or we do: "You lie on your back", "We then lift the arms".
    told = re.match(
        r"^(?:you|we)\s+(?:then\s+|now\s+|\w+ly\s+)?([a-z]+)", LEADING.sub("", sentence), re.I
    )
    if told and told.group(1).lower() in VERBS:
        return True
    # "Sitting in a chair, put your hands behind your head": the verb after the scene.
    after = re.match(r"^[^,]{3,60},\s*(?:slowly |gently |carefully )?([A-Za-z]+)", sentence)
    if after and after.group(1).lower() in VERBS and not after.group(1)[0].isupper():
        return True
    return bool(
        re.match(
            r"^(?:try|keep|make sure|don't|do not|never|be sure|stop if|if (?:that|this|it)[^,]*,\s*you can|if [^,]{3,60},\s*stop\b)",
            LEADING.sub("", sentence),
            re.IGNORECASE,
        )
    )


# Sentences that only say which exercise comes next: they name it and are not spoken.
_TOPICS = [
    re.compile(
        r"^(?:start|begin|finish|end|warm up|close)\s+with\s+(?:a|an|the|your|some)\s+(?P<name>[a-z' -]{3,30}?)\s*[.!]?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:next|now|then|finally),?\s+(?P<verb>open|stretch|loosen|mobili[sz]e|release|work|warm up)\s+(?:your|the)\s+(?P<name>[a-z' -]{3,25}?)\s*[.!]?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:the\s+)?(?:next|last|final|first|second|third)\s+(?:stretch|exercise|move|one)\s+is\s+(?:called\s+)?(?:(?:the|a|an)\s+)?(?P<name>[a-z' -]{3,30}?)\s*[.!]?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:now\s+)?(?:for|on to|onto)\s+(?:the|a|an)\s+(?P<name>[a-z' -]{3,30}?)\s*[.!]?$",
        re.IGNORECASE,
    ),
]
# "For the shoulder squeeze, sit forward...": a name, then the instruction.
_LEAD_IN = re.compile(
    r"^(?:for|in)\s+(?:the|a|this)\s+(?P<name>[a-z' -]{3,30}?),\s*(?P<rest>\S.+)$", re.IGNORECASE
)
_BODY_PARTS = words("neck chest shoulder shoulders upper_back back spine arms hips")
_NOUNS = {"open": "opener"}


def topic_name(sentence: str) -> str | None:
    """The exercise a topic sentence names: 'Start with your neck.' -> 'Neck stretch'."""
    sentence = sentence.strip()
    for pattern in _TOPICS:
        if match := pattern.match(sentence):
            name = match["name"].strip()
            verb = (match.groupdict().get("verb") or "").lower()
            if verb or name.lower() in _BODY_PARTS:
                name = f"{name} {_NOUNS.get(verb, 'stretch')}"
            return name
    if match := _LEAD_IN.match(sentence):
        return match["name"].strip()
    return None


def states_numbers(clause: str) -> bool:
    """Whether a clause states a hold, count or set: those become fields, not speech."""
    return strip_numbers(clause) or find_numbers(clause).counts


# What comes after a hold or count and is the planner's to say: "..., then relax."
RELEASE = re.compile(
    r"^(?:and\s+)?(?:then\s+)?(?:slowly\s+|gently\s+)?(?:relax|release|let go|lower|return|come back|rest|unwind)\b"
    r"|^(?:and\s+)?breathe(?:\s+(?:normally|slowly|deeply|gently|easily))?\s*[.!]?$",
    re.IGNORECASE,
)
# Changing sides, which `sides:` makes the planner announce.
SWITCH = re.compile(
    r"^(?:and\s+)?(?P<then>(?:then|now)\s+)?(?:"
    r"(?:repeat|do (?:it|this|the same))\b.{0,25}\b(?:other side|on (?:the )?(?:left|right)(?: side)?|each side|both sides)"
    r"|(?:switch|swap|change) (?:sides|arms|legs|hands)|(?:switch|swap)(?: over)?"
    r"|(?:do )?the other side"
    r"|(?:turn around and )?do (?:it on )?(?:your|the) other (?:side|arm|leg|hand)"
    r"|(?:repeat )?(?:to|on|with) the (?:other|opposite) (?:side|arm|leg|hand)"
    r"|(?:now |then )?(?:do|turn to|repeat on) the (?:left|right)(?: side)?"
    # "Turn your head to the right" sets up a side; only "then/now turn to the left" switches.
    r"|(?(then)(?:turn|tilt|bend|lean|twist|rotate|look)\b.{0,20}\bto(?:ward)? the (?:left|right)(?: side)?|(?!))"
    r")\s*[.!]?$",
    re.IGNORECASE,
)
# "and repeat": the reps say it.
_BARE_REPEAT = re.compile(
    r"^(?:and\s+)?repeat(?: for (?:a|one) (?:second|third|more|further) (?:set|round|time))?\s*[.!]?$",
    re.IGNORECASE,
)
# How long, at the end of a movement: "swing the arm in small circles for 30 seconds".
TIMED = re.compile(
    rf"\s*,?\s*(?:for|over)\s+(?:a\s+)?(?:slow\s+)?(?:count of\s+)?(?:about\s+|around\s+|up to\s+)?"
    rf"{NUM}(?:\s*(?:-|to|or)\s*{NUM})?(?:\s*(?:seconds?|secs?|minutes?|mins?|breaths?))?\s*(?=[.!]?$)",
    re.IGNORECASE,
)
# What is left of "..., and rest there for a minute": the hold itself, which the tones say.
_STAY = re.compile(
    r",?\s+and\s+(?:just\s+)?(?:rest|stay|hold|chill|relax|hang out|breathe|remain)(?:\s+(?:there|here|it|in place))?$",
    re.IGNORECASE,
)
# Verbs of holding and counting: with their number gone, nothing is left to say.
HOLDING = set(
    [
        "hold",
        "stay",
        "remain",
        "rest",
        "breathe",
        "repeat",
        "do",
        "keep",
        "go",
        "aim",
        "hang",
        "relax",
    ]
)


def _without_time(clause: str) -> str | None:
    """The movement of a clause that ends in how long, when that is all its number."""
    lex = current()
    if lex.timed is None:
        return None
    rest = _STAY.sub("", lex.timed.sub("", clause).strip(" ,.")).strip(" ,")
    if rest == clause.strip(" ,.") or len(rest.split()) < 3 or states_numbers(rest):
        return None
    first = re.match(r"[^\W\d_][\w']*", lex.leading.sub("", rest))
    return None if first and first.group(0).lower() in lex.holding else rest


CLAUSES = re.compile(
    r";\s*|,\s*(?=(?:and\s+)?then\b)|,\s*(?=(?:hold|stay|repeat|breathe|remain|rest|pause|do)\b)"
    r"|\s+and\s+(?=(?:hold|repeat|breathe|stay)\b)"
    # A count at the end: "Roll your shoulders back in slow circles, 10 times."
    rf"|,\s*(?=(?:about\s+|around\s+|maybe\s+|roughly\s+)?{NUM}(?:\s*(?:-|to)\s*{NUM})?\s+(?:times|reps|repetitions|rounds|sets)\b)",
    re.IGNORECASE,
)
# Advice on how often, which is no instruction to follow now ("set a reminder every hour").
SCHEDULE = re.compile(
    r"\b(?:every (?:hour|day|morning|evening|night)|reminder|daily|(?:a|per) (?:day|week)|each (?:day|week))\b",
    re.IGNORECASE,
)


# Told in the first person ("first I do cat-cow", "Then I lie on a foam roller"): said to
# the listener as an instruction.
_I_DO = re.compile(
    r"^(?:[^:.]{3,40}:\s*(?=first|then|next))?(?:(?i:first|then|next|after that|and then),?\s+)?"
    r"I\s+(?:usually\s+|just\s+|also\s+|always\s+|then\s+)?(?=[a-z])"
)
_MINE = (
    (re.compile(r"\bI'm\b"), "you're"),
    (re.compile(r"\bI\b"), "you"),
    (re.compile(r"\bmy\b"), "your"),
)


def to_listener(sentence: str) -> str:
    """A sentence told in the first person, as an instruction, in the article's language
    (where its table knows how; most articles tell the reader what to do already)."""
    listener = current().to_listener
    return listener(sentence) if listener else sentence


def english_to_listener(sentence: str) -> str:
    """'Then I lie on a roller and let my arms fall' -> 'Lie on a roller and let your arms fall'."""
    told = _I_DO.sub("", sentence)
    if told == sentence:
        return sentence
    for mine, yours in _MINE:
        told = mine.sub(yours, told)
    return told[:1].upper() + told[1:]


# Who said it, in a magazine's quotes: '"Switch sides," says Mensah.'
_SAID = re.compile(
    r"[,.]?[\"']?\s*(?:says|said|explains|warns|adds|notes|advises|recommends)\s+(?:Dr\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*\.?$"
)


def spoken_lines(text: str, sides: bool = False) -> list[str]:
    """The instructions as short spoken sentences, without the numbers (the planner says those),
    without what the planner says itself (the release after a hold, with `sides` the switch),
    and without the sentence that only names the exercise."""
    lex = current()
    lines = []
    dropped = False  # whether the clause before was a number, so a 'then relax' goes with it
    for written in map(to_listener, sentences(in_numbers(text))):
        # Read in digits ("for 30 seconds"), said in the article's words ("with two hands").
        sentence = in_digits(written, lex.code)
        if (topic_name(sentence) and not _LEAD_IN.match(sentence)) or lex.schedule.search(sentence):
            continue
        # "Tip: keep your shoulders down" is said without its label.
        sentence = _SAID.sub(".", sentence)
        sentence = _LEAD_IN.sub(r"\g<rest>", (field_label(sentence) or ("", sentence))[1])
        kept = []
        for clause in lex.clauses.split(sentence):
            clause = clause.strip(" ,")
            if states_numbers(clause):
                dropped = True
                if movement := _without_time(clause):
                    kept.append(movement)
            elif (
                (dropped and lex.release.match(clause))
                or (sides and lex.switch.match(clause))
                or _BARE_REPEAT.match(clause)
            ):
                continue
            elif clause:
                kept.append(clause)
                dropped = False
        if not kept:
            continue
        sentence = ", ".join(kept)
        sentence = sentence_case(_YOU_WILL.sub("", lex.leading.sub("", sentence)))
        if is_instruction(sentence) and len(sentence) <= 300:
            lines.append(words_back(sentence, written) if sentence != written else sentence)
            if len(lines) >= MAX_LINES:
                break  # more than a draft keeps (fit.py), so a book-long block costs no more
    return lines


MAX_LINES = 24
_TOKEN = re.compile(r"\w+|[^\w\s]")


def words_back(line: str, written: str) -> str:
    """`line` with the numbers `in_digits` wrote for `written`'s words in those words again."""
    said = in_digits(written, current().code)
    ours, theirs = list(_TOKEN.finditer(written)), list(_TOKEN.finditer(said))
    back: dict[str, str] = {}
    matcher = SequenceMatcher(None, [t[0] for t in ours], [t[0] for t in theirs], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and j2 - j1 == 1 and theirs[j1][0].isdigit():
            back.setdefault(theirs[j1][0], written[ours[i1].start() : ours[i2 - 1].end()])
    return re.sub(r"\b\d+\b", lambda m: back.get(m[0], m[0]), line)


# One side named in fixed words; `sided` writes it as {side} / {other side} (see routine/model.py).
SIDE_WORD = re.compile(
    r"\b(?P<before>(?:your|the|to the|on the|toward the|towards the)\s+)(?P<side>left|right)\b"
    r"(?!\s+(?:angle|away|now|way|position|place|amount|time|moment)\b)"
    r"|\b(?P<lone>left|right)(?=\s+(?:side|arm|leg|hand|foot|knee|hip|shoulder|ear|elbow|heel|wrist|ankle|armpit|cheek|palm|thigh)s?\b)"
)


def sided(lines: list[str]) -> list[str]:
    """Lines of an exercise done on both sides, with the side they name filled in per side:
    the first side named becomes {side}, the other {other side}."""
    lex = current()
    first: list[str] = []

    def fill(match: re.Match, line: str) -> str:
        groups = match.groupdict()
        word = groups.get("side") or groups["lone"]
        side = lex.side_of(word)
        first.extend([] if first else [side])
        before = groups.get("before") or ""
        if lex.other_form is None:
            return before + ("{side}" if side == first[0] else "{other side}")
        # The word said on the left side, then on the right, its form kept ("linken"): the
        # side named first is the one being worked, as {side} is.
        other = lex.other_form(word, line[: match.start()])
        left, right = (word, other) if side == "left" else (other, word)
        said = (left, right) if side == first[0] else (right, left)
        return before + "{" + said[0].lower() + "/" + said[1].lower() + "}"

    return [lex.side_word.sub(functools.partial(fill, line=line), line) for line in lines]
