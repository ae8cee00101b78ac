"""Blocks -> draft routines: numbers decided, names and spoken lines made, guesses marked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..routine.model import slugify
from .lexicon import current, rewrite
from .names import Names, make_name
from .numbers import SECONDS_PER_BREATH, Found, find_numbers, strip_numbers
from .segments import Block, Parsed
from .sentences import SWITCH, sentence_case, sentences, sided, spoken_lines

if TYPE_CHECKING:
    from .sources import SourceLine

# Defaults where an article gives no number; every use is marked "guessed" in the YAML.
GUESS_HOLD = 20
GUESS_STEP_HOLD = 10
GUESS_REPS = 10
GUESS_HELD_REPS = 5
GUESS_TEMPO = 3
NO_PACE = "the article gives no pace"
MAX_READ = 60  # sentences of a block searched for where its values were read
HOLD_GUESS = {
    "breaths": f"the article counts breaths; about {SECONDS_PER_BREATH} s each",
    "few": "the article says only 'a few' seconds",
}
MOVEMENT = re.compile(
    r"\b(?:circle|circles|roll|rotate|swing|shrug|punch|slide|nod|push up|dip down|pump|march)\b",
    re.IGNORECASE,
)
REPEAT_AFTER_HOLD = re.compile(
    r"\bthen (?:lower|release|relax|return|rest)\b|\brelax and repeat\b|\band repeat\b",
    re.IGNORECASE,
)
BODY = [
    ("all-fours", r"all fours|hands and knees|quadruped|table ?top position"),
    ("kneeling", r"\bkneel|on your knees"),
    (
        "lying",
        r"\blie\b|\blying\b|on your (?:back|stomach|side)|foam roll|onto your (?:back|stomach)",
    ),
    ("standing", r"\bstand|doorway|door frame|against a wall"),
    ("sitting", r"\bsit|\bseated|chair|\bat (?:a|your) desk\b"),
]
GROUP_POSITION = {
    "lying": "lying",
    "lying down": "lying",
    "sitting": "sitting",
    "seated": "sitting",
    "standing": "standing",
    "kneeling": "kneeling",
    "on the floor": "sitting",
    "at a desk": "sitting",
    "at your desk": "sitting",
}


@dataclass
class DraftExercise:
    name: str
    position: str
    say: list[str]
    hold: tuple[float, float] | None = None
    reps: tuple[float, float] | None = None
    sets: tuple[float, float] | None = None
    tempo: float | None = None
    sides: str = "none"
    steps: list[tuple[str, tuple[float, float]]] = field(default_factory=list)
    # Each value not stated plainly, and why: {"hold": "the article gives no time"}.
    guessed: dict[str, str] = field(default_factory=dict)
    # The sentence each was read from: "exercise" (its heading or first line), "hold",
    # "reps", "sets", "sides"; and where the article has it (sources.locate).
    read_from: dict[str, str] = field(default_factory=dict)
    sources: dict[str, SourceLine] = field(default_factory=dict)


@dataclass
class Draft:
    title: str
    slug: str
    intro: str | None
    exercises: list[DraftExercise]
    equipment: list[str] = field(default_factory=list)
    language: str = "en"  # of the article, and so of its spoken lines


# What an article may ask you to have at hand, as the voice says it ("You'll need a chair").
EQUIPMENT = (
    (re.compile(r"\bfoam (?:roller|roll)\b", re.I), "a foam roller"),
    (re.compile(r"\b(?:resistance|exercise|elastic) band\b", re.I), "a resistance band"),
    (re.compile(r"\b(?:yoga |exercise )?mat\b", re.I), "a mat"),
    (re.compile(r"\bchair\b", re.I), "a chair"),
    (re.compile(r"\btowel\b", re.I), "a towel"),
    (re.compile(r"\bpillow\b", re.I), "a pillow"),
    (re.compile(r"\bcushion\b", re.I), "a cushion"),
    (re.compile(r"\b(?:tennis|small|massage) ball\b", re.I), "a small ball"),
    (re.compile(r"\bstrap\b", re.I), "a strap"),
    (re.compile(r"\b(?:broomstick|broom handle|dowel)\b", re.I), "a stick"),
)


def equipment_in(texts: list[str]) -> list[str]:
    """The things the texts ask for, in the order of EQUIPMENT, each once."""
    text = " ".join(texts)
    return [name for pattern, name in current().equipment if pattern.search(text)]


def body_position(text: str, group: str | None, context: str = "") -> tuple[str, bool]:
    """(position, guessed): the first body position the text names, else its context's, else the group's."""
    lex = current()
    hits = []
    for position, pattern in lex.body:
        if match := re.search(pattern, text, re.IGNORECASE):
            hits.append((match.start(), position))
    if hits:
        hits.sort()
        # "sit on your knees" is kneeling, though "sit" comes first.
        for _, position in hits:
            if position in ("kneeling", "all-fours"):
                return position, False
        return hits[0][1], False
    if context:
        return body_position(context, group)
    if group and group.lower() in lex.group_position:
        return lex.group_position[group.lower()], False
    return "standing", True


NOT_POSITION = re.compile(
    r"^(?:repeat|switch|swap|change|do the other|hold|stay|breathe|remain|relax|release|let go|rest|return|come back)\b",
    re.IGNORECASE,
)


def _positions(text: str) -> tuple[str, list[str]] | None:
    """A hold through several positions: 'FIRST ... THEN ... THEN ...' or 'NOW ... THEN ... THEN'."""
    parts = re.split(r"(?:[.,]\s*|\s+)\bthen\b\s*", text, flags=re.IGNORECASE)
    # "..., then relax", "then repeat on the other side", "then hold": not positions.
    parts = parts[:1] + [p for p in parts[1:] if not (SWITCH.match(p) or NOT_POSITION.match(p))]
    if len(parts) < 3:
        return None
    head = parts[0]
    marker = re.search(r"(?:^|[.]\s+)(?:first|now)\b[, ]*", head, re.IGNORECASE)
    if marker:
        setup, first = head[: marker.start() + 1], head[marker.end() :]
    else:
        # The last sentence before the first THEN is the first position ("hold position"
        # is not a position: the one before it is).
        pieces = sentences(head)
        if len(pieces) > 1 and re.fullmatch(
            r"hold(?: (?:position|it|this))?\.?", pieces[-1].strip(), re.IGNORECASE
        ):
            pieces = pieces[:-1]
        if not pieces:
            return None  # nothing before the first THEN ("then ... then ...")
        setup, first = " ".join(pieces[:-1]), pieces[-1]
    steps = [first, *(sentences(p)[0] if sentences(p) else p for p in parts[1:])]
    return setup, [s for s in (sentence_case(p) for p in steps) if len(s) > 3]


def _fill_sides(ex: DraftExercise) -> DraftExercise:
    """Both sides: 'your right ear' is said as each side's own ('{side} ear')."""
    if ex.sides == "both":
        lines = sided([*ex.say, *(say for say, _ in ex.steps)])
        ex.say = lines[: len(ex.say)]
        ex.steps = [
            (say, hold) for say, (_, hold) in zip(lines[len(ex.say) :], ex.steps, strict=True)
        ]
    return ex


def _read_from(block: Block) -> dict[str, str]:
    """The sentence each value of a block was read from, and its heading or first line."""
    read = {"exercise": block.name or (block.lines[0] if block.lines else "")}
    # The first sentences that give a value: those a draft's values come from.
    for sentence in [*sentences(block.text)[:MAX_READ], *sentences(block.shared)]:
        found = find_numbers(sentence)
        for what, value in (
            ("hold", found.hold),
            ("reps", found.reps or found.repeats),
            ("sets", found.sets or found.repeats),
            ("sides", found.sides != "none"),
        ):
            if value:
                read.setdefault(what, sentence)
    return read


def _with_shared(found: Found, shared: str) -> Found:
    """What a block gives, and where it gives nothing, the dose stated once for all."""
    if not shared:
        return found
    own = {k: v for k, v in vars(found).items() if v and v != "none"}
    if found.hold:  # a hold and how it was given go together
        own["hold_guess"] = found.hold_guess
    return replace(find_numbers(shared), **own)


def draft_exercise(block: Block, taken: Names, usual: str | None = None) -> DraftExercise:
    """One exercise of a block; `usual` is the position the article names for all of them,
    the guess where the block names none."""
    text = block.text
    found = _with_shared(find_numbers(text), block.shared)
    # The name last: "Seated side bend" tells where the text does not.
    position, position_guessed = body_position(
        f"{text} {block.name or ''}", block.group, block.context
    )
    if position_guessed and usual:
        position = usual
    ex = DraftExercise(make_name(block, taken), position, [], sides=found.sides)
    ex.read_from = _read_from(block)
    if position_guessed:
        ex.guessed["position"] = "the article does not say"
    lex = current()
    # A hold through positions: "first ... then ... then".
    steps = None if (found.reps or found.repeats) else _positions(text)
    # Positions that only state numbers are not said; checked before choosing this shape,
    # as a hold of positions none of which can be said is no hold of positions.
    step_lines = [line for line in steps[1] if not strip_numbers(line)] if steps else []
    if steps and len(steps[1]) >= 2 and step_lines:
        setup = steps[0]
        hold = found.hold or (GUESS_STEP_HOLD, GUESS_STEP_HOLD)
        if not found.hold or found.hold_guess:
            ex.guessed["positions"] = "the article gives no time for each position"
        ex.steps = [(line, hold) for line in step_lines]
        ex.say = spoken_lines(setup) or [sentence_case(setup) if setup.strip() else ex.steps[0][0]]
        return _fill_sides(ex)
    ex.say = spoken_lines(text, sides=found.sides != "none")
    read = rewrite(text)  # in the grammar's words: "Halten.", "Mantén." -> "hold."
    held = re.search(r"\bhold\b", read, re.IGNORECASE)
    # "Hold.", "Hold, then tilt to the left": a hold said on its own, how long unsaid.
    held_alone = re.search(
        r"(?:^|[.;!]\s+)hold(?: (?:it|this|the \w+))?\s*(?:[,.;!]|$)", read, re.I
    )
    if found.hold:
        ex.hold = found.hold
        if found.hold_guess:
            field = "breaths" if found.hold_guess == "breaths" else "hold"
            ex.guessed[field] = HOLD_GUESS[found.hold_guess]
        if found.reps and found.hold[0] >= 10 and not found.sets:
            ex.sets = found.reps  # "Mantener: 30 segundos. Repeticiones: 3": a stretch, thrice
        elif found.reps:
            ex.reps = found.reps
        elif found.repeats:
            # A repeated long hold is a set, a short one a rep; with sets given, a rep.
            if found.hold[0] >= 10 and not found.sets:
                ex.sets = found.repeats
            else:
                ex.reps = found.repeats
        elif found.hold[0] < 10 and lex.repeat_after_hold.search(text):
            ex.reps = (GUESS_HELD_REPS, GUESS_HELD_REPS)
            ex.guessed["reps"] = "the article says to repeat, not how often"
    elif found.repeats and not found.reps and held_alone and not lex.movement.search(text):
        # "Hold, then tilt to the left. Repeat twice more.": a stretch held, how long unsaid.
        ex.hold, ex.sets = (GUESS_HOLD, GUESS_HOLD), found.repeats
        ex.guessed["hold"] = "the article gives no time"
    elif found.reps or found.repeats:
        ex.reps = found.reps or found.repeats
        ex.tempo = GUESS_TEMPO
        ex.guessed["tempo"] = NO_PACE
    elif lex.movement.search(text) and not held:
        ex.reps, ex.tempo = (GUESS_REPS, GUESS_REPS), GUESS_TEMPO
        ex.guessed.update(reps="the article gives no count", tempo=NO_PACE)
    else:
        ex.hold = (GUESS_HOLD, GUESS_HOLD)
        ex.guessed["hold"] = "the article gives no time"
    if found.sets:
        ex.sets = found.sets
    if not ex.say:
        ex.say = [lex.get_into_position.format(name=ex.name, lower=ex.name.lower())]
    return _fill_sides(ex)


def drafts(parsed: Parsed) -> list[Draft]:
    """One draft per posture group (or one for the whole article)."""
    intro = _intro(parsed.safety)
    groups: dict[str | None, list[Block]] = {}
    for block in parsed.blocks:
        groups.setdefault(block.group, []).append(block)
    # "You never have to leave your chair": the position to guess where an exercise names none.
    named, unnamed = body_position(" ".join([parsed.title, *parsed.preamble, *parsed.safety]), None)
    usual = None if unnamed else named
    out = []
    for group, blocks in groups.items():
        taken = Names()
        whole = sentence_case(parsed.title).rstrip(".") if parsed.title.isupper() else parsed.title
        title = whole if len(groups) == 1 or group is None else f"{whole}, {group}"
        slug = slugify(group) if len(groups) > 1 and group else slugify(parsed.title)
        exercises = [draft_exercise(b, taken, usual) for b in blocks]
        needed = equipment_in([line for b in blocks for line in b.lines])
        out.append(Draft(title, slug, intro, exercises, needed))
    return out


# Advice the listener must hear: when to stop or skip, what not to do, whom to ask first.
SAFETY_SENTENCE = re.compile(
    r"\b(?:stop|skip|consult|do not|don't|never|(?:see|speak to|talk to|check with) (?:a|your) (?:doctor|physio|physiotherapist|gp))\b",
    re.IGNORECASE,
)
MAX_SAFETY = 3  # sentences in the intro: more would not be remembered on the floor


def _intro(safety: list[str]) -> str | None:
    """The article's own safety advice, short: when to stop or skip, what not to do, whom to ask."""
    chosen = []
    for paragraph in safety:
        for sentence in sentences(paragraph):
            if current().safety_sentence.search(sentence) and not strip_numbers(sentence):
                sentence = current().safety_line.sub("", sentence)  # "Attention : ..."
                chosen.append(sentence_case(re.sub(r"^\d+[.)]\s*", "", sentence)))
    return " ".join(chosen[:MAX_SAFETY]) or None
