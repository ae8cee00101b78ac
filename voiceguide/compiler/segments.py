"""Article lines -> segments: the blocks of lines that each tell one exercise (or a section
that turns out not to), posture groups, safety advice and what comes before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import kinds
from .kinds import NOISE, has_numbers
from .layout import ITEM_WORDS
from .lexicon import current as lexicon
from .lexicon import field_label, programme_advice
from .sentences import is_instruction
from .text import from_title


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


def parse(lines: list[str]) -> Parsed:
    """Split article lines into titled exercise blocks, posture groups and safety advice."""
    # A cookie banner or a site's menu may come before the title: the first line that is not noise.
    while len(lines) > 1 and NOISE.search(lines[0]):
        lines = lines[1:]
    lines = from_title(lines)
    lex = lexicon()
    title = lines[0].lstrip("#").strip() if lines else "Routine"
    if kinds.numbered(title)[0] is not None:  # no title: the first item names the routine too
        title = kinds.is_heading(title) or re.split(r"[.:;!?]", kinds.numbered(title)[0] or "")[0]
        lines = ["", *lines]
    elif said := kinds.title_of(title):  # no title: the first paragraph is read, its words name
        title, lines = said, ["", *lines]
    blocks: list[Block] = []
    safety: list[str] = []
    preamble: list[str] = []
    group: str | None = None
    current: Block | None = None
    in_safety = False
    shared = ""
    cues = False  # after "While doing these exercises, ... follow these cues:"
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
        if part := kinds.routine_part(line):
            group, current, in_safety, shared = part, None, False, ""
            continue
        posture = lex.posture_group.search(line) if kinds.is_group(line) else None
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
        heading = None if labelled or not (following or listing) else kinds.is_heading(line)
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
        inner, number = kinds.numbered(line.lstrip("#").strip())
        if heading:
            in_safety = False
            if kinds.section(heading, number, following):
                current = None  # a section title: what follows is narrative, not one exercise
            elif current and current.name and not current.lines and field_label(following):
                current.add(heading)  # a card's subtitle, then its fields: "Position de départ"
            else:
                # "Elbow curls - 5 sets of 20 reps": a name, then its dose.
                name, dose = kinds.dosed_name(heading) or (heading, "")
                current = Block(name, [dose] if dose else [], group, numbered=bool(number))
                current.number = number
                current.headed = True
                start(current)
            if current is None:
                shared = ""
            cues = False
            continue
        body = re.sub(r"^[-*]\s+", "", inner if inner is not None else line)
        if body != line and re.match(r"^[^\W\d][^:]{0,30}:\s*\S[^.!?:]*$", body):
            body += "."  # "- Series: 3" / "- Repeticiones: 12": a handout's field ends there
        if cues and body != line and not has_numbers(body):
            continue  # a cue on how to do the exercises above, no exercise of its own
        cues = False
        if (
            blocks
            and body == line
            and body.endswith(":")
            and lex.the_exercises is not None
            and lex.the_exercises.search(body)
            and not has_numbers(body)
        ):
            # "While doing these exercises, your position matters. Follow these cues:":
            # the undosed items that follow tell how to do the exercises above.
            cues = True
            continue
        if programme_advice(body) and not (
            lex.safety.search(body) and lex.safety_advice.search(body)
        ):
            continue  # "Do the exercises once a day, after ten minutes of heat": no exercise
        # After names listed bare, a dose is for the names that follow ("Hold three times").
        under = current is not None and bool(current.lines or current.number)  # its own text
        listed_bare = listing and not under and has_numbers(body)
        leads_in = body.rstrip().endswith(":")  # "... manteniendo la contracción 5 segundos:"
        if not (in_safety or inner is not None or (under and not leads_in)) and (
            kinds.for_all(body) or listed_bare
        ):
            shared, current = body, None  # "Do each exercise 30 times", "... holding 5 s:"
            continue
        if (
            shared
            and current is not None
            and current.listed
            and body != line
            and kinds.instructs(body)
        ):
            current = None  # after a dose for all, each item of a list is an exercise
        lead = None if in_safety or labelled else kinds.lead(body, listed=body != line)
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
            told = kinds.instructs(lead[1]) or re.match(
                r"^(?:on|from|in|with|lying|sitting|standing)\b", lead[1], re.I
            )
            current = Block(lead[0], [lead[1]], group, numbered=bool(told), number=number)
            current.listed = body != line
            start(current)
        if lead:
            continue
        if inner is not None and not in_safety:
            worded = re.match(rf"^(?:{ITEM_WORDS}|\d+\s*/)", line, re.IGNORECASE)
            if (
                current is not None
                and current.name is None
                and current.listed
                and not (worded or current.has_numbers)
                and number == current.number + 1
                and kinds.places_body(current.lines[0])
            ):
                # "1. Lie face down." "2. Pinch your shoulder blades." "3. Hold 15 s": steps
                # of one exercise, up to the one that gives its dose.
                current.add(body)
                current.number = number
                continue
            if current is not None and current.name and not kinds.next_item(current, line, number):
                current.stepped = True
            elif (
                worded
                or is_instruction(body)
                or has_numbers(body)
                or (current is not None and current.number > 0 and current.number == number - 1)
            ):  # "Estiramiento 3 ...", or the next item of a numbered list, whatever it says
                current = start(
                    Block(None, [body], group, numbered=True, number=number, listed=True)
                )
                continue
        if in_safety or kinds.aside_advice(body, line, current):
            safety.append(body)
        elif current is not None:
            # The next exercise of a narrative: a paragraph that tells a move and its dose,
            # or puts the body somewhere new once the one before has its dose; a paragraph
            # that only gives a dose ("Do this 15 times.") is the one before's.
            dosed = current.has_numbers and not current.how
            # Under a heading of a section ("Neck stretches"), each dosed paragraph is one.
            anew = (
                not current.name
                or kinds.starts_anew(body)
                or lex.section_words.search(current.name)
            )
            # The next item of a list whose items are exercises, each with its dose, is the
            # next exercise if it tells a move, dosed or not.
            next_item = body != line and current.listed and current.name is None
            if dosed and (
                (
                    anew
                    and (
                        (has_numbers(body) and not kinds.dose_only(body)) or kinds.places_body(body)
                    )
                )
                or (
                    next_item
                    and (kinds.instructs(body) or kinds.tells_move(body))
                    and not lex.switch.match(body)  # "- Then switch sides."
                )
            ):
                # It stands as an exercise even with no dose of its own (a marked guess).
                current = start(Block(None, [body], group, numbered=True, listed=body != line))
            else:
                current.add(body)
        elif has_numbers(body) or (shared and is_instruction(body)):
            current = start(Block(None, [body], group, listed=body != line))
        elif lex.safety.search(body) and lex.safety_advice.search(body):
            safety.append(body)
        elif not blocks:
            preamble.append(body)
    return Parsed(title, blocks, safety, preamble)
