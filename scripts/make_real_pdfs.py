"""Lay out some of the real exercise texts in tests/compile_real/ and tests/compile_fresh/ as PDFs.

Each PDF is made from one text of the same split, read at run time, so the
texts' words live only in the tests' folders; this script holds line ranges,
not content. Two layouts, as handouts are printed:

- columns: two exercises side by side, both starting on the same line, so a
  reader that goes line by line across the page interleaves them;
- table: one row per exercise (its first line, then the rest of its lines).

The creation date is fixed and fpdf2 derives the file ID from the content, so
running this again writes the same bytes:

    .venv/bin/python scripts/make_real_pdfs.py
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

ROOT = Path(__file__).resolve().parent.parent / "tests"
CREATED = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)

Lines = tuple[int, int]  # 1-based, inclusive line range of the source text


@dataclass(frozen=True)
class Handout:
    source: str  # folder/split/file of the text the PDF is made from, under tests/
    out: str  # folder/split/file of the PDF
    layout: str  # "columns" or "table"
    rows: tuple[tuple[Lines, ...], ...]  # columns: one or two ranges a row
    intro: tuple[Lines, ...] = ()  # table: full-width lines above the table
    outro: tuple[Lines, ...] = ()  # table: full-width lines below it
    headings: tuple[str, str] = ("", "")  # table: column headings


HANDOUTS = (
    Handout(
        "compile_real/frozen/es-handout-asepar-cuello.txt",
        "compile_real/frozen/es-pdf-columns-asepar-cuello.pdf",
        "columns",
        rows=(
            ((1, 1), (2, 2)),
            ((3, 3), (4, 4)),
            ((5, 5), (6, 6)),
            ((7, 7), (8, 8)),
            ((9, 9), (10, 10)),
            ((11, 11),),
        ),
    ),
    Handout(
        "compile_real/frozen/de-card-swr-nacken.txt",
        "compile_real/frozen/de-pdf-table-swr-nacken.pdf",
        "table",
        intro=((1, 1),),
        rows=(((3, 7),), ((9, 13),), ((15, 19),)),
        outro=((21, 21),),
        headings=("Übung", "Ausführung"),
    ),
    Handout(
        "compile_real/frozen/fr-card-dreyer-cervical.txt",
        "compile_real/frozen/fr-pdf-columns-dreyer-cervical.pdf",
        "columns",
        rows=(
            ((1, 3), (6, 8)),
            ((11, 13), (16, 17)),
            ((19, 21),),
            ((22, 22),),
            ((25, 27), (30, 30)),
        ),
    ),
    Handout(
        "compile_real/dev/en-numbered-corecollective-desk.txt",
        "compile_real/dev/en-pdf-columns-corecollective-desk.pdf",
        "columns",
        rows=(((1, 1),), ((3, 3),), ((5, 12), (15, 24)), ((26, 33), (35, 44)), ((46, 53),)),
    ),
    Handout(
        "compile_real/dev/de-card-aktivlaufen-ruecken.txt",
        "compile_real/dev/de-pdf-table-aktivlaufen-ruecken.pdf",
        "table",
        intro=((1, 1), (2, 2)),
        rows=(((3, 5),), ((6, 8),), ((9, 11),)),
        headings=("Übung", "Beschreibung"),
    ),
    Handout(
        "compile_real/dev/es-handout-biennatural-cuello.txt",
        "compile_real/dev/es-pdf-columns-biennatural-cuello.pdf",
        "columns",
        rows=(((1, 1),), ((2, 6), (7, 10)), ((11, 16), (17, 18)), ((19, 23),)),
    ),
    Handout(
        "compile_real/dev/fr-card-50school-dos.txt",
        "compile_real/dev/fr-pdf-table-50school-dos.pdf",
        "table",
        intro=((1, 1), (2, 2), (3, 10)),
        rows=(((11, 17),), ((18, 26),), ((27, 35),), ((36, 42),)),
        outro=((43, 43),),
        headings=("Exercice", "Déroulé"),
    ),
    Handout(
        "compile_fresh/frozen/en-card-neurologyoffice-neck.txt",
        "compile_fresh/frozen/en-pdf-table-neurologyoffice-neck.pdf",
        "table",
        rows=(((1, 4),), ((6, 8),), ((10, 14),), ((16, 18),)),
        outro=((19, 19),),
        headings=("Exercise", "How to do it"),
    ),
    Handout(
        "compile_fresh/frozen/en-handout-activatephysio-shoulder.txt",
        "compile_fresh/frozen/en-pdf-columns-activatephysio-shoulder.pdf",
        "columns",
        rows=(((1, 1),), ((3, 13), (15, 21)), ((23, 31),)),
    ),
    Handout(
        "compile_fresh/frozen/de-card-rheumaliga-nacken.txt",
        "compile_fresh/frozen/de-pdf-columns-rheumaliga-nacken.pdf",
        "columns",
        rows=(((1, 1),), ((2, 6), (7, 11)), ((12, 16),)),
    ),
    Handout(
        "compile_fresh/frozen/es-handout-manualslib-cervicales.txt",
        "compile_fresh/frozen/es-pdf-columns-manualslib-cervicales.pdf",
        "columns",
        rows=(((1, 1),), ((2, 14), (15, 27)), ((28, 28),)),
    ),
    Handout(
        "compile_fresh/frozen/fr-card-liguesrhumatisme-dos.txt",
        "compile_fresh/frozen/fr-pdf-table-liguesrhumatisme-dos.pdf",
        "table",
        intro=((2, 2),),
        rows=(((3, 7),), ((8, 12),), ((13, 17),), ((18, 22),)),
        headings=("Exercice", "Position et mouvement"),
    ),
)

# The core fonts are Latin-1 only; typographic marks become their plain forms.
PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "•": "-",
        "œ": "oe",
        "✅": "",
    }
)


def lines_of(text_lines: list[str], span: Lines) -> list[str]:
    """The non-blank lines of a 1-based inclusive range, in Latin-1."""
    first, last = span
    picked = [line.strip().translate(PLAIN) for line in text_lines[first - 1 : last]]
    return [line.encode("latin-1", "replace").decode("latin-1") for line in picked if line]


def new_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_producer("voiceguide scripts/make_real_pdfs.py")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(12, 14, 12)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    return pdf


def height_of(pdf: FPDF, width: float, line_h: float, text: str) -> float:
    """How tall `text` would be as a multi_cell of `width` mm, without drawing it."""
    height = pdf.multi_cell(width, line_h, text, dry_run=True, output=MethodReturnValue.HEIGHT)
    assert isinstance(height, float | int)
    return float(height)


def fit(pdf: FPDF, height: float) -> None:
    """Start a new page when `height` mm would run past the bottom margin."""
    if pdf.get_y() + height > pdf.h - 14:
        pdf.add_page()


def columns(pdf: FPDF, text_lines: list[str], rows: tuple[tuple[Lines, ...], ...]) -> None:
    gap, line_h = 6.0, 5.0
    full = pdf.w - pdf.l_margin - pdf.r_margin
    half = (full - gap) / 2
    for row in rows:
        texts = ["\n".join(lines_of(text_lines, span)) for span in row]
        width = full if len(texts) == 1 else half
        heights = [height_of(pdf, width, line_h, t) for t in texts]
        fit(pdf, max(heights))
        top, bottom = pdf.get_y(), pdf.get_y()
        for i, text in enumerate(texts):
            pdf.set_xy(pdf.l_margin + i * (half + gap), top)
            pdf.multi_cell(width, line_h, text)
            bottom = max(bottom, pdf.get_y())
        pdf.set_y(bottom + 3)


def paragraph(pdf: FPDF, text_lines: list[str], span: Lines) -> None:
    text = "\n".join(lines_of(text_lines, span))
    width = pdf.w - pdf.l_margin - pdf.r_margin
    fit(pdf, height_of(pdf, width, 5, text))
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(width, 5, text)
    pdf.ln(3)


def table(pdf: FPDF, text_lines: list[str], handout: Handout) -> None:
    for span in handout.intro:
        paragraph(pdf, text_lines, span)
    pdf.set_auto_page_break(auto=True, margin=14)
    with pdf.table(col_widths=(32, 118), line_height=5, text_align="LEFT") as grid:
        grid.row(handout.headings)
        for (span,) in handout.rows:
            name, *rest = lines_of(text_lines, span)
            grid.row((name, "\n".join(rest)))
    pdf.set_auto_page_break(auto=False)
    pdf.ln(3)
    for span in handout.outro:
        paragraph(pdf, text_lines, span)


def make(handout: Handout) -> Path:
    text_lines = (ROOT / handout.source).read_text(encoding="utf-8").splitlines()
    pdf = new_pdf()
    if handout.layout == "columns":
        columns(pdf, text_lines, handout.rows)
    else:
        table(pdf, text_lines, handout)
    out = ROOT / handout.out
    pdf.output(str(out))
    return out


def main() -> None:
    for handout in HANDOUTS:
        print(make(handout).relative_to(ROOT.parent))


if __name__ == "__main__":
    main()
