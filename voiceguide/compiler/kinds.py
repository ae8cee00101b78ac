"""What one line of an article is: a numbered item, a heading, a lead ("Cat-cow: On your
hands..."), a posture group, a section title, advice, a dose for all, an instruction."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .layout import ITEM, ITEM_WORDS
from .lexicon import current as lexicon
from .numbers import find_numbers
from .sentences import VERBS, is_instruction, states_numbers, to_listener

if TYPE_CHECKING:
    from .segments import Block

NOISE = re.compile(
    r"subscribe|click (?:below|here|on)|https?://|www\.|facebook|twitter|instagram|pinterest|"
    r"\bsee also\b|you may also like|other videos? mentioned|follow (?:us|me)|sign up|newsletter|"
    r"\bshare this\b|comment below|affiliate|©|all rights reserved|^related\b|youtube video|"
    r"complimentary resources|\bvisit:?$|\bcookies?\b|\bin the comments\b|\blet me know\b|"
    r"\breading time\b|\b\d+ min(?:ute)?s? read\b|\blese(?:zeit|dauer)\b|\btiempo de lectura\b|"
    r"\btemps de lecture\b|^posted by\b|^u/[\w-]+|^page \d+ of \d+$|^(?:edit|update|ps|p\.s\.)\s*:|\bcall \d|\b\d{3}-\d{4}\b|^(?:patient|date|name|paciente|fecha|nombre|patient(?:in)?|datum|nom)\s*:",
    re.IGNORECASE,
)


# More words than a title has: a first line this long is the article's first paragraph.
TITLE_WORDS = 16


def title_of(line: str) -> str | None:
    """A title made from a first line that is no title but a paragraph telling a move and
    its dose ("Schulterprobleme sind ... Lassen Sie die Schultern kreisen, siebenmal ..."):
    its first words. None for a title, or an intro that tells no exercise."""
    words = line.split()
    if line.startswith("#") or len(words) <= TITLE_WORDS or not has_numbers(line):
        return None
    if not tells_move(line):
        return None
    return re.split(r"[.:;!?,(]", " ".join(words[:8]))[0].strip() or None


def places_body(text: str) -> bool:
    """Whether a text puts the body somewhere and moves it: a new exercise's first lines
    ("Nos ponemos de rodillas y nos apoyamos con las manos ...")."""
    return any(re.search(pattern, text, re.IGNORECASE) for _, pattern in lexicon().body) and bool(
        tells_move(text)
    )


def numbered(line: str) -> tuple[str | None, int]:
    """A numbered item's text and number ("2. Roll your shoulders" -> text, 2), or (None, 0)."""
    match = re.match(rf"^({ITEM})\s+(.*)$", line, re.IGNORECASE)
    return (match.group(2), int(re.findall(r"\d+", match.group(1))[0])) if match else (None, 0)


def next_item(current: Block, line: str, number: int) -> bool:
    """Whether a numbered item starts an exercise rather than a step of the one before:
    "Exercise 3:" always; "3." after exercise 2, unless its steps counted anew from 1."""
    return bool(
        re.match(rf"^(?:{ITEM_WORDS}|\d+\s*/)", line, re.IGNORECASE)
        or (current.number == number - 1 and not current.stepped)
    )


NOT_A_NAME = {"if", "when", "for", "while", "and", "but", "the", "this", "that", "it", "you", "i"}


def named(words: list[str]) -> bool:
    """A short line that names rather than tells: 'Shoulder shrugs', 'Upper back hug' (but
    not 'Turn to the left' or 'Good luck!')."""
    first = words[0].lower() if words else ""
    plain = re.sub(r"\([^()]*\)", "", " ".join(words))  # "Le chat-vache (dos rond, dos creux)"
    return (
        1 <= len(words) <= 6
        and words[0][:1].isupper()
        and first not in VERBS
        and first not in NOT_A_NAME
        and not is_instruction(plain)
        and not re.search(r"[\d.!?,;]", plain)
    )


def is_heading(line: str) -> str | None:
    """The heading's text if the line is one (numbered short title, Markdown #, short Title Case)."""
    text = line.lstrip("#").strip() if line.startswith("#") else None
    if text is None:
        inner, _ = numbered(line)
        candidate = inner if inner is not None else line
        words = candidate.rstrip(":").split()
        short = 1 <= len(words) <= 8 and not re.search(r"[.!]$", candidate)
        capitals = sum(w[0].isupper() for w in words if w[0].isalpha()) >= max(1, len(words) * 0.6)
        if short and (candidate.endswith(":") or inner is not None or capitals or named(words)):
            text = candidate
    if not text:
        return None
    return re.sub(rf"^{ITEM}\s+", "", text.rstrip(":").strip(), flags=re.IGNORECASE)


def lead(line: str, listed: bool = False) -> tuple[str, str] | None:
    """'Cat-cow: On your hands and knees...' -> the exercise's name and its instructions; in
    a list item also 'chin tucks - 10 reps' and 'band pull-aparts 3x15 if you have a band'."""
    if listed and (
        bare := re.match(r"^([a-zA-Z][A-Za-z'/ -]{2,40}?)\s+(?=\d{1,2}\s*[x×]\s*\d)(.{4,})$", line)
    ):
        return bare.group(1).strip(), bare.group(2)
    # Letters with accents too: "Türrahmen-Dehnung:", "Élévation des bras -".
    first = "[A-Za-zÀ-ÖØ-öø-ÿ]" if listed else "[A-ZÀ-ÖØ-Þ]"
    lex = lexicon()
    # Names may run long: "Estiramiento de pectoral en el marco de la puerta".
    most, most_words = 60, 9
    match = re.match(
        "^("
        + first
        # A list item's name may hold a comma: "Dos rond, dos creux : ...".
        + (r"(?:[A-Za-zÀ-ÖØ-öø-ÿ'/ -]|,(?= ))" if listed else "[A-Za-zÀ-ÖØ-öø-ÿ'/ -]")
        + rf"{{1,{most}}}?)"
        + r"\s*(?:\((?P<aside>[^()]{1,40})\))?\s*(?::|\s-\s)\s*(?P<rest>\S.{10,})$",
        line,
    )
    if not match:
        return None
    name = match.group(1).strip()
    words = name.lower().split()
    if (
        len(words) > most_words
        or words[0] in lex.labels
        or " ".join(words[:2]) == "starting position"
    ):
        return None
    if lex.safety_heading.search(name):
        return None  # "Quick disclaimer: ..." is advice, read as such
    if (words[0] in VERBS or is_instruction(name)) and not is_instruction(match["rest"]):
        return None  # "Make small circles: ten forward..." goes on telling one exercise
    # "Chin tuck (10 reps): ..." keeps its numbers, after the instructions.
    aside = match["aside"].strip().rstrip(".") if match["aside"] else ""
    if re.search(r"\b(?:seconds?|secs?|minutes?|mins?)$", aside, re.IGNORECASE):
        aside = f"hold for {aside}"  # "(30 seconds)" is how long it is held
    aside = f" {aside[:1].upper()}{aside[1:]}." if aside else ""
    return name, match["rest"] + aside


def dosed_name(heading: str) -> tuple[str, str] | None:
    """A heading that gives the exercise's name, then its dose ("Elbow curls - 5 sets of 20
    reps", "Chin tuck: 3 x 10"): the two, or None."""
    match = re.match(r"^([^\W\d].{1,60}?)(?:\s+-\s+|\s*[:,]\s+)(.*\d.*)$", heading)
    if match is None or not has_numbers(match[2]) or instructs(match[2]):
        return None
    return match[1].strip(), match[2].strip()


def is_group(line: str) -> bool:
    """'If Lying Down, Do These', '## Standing', 'Seated stretches:' start a posture group."""
    lex = lexicon()
    words = line.lstrip("#").split()
    if (
        not lex.posture_group.search(line)
        or len(words) > 12
        or lex.how.match(line)
        or re.search(r"[.!]$", line)
    ):
        return False
    if re.match(r"^(?:#+\s*)?(?:if|when|for|while)\b", line, re.IGNORECASE):
        return True
    # "Sitting", "Standing stretches:": the posture and filler only, not "Seated Twist".
    rest = lex.posture_group.sub(" ", line.lstrip("#").lower())
    return is_heading(line) is not None and set(re.findall(r"[^\W\d_]+", rest)) <= lex.group_filler


def routine_part(line: str) -> str | None:
    """The name of a page's part that is a routine of its own: a heading lettered "A.",
    "B." ("B. Ejercicios de fortalecimiento") or numbered by a word ("Routine 2", "Teil B")."""
    text = line.lstrip("#").strip().rstrip(":")
    part = (
        rf"(?:[A-H][.)]|(?:{lexicon().parts.pattern})\s+(?:[A-H]|\d{{1,2}}|[IVX]{{1,4}})\b[.:)]?)"
    )
    if len(text.split()) > 10 or not re.match(rf"{part}(?:\s|$)", text, re.IGNORECASE):
        return None
    rest = re.sub(rf"^{part}\s*", "", text, flags=re.IGNORECASE)
    if rest and is_heading(rest) is None:
        return None
    return rest if re.match(r"[A-H][.)]", text) else text  # "A." alone names nothing


def aside_advice(body: str, line: str, current: Block | None) -> bool:
    """A paragraph of safety advice after an exercise's numbers ("Bin kein Arzt, lass das
    abklären"): the intro's. Not one that starts as an instruction, which may say when to
    stop."""
    lex = lexicon()
    return (
        body == line
        and (current is None or current.has_numbers)
        and not is_instruction(body.split(",")[0])
        and bool(lex.safety.search(body) and lex.safety_advice.search(body))
        and not has_numbers(body)
    )


def has_numbers(text: str) -> bool:
    return find_numbers(text).counts


def section(heading: str, number: int, following: str) -> bool:
    """A section's title ("Stretches", "Tips"), not an exercise's name; "Neck stretches"
    with its instructions under it names one."""
    if number or not lexicon().section_words.search(heading):
        return False
    told = following and not (following.startswith(("#", "- ")) or numbered(following)[0])
    return len(heading.split()) < 2 or not told or not is_instruction(following)


def for_all(text: str) -> bool:
    """A dose stated once for the exercises that follow: "Do each exercise 30 times", "5 fois
    chacun", or a line that leads into them ("... manteniendo la contracción 5 segundos:")."""
    return has_numbers(text) and bool(
        text.rstrip().endswith(":") or lexicon().each_one.search(text)
    )


def instructs(text: str) -> bool:
    """Whether a text says what to do, not only how much (a table's row does not)."""
    parts = re.split(r"(?<=[.!?])\s+", text)
    return any(is_instruction(part) and not states_numbers(part) for part in parts)


def _opening_word(sentence: str) -> str:
    """A sentence's first word, told to the listener, after 'Then', 'Now'..."""
    told = lexicon().leading.sub("", to_listener(sentence).strip(" -*(\"'¡¿"))
    first = re.match(r"[^\W\d_][\w']*", told)
    return first[0].lower() if first else ""


def tells_move(text: str) -> bool:
    """Whether a text tells a move, whatever numbers it gives ("Roll your shoulders back, 15
    times"), not only how long or how often ("Do this 15 times", "Hold for 5 seconds")."""
    return any(
        is_instruction(to_listener(s)) and _opening_word(s) not in lexicon().holding
        for s in re.split(r"(?<=[.!?:])\s+", text)
    )


def dose_only(text: str) -> bool:
    """A paragraph that opens with a dose for the move before ("Do this 15 times.", "Diese
    Übung dreimal wiederholen.")."""
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    lex = lexicon()
    return states_numbers(first) and (
        _opening_word(first) in lex.holding or bool(lex.this_one.match(first))
    )


def starts_anew(text: str) -> bool:
    """A sentence that moves on to the next exercise: "Next, ...", "Dann noch ...", "Luego"."""
    return bool(lexicon().moves_on.match(text))
