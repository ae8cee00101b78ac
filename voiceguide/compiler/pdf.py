"""A PDF handout -> the article's text, in the Markdown-like shape the extractor reads.

pypdf reports every run of text with its position, font and size; `pdflines.py` rebuilds
from these what a person would have typed: headings, list items, one line per paragraph.
This module reads the file within fixed bounds of size, pages, memory and time, and turns
whatever goes wrong (damage, a password, no text layer, a bomb) into one line for the user.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError

from ..errors import UserError
from ..userfiles import check_user_file, read_user_file, show_size
from .pdflines import Line, Run, article_text, page_lines

# A handout with photos can be a few megabytes; past 20 MB it is a book or a scan.
MAX_PDF_BYTES = 20 * 2**20
MAX_PAGES = 50
# The largest stream pypdf may unpack (its own default is 75 MB): a page's drawing commands
# take far less, and images, which may be larger, are never unpacked to read the text.
MAX_STREAM_BYTES = 16 * 2**20
# Words of a content stream parsed at once, per stream: pypdf's default of 2 million takes
# about 5 s and 300 MB; 400,000 take about 1 s and 60 MB, many times a busy handout page.
MAX_STREAM_TOKENS = 400_000
# Drawing operations read in the whole file: a typed page has a few hundred to a few
# thousand; half a million take about 5 s.
MAX_OPERATIONS = 500_000
# The last guard, for work no count above sees (a form drawn again and again, parsed
# afresh each time): a handout takes well under a second.
MAX_SECONDS = 15.0

_LIMITS: dict[str, Any] = {
    "maximum_declared_stream_length": MAX_PDF_BYTES,
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
    "jbig2_maximum_output_length": MAX_STREAM_BYTES,
    "image_maximum_buffer_size": MAX_STREAM_BYTES,
    "stream_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
    "stream_parsing_work_maximum_count": MAX_STREAM_TOKENS,
    "page_tree_maximum_entries": 40 * MAX_PAGES,
    "xform_maximum_invocations_per_extraction": 100,
    "jbig2dec_binary": None,  # never run another program on the user's file
}
_SAVE_AS_TEXT = "copy the text into a .txt file"
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


class _OverBudget(Exception):
    """Reading went past MAX_OPERATIONS or MAX_SECONDS."""


class _Enough(Exception):
    """Twice the text an article may hold has been read: the rest would be cut anyway."""


def read_pdf(path: Path, *, text_limit: int) -> str:
    """The text of a PDF file as Markdown-like lines, at most `text_limit` bytes, or a UserError."""
    check_user_file(path, what="PDF", limit=MAX_PDF_BYTES)
    raw = read_user_file(path, what="PDF", limit=MAX_PDF_BYTES)
    return pdf_text(raw, where=str(path), text_limit=text_limit)


def pdf_text(raw: bytes, *, where: str, text_limit: int) -> str:
    """The text of a PDF's bytes (see `read_pdf`); `where` names the file in messages."""
    if len(raw) > MAX_PDF_BYTES:
        raise UserError(
            f"{where}: the file is {show_size(len(raw))}; a PDF is at most {show_size(MAX_PDF_BYTES)}"
        )
    with _quiet() as troubles, apply_configuration(**_LIMITS):
        pages = _read_pages(raw, where, text_limit)
    text = article_text(pages)
    if sum(c.isalpha() for c in text) < 20:
        if troubles.count:
            raise _damaged(where)
        raise UserError(f"{where}: no text in it; it may be a scan: {_SAVE_AS_TEXT}")
    return _cut(text, text_limit)


class _Troubles(logging.Handler):
    """Counts what pypdf reports while it reads (damage it worked around): kept out of the
    user's terminal, as it would arrive without context, but telling a damaged file from
    a scan when neither gives any text."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def _quiet() -> Iterator[_Troubles]:
    """pypdf's log lines and warnings, caught instead of printed."""
    logger = logging.getLogger("pypdf")
    troubles = _Troubles()
    saved = logger.propagate, logger.level
    logger.addHandler(troubles)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield troubles
    finally:
        logger.removeHandler(troubles)
        logger.propagate, logger.level = saved


def _damaged(where: str) -> UserError:
    return UserError(f"{where}: cannot be read as a PDF (it may be damaged): {_SAVE_AS_TEXT}")


def _open(raw: bytes, where: str) -> PdfReader:
    """A reader on the PDF, decrypted when it opens without a password."""
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        # A PDF locked only against changes opens with the empty password, as in a viewer.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise UserError(
                f"{where}: the PDF is password-protected; open it with its password and save a"
                f" copy without one, or {_SAVE_AS_TEXT}"
            )
    except DependencyError:
        raise UserError(
            f"{where}: the PDF is encrypted with AES, which needs one more package: "
            "pip install cryptography (or copy the text into a .txt file)"
        ) from None
    except LimitReachedError:
        raise UserError(
            f"{where}: the PDF is too big inside to read safely: {_SAVE_AS_TEXT}"
        ) from None
    except UserError:
        raise
    except Exception:  # pypdf meets a damaged file with any kind of error
        raise _damaged(where) from None
    return reader


def _page_count(reader: PdfReader, where: str) -> int:
    try:
        count = len(reader.pages)
    except LimitReachedError:
        count = MAX_PAGES + 1  # more page-tree entries than 50 pages can have
    except Exception:
        raise _damaged(where) from None
    if count > MAX_PAGES:
        shown = f"{count} pages" if count > MAX_PAGES + 1 else "too many pages"
        raise UserError(
            f"{where}: has {shown}; a handout is at most {MAX_PAGES}: save the pages with the exercises as a new PDF"
        )
    if count == 0:
        raise _damaged(where)
    return count


class _Budget:
    """Counts the drawing operations pypdf reads and the text it finds, across the file."""

    def __init__(self, text_limit: int) -> None:
        self.operations = 0
        self.text = 0
        self.text_limit = text_limit
        # CPU time, not the wall clock: a busy machine must not cut a handout short.
        self.deadline = time.process_time() + MAX_SECONDS
        self.over = False
        self.enough = False

    def operation(self, *_: object) -> None:
        self.operations += 1
        # The clock on every operation: one can stand for a whole form, parsed afresh.
        if self.operations > MAX_OPERATIONS or time.process_time() > self.deadline:
            # pypdf swallows errors inside a form; the flag keeps this one.
            self.over = True
            raise _OverBudget

    def check(self) -> None:
        if self.over or time.process_time() > self.deadline:
            self.over = True
            raise _OverBudget


def _read_pages(raw: bytes, where: str, text_limit: int) -> list[tuple[list[Line], float, float]]:
    """Each page's lines with its bottom and top, read within the limits."""
    reader = _open(raw, where)
    count = _page_count(reader, where)
    budget = _Budget(text_limit)
    pages: list[tuple[list[Line], float, float]] = []
    failed = 0
    for number in range(count):
        try:
            budget.check()
            page = reader.pages[number]
            runs = _runs(page, budget)
            box = page.cropbox
            bottom, top = float(box.bottom), float(box.top)
        except (_OverBudget, LimitReachedError):
            raise UserError(
                f"{where}: page {number + 1} holds far more than a handout does and is not read: {_SAVE_AS_TEXT}"
            ) from None
        except Exception:
            failed += 1  # a damaged page: read the others
            continue
        pages.append((page_lines(runs, number), bottom, top))
        if budget.enough:
            break
    if failed == count:
        raise _damaged(where)
    return pages


def _runs(page: Any, budget: _Budget) -> list[Run]:
    """The runs of text on one page, upright text only, with their size and weight."""
    runs: list[Run] = []
    bold: dict[int, bool] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text:
            return
        _, _, c, d, e, f = _times(tm, cm)
        key = id(font)
        if key not in bold:
            bold[key] = _is_bold(font)
        runs.append(Run(text, e, f, abs(size) * (math.hypot(c, d) or 1.0), bold[key]))
        budget.text += len(text)
        if budget.text > 2 * budget.text_limit:
            budget.enough = True  # pypdf swallows errors inside a form; the flag keeps this one
            raise _Enough

    with contextlib.suppress(_Enough):
        page.extract_text(
            orientations=(0,), visitor_text=visit, visitor_operand_before=budget.operation
        )
    budget.check()
    return runs


def _times(m: list[float], n: list[float]) -> tuple[float, float, float, float, float, float]:
    """The product of two PDF matrices [a b c d e f]: text space to page space."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _is_bold(font: Any) -> bool:
    """Whether a font dictionary is a bold face: by name ('Arial,Bold', 'ABCDEF+Lato-Black')
    or, failing that, by the weight or force-bold flag its descriptor gives."""
    try:
        if _BOLD_NAME.search(str(font.get("/BaseFont", ""))):
            return True
        if "/DescendantFonts" in font:
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            return False
        descriptor = descriptor.get_object()
        weight = float(descriptor.get("/FontWeight", 400))
        return weight >= 600 or bool(int(descriptor.get("/Flags", 0)) & (1 << 18))
    except Exception:  # no font, or a damaged one: read as regular
        return False


def _cut(text: str, limit: int) -> str:
    """At most `limit` bytes of UTF-8, ending at a line end."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    cut = data[:limit].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n") + 1] or cut
