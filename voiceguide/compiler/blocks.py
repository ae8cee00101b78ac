"""Finding exercise blocks in an article: headings, lists, HOW blocks, narrative paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import ITEM, ITEM_WORDS
from .lexicon import current as lexicon
from .lexicon import field_label, programme_advice, words
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
GROUP_FILLER = words(
    "exercises stretches moves routine version group options set do these the down"
)
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
    number: int = 0  # that item's number
    stepped: bool = False  # its steps are numbered too (from 1 again)
    headed: bool = False  # a heading named it (not a lead: "Cat-cow: On your hands ...")
    # A dose stated once for the exercises that follow ("Do each exercise 30 times"): what
    # the block gives where it gives nothing itself.
    shared: str = ""
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


def _numbered(line: str) -> tuple[str | None, int]:
    """A numbered item's text and number ("2. Roll your shoulders" -> text, 2), or (None, 0)."""
    match = re.match(rf"^({ITEM})\s+(.*)$", line, re.IGNORECASE)
    return (match.group(2), int(re.findall(r"\d+", match.group(1))[0])) if match else (None, 0)


def _next_item(current: Block, line: str, number: int) -> bool:
    """Whether a numbered item starts an exercise rather than a step of the one before:
    "Exercise 3:" always; "3." after exercise 2, unless its steps counted anew from 1."""
    return bool(
        re.match(rf"^(?:{ITEM_WORDS}|\d+\s*/)", line, re.IGNORECASE)
        or (current.number == number - 1 and not current.stepped)
    )


_NOT_A_NAME = {"if", "when", "for", "while", "and", "but", "the", "this", "that", "it", "you", "i"}


def _named(words: list[str]) -> bool:
    """A short line that names rather than tells: 'Shoulder shrugs', 'Upper back hug' (but
    not 'Turn to the left' or 'Good luck!')."""
    first = words[0].lower() if words else ""
    plain = re.sub(r"\([^()]*\)", "", " ".join(words))  # "Le chat-vache (dos rond, dos creux)"
    return (
        1 <= len(words) <= 6
        and words[0][:1].isupper()
        and first not in VERBS
        and first not in _NOT_A_NAME
        and not is_instruction(plain)
        and not re.search(r"[\d.!?,;]", plain)
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
    return re.sub(rf"^{ITEM}\s+", "", text.rstrip(":").strip(), flags=re.IGNORECASE)


SAFETY_HEADING = re.compile(r"\b(?:disclaimer|warning|caution|safety)\b", re.IGNORECASE)
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


def _is_group(line: str) -> bool:
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
    return _is_heading(line) is not None and set(re.findall(r"[^\W\d_]+", rest)) <= lex.group_filler


def _aside_advice(body: str, line: str, current: Block | None) -> bool:
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


def parse(lines: list[str]) -> Parsed:
    """Split article lines into titled exercise blocks, posture groups and safety advice."""
    # A cookie banner or a site's menu may come before the title: the first line that is not noise.
    while len(lines) > 1 and NOISE.search(lines[0]):
        lines = lines[1:]
    lines = from_title(lines)
    lex = lexicon()
    title = lines[0].lstrip("#").strip() if lines else "Routine"
    if _numbered(title)[0] is not None:  # no title: the first item names the routine too
        title = _is_heading(title) or re.split(r"[.:;!?]", _numbered(title)[0] or "")[0]
        lines = ["", *lines]
    blocks: list[Block] = []
    safety: list[str] = []
    preamble: list[str] = []
    group: str | None = None
    current: Block | None = None
    in_safety = False
    shared = ""
    seen: set[tuple[str | None, str]] = set()

    def start(block: Block) -> Block:
        """A new exercise's block, with the dose stated for all so far."""
        block.shared = shared
        blocks.append(block)
        return block

    for at, line in enumerate(lines[1:], start=2):
        following = lines[at] if at < len(lines) else ""
        if NOISE.search(line):
            if len(line) < 120:
                continue
            # A long paragraph keeps its instructions and loses only the plug.
            line = " ".join(p for p in re.split(r"(?<=[.!?])\s+", line) if not NOISE.search(p))
        key = (group, line.lower())
        if key in seen and len(line) > 80:
            continue  # a paragraph pasted twice (web pages repeat whole blocks)
        seen.add(key)
        posture = lex.posture_group.search(line) if _is_group(line) else None
        if posture:
            # As written in other languages: it goes into the title ("..., im Sitzen").
            said = posture.group(1)
            group, current, in_safety = said.lower() if lex.code == "en" else said, None, False
            continue
        labelled = field_label(line)
        if labelled and not labelled[1]:
            continue  # "Setup:", "Mouvement": a card's field of the exercise above
        bare = current is not None and current.headed and not current.lines
        # A heading names what follows it: the last line names nothing ("Tou", cut off),
        # unless it ends a list of names ("Low row", "Board tapping").
        listing = bare and len(blocks) >= 2 and not blocks[-2].lines
        heading = None if labelled or not (following or listing) else _is_heading(line)
        if (
            bare
            and (following or listing)
            and not heading
            and not labelled
            and re.fullmatch(r"[^\W\d][^.!?:\d]{0,40}", line)
        ):
            heading = line  # names listed one a line: "Low row", "Stretch with a pole"
        how = match.group(1) if (match := lex.how.match(line)) else None
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
            in_safety = False
            if current is not None and current.name and not current.how:
                current.add(how)  # "Ausführung: ..." under the exercise's heading
                current.how = True
                continue
            current = start(Block(None, [how], group, how=True))
            continue
        inner, number = _numbered(line.lstrip("#").strip())
        if heading:
            in_safety = False
            if _section(heading, number, following):
                current = None  # a section title: what follows is narrative, not one exercise
            elif current and current.name and not current.lines and field_label(following):
                current.add(heading)  # a card's subtitle, then its fields: "Position de départ"
            else:
                current = Block(heading, [], group, numbered=bool(number), number=number)
                current.headed = True
                start(current)
            if current is None:
                shared = ""
            continue
        body = re.sub(r"^[-*]\s+", "", inner if inner is not None else line)
        if body != line and re.match(r"^[^\W\d][^:]{0,30}:\s*\S[^.!?:]*$", body):
            body += "."  # "- Series: 3" / "- Repeticiones: 12": a handout's field ends there
        if programme_advice(body) and not (
            lex.safety.search(body) and lex.safety_advice.search(body)
        ):
            continue  # "Do the exercises once a day, after ten minutes of heat": no exercise
        # After names listed bare, a dose is for the names that follow ("Hold three times").
        under = current is not None and bool(current.lines or current.number)  # its own text
        listed_bare = listing and not under and has_numbers(body)
        leads_in = body.rstrip().endswith(":")  # "... manteniendo la contracción 5 segundos:"
        if not (in_safety or inner is not None or (under and not leads_in)) and (
            _for_all(body) or listed_bare
        ):
            shared, current = body, None  # "Do each exercise 30 times", "... holding 5 s:"
            continue
        if shared and current is not None and current.listed and body != line and _instructs(body):
            current = None  # after a dose for all, each item of a list is an exercise
        lead = None if in_safety or labelled else _lead(body, listed=body != line)
        if (
            lead
            and current is not None
            and current.headed
            and inner is None
            and (not current.lines or (body != line and not has_numbers(body)))
        ):
            # "- Chat : Inspire ...": a phase of the exercise told above; right under its
            # heading, a lead tells it ("Eine gute Übung für verspannte Nacken: ...").
            current.add(body)
        elif lead:
            # A named lead is an exercise even where the article gives no number for it, if
            # what follows the name is an instruction ("Cat-cow: On your hands and knees...").
            told = _instructs(lead[1]) or re.match(
                r"^(?:on|from|in|with|lying|sitting|standing)\b", lead[1], re.I
            )
            current = Block(lead[0], [lead[1]], group, numbered=bool(told), number=number)
            current.listed = body != line
            start(current)
        if lead:
            continue
        if inner is not None and not in_safety:
            worded = re.match(rf"^(?:{ITEM_WORDS}|\d+\s*/)", line, re.IGNORECASE)
            if current is not None and not _next_item(current, line, number):
                current.stepped = True
            elif worded or is_instruction(body) or has_numbers(body):  # "Estiramiento 3 ..."
                current = start(
                    Block(None, [body], group, numbered=True, number=number, listed=True)
                )
                continue
        if in_safety or _aside_advice(body, line, current):
            safety.append(body)
        elif current is not None:
            both = current.has_numbers and has_numbers(body)
            if both and not current.how and (current.name is None or _starts_anew(body)):
                # the next exercise of a narrative
                current = start(Block(None, [body], group, listed=body != line))
            else:
                current.add(body)
        elif has_numbers(body) or (shared and is_instruction(body)):
            current = start(Block(None, [body], group, listed=body != line))
        elif lex.safety.search(body) and lex.safety_advice.search(body):
            safety.append(body)
        elif not blocks:
            preamble.append(body)
    kept = [
        b
        for b in _shared(_merged(blocks))
        if b.shared or (b.lines and (b.how or b.has_numbers or b.numbered or _tells_a_move(b)))
    ]
    return Parsed(title, kept, safety, preamble)


def _tells_a_move(block: Block) -> bool:
    """A heading over a paragraph that puts the body somewhere and moves it, with no dose
    ("Der Reißverschluss" / "In der Bauchlage werden die Arme ... gestreckt"): kept, its
    dose a marked guess."""
    return (
        block.headed
        and any(re.search(pattern, block.text, re.IGNORECASE) for _, pattern in lexicon().body)
        and _instructs(block.text)
    )


def _section(heading: str, number: int, following: str) -> bool:
    """A section's title ("Stretches", "Tips"), not an exercise's name; "Neck stretches"
    with its instructions under it names one."""
    if number or not lexicon().section_words.search(heading):
        return False
    told = following and not (following.startswith(("#", "- ")) or _numbered(following)[0])
    return len(heading.split()) < 2 or not told or not is_instruction(following)


def _for_all(text: str) -> bool:
    """A dose stated once for the exercises that follow: "Do each exercise 30 times", "5 fois
    chacun", or a line that leads into them ("... manteniendo la contracción 5 segundos:")."""
    return has_numbers(text) and bool(
        text.rstrip().endswith(":") or lexicon().each_one.search(text)
    )


def _shared(blocks: list[Block]) -> list[Block]:
    """After a dose for all, bare names are the exercises and the list items between are
    advice ("Keep breathing calmly"); with no names, the items are the exercises."""
    named = {b.shared for b in blocks if b.shared and b.headed and not b.lines}
    return [b for b in blocks if b.name or b.has_numbers or b.shared not in named]


def _same_exercise(a: str, b: str) -> bool:
    """'Thoracic extension' and 'Thoracic extension over towel roll' name one exercise."""
    one, two = (re.findall(r"[a-z]+", name.lower()) for name in (a, b))
    shorter, longer = sorted((one, two), key=len)
    return (
        bool(shorter) and longer[: len(shorter)] == shorter and len(shorter) >= min(2, len(longer))
    )


def _instructs(text: str) -> bool:
    """Whether a text says what to do, not only how much (a table's row does not)."""
    parts = re.split(r"(?<=[.!?])\s+", text)
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
                    b.has_numbers != block.has_numbers
                    or not _instructs(b.text)
                    or not _instructs(block.text)
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
    """A sentence that moves on to the next exercise: "Next, ...", "Dann noch ...", "Luego"."""
    return bool(lexicon().moves_on.match(text))
