"""Finding exercise blocks in an article: headings, lists, HOW blocks, narrative paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import current as lexicon
from .lexicon import programme_advice
from .numbers import find_numbers
from .sentences import VERBS, is_instruction, states_numbers
from .text import from_title
from .words import LABELS as LABELS  # labels that start a line, not a name

NOISE = re.compile(
    r"subscribe|click (?:below|here|on)|https?://|www\.|facebook|twitter|instagram|pinterest|"
    r"\bsee also\b|you may also like|other videos? mentioned|follow (?:us|me)|sign up|newsletter|"
    r"\bshare this\b|comment below|affiliate|©|all rights reserved|^related\b|youtube video|"
    r"complimentary resources|\bvisit:?$|\bcookies?\b|\bin the comments\b|\blet me know\b|"
    r"\breading time\b|\b\d+ min(?:ute)?s? read\b|\blese(?:zeit|dauer)\b|\btiempo de lectura\b|"
    r"\btemps de lecture\b|^posted by\b|^u/[\w-]+|^page \d+ of \d+$|^(?:edit|update|ps|p\.s\.)\s*:|\bcall \d|\b\d{3}-\d{4}\b|^(?:patient|date|name|paciente|fecha|nombre|patient(?:in)?|datum|nom)\s*:",
    re.IGNORECASE,
)
SAFETY = re.compile(
    r"\b(?:stop|skip|pain|hurts?|consult|doctor|medical|healthcare|professional|disclaimer"
    r"|physio(?:therapist)?|symptoms?|numb(?:ness)?|tingl\w*|dizz\w*)\b",
    re.IGNORECASE,
)
POSTURE_GROUP = re.compile(
    r"\b(lying(?: down)?|sitting|seated|standing|kneeling|on the floor|at (?:a|your) desk)\b",
    re.IGNORECASE,
)
GROUP_FILLER = {
    "exercises",
    "stretches",
    "moves",
    "routine",
    "version",
    "group",
    "options",
    "set",
    "do",
    "these",
    "the",
    "down",
}
SECTION_WORDS = re.compile(
    r"\b(?:exercises|stretches|tips|routine|workout|program|avoid|causes?|why|what|how do)\b|\?$",
    re.IGNORECASE,
)


@dataclass
class Block:
    """Lines that describe one exercise (or a section that turns out not to)."""

    name: str | None
    lines: list[str] = field(default_factory=list)
    group: str | None = None
    how: bool = False  # an all-caps "HOW:" block: one exercise, whatever its numbers
    numbered: bool = False  # its heading was an item of a numbered list
    listed: bool = False  # an unnamed list item ("- Schulterkreisen nach hinten, 10 mal")
    context: str = ""  # the whole block this one was split from, for facts it leaves out
    # Whether its text gives a number, kept up to date by `add`: asking `text` again after
    # every line made a long block cost the square of its length (100 kB took 50 s).
    has_numbers: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.has_numbers = has_numbers(self.text)

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    def add(self, line: str) -> None:
        """Append a line; a number may also span the join with the line before it."""
        joined = f"{self.lines[-1]} {line}" if self.lines else line
        self.has_numbers = self.has_numbers or has_numbers(joined)
        self.lines.append(line)


@dataclass
class Parsed:
    title: str
    blocks: list[Block]
    safety: list[str]
    # What the article says before its first exercise ("all you need is your chair").
    preamble: list[str] = field(default_factory=list)


# "Exercise 1: Chin tuck", and so in German, Spanish and French handouts.
_ITEM_WORDS = r"(?:step|exercise|stretch|move|übung|schritt|ejercicio|paso|exercice|étape)"


def _numbered(line: str) -> tuple[str | None, str]:
    match = re.match(
        rf"^(?:\d{{1,2}}[.)]|{_ITEM_WORDS} \d{{1,2}}\s*[:.)-]?)\s+(.*)$",
        line,
        re.IGNORECASE,
    )
    return (match.group(1), "numbered") if match else (None, "")


_NOT_A_NAME = {"if", "when", "for", "while", "and", "but", "the", "this", "that", "it", "you", "i"}


def _named(words: list[str]) -> bool:
    """A short line that names rather than tells: 'Shoulder shrugs', 'Upper back hug' (but
    not 'Turn to the left' or 'Good luck!')."""
    first = words[0].lower() if words else ""
    return (
        1 <= len(words) <= 4
        and words[0][:1].isupper()
        and first not in VERBS
        and first not in _NOT_A_NAME
        and not re.search(r"[\d.!?,;]", " ".join(words))
    )


def _is_heading(line: str) -> str | None:
    """The heading's text if the line is one (numbered short title, Markdown #, short Title Case)."""
    text = line.lstrip("#").strip() if line.startswith("#") else None
    if text is None:
        inner, _ = _numbered(line)
        candidate = inner if inner is not None else line
        words = candidate.rstrip(":").split()
        short = 1 <= len(words) <= 8 and not re.search(r"[.!]$", candidate)
        capitals = sum(w[0].isupper() for w in words if w[0].isalpha()) >= max(1, len(words) * 0.6)
        if short and (candidate.endswith(":") or inner is not None or capitals or _named(words)):
            text = candidate
    if not text:
        return None
    return re.sub(
        rf"^(?:\d{{1,2}}[.)]|{_ITEM_WORDS} \d{{1,2}}\s*[:.)-]?)\s+",
        "",
        text.rstrip(":").strip(),
        flags=re.IGNORECASE,
    )


SAFETY_LABEL = re.compile(r"\b(?:disclaimer|warning|caution|safety)\b", re.IGNORECASE)
SAFETY_HEADING = re.compile(r"disclaimer|warning|caution|safety", re.IGNORECASE)
SAFETY_LINE = re.compile(r"^(?:disclaimer|warning|caution)\s*:", re.IGNORECASE)
# What makes a line of safety words advice to keep: when to stop, whom to ask.
SAFETY_ADVICE = re.compile(
    r"\b(?:stop|skip|consult|see (?:a|your)|do not|don't|never|speak to|talk to|check with)\b",
    re.IGNORECASE,
)
HOW = re.compile(r"^(?:how|instructions|how to do it|steps?|do this)\s*:\s*(.+)$", re.IGNORECASE)


def _lead(line: str, listed: bool = False) -> tuple[str, str] | None:
    """'Cat-cow: On your hands and knees...' -> the exercise's name and its instructions; in
    a list item also 'chin tucks - 10 reps' and 'band pull-aparts 3x15 if you have a band'."""
    if listed and (
        bare := re.match(r"^([a-zA-Z][A-Za-z'/ -]{2,40}?)\s+(?=\d{1,2}\s*[x×]\s*\d)(.{4,})$", line)
    ):
        return bare.group(1).strip(), bare.group(2)
    # Letters with accents too: "Türrahmen-Dehnung:", "Élévation des bras -".
    first = "[A-Za-zÀ-ÖØ-öø-ÿ]" if listed else "[A-ZÀ-ÖØ-Þ]"
    lex = lexicon()
    # Spanish and French names run longer: "Estiramiento de pectoral en el marco de la puerta".
    most, most_words = (40, 5) if lex.code == "en" else (60, 9)
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
    if lex.safety_label.search(name):
        return None  # "Quick disclaimer: ..." is advice, read as such
    if words[0] in VERBS and not is_instruction(match["rest"]):
        return None  # "Make small circles: ten forward..." goes on telling one exercise
    # "Chin tuck (10 reps): ..." keeps its numbers, after the instructions.
    aside = match["aside"].strip().rstrip(".") if match["aside"] else ""
    if re.search(r"\b(?:seconds?|secs?|minutes?|mins?)$", aside, re.IGNORECASE):
        aside = f"hold for {aside}"  # "(30 seconds)" is how long it is held
    aside = f" {aside[:1].upper()}{aside[1:]}." if aside else ""
    return name, match["rest"] + aside


def _is_how(line: str) -> str | None:
    match = lexicon().how.match(line)
    return match.group(1) if match else None


def _is_group(line: str) -> bool:
    """'If Lying Down, Do These', '## Standing', 'Seated stretches:' start a posture group."""
    lex = lexicon()
    words = line.lstrip("#").split()
    if (
        not lex.posture_group.search(line)
        or len(words) > 12
        or _is_how(line)
        or re.search(r"[.!]$", line)
    ):
        return False
    if re.match(r"^(?:#+\s*)?(?:if|when|for|while)\b", line, re.IGNORECASE):
        return True
    # "Sitting", "Standing stretches:": the posture and filler only, not "Seated Twist".
    rest = lex.posture_group.sub(" ", line.lstrip("#").lower())
    return _is_heading(line) is not None and set(re.findall(r"[^\W\d_]+", rest)) <= lex.group_filler


def _aside_advice(body: str, line: str, current: Block | None) -> bool:
    """A paragraph of safety advice after an exercise's numbers ("Bin kein Arzt, lass das
    abklären"): the intro's, in the languages whose articles were read so (English keeps
    its own way). Not one that starts as an instruction, which may say when to stop."""
    lex = lexicon()
    return (
        lex.code != "en"
        and body == line
        and (current is None or current.has_numbers)
        and not is_instruction(body.split(",")[0])
        and bool(lex.safety.search(body) and lex.safety_advice.search(body))
        and not has_numbers(body)
    )


def has_numbers(text: str) -> bool:
    return find_numbers(text).counts


def parse(lines: list[str]) -> Parsed:
    """Split article lines into titled exercise blocks, posture groups and safety advice."""
    # A cookie banner or a site's menu may come before the title: the first line that is not noise.
    while len(lines) > 1 and NOISE.search(lines[0]):
        lines = lines[1:]
    lines = from_title(lines)
    lex = lexicon()
    title = lines[0].lstrip("#").strip() if lines else "Routine"
    blocks: list[Block] = []
    safety: list[str] = []
    preamble: list[str] = []
    group: str | None = None
    current: Block | None = None
    in_safety = False
    seen: set[tuple[str | None, str]] = set()
    for line in lines[1:]:
        if NOISE.search(line):
            if len(line) < 120:
                continue
            # A long paragraph keeps its instructions and loses only the plug.
            line = " ".join(p for p in re.split(r"(?<=[.!?])\s+", line) if not NOISE.search(p))
        key = (group, line.lower())
        if key in seen and len(line) > 25:
            continue  # a paragraph pasted twice (web pages repeat whole blocks)
        seen.add(key)
        posture = lex.posture_group.search(line) if _is_group(line) else None
        if posture:
            # As written in other languages: it goes into the title ("..., im Sitzen").
            said = posture.group(1)
            group, current, in_safety = said.lower() if lex.code == "en" else said, None, False
            continue
        heading = _is_heading(line)
        how = _is_how(line)
        if heading and lex.safety_heading.search(heading):
            in_safety, current = True, None
            rest = re.sub(r"^[^:]*:\s*", "", line) if ":" in line.rstrip(":") else ""
            if rest:
                safety.append(rest)
            continue
        if lex.safety_line.match(line):
            safety.append(re.sub(r"^[^:]*:\s*", "", line))
            current = None
            continue
        if how is not None:
            current = Block(None, [how], group, how=True)
            blocks.append(current)
            in_safety = False
            continue
        if heading:
            in_safety = False
            numbered = _numbered(line.lstrip("#").strip())[0] is not None
            if lex.section_words.search(heading) and not numbered:
                current = None  # a section title: what follows is narrative, not one exercise
            else:
                current = Block(heading, [], group, numbered=numbered)
                blocks.append(current)
            continue
        inner, _ = _numbered(line)
        body = re.sub(r"^[-*]\s+", "", inner if inner is not None else line)
        if (
            lex.code != "en"
            and body != line
            and re.match(r"^[^\W\d][^:]{0,30}:\s*\S[^.!?]*$", body)
        ):
            body += "."  # "- Series: 3" / "- Repeticiones: 12": a handout's field ends there
        if programme_advice(body) and not (
            lex.safety.search(body) and lex.safety_advice.search(body)
        ):
            continue  # "Do the exercises once a day, after ten minutes of heat": no exercise
        lead = None if in_safety else _lead(body, listed=body != line)
        if lead:
            # A named lead is an exercise even where the article gives no number for it, if
            # what follows the name is an instruction ("Cat-cow: On your hands and knees...").
            told = is_instruction(lead[1]) or re.match(
                r"^(?:on|from|in|with|lying|sitting|standing)\b", lead[1], re.I
            )
            current = Block(lead[0], [lead[1]], group, numbered=bool(told))
            blocks.append(current)
            continue
        if in_safety or _aside_advice(body, line, current):
            safety.append(body)
        elif current is not None:
            both = current.has_numbers and has_numbers(body)
            # In the other languages' lists a new numbered item is a new exercise too.
            anew = _starts_anew(body) or (lex.code != "en" and inner is not None)
            if both and not current.how and (current.name is None or anew):
                # the next exercise of a narrative
                current = Block(None, [body], group, listed=body != line)
                blocks.append(current)
            else:
                current.add(body)
        elif has_numbers(body):
            current = Block(None, [body], group, listed=body != line)
            blocks.append(current)
        elif lex.safety.search(body) and lex.safety_advice.search(body):
            safety.append(body)
        elif not blocks:
            preamble.append(body)
    kept = [b for b in _merged(blocks) if b.lines and (b.how or b.has_numbers or b.numbered)]
    return Parsed(title, kept, safety, preamble)


def _same_exercise(a: str, b: str) -> bool:
    """'Thoracic extension' and 'Thoracic extension over towel roll' name one exercise."""
    one, two = (re.findall(r"[a-z]+", name.lower()) for name in (a, b))
    shorter, longer = sorted((one, two), key=len)
    return (
        bool(shorter) and longer[: len(shorter)] == shorter and len(shorter) >= min(2, len(longer))
    )


def _instructs(block: Block) -> bool:
    """Whether a block says what to do, not only how much (a table's row does not)."""
    parts = re.split(r"(?<=[.!?])\s+", block.text)
    return any(is_instruction(part) and not states_numbers(part) for part in parts)


def _merged(blocks: list[Block]) -> list[Block]:
    """One block per named exercise where a handout gives its numbers in one place (a table)
    and its instructions in another (notes or a section under the same name): one of the two
    has no numbers or no instructions, so "Chin tuck" and "Chin tuck with a turn", both
    with their own, stay apart."""
    out: list[Block] = []
    named: dict[tuple[str | None, tuple[str, ...]], list[Block]] = {}
    for block in blocks:
        words = tuple(re.findall(r"[a-z]+", (block.name or "").lower())[:2])
        same = named.setdefault((block.group, words), []) if block.name and words else []
        twin = next(
            (
                b
                for b in same
                if b.name
                and block.name
                and (
                    b.has_numbers != block.has_numbers or not _instructs(b) or not _instructs(block)
                )
                and _same_exercise(b.name, block.name)
            ),
            None,
        )
        if twin is None:
            out.append(block)
            same.append(block)
            continue
        for line in block.lines:
            twin.add(line)
        twin.numbered = twin.numbered or block.numbered
    return out


def _starts_anew(text: str) -> bool:
    if lexicon().code != "en":
        return bool(lexicon().moves_on.match(text))  # "Dann noch ...", "Luego ..."
    return bool(
        re.match(
            r"^(?:next|then|now|the (?:next|last|final|first|second|third)|finally|another)\b",
            text,
            re.IGNORECASE,
        )
    )
