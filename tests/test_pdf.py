"""PDF handouts (issue 15): `voiceguide compile handout.pdf` reads the text with its
headings, lists and paragraphs, as good as the same handout typed in Markdown; damaged,
locked, scanned or hostile PDFs end in one line and exit 2, in bounded time and memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hostile_pdfs
import pytest
import yaml
from click.testing import CliRunner
from helpers import REPORT
from test_hostile_files import one_error, voiceguide

from voiceguide.cli import cli
from voiceguide.compiler import MAX_ARTICLE_BYTES, compile_article, read_article, routine_yaml
from voiceguide.compiler.pdflines import Line, article_text
from voiceguide.compiler.text import article_lines
from voiceguide.routine.reader import parse_routine

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "articles"
TWINS = ARTICLES / "pdf-twins"
HANDOUTS = ["21-handout-headings.pdf", "22-handout-numbered.pdf", "23-handout-two-pages.pdf"]
NAMES = {
    "21-handout-headings.pdf": [
        "Upper Trapezius Stretch",
        "Chin Tuck",
        "Shoulder Rolls",
        "Doorway Chest Stretch",
    ],
    "22-handout-numbered.pdf": [
        "Shoulder Blade Squeeze",
        "Seated Thoracic Extension",
        "Arm Across Chest",
        "Wall Push-Up",
    ],
    "23-handout-two-pages.pdf": [
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
    lines = read_article(ARTICLES / "21-handout-headings.pdf").splitlines()
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
    lines = [x for x in read_article(ARTICLES / "22-handout-numbered.pdf").splitlines() if x]
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
    text = read_article(ARTICLES / "23-handout-two-pages.pdf")
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


def test_a_page_drawn_as_word_processors_draw_it(tmp_path):
    path = tmp_path / "word.pdf"
    path.write_bytes(hostile_pdfs.word_processor_page())
    assert read_article(path) == (
        "# Chin Tuck\n\nSit upright with your shoulders relaxed and your eyes looking straight"
        " ahead. Gently slide your chin back without tipping your head. Hold for 5 seconds and"
        " repeat 10 times.\n\n- Keep your chin level all the time.\n"
    )


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
    every = yaml.safe_load((ARTICLES / "expected.yaml").read_text())
    expected = {name: want for name, want in every.items() if name.endswith(".pdf")}
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


# --- odd and hostile PDFs ---------------------------------------------------------------------

SAVE_AS_TEXT = "copy the text into a .txt file"
DAMAGED = f"cannot be read as a PDF (it may be damaged): {SAVE_AS_TEXT}"
TOO_MUCH = f"page 1 holds far more than a handout does and is not read: {SAVE_AS_TEXT}"
TOO_LONG = "a handout is at most 50: save the pages with the exercises as a new PDF"


def _damaged_stream() -> bytes:
    """A handout whose page content is cut short mid-stream: pypdf reads no text from it."""
    data = (ARTICLES / "21-handout-headings.pdf").read_bytes()
    start = data.index(b"stream\n") + len(b"stream\n") + 20
    return data[:start] + b"garbage" * 5 + data[start + 35 :]


@pytest.mark.parametrize(
    ("case", "make", "message", "seconds"),
    [
        ("junk after a PDF header", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40, DAMAGED, 5),
        ("a handout cut in half", lambda: (ARTICLES / "23-handout-two-pages.pdf").read_bytes()[:1500], DAMAGED, 5),
        ("a damaged content stream", _damaged_stream, DAMAGED, 5),
        ("a password", lambda: hostile_pdfs.locked(user_password="secret"), f"the PDF is password-protected; open it with its password and save a copy without one, or {SAVE_AS_TEXT}", 5),
        ("a scan", hostile_pdfs.scanned, f"no text in it; it may be a scan: {SAVE_AS_TEXT}", 5),
        ("300 pages", lambda: hostile_pdfs.pages(300), f"has 300 pages; {TOO_LONG}", 5),
        ("a million pages in the page tree", lambda: hostile_pdfs.page_tree_of(1_000_000), f"has too many pages; {TOO_LONG}", 10),
        ("a gigabyte deflated", hostile_pdfs.deflate_bomb, TOO_MUCH, 5),
        ("a gigabyte deflated twice", hostile_pdfs.nested_bomb, TOO_MUCH, 5),
        ("three million operations", hostile_pdfs.many_operations, TOO_MUCH, 10),
        ("a form drawn 400 times", hostile_pdfs.form_drawn_again_and_again, TOO_MUCH, 25),
    ],
)  # fmt: skip
def test_an_odd_or_hostile_pdf_is_one_line_and_exit_2(
    tmp_path, cache_dir, case, make, message, seconds
):
    path = tmp_path / "handout.pdf"
    path.write_bytes(make())
    run = voiceguide(["compile", path, "-o", tmp_path / "d.yaml"], cache_dir, case=f"PDF, {case}")
    assert one_error(run) == f"{path}: {message}"
    assert run.stdout == ""
    assert run.seconds < seconds, run.seconds  # within bounds (peak memory: in voiceguide())
    assert not (tmp_path / "d.yaml").exists()


def test_a_pdf_over_20_megabytes_is_refused_unread(tmp_path, cache_dir):
    path = tmp_path / "photos.pdf"
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        out.truncate(21 * 2**20)  # sparse: the size without the disk space
    run = voiceguide(["compile", path], cache_dir, case="PDF, 21 MB")
    assert one_error(run) == f"{path}: the file is 21 MB; a PDF file is at most 20 MB"


def test_a_pdf_locked_only_against_changes_opens_as_in_a_viewer(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(hostile_pdfs.locked(user_password=None))
    assert read_article(path) == (
        "Chin Tuck\n\nDraw your chin back. Hold for 5 seconds. Repeat 10 times.\n"
    )


def test_damage_pypdf_works_around_says_nothing(tmp_path):
    """A wrong cross-reference offset: pypdf rebuilds the table, and warns in its log,
    which the user never sees; the handout compiles."""
    data = (ARTICLES / "21-handout-headings.pdf").read_bytes()
    at = data.rindex(b"startxref\n") + len(b"startxref\n")
    path = tmp_path / "moved.pdf"
    path.write_bytes(data[:at] + b"999" + data[at:])
    result = CliRunner().invoke(cli, ["compile", str(path), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == "Neck and Shoulder Stretches"
    assert all(line.startswith("  ") for line in result.stderr.splitlines()[1:-1])
    assert result.stderr.splitlines()[-1] == f"wrote {tmp_path / 'd.yaml'}"


def test_the_text_of_a_long_pdf_is_cut_to_an_article(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(hostile_pdfs.text_pages(50, 600))  # 1.6 MB of text in 50 pages
    text = read_article(path)
    assert 0.9 * MAX_ARTICLE_BYTES < len(text.encode()) <= MAX_ARTICLE_BYTES
    assert text.endswith("rest.\n\n")
