"""Files beside each track: WebVTT captions, a JSON timeline, a printable sheet."""

from __future__ import annotations

import json
from pathlib import Path

from ..clock_text import timestamp
from ..files import Outputs
from ..language import phrase_book
from ..timeline import Event, Timeline
from .chapters import Chapter
from .settings import TrackSettings
from .sheet import Sheet
from .sheet_html import sheet_html

# The non-speech sounds, as captions name them (a transcript marks every sound that
# matters), in the phrase book's words: tone name -> its label there.
TONE_CAPTIONS = {"start": "tone_start", "end": "tone_end", "complete": "tone_complete"}
PIP_GAP = 1.5  # seconds: pips closer than this belong to one countdown (they sound a second apart)
MIN_TONE_CAPTION = 1.0  # seconds a tone's caption stays up, so a short beep can still be read


def captions(timeline: Timeline) -> list[tuple[int, int, str]]:
    """(start, end, text) of every caption in time order: each spoken line while it is
    heard, each tone, and each countdown of pips as one caption from its first to its last."""
    rate = timeline.sample_rate
    book = phrase_book(timeline.language)
    cues: list[tuple[int, int, str]] = []
    run: list[Event] = []

    def close_run() -> None:
        if run:
            pips = len(run)
            text = book.label(f"pips_{pips}") if pips <= 3 else book.label("pips_more", count=pips)
            cues.append(_tone_cue(run[0].start, run[-1].end, text, rate))
            run.clear()

    for event in timeline.sounds():
        if event.kind == "speech":
            cues.append((event.start, event.end, event.text))
        elif event.text == "pip":
            if run and event.start - run[-1].start > PIP_GAP * rate:
                close_run()
            run.append(event)
        elif event.text in TONE_CAPTIONS:
            close_run()  # a countdown never runs past another tone
            text = book.label(TONE_CAPTIONS[event.text])
            cues.append(_tone_cue(event.start, event.end, text, rate))
    close_run()
    return sorted(cues, key=lambda cue: cue[0])  # stable: a cue's order among equals is kept


def _tone_cue(start: int, end: int, text: str, rate: int) -> tuple[int, int, str]:
    return start, max(end, start + round(MIN_TONE_CAPTION * rate)), text


def webvtt(timeline: Timeline) -> str:
    """WebVTT captions: every spoken line at the time it is heard, and every cue sound."""
    rate = timeline.sample_rate
    lines = ["WEBVTT", ""]
    for index, (start, end, text) in enumerate(captions(timeline)):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [
            str(index + 1),
            f"{timestamp(start, rate)} --> {timestamp(end, rate)}",
            text,
            "",
        ]
    return "\n".join(lines)


def timeline_json(timeline: Timeline, chapters: list[Chapter], settings: TrackSettings) -> str:
    """Every event with start, end, kind, text and exercise, in seconds; and the chapters."""
    rate = timeline.sample_rate
    data = {
        "title": timeline.title,
        "routine": timeline.slug,
        "seconds": round(timeline.seconds, 3),
        "settings": settings.to_dict(),
        "chapters": [
            {
                "title": c.title,
                "start": round(c.start / rate, 3),
                "end": round(c.end / rate, 3),
                **({"round": c.round} if c.round else {}),
            }
            for c in chapters
        ],
        "events": [
            {
                "start": round(e.start / rate, 3),
                "end": round(e.end / rate, 3),
                "kind": e.kind,
                "text": e.text,
                "exercise": e.exercise,
                **({"round": e.round} if e.round else {}),
                **({"overridden": True} if e.overridden else {}),
            }
            for e in timeline.events
        ],
        "warnings": list(timeline.warnings),
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def write_sidecars(
    outputs: Outputs,
    audio_path: Path,
    timeline: Timeline,
    chapters: list[Chapter],
    settings: TrackSettings,
    sheet: Sheet | None,
) -> list[Path]:
    """`<name>.vtt`, `<name>.json` and (given a sheet) `<name>.html` beside the audio
    file, added to `outputs` so that they replace the old ones together with the audio."""
    vtt, data, page = (audio_path.with_suffix(s) for s in (".vtt", ".json", ".html"))
    outputs.text(vtt, webvtt(timeline))
    outputs.text(data, timeline_json(timeline, chapters, settings))
    if sheet is None:
        return [vtt, data]
    outputs.text(page, sheet_html(sheet))
    return [vtt, data, page]
