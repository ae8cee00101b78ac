"""`voiceguide program`: a programme file into a folder of weekly tracks."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..amounts import SPEAKING_RATES
from ..errors import UserError
from ..planning.layout import clock
from .shared import Session, VoiceName, cache_dir_option, file_options, jobs_option, warn

if TYPE_CHECKING:
    from ..pipeline.build import Progress
    from ..programme.tracks import Track


@click.command(name="program")
@click.argument("programme", metavar="PROGRAMME|FILE")
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the programme's tracks.  [default: voiceguide-out/<programme>]",
)
@click.option("--voice", type=VoiceName(), help="Voice id or name (see `voiceguide voices`).")
@click.option(
    "--rate", type=click.IntRange(*SPEAKING_RATES), help="Speaking rate in words a minute."
)
@click.option(
    "--explain/--no-explain", default=True, help="Open each track with what the tones mean."
)
@click.option(
    "--feed",
    "feed_url",
    metavar="BASE_URL",
    help="Also write a podcast feed (feed.xml, the cover, chapters) for the folder served at BASE_URL, like https://example.org/physio/anna/.",
)
@file_options
@jobs_option("Build this many tracks at once.")
@cache_dir_option
@click.pass_context
def program(
    ctx: click.Context,
    programme: str,
    out_dir: Path | None,
    voice: str | None,
    rate: int | None,
    explain: bool,
    fmt: str,
    bitrate: str | None,
    lufs: float,
    jobs: int,
    cache_dir: Path | None,
    feed_url: str | None,
) -> None:
    """Build a programme: one track a week (or a week and session), a playlist, and a
    printable summary (summary.md, summary.html).

    A rebuild makes again only the tracks whose plan or settings changed; the others are
    left as they are. With --feed, the folder is also a private podcast: copy it to the
    web host at BASE_URL and subscribe to BASE_URL/feed.xml.
    """
    import voiceguide

    from ..audio.loudness import LoudnessTarget
    from ..library import find_programme
    from ..pipeline.build import OutputSettings
    from ..programme.build import build_programme
    from ..speech.engine import DEFAULT_RATE, Voice
    from ..speech.pool import SpeechSettings

    links = voiceguide.FeedLinks(voiceguide.check_feed_url(feed_url)) if feed_url else None
    found = find_programme(programme)
    folder = out_dir or Path("voiceguide-out") / found.slug
    output = OutputSettings(
        folder=folder,
        format=fmt,  # type: ignore[arg-type]  # click.Choice has checked it
        bitrate=bitrate,
        loudness=LoudnessTarget(lufs),
    )
    speech = SpeechSettings(
        voice=Voice(voice or "", rate or DEFAULT_RATE),  # no name: the language's voice
        cache_dir=cache_dir,
        timeout=(ctx.obj or {}).get("speech_timeout"),
    )
    lock = threading.Lock()

    def show(track: Track, of: int, step: Progress | None) -> None:
        with lock:
            if step is None:
                click.echo(f"[{track.number}/{of}] {track.name}: unchanged, kept", err=True)
            elif step.stage == "start":
                click.echo(f"[{track.number}/{of}] {track.name}: {track.title}", err=True)
            elif step.stage == "done" and step.result is not None:
                for note in (*step.result.notes, *step.result.timeline.warnings):
                    warn(note)

    result = build_programme(
        found, speech=speech, output=output, jobs=jobs, explain=explain, progress=show, warn=warn,
        feed=links,
    )  # fmt: skip
    for each in result.tracks:
        click.echo(f"{each.path}  {clock(each.seconds)}")
    for path in result.removed:
        click.echo(f"removed {path} (no longer in the programme)", err=True)
    click.echo(
        f"{found.title}: {len(result.tracks)} tracks, {result.rebuilt} built, {result.kept} kept, "
        f"{result.spoken} new phrases spoken; "
        f"summary in {result.summary[0]} and {result.summary[1].name}",
        err=True,
    )
    if result.feed is not None and links is not None:
        click.echo(f"podcast feed in {result.feed}: copy {folder} to {links.base}", err=True)
        click.echo(f"  and subscribe to {links.url(result.feed.name)}", err=True)


def plan_programme(
    name: str, week: int | None, session: Session, *, show_script: Callable[..., None]
) -> None:
    """`plan` for a programme: every week in brief, or one week's tracks in full."""
    from ..language import phrase_book
    from ..library import find_programme
    from ..planning.planner import plan
    from ..programme.model import week_plan
    from ..programme.tracks import programme_tracks
    from ..programme.weeks import check_week, week_line, week_overviews

    if any(layer.settings or layer.hold_scale is not None for layer in session.options.layers):
        raise UserError(
            "options like --hold and --set do not apply to a programme: its file sets the values week by week; change them there"
        )
    found = find_programme(name)
    if week is not None:
        check_week(found, week)
    book = phrase_book()
    explain = session.options.explain
    tracks = programme_tracks(found, explain=explain)
    click.echo(f"{found.title}  ({found.weeks} weeks, {len(tracks)} tracks)")
    if week is None:
        for each in week_overviews(found, tracks, session.voice):
            click.echo(week_line(each.week, book))
            for length in each.tracks:
                about = "~" if length.guessed else " "
                track = length.track
                click.echo(f"  {track.name:24} {about}{clock(length.seconds):>7}  {track.title}")
        return
    click.echo(week_line(week_plan(found, week), book))
    for track in (t for t in tracks if t.week == week):
        script = plan(track.routine, track.options, speaking_rate=session.voice.rate)
        click.echo(f"track {track.name}: {track.title}")
        show_script(session, script)
