"""A programme's printable summary, week by week: which routines, which holds and reps.

What a physiotherapist hands over: Markdown to read or paste, and one self-contained HTML
page that prints like the sheet beside each track. The values are those in force in each
week's plan, worded with the phrase book, as the sheet words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..language import PhraseBook, phrase_book
from ..planned import Plan
from .sheet import SheetExercise, duration, sheet_exercises
from .sheet_html import page_start


@dataclass(frozen=True)
class SummaryTrack:
    """One track of a programme, as its summary lists it."""

    week: int
    name: str  # its file's name, without the extension
    heading: str  # the routines it is made of: "Upper back relief, sitting + ..."
    seconds: float  # its length
    plan: Plan  # the values in force, exercise by exercise


@dataclass(frozen=True)
class SummaryWeek:
    number: int
    level: str
    values: tuple[tuple[str, float], ...]  # (field, value) set for every exercise that week


@dataclass(frozen=True)
class Summary:
    """A programme, week by week, with the values in force in each week's plans."""

    title: str
    intro: str | None
    language: str
    weeks: tuple[SummaryWeek, ...]
    tracks: tuple[SummaryTrack, ...]
    feed: str | None = None  # the podcast feed's URL, when the folder is served at one


def week_facts(week: SummaryWeek, book: PhraseBook) -> list[str]:
    """ "Level: gentle", "Hold: 15 s": what the programme sets for every exercise."""
    facts = [f"{book.label('level')}: {book.label(week.level)}"]
    for field, value in week.values:
        label = book.label(field) if field in ("hold", "reps", "sets") else field.capitalize()
        shown = f"{value:g}" if field in ("reps", "sets") else duration(value, book)
        facts.append(f"{label}: {shown}")
    return facts


def _exercises(track: SummaryTrack) -> tuple[SheetExercise, ...]:
    return sheet_exercises(track.plan)


def _line(ex: SheetExercise) -> str:
    values = "; ".join(f"{what}: {value}" for what, value in ex.values)
    return f"{ex.number}. **{ex.name}** ({ex.position}) — {values}"


def summary_markdown(summary: Summary) -> str:
    """The summary as Markdown."""
    book = phrase_book(summary.language)
    tracks = summary.tracks
    lines = [f"# {summary.title}", ""]
    if summary.intro:
        lines += [summary.intro, ""]
    if summary.feed:
        lines += [f"{book.label('subscribe')}: <{summary.feed}>", ""]
    lines += [
        f"{book.count(len(summary.weeks), 'week')} · {book.count(len(tracks), 'track')}",
        "",
    ]
    for week in summary.weeks:
        lines += [f"## {book.label('week', number=week.number)}", ""]
        lines += [" · ".join(week_facts(week, book)), ""]
        for track in tracks:
            if track.week != week.number:
                continue
            lines += [
                f"### {track.heading} — {duration(round(track.seconds), book)}",
                "",
                f"{book.label('file')}: {track.name}",
                "",
            ]
            lines += [_line(ex) for ex in _exercises(track)]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# A sheet for the fridge: each week on a page of its own when printed (the first under
# the programme's heading), with the feed's QR code on every page when there is one.
WEEK_STYLE = """
.week { margin-top: 1.2rem; }
h3 { font-size: 1.05rem; margin: .6rem 0 .2rem; }
.feed { float: right; margin: 0 0 .5rem 1rem; text-align: center; font-size: .8rem;
  color: #44546a; max-width: 9rem; }
.feed img { display: block; width: 8rem; height: 8rem; margin: 0 auto .2rem; }
.feed .url { overflow-wrap: anywhere; }
@media print {
  .week + .week { break-before: page; page-break-before: always; }
  .week h3 { break-after: avoid; }
}
"""


def _subscribe(url: str, book: PhraseBook) -> list[str]:
    """The feed's QR code with what it is for and its address, for every week's page."""
    from .qr import qr_data_uri

    label = book.label("subscribe")
    return [
        '<figure class="feed">',
        f'<img src="{qr_data_uri(url)}" alt="{escape(label)}: {escape(url)}">',
        f'<figcaption>{escape(label)}<br><span class="url">{escape(url)}</span></figcaption>',
        "</figure>",
    ]


def summary_html(summary: Summary) -> str:
    """The summary as one printable HTML page."""
    book = phrase_book(summary.language)
    tracks = summary.tracks
    lines = [
        *page_start(
            book.language,
            summary.title,
            WEEK_STYLE,
        ),
        "<header>",
        f"<h1>{escape(summary.title)}</h1>",
        f'<p class="facts"><span>{escape(book.count(len(summary.weeks), "week"))}</span>'
        f"<span>{escape(book.count(len(tracks), 'track'))}</span></p>",
    ]
    if summary.intro:
        lines.append(f'<p class="intro">{escape(summary.intro)}</p>')
    lines.append("</header>")
    subscribe = _subscribe(summary.feed, book) if summary.feed else []
    for week in summary.weeks:
        facts = "".join(f"<span>{escape(f)}</span>" for f in week_facts(week, book))
        lines += [
            '<section class="week">',
            f"<h2>{escape(book.label('week', number=week.number))}</h2>",
            f'<p class="facts">{facts}</p>',
            *subscribe,
        ]
        for track in tracks:
            if track.week != week.number:
                continue
            lines += [
                f"<h3>{escape(track.heading)} "
                f'<span class="position">{escape(duration(round(track.seconds), book))} · '
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
