"""Article sentences -> the short spoken lines of a draft: instructions only, no numbers."""

from __future__ import annotations

import re

from .numbers import strip_numbers

# Verbs an instruction starts with ("Link your fingers", "Sweep the top arm over").
VERBS = set(
    [
        "allow",
        "arch",
        "bend",
        "begin",
        "blow",
        "bounce",
        "brace",
        "breathe",
        "bring",
        "broaden",
        "circle",
        "clasp",
        "clench",
        "come",
        "contract",
        "cradle",
        "cross",
        "curl",
        "dig",
        "dip",
        "do",
        "draw",
        "drive",
        "drop",
        "engage",
        "exhale",
        "extend",
        "face",
        "flatten",
        "flex",
        "float",
        "fold",
        "gently",
        "get",
        "glide",
        "grab",
        "grasp",
        "grip",
        "guide",
        "hang",
        "hinge",
        "hold",
        "hook",
        "hug",
        "inhale",
        "interlace",
        "interlock",
        "keep",
        "kneel",
        "lace",
        "lead",
        "lean",
        "let",
        "lie",
        "lift",
        "link",
        "look",
        "loop",
        "lower",
        "make",
        "march",
        "move",
        "nod",
        "nudge",
        "open",
        "pinch",
        "pivot",
        "place",
        "plant",
        "point",
        "position",
        "press",
        "prop",
        "pull",
        "pulse",
        "pump",
        "punch",
        "push",
        "put",
        "raise",
        "reach",
        "relax",
        "release",
        "remain",
        "repeat",
        "rest",
        "return",
        "rise",
        "rock",
        "roll",
        "rotate",
        "round",
        "scoot",
        "settle",
        "set",
        "shift",
        "shrug",
        "sink",
        "sit",
        "slide",
        "slip",
        "soften",
        "spread",
        "squeeze",
        "stack",
        "stand",
        "start",
        "stay",
        "step",
        "straighten",
        "stretch",
        "swap",
        "sweep",
        "swing",
        "switch",
        "take",
        "tap",
        "tense",
        "thread",
        "tilt",
        "tip",
        "tighten",
        "tip",
        "touch",
        "tuck",
        "turn",
        "twist",
        "unwind",
        "walk",
        "widen",
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
