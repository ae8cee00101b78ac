"""Script + clip lengths -> Timeline: every sound and window at an absolute sample.

Pure arithmetic on plain data (no audio imports), so `voiceguide plan` stays quick and
tests can check timing rules without decoding anything.
"""

from __future__ import annotations

from collections.abc import Callable

from ..script import PAUSE_AFTER_SPEECH, Cue, Cued, Say, Tone, Window
from ..timeline import Event, EventKind, Timeline

PAUSE_AFTER_TONE = 0.3  # after a sequential tone (end of a hold), before the next words
FIT_MARGIN = 0.1  # an overlaid cue must end this long before the next sound in its window


def layout(script: Cued, length_of: Callable[[Say | Tone], int], *, rate: int) -> Timeline:
    """Place every cue at a frame of a track of `rate` frames a second; `length_of` gives
    a sound's length in frames at that rate."""

    def samples(seconds: float) -> int:
        return round(seconds * rate)

    events: list[Event] = []
    warnings: list[str] = []
    shortened: dict[str, list[tuple[str, str]]] = {}  # window's exercise -> (said, instead of)
    position = 0
    for cue in script.cues:
        item = cue.item
        if isinstance(item, Say):
            length = length_of(item)
            events.append(
                Event(position, length, "speech", item.text, cue.exercise, round=cue.round)
            )
            position += length + samples(PAUSE_AFTER_SPEECH)
        elif isinstance(item, Tone):
            length = length_of(item)
            events.append(Event(position, length, "tone", item.name, cue.exercise, round=cue.round))
            position += length + samples(PAUSE_AFTER_TONE)
        else:
            placed, length = _window(item, position, length_of, cue, warnings, samples, shortened)
            events.append(
                Event(
                    position, length, item.kind, item.label, cue.exercise, item.overridden,
                    cue.round,
                )
            )  # fmt: skip
            events.extend(placed)
            position += length
    events.sort(key=lambda e: (e.start, e.is_sound))  # a window before the sounds laid on it
    for where, said in shortened.items():  # one line an exercise, not one a rep
        short, whole = said[0]
        more = f" (and {len(said) - 1} more like it)" if len(said) > 1 else ""
        warnings.append(f"{where}: said '{short}' for '{whole}'{more}, the whole cue does not fit")
    end = max([position, *(e.end for e in events)])
    return Timeline(
        script.title, script.slug, rate, end, tuple(events), tuple(warnings),
        script.language,
    )  # fmt: skip


def _window(
    window: Window,
    start: int,
    length_of: Callable[[Say | Tone], int],
    cue: Cue,
    warnings: list[str],
    samples: Callable[[float], int],
    shortened: dict[str, list[tuple[str, str]]],
) -> tuple[list[Event], int]:
    """Overlay a window's sounds; a cue that would not fit is said shorter where it offers a
    shorter line that fits, else dropped, never the window stretched.

    Only a rest stretches, and only so its required announcement is heard whole.
    """
    length = samples(window.seconds)
    overlays = sorted(window.overlays, key=lambda o: o.at)
    placed: list[Event] = []
    for index, overlay in enumerate(overlays):
        at = start + samples(overlay.at)
        size = length_of(overlay.sound)
        kind: EventKind = "speech" if isinstance(overlay.sound, Say) else "tone"
        text = overlay.sound.text if isinstance(overlay.sound, Say) else overlay.sound.name
        if overlay.optional:
            later = [start + samples(o.at) for o in overlays[index + 1 :]] + [start + length]
            room = min(later) - samples(FIT_MARGIN) - at
            earlier_end = max((e.end for e in placed), default=start)
            if size > room and at >= earlier_end:
                fits = next((s for s in overlay.shorter if length_of(s) <= room), None)
                if fits is not None:
                    shortened.setdefault(cue.exercise or window.label, []).append((fits.text, text))
                    text, size = fits.text, length_of(fits)
            if size > room or at < earlier_end:
                warnings.append(f"{window.label}: dropped the cue '{text}', it does not fit")
                continue
        elif kind == "speech":
            length = max(length, at - start + size + samples(PAUSE_AFTER_SPEECH))
        placed.append(Event(at, size, kind, text, cue.exercise, round=cue.round))
    return placed, length
