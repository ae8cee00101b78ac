"""A sheet -> one self-contained HTML page that prints on one or two A4 or Letter pages.

Inline CSS with a print stylesheet; no script, no picture, no link to anything outside,
so the page opens and prints the same anywhere. Every piece of text is escaped.
"""

from __future__ import annotations

from html import escape

from ..language import PhraseBook
from .sheet import Sheet, SheetExercise, duration

# Margins that fit both A4 and Letter; the paper size is left to the printer.
STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.45 "Helvetica Neue", Helvetica, Arial, sans-serif; color: #1f2a36;
  max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; line-height: 1.2; }
.facts { margin: 0 0 .6rem; color: #44546a; }
.facts span + span::before { content: " \\00B7  "; }
.equipment, .intro { margin: .4rem 0; }
ol.exercises { list-style: none; padding: 0; margin: 1rem 0; }
.exercise { border-top: 1px solid #c9d3de; padding: .55rem 0 .5rem; }
.exercise h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
.rounds { border-top: 1px solid #c9d3de; padding: .55rem 0 .2rem; font-weight: 600; }
.in-rounds { border-left: 3px solid #3b5378; padding-left: .8rem; }
.number { display: inline-block; min-width: 1.5em; height: 1.5em; line-height: 1.5em;
  border: 1.5px solid #3b5378; border-radius: 50%; text-align: center; font-size: .85em;
  margin-right: .35em; }
.position { font-weight: normal; color: #44546a; font-size: .9em; margin-left: .4em; }
.setup, .steps { margin: .2rem 0 .3rem; padding-left: 1.3rem; }
.setup { list-style: disc; }
.cue { margin: .2rem 0; font-style: italic; }
.values { border-collapse: collapse; margin: .2rem 0 0; }
.values th { text-align: left; font-weight: 600; padding: 0 .9rem 0 0; vertical-align: top; }
.values td { padding: 0; }
.steps .time { color: #44546a; white-space: nowrap; }
footer { border-top: 1px solid #c9d3de; padding-top: .5rem; }
.settings { color: #6a7788; font-size: .8rem; }
@page { margin: 14mm 15mm; }
@media print {
  body { font-size: 10pt; line-height: 1.35; max-width: none; margin: 0; padding: 0;
    color: #000; }
  h1 { font-size: 16pt; }
  .exercise { break-inside: avoid; page-break-inside: avoid; padding: .35rem 0; }
  .exercise h2 { font-size: 11.5pt; break-after: avoid; }
  .facts, .position, .steps .time, .settings { color: #333; }
  footer { break-inside: avoid; }
}
"""


def _exercise(ex: SheetExercise, book: PhraseBook) -> list[str]:
    lines = [f'<li class="rounds">{escape(ex.rounds)}</li>'] if ex.rounds else []
    lines += [
        '<li class="exercise in-rounds">' if ex.in_rounds else '<li class="exercise">',
        f'<h2><span class="number">{ex.number}</span>{escape(ex.name)}'
        f'<span class="position">{escape(ex.position)}</span></h2>',
    ]
    if ex.setup:
        lines.append(
            '<ul class="setup">' + "".join(f"<li>{escape(t)}</li>" for t in ex.setup) + "</ul>"
        )
    if ex.steps:
        lines.append(
            '<ol class="steps">'
            + "".join(
                f'<li>{escape(say)} <span class="time">{escape(time)}</span></li>'
                for say, time in ex.steps
            )
            + "</ol>"
        )
    if ex.cue:
        lines.append(f'<p class="cue">{escape(book.label("each_time"))} “{escape(ex.cue)}”</p>')
    if ex.values:
        rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in ex.values)
        lines.append(f'<table class="values">{rows}</table>')
    lines.append("</li>")
    return lines


def page_start(language: str, title: str, style: str = "") -> list[str]:
    """A printable page's lines up to its <body>: its language, its title, the sheet's
    style and `style` added to it."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}{style}</style>",
        "</head>",
        "<body>",
    ]


def sheet_html(sheet: Sheet) -> str:
    """The printable page for `sheet`."""
    book = sheet.book
    facts = [
        f"{escape(book.label('total_time'))} <strong>{escape(duration(round(sheet.seconds), book))}</strong>",
        escape(book.count(len(sheet.exercises), "exercise")),
    ]
    if sheet.rest_between:
        facts.append(
            f"{escape(book.label('rest_between'))} <strong>{escape(sheet.rest_between)}</strong>"
        )
    lines = [
        *page_start(book.language, sheet.title),
        "<header>",
        f"<h1>{escape(sheet.title)}</h1>",
        '<p class="facts">' + "".join(f"<span>{fact}</span>" for fact in facts) + "</p>",
    ]
    if sheet.equipment:
        lines.append(
            f'<p class="equipment"><strong>{escape(book.label("you_need"))}</strong> '
            f"{escape(', '.join(sheet.equipment))}</p>"
        )
    if sheet.intro:
        lines.append(f'<p class="intro">{escape(sheet.intro)}</p>')
    lines += ["</header>", '<ol class="exercises">']
    for ex in sheet.exercises:
        lines += _exercise(ex, book)
    lines += ["</ol>", "<footer>"]
    lines += [f'<p class="close">{escape(text)}</p>' for text in sheet.close]
    lines += [
        f'<p class="settings">{escape(book.label("made_by"))} {escape(sheet.settings)}</p>',
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
