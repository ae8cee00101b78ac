"""Whether a rep's call, its count with the side it is on ("3, right arm and left leg"),
can be said within the rep: `validate` warns about a side's name too long ever to be said
with its count at the routine's tempo (the build then says the count alone).

Lengths are estimated from the language's voice's measured pace at the default rate, as
`plan` estimates a phrase not spoken yet; the build measures the real ones.
"""

from __future__ import annotations

from ..errors import LocatedError
from ..routine.model import Routine
from ..script import Say, Window
from ..settings.options import Options
from ..speech.checks import pace_for
from ..speech.engine import DEFAULT_RATE, default_voice
from .layout import FIT_MARGIN
from .planner import plan


def label_warnings(routine: Routine, rate: int = DEFAULT_RATE) -> list[str]:
    """One line for each exercise whose rep calls with their side never fit in a rep, as
    planned with the routine's own values, at `rate` words a minute."""
    try:
        script = plan(routine, Options(), speaking_rate=rate)
    except LocatedError:
        return []  # too long to plan: the build says so
    pace = pace_for(default_voice(routine.language))
    # exercise -> (whether a whole call fits in some rep, a call, its length, the most room)
    calls: dict[str, tuple[bool, str, float, float]] = {}
    for cue in script.cues:
        window = cue.item
        if not isinstance(window, Window) or cue.exercise is None:
            continue
        ats = sorted(o.at for o in window.overlays)
        for overlay in window.overlays:
            if not (overlay.shorter and isinstance(overlay.sound, Say)):
                continue
            after = min((at for at in ats if at > overlay.at), default=window.seconds)
            room = after - overlay.at - FIT_MARGIN
            seconds = pace.clip_seconds(overlay.sound.text, rate)
            fits, text, longest, most = calls.get(cue.exercise, (False, "", 0.0, 0.0))
            if seconds > longest:
                text, longest = overlay.sound.text, seconds
            calls[cue.exercise] = (fits or seconds <= room, text, longest, max(most, room))
    warnings = []
    for exercise in routine.exercises:
        if exercise.name not in calls or calls[exercise.name][0]:
            continue
        _, text, seconds, room = calls[exercise.name]
        warnings.append(
            f"{routine.path}:{exercise.line}: exercise '{exercise.name}': a rep's count with "
            f"its side ('{text}') takes about {seconds:.1f} s to say at {rate} words a minute, "
            f"and a rep leaves {room:.1f} s for it, so the count is said alone; "
            "shorten the alternate names, or give the reps a slower tempo or a longer hold"
        )
    return warnings
