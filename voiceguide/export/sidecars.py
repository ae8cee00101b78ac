"""Files beside each track: WebVTT captions, a JSON timeline; and the run's M3U8 playlist."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..files import Outputs, write_text
from ..layout import Timeline
from .chapters import Chapter, timestamp
from .settings import TrackSettings


def webvtt(timeline: Timeline) -> str:
    """Every spoken line as a caption at the time it is heard."""
    rate = timeline.sample_rate
    lines = ["WEBVTT", ""]
    for index, event in enumerate(e for e in timeline.events if e.kind == "speech"):
        text = event.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines += [
            str(index + 1),
            f"{timestamp(event.start, rate)} --> {timestamp(event.end, rate)}",
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
            {"title": c.title, "start": round(c.start / rate, 3), "end": round(c.end / rate, 3)}
            for c in chapters
        ],
        "events": [
            {
                "start": round(e.start / rate, 3),
                "end": round(e.end / rate, 3),
                "kind": e.kind,
                "text": e.text,
                "exercise": e.exercise,
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
) -> list[Path]:
    """`<name>.vtt` and `<name>.json` beside the audio file, added to `outputs` so that
    they replace the old ones together with the audio."""
    vtt, data = audio_path.with_suffix(".vtt"), audio_path.with_suffix(".json")
    outputs.text(vtt, webvtt(timeline))
    outputs.text(data, timeline_json(timeline, chapters, settings))
    return [vtt, data]


@dataclass(frozen=True)
class PlaylistEntry:
    path: Path
    title: str
    seconds: float


def write_playlist(path: Path, entries: list[PlaylistEntry]) -> None:
    """An extended M3U8 playlist with titles and durations, paths relative to it."""
    lines = ["#EXTM3U"]
    for entry in entries:
        target = entry.path.resolve()
        try:
            shown = target.relative_to(path.parent.resolve()).as_posix()
        except ValueError:
            shown = target.as_posix()
        lines += [f"#EXTINF:{round(entry.seconds)},{entry.title}", shown]
    write_text(path, "\n".join(lines) + "\n")
