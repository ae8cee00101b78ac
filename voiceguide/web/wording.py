"""The page's words: lengths as people say them ("about 10 min", "45 s"), and messages
worded for someone at a form, not at a terminal: no command-line flag or command name.

The library's messages name where a value was set; on the page the message stands beside
its field, so the place is left out. Each rewrite below is one kind of wording the library
uses for the command line; a test renders every page and error answer and looks for any
flag or command name left.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

# A place at the start of a message, as the command line names it: "--set wall-lean.hold=abc: ",
# "--rest 20: ", "--language: ", "--week '9': ". Its value runs to the last ": " before the
# library's own words (a value may itself hold a colon).
_FLAG_PLACE = re.compile(r"^--[a-z][a-z-]*(?:[ =][^\n]*?)?:\s+(?=\S)")
# (what the command line says, what the page says instead), applied in order.
_REWORDED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r";? ?see `?voiceguide voices`?", "; pick one from the voice list"),
        (
            r"`?voiceguide validate ([^`;,]+?)`? shows them",
            r"check \1 on the Your own article page",
        ),
        (r"as `?--profile`? says", "as the profile file says"),
        (r"\(?`?--voice natural`?\)?", "the natural voice"),
        (r"\bwith `?--([a-z-]+)`?", r"with the \1 setting"),
        (r"`?--voice-command`?", "a speech program"),
        (r"`?voiceguide serve`?(?: --lan)? printed", "the server printed"),
        (r"another `?voiceguide serve`?", "another voiceguide page"),
        (r"is `?voiceguide serve`? still running", "is the server still running"),
        (r"`?--([a-z][a-z-]+)`?", r"\1"),
    )
)


def for_page(message: str) -> str:
    """`message` without the command line's place at its start, and with any flag or
    command it names said in the page's words."""
    text = _FLAG_PLACE.sub("", message, count=1)
    for pattern, words in _REWORDED:
        text = pattern.sub(words, text)
    return text


def page_answer(data: Mapping[str, Any]) -> dict[str, Any]:
    """An API answer with every message in it (message, errors, problems, notes,
    warnings) worded for the page."""
    worded: dict[str, Any] = dict(data)
    for key in ("message", "summary"):
        if isinstance(worded.get(key), str):
            worded[key] = for_page(worded[key])
    for key in ("errors", "notes"):
        if isinstance(worded.get(key), Mapping):
            worded[key] = {name: for_page(str(text)) for name, text in worded[key].items()}
    for key in ("problems", "warnings", "notes"):
        if isinstance(worded.get(key), list):
            worded[key] = [for_page(str(text)) for text in worded[key]]
    return worded


def length(seconds: float, *, about: bool = False) -> str:
    """A length to the second as people say it: "45 s", "3 min", "10 min 4 s", "1 h 2 min";
    with `about`, "about " before it (an estimate)."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        text = f"{hours} h {minutes} min" if minutes else f"{hours} h"
    elif minutes:
        text = f"{minutes} min {secs} s" if secs else f"{minutes} min"
    else:
        text = f"{secs} s"
    return f"about {text}" if about else text


def rough_length(seconds: float) -> str:
    """A track's length for a list: "about 10 min" (to the minute), "45 s" under a minute."""
    if seconds < 60:
        return f"{max(1, math.ceil(seconds))} s"
    minutes = round(seconds / 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"about {hours} h {minutes} min" if minutes else f"about {hours} h"
    return f"about {minutes} min"


def at(seconds: float) -> str:
    """A place in a track, as a player shows it: "2:34", "1:02:05" (whole seconds)."""
    whole = max(0, math.floor(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def instruction(
    say: tuple[str, ...], positions: tuple[str, ...] = (), *, left: str = "left"
) -> str:
    """An exercise's instruction as the page shows it beside its values: its lines, then
    each position's, with a routine's {side} read as the first side (`left`, in the
    routine's language)."""
    lines = [*say, *positions]
    return " ".join(line.strip() for line in lines if line.strip()).replace("{side}", left)
