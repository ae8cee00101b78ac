"""Blocks -> draft routines: numbers decided, names and spoken lines made, guesses marked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..routine import slugify
from .blocks import Block, Parsed, split_double
from .numbers import find_numbers, strip_numbers

# Defaults where an article gives no number; every use is marked "guessed" in the YAML.
GUESS_HOLD = 20
GUESS_STEP_HOLD = 10
GUESS_REPS = 10
GUESS_HELD_REPS = 5
GUESS_TEMPO = 3
# An exercise name is a few words; a Markdown heading can be any length.
MAX_NAME_WORDS = 8
MAX_NAME_CHARS = 80

VERBS = set(
    [
        "arch",
        "bend",
        "begin",
        "blow",
        "bring",
        "circle",
        "clasp",
        "come",
        "cross",
        "curl",
        "dip",
        "do",
        "draw",
        "drive",
        "drop",
        "extend",
        "flex",
        "gently",
        "get",
        "grab",
        "grip",
        "hinge",
        "hold",
        "hug",
        "interlace",
        "keep",
        "kneel",
        "lace",
        "lean",
        "let",
        "lie",
        "lift",
        "look",
        "lower",
        "make",
        "move",
        "place",
        "point",
        "press",
        "pull",
        "punch",
        "push",
        "put",
        "raise",
        "reach",
        "relax",
        "release",
        "repeat",
        "rest",
        "return",
        "roll",
        "rotate",
        "scoot",
        "shift",
        "shrug",
        "sink",
        "sit",
        "slide",
        "squeeze",
        "stand",
        "start",
        "stay",
        "step",
        "straighten",
        "stretch",
        "swing",
        "tilt",
        "tighten",
        "try",
        "tuck",
        "turn",
        "twist",
        "walk",
        "wrap",
    ]
)
SETUP_VERBS = {
    "begin",
    "start",
    "get",
    "lie",
    "sit",
    "stand",
    "come",
    "kneel",
    "roll",
    "place",
    "put",
}
LEADING = re.compile(
    r"^(?:now|next|then|first|finally|gently|slowly|carefully|also|and)[,\s]+", re.IGNORECASE
)
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
    ("sitting", r"\bsit|\bseated|chair"),
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
    guessed: set[str] = field(default_factory=set)


@dataclass
class Draft:
    title: str
    slug: str
    intro: str | None
    exercises: list[DraftExercise]
    equipment: list[str] = field(default_factory=list)


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
    return [name for pattern, name in EQUIPMENT if pattern.search(text)]


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z\"'(*])", text.strip())
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
    first = _first_word(sentence)
    if first in VERBS:
        return True
    # "Sitting in a chair, put your hands behind your head": the verb after the scene.
    after = re.match(r"^[^,]{3,60},\s*([A-Za-z]+)", sentence)
    if after and after.group(1).lower() in VERBS and not after.group(1)[0].isupper():
        return True
    return bool(
        re.match(
            r"^(?:try|keep|make sure|don't|do not|be sure|if (?:that|this|it)[^,]*,\s*you can)",
            LEADING.sub("", sentence),
            re.IGNORECASE,
        )
    )


def spoken_lines(text: str) -> list[str]:
    """The instructions as short spoken sentences, without the numbers (the planner says those)."""
    lines = []
    for sentence in sentences(text):
        clauses = re.split(r";\s*|,\s*(?=then\b)|,\s*(?=and then\b)", sentence, flags=re.IGNORECASE)
        kept = [c for c in clauses if not strip_numbers(c)]
        if not kept:
            continue
        sentence = ", ".join(c.strip(" ,") for c in kept)
        sentence = sentence_case(_YOU_WILL.sub("", LEADING.sub("", sentence)))
        if is_instruction(sentence) and len(sentence) <= 300:
            lines.append(sentence)
    return lines


def body_position(text: str, group: str | None, context: str = "") -> tuple[str, bool]:
    """(position, guessed): the first body position the text names, else its context's, else the group's."""
    hits = []
    for position, pattern in BODY:
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
    if group and group in GROUP_POSITION:
        return GROUP_POSITION[group], False
    return "standing", True


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
    short = " ".join(words[:MAX_NAME_WORDS])
    return short[:MAX_NAME_CHARS].rstrip(" ,;:-") or "Exercise"


def make_name(block: Block, taken: Names) -> str:
    text = block.text
    name = block.name
    if not name:
        quoted = re.search(r"\"([A-Za-z][A-Za-z' -]{2,30}?)[.,!]?\"", text)
        aimed = re.search(
            r"\b(?:stretch|exercise) is (?:for|going to be in) (?:your |the )?([a-z]+(?: [a-z]+)?)",
            text,
            re.IGNORECASE,
        )
        muscle = re.search(r"\bstretch (?:your|the) ([a-z]+) muscles\b", text, re.IGNORECASE)
        if quoted:
            name = quoted.group(1)
        elif muscle:
            name = f"{muscle.group(1)} stretch"
        elif aimed:
            name = f"{re.sub(r' (?:area|where|that)$', '', aimed.group(1))} stretch"
        else:
            name = _action_name(text)
    return taken.unique(_short_name(sentence_case(name).rstrip(".")))


def _action_name(text: str) -> str:
    """A short name from the main action: the NOW/FIRST sentence, else the first real action."""
    options = sentences(text)
    if options and len(options[0].split()) <= 4 and _first_word(options[0]) not in VERBS:
        return options[0].rstrip(".")  # a name-like first line: "Pigeon-toe feet."
    marked = [
        s
        for s in options
        if re.match(r"^(?:now|first)\b", s, re.IGNORECASE) and _first_word(s) in VERBS
    ]
    actions = [
        s
        for s in options
        if _first_word(s) in VERBS - SETUP_VERBS
        and not re.match(r"^hold (?:position|it|this)\b", s, re.IGNORECASE)
    ]
    action = (marked or actions or options)[0]
    action = re.sub(
        r"^(?:(?:while|with) [^,]+,\s*)", "", LEADING.sub("", action), flags=re.IGNORECASE
    )
    words = [
        w
        for w in re.findall(r"[A-Za-z'&-]+", action)
        if w.lower() not in ("your", "the", "a", "an")
    ][:4]
    while words and words[-1].lower() in (
        "and",
        "or",
        "with",
        "to",
        "on",
        "in",
        "of",
        "into",
        "at",
        "&",
        "for",
    ):
        words.pop()
    return " ".join(words)


def _positions(text: str) -> tuple[str, list[str]] | None:
    """A hold through several positions: 'FIRST ... THEN ... THEN ...' or 'NOW ... THEN ... THEN'."""
    parts = re.split(r"(?:[.,]\s*|\s+)\bthen\b\s*", text, flags=re.IGNORECASE)
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


def draft_exercise(block: Block, taken: Names) -> DraftExercise:
    text = block.text
    found = find_numbers(text)
    position, position_guessed = body_position(text, block.group, block.context)
    ex = DraftExercise(make_name(block, taken), position, [], sides=found.sides)
    if position_guessed:
        ex.guessed.add("position")
    steps = None if (found.reps or found.repeats) else _positions(text)
    # Positions that only state numbers are not said; checked before choosing this shape,
    # as a hold of positions none of which can be said is no hold of positions.
    step_lines = [line for line in steps[1] if not strip_numbers(line)] if steps else []
    if steps and len(steps[1]) >= 2 and step_lines:
        setup = steps[0]
        hold = found.hold or (GUESS_STEP_HOLD, GUESS_STEP_HOLD)
        if not found.hold:
            ex.guessed.add("positions")
        ex.steps = [(line, hold) for line in step_lines]
        ex.say = spoken_lines(setup) or [sentence_case(setup) if setup.strip() else ex.steps[0][0]]
        return ex
    ex.say = spoken_lines(text)
    if found.hold:
        ex.hold = found.hold
        if found.reps:
            ex.reps = found.reps
        elif found.repeats:
            if found.hold[0] >= 10:  # a repeated long hold is a set; a short one a rep
                ex.sets = found.repeats
            else:
                ex.reps = found.repeats
        elif found.hold[0] < 10 and REPEAT_AFTER_HOLD.search(text):
            ex.reps = (GUESS_HELD_REPS, GUESS_HELD_REPS)
            ex.guessed.add("reps")
    elif found.reps or found.repeats:
        ex.reps = found.reps or found.repeats
        ex.tempo = GUESS_TEMPO
        ex.guessed.add("tempo")
    elif MOVEMENT.search(text) and not re.search(r"\bhold\b", text, re.IGNORECASE):
        ex.reps, ex.tempo = (GUESS_REPS, GUESS_REPS), GUESS_TEMPO
        ex.guessed |= {"reps", "tempo"}
    else:
        ex.hold = (GUESS_HOLD, GUESS_HOLD)
        ex.guessed.add("hold")
    if found.sets:
        ex.sets = found.sets
    if not ex.say:
        ex.say = [f"Get into position for the {ex.name.lower()}."]
    return ex


def drafts(parsed: Parsed) -> list[Draft]:
    """One draft per posture group (or one for the whole article)."""
    intro = _intro(parsed.safety)
    groups: dict[str | None, list[Block]] = {}
    for block in parsed.blocks:
        groups.setdefault(block.group, []).extend(split_double(block))
    out = []
    for group, blocks in groups.items():
        taken = Names()
        title = parsed.title if len(groups) == 1 or group is None else f"{parsed.title}, {group}"
        slug = slugify(group) if len(groups) > 1 and group else slugify(parsed.title)
        exercises = [draft_exercise(b, taken) for b in blocks]
        needed = equipment_in([line for b in blocks for line in b.lines])
        out.append(Draft(title, slug, intro, exercises, needed))
    return out


def _intro(safety: list[str]) -> str | None:
    """The article's own safety advice, short: the sentences that say when to stop or skip."""
    chosen = []
    for paragraph in safety:
        for sentence in sentences(paragraph):
            if re.search(r"\b(?:stop|skip)\b", sentence, re.IGNORECASE) and not strip_numbers(
                sentence
            ):
                chosen.append(sentence_case(re.sub(r"^\d+[.)]\s*", "", sentence)))
    return " ".join(chosen[:2]) or None
