"""English: the extractor's own words, kept beside the rules that use them (numbers.py,
blocks.py, sentences.py, draft.py) and gathered here into the table every language has."""

from __future__ import annotations

import re

from .. import blocks, draft, sentences, split
from . import Lexicon, spelled

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
    safety=blocks.SAFETY,
    safety_advice=blocks.SAFETY_ADVICE,
    safety_heading=blocks.SAFETY_HEADING,
    safety_sentence=draft.SAFETY_SENTENCE,
    posture_group=blocks.POSTURE_GROUP,
    group_filler=frozenset(blocks.GROUP_FILLER),
    section_words=blocks.SECTION_WORDS,
    labels=frozenset(blocks.LABELS),
    how=blocks.HOW,
    moves_on=split.NEXT,
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
    each_one=re.compile(
        r"\b(?:each|every) (?:exercise|stretch|move|movement)\b|\beach of (?:these|them|the exercises)\b",
        re.IGNORECASE,
    ),
    the_exercises=re.compile(r"\b(?:the|these|all|all the|your) exercises\b", re.IGNORECASE),
)
