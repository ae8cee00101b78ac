"""Building with a person's settings: routines into tracks, a programme into its folder,
one week of a programme (the page's). How the tracks sound and where they go come from
the settings; the speech engines and the cache from the arguments."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..routine.model import Routine
from ..settings.session import Settings
from .plans import Warn, _ignore, choose

if TYPE_CHECKING:
    from ..pipeline.batch import BatchProgress
    from ..pipeline.build import BuildResult, OutputSettings
    from ..programme.build import ProgrammeProgress, ProgrammeResult, TrackResult
    from ..programme.model import Programme
    from ..speech.pool import SpeechSettings


def output_settings(settings: Settings, folder: Path) -> OutputSettings:
    """Where the tracks go and how they sound, as `settings` choose (music is checked
    here: a folder or a FIFO fails before any speech is made)."""
    from ..audio.loudness import LoudnessTarget
    from ..audio.music import Music
    from ..pipeline.build import OutputSettings

    chosen = settings.output
    return OutputSettings(
        folder=folder,
        format=chosen.format,  # type: ignore[arg-type]  # checked as it was read
        bitrate=chosen.bitrate,
        loudness=LoudnessTarget(chosen.loudness, chosen.true_peak),
        music=Music(chosen.music, chosen.music_level) if chosen.music else None,
        split=chosen.split,
    )


def speech_settings(
    settings: Settings,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    engines: int | None = None,
) -> SpeechSettings:
    """How builds speak: the voice and timeout `settings` choose, the cache given."""
    from ..speech.pool import SpeechSettings

    return SpeechSettings(
        voice=settings.voice,
        cache_dir=cache_dir,
        use_cache=use_cache,
        engines=engines,
        timeout=settings.speech_timeout,
    )


def build_all(
    routines: Sequence[Routine],
    settings: Settings | None = None,
    *,
    folder: Path,
    jobs: int = 1,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    engines: int | None = None,
    progress: BatchProgress | None = None,
    warn: Warn = _ignore,
) -> list[BuildResult]:
    """Build the routines `settings` choose into `folder`, `jobs` at a time, with the
    folder's playlist; every name, override and plan is checked before any audio is made."""
    from ..pipeline.batch import build_all as build_batch

    settings = settings or Settings()
    chosen, options = choose(routines, settings)
    return build_batch(
        chosen,
        options=options,
        speech=speech_settings(settings, cache_dir=cache_dir, use_cache=use_cache, engines=engines),
        output=output_settings(settings, folder),
        name=settings.output.name,
        suffix=settings.output.suffix,
        jobs=jobs,
        progress=progress,
        warn=warn,
    )


def build_programme(
    programme: Programme,
    settings: Settings | None = None,
    *,
    folder: Path,
    jobs: int = 1,
    cache_dir: Path | None = None,
    engines: int | None = None,
    progress: ProgrammeProgress | None = None,
    warn: Warn = _ignore,
) -> ProgrammeResult:
    """Build every week of `programme` into `folder`: tracks, playlist and summary (and
    with the settings' `feed`, its podcast feed for that URL); a track whose plan and
    settings are unchanged since the last build is kept."""
    from ..export.feed import FeedLinks
    from ..programme.build import build_programme as build_weeks

    settings = settings or Settings()
    feed = settings.output.feed
    return build_weeks(
        programme,
        speech=speech_settings(settings, cache_dir=cache_dir, engines=engines),
        output=output_settings(settings, folder),
        jobs=jobs,
        explain=settings.options.explain,
        progress=progress,
        warn=warn,
        feed=FeedLinks(feed) if feed else None,
    )


def build_week(
    programme: Programme,
    week: int,
    settings: Settings | None = None,
    *,
    folder: Path,
    engines: int | None = None,
    progress: ProgrammeProgress | None = None,
) -> list[TrackResult]:
    """Build one week's track(s) of `programme` into `folder`, named and numbered as the
    whole programme's build makes them, with a playlist of the week."""
    from ..export.playlist import PlaylistEntry, playlist_text
    from ..files import write_text
    from ..programme.build import build_week as build_one_week

    settings = settings or Settings()
    built = build_one_week(
        programme,
        week,
        speech=speech_settings(settings, engines=engines),
        output=output_settings(settings, folder),
        explain=settings.options.explain,
        progress=progress,
    )
    entries = [PlaylistEntry(t.path, t.track.title, t.seconds) for t in built]
    write_text(folder / "playlist.m3u8", playlist_text(folder, entries))
    return built
