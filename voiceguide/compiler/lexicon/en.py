"""English: the extractor's own words, some kept beside the rules that use them (numbers.py,
sentences.py, draft.py, words.py) and gathered here into the table every language has."""

from __future__ import annotations

import re

from .. import draft, sentences
from ..words import LABELS
from . import Lexicon, spelled, words

SAFETY = re.compile(
    r"\b(?:stop|skip|pain|hurts?|consult|doctor|medical|healthcare|professional|disclaimer"
    r"|physio(?:therapist)?|symptoms?|numb(?:ness)?|tingl\w*|dizz\w*)\b",
    re.IGNORECASE,
)

LEXICON = Lexicon(
    code="en",
    rewrites=(spelled("en"),),  # the number grammar is written in English, in digits
    is_instruction=sentences.english_instruction,
    leading=sentences.LEADING,
    release=sentences.RELEASE,
    switch=sentences.SWITCH,
    clauses=sentences.CLAUSES,
    schedule=sentences.SCHEDULE,
    side_word=sentences.SIDE_WORD,
    side_of=lambda word: word,  # "left" or "right" as written: matched in lower case only
    safety=SAFETY,
    # What makes a line of safety words advice to keep: when to stop, whom to ask.
    safety_advice=re.compile(
        r"\b(?:stop|skip|consult|see (?:a|your)|do not|don't|never|speak to|talk to|check with)\b",
        re.IGNORECASE,
    ),
    safety_heading=re.compile(r"\b(?:disclaimer|warning|caution|safety)\b", re.IGNORECASE),
    safety_sentence=draft.SAFETY_SENTENCE,
    posture_group=re.compile(
        r"\b(lying(?: down)?|sitting|seated|standing|kneeling|on the floor|at (?:a|your) desk)\b",
        re.IGNORECASE,
    ),
    group_filler=words(
        "exercises stretches moves routine version group options set do these the down"
    ),
    section_words=re.compile(
        r"\b(?:exercises|stretches|tips|routine|workout|program|avoid|causes?|why|what|how do)\b|\?$",
        re.IGNORECASE,
    ),
    labels=LABELS,
    how=re.compile(r"^(?:how|instructions|how to do it|steps?|do this)\s*:\s*(.+)$", re.IGNORECASE),
    # A sentence that moves to the next exercise of a story: "Then I lie on a foam roller...".
    moves_on=re.compile(
        r"^(?:(?:and\s+)?then|next|now|another|after that|afterwards|finally|lastly"
        r"|(?:the\s+)?(?:last|next|final) one|the (?:next|last|final|first|second|third))\b",
        re.IGNORECASE,
    ),
    body=tuple(draft.BODY),
    group_position=draft.GROUP_POSITION,
    movement=draft.MOVEMENT,
    repeat_after_hold=draft.REPEAT_AFTER_HOLD,
    equipment=draft.EQUIPMENT,
    get_into_position="Get into position for the {lower}.",
    get_ready="Get into position.",
    articles=frozenset({"your", "the", "a", "an"}),
    timed=sentences.TIMED,
    holding=frozenset(sentences.HOLDING),
    to_listener=sentences.english_to_listener,
    parts=re.compile(r"routine|workout|session|circuit|part|day|level|block|phase", re.I),
    each_one=re.compile(
        r"\b(?:each|every) (?:exercise|stretch|move|movement|pose)\b"
        r"|\b(?:each|all) of (?:these|them|the exercises)\b|\b(?:do|hold|repeat) them all\b",
        re.IGNORECASE,
    ),
    same_move=re.compile(
        r"^(?:forwards?|backwards?|the other way|in the (?:other|opposite) direction|reverse"
        r"|(?:a |take a )?(?:short |brief )?(?:rest|break|pause))\b",
        re.IGNORECASE,
    ),
    this_one=re.compile(
        r"^(?:this|that|each) (?:exercise|stretch|move|movement|one)\b", re.IGNORECASE
    ),
    the_exercises=re.compile(r"\b(?:the|these|all|all the|your) exercises\b", re.IGNORECASE),
)
