"""A programme's printable summary, week by week: which routines, which holds and reps.

What a physiotherapist hands over: Markdown to read or paste, and one self-contained HTML
page that prints like the sheet beside each track. The values are those in force in each
week's plan, worded with the phrase book, as the sheet words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..language import PhraseBook, phrase_book
from ..programme.model import Programme, week_plan
from ..programme.tracks import Track
from ..settings.options import apply
from .sheet import SheetExercise, duration, sheet_exercises
from .sheet_html import page_start


def _week_facts(programme: Programme, week: int, book: PhraseBook) -> list[str]:
    """ "Level: gentle", "Hold: 15 s": what the programme sets for every exercise."""
    plan = week_plan(programme, week)
    facts = [f"{book.label('level')}: {book.label(plan.level)}"]
    for field, value in plan.values:
        label = book.label(field) if field in ("hold", "reps", "sets") else field.capitalize()
        shown = f"{value:g}" if field in ("reps", "sets") else duration(value, book)
        facts.append(f"{label}: {shown}")
    return facts


def _exercises(track: Track) -> tuple[SheetExercise, ...]:
    resolved, _changes = apply(track.routine, track.options)
    return sheet_exercises(resolved, track.options)


def _heading(track: Track) -> str:
    """The routines a track is made of: "Upper back relief, sitting + ..., standing"."""
    return " + ".join(each.session.routine.title for each in track.sessions)


def _line(ex: SheetExercise) -> str:
    values = "; ".join(f"{what}: {value}" for what, value in ex.values)
    return f"{ex.number}. **{ex.name}** ({ex.position}) — {values}"


def summary_markdown(
    programme: Programme, tracks: Sequence[Track], seconds: Sequence[float]
) -> str:
    """The summary as Markdown."""
    book = phrase_book(programme.language)
    lines = [f"# {programme.title}", ""]
    if programme.intro:
        lines += [programme.intro, ""]
    lines += [
        f"{book.label('weeks', count=programme.weeks)} · {book.label('tracks', count=len(tracks))}",
        "",
    ]
    for week in range(1, programme.weeks + 1):
        lines += [f"## {book.label('week', number=week)}", ""]
        lines += [" · ".join(_week_facts(programme, week, book)), ""]
        for track, length in zip(tracks, seconds, strict=True):
            if track.week != week:
                continue
            lines += [
                f"### {_heading(track)} — {duration(round(length), book)}",
                "",
                f"{book.label('file')}: {track.name}",
                "",
            ]
            lines += [_line(ex) for ex in _exercises(track)]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def summary_html(programme: Programme, tracks: Sequence[Track], seconds: Sequence[float]) -> str:
    """The summary as one printable HTML page."""
    book = phrase_book(programme.language)
    lines = [
        *page_start(
            book.language,
            programme.title,
            "\n.week { break-before: auto; margin-top: 1.2rem; }\n"
            "h3 { font-size: 1.05rem; margin: .6rem 0 .2rem; }",
        ),
        "<header>",
        f"<h1>{escape(programme.title)}</h1>",
        f'<p class="facts"><span>{escape(book.label("weeks", count=programme.weeks))}</span>'
        f"<span>{escape(book.label('tracks', count=len(tracks)))}</span></p>",
    ]
    if programme.intro:
        lines.append(f'<p class="intro">{escape(programme.intro)}</p>')
    lines.append("</header>")
    for week in range(1, programme.weeks + 1):
        facts = "".join(f"<span>{escape(f)}</span>" for f in _week_facts(programme, week, book))
        lines += [
            '<section class="week">',
            f"<h2>{escape(book.label('week', number=week))}</h2>",
            f'<p class="facts">{facts}</p>',
        ]
        for track, length in zip(tracks, seconds, strict=True):
            if track.week != week:
                continue
            lines += [
                f"<h3>{escape(_heading(track))} "
                f'<span class="position">{escape(duration(round(length), book))} · '
                f"{escape(track.name)}</span></h3>",
                '<ol class="exercises">',
            ]
            for ex in _exercises(track):
                rows = "".join(
                    f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in ex.values
                )
                lines.append(
                    f'<li class="exercise"><strong><span class="number">{ex.number}</span>'
                    f'{escape(ex.name)}</strong><span class="position">{escape(ex.position)}</span>'
                    f'<table class="values">{rows}</table></li>'
                )
            lines.append("</ol>")
        lines.append("</section>")
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
