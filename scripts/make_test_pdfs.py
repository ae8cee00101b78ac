"""Write the PDF handouts in tests/articles/ and their Markdown twins: python scripts/make_test_pdfs.py [OUT]

Three short exercise sheets of the kind a physiotherapist hands out, in our own words, each
in a layout PDF readers find hard in its own way:

- 21-handout-headings.pdf: a bold, larger heading per exercise; body paragraphs that wrap
  over several lines ("Hold for 20 seconds. Repeat 3 times.").
- 22-handout-numbered.pdf: a numbered list of exercises, each item's text wrapping under a
  hanging indent, tips as "•" bullets under it, a safety line in bold.
- 23-handout-two-pages.pdf: two pages with the clinic's name as a header and "Page 1 of 2"
  as a footer on each; a paragraph runs over the page break; values written as "2 sets of
  10", "hold for a count of 5", "on each side".

Each PDF gets a twin, pdf-twins/NAME.md: the same text typed as Markdown, what reading the
PDF should give. The creation date is fixed and fpdf2 derives the file ID from the content,
so every run writes the same bytes (a test checks it against the committed files).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "articles"
CREATED = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Exercise:
    name: str
    text: str
    tips: tuple[str, ...] = ()


@dataclass(frozen=True)
class Handout:
    name: str
    title: str
    intro: tuple[str, ...]
    exercises: tuple[Exercise, ...]
    safety: str = ""
    closing_heading: str = ""
    closing: str = ""


HEADINGS = Handout(
    name="21-handout-headings",
    title="Neck and Shoulder Stretches",
    intro=(
        "These stretches ease stiffness in the neck and across the tops of the shoulders. "
        "Move slowly and smoothly, without bouncing, and keep breathing normally. If an "
        "exercise makes your pain worse, stop and ask your physiotherapist before you go on.",
    ),
    exercises=(
        Exercise(
            "Upper Trapezius Stretch",
            "Sit up tall and hold the side of the seat with your right hand to keep that "
            "shoulder down. Slowly tip your left ear towards your left shoulder until you feel "
            "a gentle stretch along the right side of your neck. Keep your face looking "
            "forwards. Hold for 20 seconds. Repeat 3 times on each side.",
        ),
        Exercise(
            "Chin Tuck",
            "Sit upright with your shoulders relaxed and your eyes looking straight ahead. "
            "Gently slide your chin backwards, as if making a double chin, without tipping "
            "your head down. Hold for 5 seconds, then relax. Repeat 10 times.",
        ),
        Exercise(
            "Shoulder Rolls",
            "Sit or stand with your arms hanging loosely by your sides. Lift your shoulders "
            "up towards your ears, squeeze them back and then let them drop down, making one "
            "slow and smooth circle. Repeat 10 times.",
        ),
        Exercise(
            "Doorway Chest Stretch",
            "Stand in a doorway and rest your forearms on the frame, elbows a little below "
            "shoulder height. Step forwards with one foot until you feel a stretch across the "
            "front of your chest and shoulders, keeping your back straight. Hold for 30 "
            "seconds. Repeat 2 times.",
        ),
    ),
)

NUMBERED = Handout(
    name="22-handout-numbered",
    title="Upper Back and Shoulder Programme",
    intro=(
        "Do these exercises once or twice a day, in the order given. Move slowly and keep "
        "breathing throughout; a mild pull is fine, sharp pain is not.",
    ),
    safety="Stop if you feel tingling or numbness in your arms or hands, and let your "
    "physiotherapist know.",
    exercises=(
        Exercise(
            "Shoulder Blade Squeeze",
            "Sit or stand tall with your arms relaxed by your sides. Draw your shoulder "
            "blades back and down towards each other, as if holding a pencil between them. "
            "Hold for 5 seconds, then relax. Repeat 10 times.",
            ("Keep your shoulders away from your ears.", "Do not arch your lower back."),
        ),
        Exercise(
            "Seated Thoracic Extension",
            "Sit on a chair whose backrest reaches the middle of your back. Clasp your hands "
            "behind your head and gently arch your upper back over the top of the backrest, "
            "looking slightly upwards. Hold for 10 seconds, then come back up slowly. Repeat "
            "5 times.",
            ("Support your head with your hands; do not pull on your neck.",),
        ),
        Exercise(
            "Arm Across Chest",
            "Bring one arm across your chest and use your other hand to ease it closer, just "
            "above the elbow, until you feel a stretch at the back of the shoulder. Hold for "
            "20 seconds. Do this 3 times on each side.",
            ("Keep the stretched shoulder down and relaxed.",),
        ),
        Exercise(
            "Wall Push-Up",
            "Stand an arm's length from a wall with your hands flat on it at shoulder height "
            "and shoulder width apart. Bend your elbows to bring your chest towards the wall, "
            "then push back out until your arms are straight. Repeat 12 times.",
            ("Keep your body in one straight line from head to heels.",),
        ),
    ),
)

TWO_PAGES = Handout(
    name="23-handout-two-pages",
    title="Neck and Upper Back Routine",
    intro=(
        "Your physiotherapist has chosen these exercises to keep your neck and upper back "
        "moving while they heal. Do the whole routine once a day, at a slow and steady pace, "
        "on a firm chair or on the floor as described. Count slowly and evenly, about one "
        "number a second.",
        "It is normal to feel a gentle stretch or some tiredness in the muscles. The "
        "exercises should never cause sharp pain. Wear comfortable clothes and clear a "
        "space on the floor before you begin, so you can go from one exercise to the next "
        "without stopping.",
    ),
    exercises=(
        Exercise(
            "Neck Side Bend",
            "Sit tall with your shoulders relaxed and your hands resting in your lap. Tilt "
            "your head to bring your ear towards your shoulder, hold for a count of 5, then "
            "come back to the middle. Do 2 sets of 10 on each side.",
        ),
        Exercise(
            "Shoulder Blade Squeeze",
            "Sit or stand tall with your arms by your sides. Pull your shoulder blades back "
            "and together, hold for a count of 5, then let them go. Do 2 sets of 10.",
        ),
        Exercise(
            "Wall Slides",
            "Stand with your back, head and bottom against a wall, your elbows bent and the "
            "backs of your hands touching the wall at shoulder height. Slowly slide your arms "
            "up the wall as high as is comfortable while your back stays against it, then "
            "slide them down again to where you started. Keep your chin level and your "
            "lower back relaxed the whole time. Do 2 sets of 8.",
        ),
        Exercise(
            "Thread the Needle",
            "Kneel on all fours with your hands under your shoulders. Slide one arm under "
            "your body along the floor, letting your upper back turn, hold for a count of 5, "
            "then come back. Do 6 on each side.",
        ),
        Exercise(
            "Chest Opener",
            "Stand tall and clasp your hands behind your back. Straighten your arms and lift "
            "them gently away from your body as you open your chest. Hold for 20 seconds and "
            "repeat 3 times.",
        ),
    ),
    closing_heading="When to Stop",
    closing="Stop and contact the clinic if you feel dizzy, or if pain, tingling or "
    "numbness spreads into your arm.",
)


def _pdf(handout: Handout) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"  # the bullet and curly quotes of a real sheet
    pdf.set_creation_date(CREATED)
    pdf.set_title(handout.title)
    pdf.set_margins(20, 20, 20)
    return pdf


def _paragraph(
    pdf: FPDF, text: str, *, size: float = 11, indent: float = 0, spacing: float = 1.3
) -> None:
    """A paragraph wrapped to the width; `spacing` is the line height over the font size."""
    pdf.set_font("Helvetica", "", size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, size * spacing * 25.4 / 72, text, new_x="LMARGIN", new_y="NEXT")


def headings_pdf(handout: Handout) -> FPDF:
    pdf = _pdf(handout)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, handout.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for text in handout.intro:
        _paragraph(pdf, text)
    for exercise in handout.exercises:
        pdf.ln(5)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, exercise.name, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        _paragraph(pdf, exercise.text)
    return pdf


def numbered_pdf(handout: Handout) -> FPDF:
    pdf = _pdf(handout)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, handout.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for text in handout.intro:
        _paragraph(pdf, text)
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 5.5, handout.safety, new_x="LMARGIN", new_y="NEXT")
    hang = 7  # the item's text sits under its name, right of the number
    for number, exercise in enumerate(handout.exercises, 1):
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(hang, 5.5, f"{number}.")
        pdf.multi_cell(0, 5.5, exercise.name, new_x="LMARGIN", new_y="NEXT")
        _paragraph(pdf, exercise.text, indent=hang)
        for tip in exercise.tips:
            pdf.set_font("Helvetica", "", 11)
            pdf.set_x(pdf.l_margin + hang)
            pdf.cell(5, 5.5, "\u2022")
            pdf.multi_cell(0, 5.5, tip, new_x="LMARGIN", new_y="NEXT")
    return pdf


class _ClinicPDF(FPDF):
    """A page header with the clinic's name and a footer with 'Page N of M' on every page."""

    def header(self) -> None:
        self.set_font("Helvetica", "I", 9)
        self.set_text_color(90)
        self.cell(0, 5, "Northfield Physiotherapy Clinic \u2013 Home Exercise Programme")
        self.set_text_color(0)
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")


def two_pages_pdf(handout: Handout) -> FPDF:
    pdf = _ClinicPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(CREATED)
    pdf.set_title(handout.title)
    pdf.set_margins(22, 15, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, handout.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for text in handout.intro:
        _paragraph(pdf, text, size=12, spacing=1.6)
        pdf.ln(3)
    sections = [(e.name, e.text) for e in handout.exercises]
    sections.append((handout.closing_heading, handout.closing))
    for name, text in sections:
        pdf.ln(7)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, name, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        _paragraph(pdf, text, size=12, spacing=1.6)
    return pdf


def markdown(handout: Handout, *, numbered: bool) -> str:
    """The same handout as a person would type it in Markdown."""
    parts = [f"# {handout.title}", *handout.intro]
    if handout.safety:
        parts.append(f"**{handout.safety}**")
    for number, exercise in enumerate(handout.exercises, 1):
        if numbered:
            tips = "".join(f"\n   - {tip}" for tip in exercise.tips)
            parts.append(f"{number}. {exercise.name}\n\n   {exercise.text}\n{tips}".rstrip())
        else:
            parts.append(f"## {exercise.name}\n\n{exercise.text}")
    if handout.closing:
        parts.append(f"## {handout.closing_heading}\n\n{handout.closing}")
    return "\n\n".join(parts) + "\n"


def write_all(out: Path) -> list[Path]:
    """Write the three PDFs into `out` and their twins into out/pdf-twins/; the paths written."""
    twins = out / "pdf-twins"
    twins.mkdir(parents=True, exist_ok=True)
    written = []
    for handout, pdf, numbered in (
        (HEADINGS, headings_pdf(HEADINGS), False),
        (NUMBERED, numbered_pdf(NUMBERED), True),
        (TWO_PAGES, two_pages_pdf(TWO_PAGES), False),
    ):
        path = out / f"{handout.name}.pdf"
        path.write_bytes(bytes(pdf.output()))
        twin = twins / f"{handout.name}.md"
        twin.write_text(markdown(handout, numbered=numbered), encoding="utf-8")
        written += [path, twin]
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else ARTICLES):
        print(path)
