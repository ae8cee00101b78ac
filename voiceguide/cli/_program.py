"""`voiceguide program`: a programme file into a folder of weekly tracks."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import voiceguide

from .shared import (
    CHOICES,
    FEED,
    FILE,
    UserPath,
    cache_dir_option,
    jobs_option,
    settings_options,
    warn,
)

if TYPE_CHECKING:
    from voiceguide import Plan, Progress, Settings


@click.command(name="program")
@click.argument("programme", metavar="PROGRAMME|FILE")
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=UserPath(file_okay=False, path_type=Path),
    help="Folder for the programme's tracks.  [default: voiceguide-out/<programme>]",
)
@settings_options(*(f for f in CHOICES if f.key in ("voice", "rate", "explain")), *FILE, FEED)
@jobs_option("Build this many tracks at once.")
@cache_dir_option
def program(
    programme: str, out_dir: Path | None, settings: Settings, jobs: int, cache_dir: Path | None
) -> None:
    """Build a programme: one track a week (or a week and session), a playlist, and a
    printable summary (summary.md, summary.html).

    A rebuild makes again only the tracks whose plan or settings changed; the others are
    left as they are. With --feed, the folder is also a private podcast: copy it to the
    web host at BASE_URL and subscribe to BASE_URL/feed.xml.
    """
    found = voiceguide.load_programme(programme)
    folder = out_dir or Path("voiceguide-out") / found.slug
    if out_dir is None:  # named for the programme, not by the person: never a link
        voiceguide.refuse_linked_folder(folder)
    lock = threading.Lock()

    def show(track: Any, of: int, step: Progress | None) -> None:
        with lock:
            if step is None:
                click.echo(f"[{track.number}/{of}] {track.name}: unchanged, kept", err=True)
            elif step.stage == "start":
                click.echo(f"[{track.number}/{of}] {track.name}: {track.title}", err=True)
            elif step.stage == "done" and step.result is not None:
                for note in (*step.result.notes, *step.result.timeline.warnings):
                    warn(note)

    # No voice named: each track speaks with its language's voice.
    result = voiceguide.build_programme(
        found, settings, folder=folder, jobs=jobs, cache_dir=cache_dir, progress=show, warn=warn
    )
    for each in result.tracks:
        click.echo(f"{each.path}  {voiceguide.clock(each.seconds)}")
    for path in result.removed:
        click.echo(f"removed {path} (no longer in the programme)", err=True)
    click.echo(
        f"{found.title}: {len(result.tracks)} tracks, {result.rebuilt} built, {result.kept} kept, "
        f"{result.spoken} new phrases spoken; "
        f"summary in {result.summary[0]} and {result.summary[1].name}",
        err=True,
    )
    base = settings.output.feed
    if result.feed is not None and base is not None:
        links = voiceguide.FeedLinks(base)
        click.echo(f"podcast feed in {result.feed}: copy {folder} to {links.base}", err=True)
        click.echo(f"  and subscribe to {links.url(result.feed.name)}", err=True)


def plan_programme(
    name: str, week: int | None, settings: Settings, *, show: Callable[[Plan], None]
) -> None:
    """`plan` for a programme: every week in brief, or one week's tracks in full."""
    if settings.has_overrides:
        raise voiceguide.UserError(
            "options like --hold and --set do not apply to a programme: its file sets the values week by week; change them there"
        )
    found = voiceguide.load_programme(name)
    if week is not None:
        try:
            weeks = [voiceguide.programme_week(found, week, settings)]
        except voiceguide.SettingError as err:  # named as the person gave it
            raise voiceguide.SettingError(err.key, err.message, f"--week {week}") from None
    else:
        weeks = voiceguide.programme_weeks(found, settings)
    click.echo(f"{found.title}  ({found.weeks} weeks, {weeks[0].of} tracks)")
    for each in weeks:
        click.echo(each.line)
        for planned in each.tracks:
            if week is None:
                about = "~" if planned.guessed else " "
                length = voiceguide.clock(planned.seconds)
                click.echo(f"  {planned.name:24} {about}{length:>7}  {planned.title}")
            else:
                click.echo(f"track {planned.name}: {planned.title}")
                show(planned.plan)
