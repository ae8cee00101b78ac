"""PDF handouts (issue 15): `voiceguide compile handout.pdf` reads the text with its
headings, lists and paragraphs, as good as the same handout typed in Markdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import REPORT

from voiceguide.cli import cli
from voiceguide.compile import compile_article, read_article, routine_yaml
from voiceguide.compile.pdflines import Line, article_text
from voiceguide.compile.text import article_lines
from voiceguide.routine import parse_routine

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "articles"
TWINS = ARTICLES / "pdf-twins"
HANDOUTS = ["11-handout-headings.pdf", "12-handout-numbered.pdf", "13-handout-two-pages.pdf"]
NAMES = {
    "11-handout-headings.pdf": [
        "Upper Trapezius Stretch",
        "Chin Tuck",
        "Shoulder Rolls",
        "Doorway Chest Stretch",
    ],
    "12-handout-numbered.pdf": [
        "Shoulder Blade Squeeze",
        "Seated Thoracic Extension",
        "Arm Across Chest",
        "Wall Push-Up",
    ],
    "13-handout-two-pages.pdf": [
        "Neck Side Bend",
        "Shoulder Blade Squeeze",
        "Wall Slides",
        "Thread the Needle",
        "Chest Opener",
    ],
}


def _twin(name: str) -> str:
    return (TWINS / name.replace(".pdf", ".md")).read_text(encoding="utf-8")


# --- the text that reaches the extractor ---------------------------------------------------


@pytest.mark.parametrize("name", HANDOUTS)
def test_a_handout_reads_as_its_markdown_twin(name):
    """Line for line what a person would type: headings, items, whole paragraphs."""
    assert article_lines(read_article(ARTICLES / name)) == article_lines(_twin(name))


def test_headings_are_marked_and_wrapped_paragraphs_joined():
    lines = read_article(ARTICLES / "11-handout-headings.pdf").splitlines()
    assert lines[0] == "# Neck and Shoulder Stretches"  # 18 pt bold: the title
    assert "## Chin Tuck" in lines  # 13 pt bold: one heading per exercise
    # Three lines on the page, one line here: the sentence that wrapped is whole.
    assert (
        "Sit upright with your shoulders relaxed and your eyes looking straight ahead. Gently"
        " slide your chin backwards, as if making a double chin, without tipping your head"
        " down. Hold for 5 seconds, then relax. Repeat 10 times."
    ) in lines
    assert not any(line.startswith(("Repeat", "then relax", "chin backwards")) for line in lines)


def test_numbered_items_and_bullets_stay_a_list():
    lines = [x for x in read_article(ARTICLES / "12-handout-numbered.pdf").splitlines() if x]
    at = lines.index("1. Shoulder Blade Squeeze")
    assert lines[at + 1].startswith("Sit or stand tall") and lines[at + 1].endswith(
        "Repeat 10 times."
    )
    assert lines[at + 2 : at + 5] == [
        "- Keep your shoulders away from your ears.",
        "- Do not arch your lower back.",
        "2. Seated Thoracic Extension",
    ]
    # The safety line is bold and a sentence: a paragraph, not a heading.
    assert (
        "Stop if you feel tingling or numbness in your arms or hands, and let your"
        " physiotherapist know." in lines
    )
    assert not any("\u2022" in line for line in lines)
    assert [line for line in lines if line.startswith("#")] == [lines[0]]


def test_page_headers_footers_and_numbers_go_and_a_paragraph_goes_on_over_the_page():
    text = read_article(ARTICLES / "13-handout-two-pages.pdf")
    assert "Northfield" not in text and "Page " not in text
    lines = text.splitlines()
    assert "## When to Stop" in lines
    # "... lift them gently away from your body as you open your chest. Hold for 20 seconds
    # and repeat 3" ends page 1; "times." starts page 2, under the header.
    assert (
        "Stand tall and clasp your hands behind your back. Straighten your arms and lift them"
        " gently away from your body as you open your chest. Hold for 20 seconds and repeat 3"
        " times."
    ) in lines


def _page(*rows: tuple[str, float, float], size: float = 11, bold: bool = False) -> str:
    """article_text of one A4 page of (text, x, y) lines in one font."""
    lines = [Line(text, x, y, size, bold, 0) for text, x, y in rows]
    return article_text([(lines, 0.0, 842.0)])


WIDE = "Lie on your back with your knees bent and your feet flat on the floor, arms"


def test_the_page_number_of_a_single_page_goes_but_a_number_in_the_text_stays():
    text = _page((WIDE, 57, 700), ("by your sides.", 57, 686), ("12", 57, 400), ("3", 290, 30))
    assert text == f"{WIDE} by your sides.\n\n12\n"


def test_a_symbol_font_bullet_is_a_list_item_and_hyphens_join_words():
    text = _page(
        ("\uf0b7Keep an arm-", 70, 700),
        ("length from the wall and your shoul\u00ad", 80, 686),
        ("ders down.", 80, 672),
    )
    assert text == "- Keep an arm-length from the wall and your shoulders down.\n"


def test_a_new_paragraph_at_the_same_spacing_is_told_by_its_indent_or_a_short_line():
    text = _page(
        (WIDE, 57, 700),
        ("by your sides. Breathe out.", 57, 686),  # short, and the sentence ends
        (WIDE, 57, 672),
        ("by your sides and rest.", 57, 658),
        ("Now " + WIDE[:60], 75, 644),  # set in: a paragraph of its own
        (WIDE[:70], 57, 630),
    )
    assert text.split("\n\n") == [
        f"{WIDE} by your sides. Breathe out.",
        f"{WIDE} by your sides and rest.",
        f"Now {WIDE[:60]} {WIDE[:70]}\n",
    ]


# --- the draft --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", HANDOUTS)
def test_compiling_a_handout_gives_a_draft_that_validates(tmp_path, name):
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(cli, ["compile", str(ARTICLES / name), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    draft = yaml.safe_load(out.read_text())
    assert draft["source"] == name
    assert [e["name"] for e in draft["exercises"]] == NAMES[name]
    checked = CliRunner().invoke(cli, ["validate", str(out)])
    assert checked.exit_code == 0, checked.stderr


@pytest.mark.parametrize("name", HANDOUTS)
def test_the_draft_of_a_handout_is_the_draft_of_its_twin(name):
    from_pdf = compile_article(read_article(ARTICLES / name))
    from_markdown = compile_article(_twin(name))
    assert [routine_yaml(d, "x") for d in from_pdf] == [routine_yaml(d, "x") for d in from_markdown]


def _score(text: str, want: list[list[dict]]) -> tuple[int, int]:
    """Fields right and fields in all, as test_compile scores expected.yaml."""
    drafts = compile_article(text)
    right = total = 0
    for index, exercises in enumerate(want):
        draft = drafts[index] if index < len(drafts) else None
        got = parse_routine(routine_yaml(draft, "x"), "x.yaml").exercises if draft else ()
        for number, fields in enumerate(exercises):
            ex = got[number] if number < len(got) else None
            guessed = draft.exercises[number].guessed if ex is not None and draft else set()
            for field in ("found", "hold", "reps", "sets", "sides"):
                total += 1
                if ex is None:
                    continue
                value = fields.get(field)
                if field == "found":
                    right += 1
                elif field == "sides":
                    right += ex.sides == value
                elif value is None:
                    amount = getattr(ex, field)
                    right += (
                        field in guessed or amount is None or (field == "sets" and amount.high == 1)
                    )
                else:
                    amount = getattr(ex, field)
                    right += (
                        amount is not None
                        and (amount.low, amount.high) == (float(value), float(value))
                        and field not in guessed
                    )
    return right, total


def test_the_extractor_reads_a_handout_as_well_as_its_twin():
    """The text layer's part: whatever the extractor gets right from the Markdown, it gets
    right from the PDF. Its own accuracy on these handouts is reported, not held."""
    expected = yaml.safe_load((ARTICLES / "expected-pdf.yaml").read_text())
    assert sorted(expected) == HANDOUTS
    pdf = twin = total = 0
    for name, want in expected.items():
        right, count = _score(read_article(ARTICLES / name), want)
        twin_right, _ = _score(_twin(name), want)
        assert right == twin_right, name
        pdf, twin, total = pdf + right, twin + twin_right, total + count
    REPORT.append(
        f"compile accuracy on {len(expected)} PDF handouts: {pdf}/{total} fields"
        f" ({pdf / total:.1%}; their Markdown twins: {twin}/{total})"
    )


def test_the_script_writes_the_committed_pdfs_again(tmp_path):
    subprocess.run(
        [sys.executable, ROOT / "scripts" / "make_test_pdfs.py", tmp_path],
        check=True,
        capture_output=True,
    )
    for name in HANDOUTS:
        assert (tmp_path / name).read_bytes() == (ARTICLES / name).read_bytes(), name
        twin = Path("pdf-twins") / name.replace(".pdf", ".md")
        assert (tmp_path / twin).read_bytes() == (ARTICLES / twin).read_bytes(), twin
