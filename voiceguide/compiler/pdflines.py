"""Runs of text on PDF pages -> the article's text, Markdown-like, as a person would type it.

A PDF keeps where each run of text sits and in which font, not what it is; the structure a
reader sees comes back from that. A heading is set larger, or bold where the body is not.
A list item starts with a bullet or a number. A paragraph's lines follow each other at the
body's line spacing, each but the last filling the width, so they are joined into one line
again: a wrapped line left on its own would give the extractor a sentence broken in two.
Headers and footers that repeat at the same place on every page, and page numbers, go.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# Bullets drawn as a symbol of their own ("•Keep" may come without a space), including
# the private-use codes of the Symbol and Wingdings fonts that word processors use.
_SYMBOL_BULLET = re.compile(
    "^[\u2022\u25e6\u25aa\u25ab\u2023\u2043\u2219\u25cf\u25cb\u25a0\u25a1\u27a2\u27a4\u25ba\u2713\u2714\u00b7\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0a8]\\s*(?=\\S)"
)
_DASH_BULLET = re.compile(r"^[-\u2013\u2014*]\s+(?=\S)")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|pg\.?)?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;]['\"\u2019\u201d)]?$")
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Top and bottom of the page where headers, footers and page numbers sit.
_BAND = 0.12


@dataclass(frozen=True)
class Run:
    """Text drawn in one font from one point: x, y in points from the page's bottom left."""

    text: str
    x: float
    y: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Line:
    """One visual line: its text, where it starts, its main font size and weight, its page."""

    text: str
    x: float
    y: float
    size: float
    bold: bool
    page: int


def page_lines(runs: Sequence[Run], page: int) -> list[Line]:
    """The lines of a page, in the order the PDF draws them: runs on one baseline make one."""
    lines: list[Line] = []
    parts: list[Run] = []

    def close() -> None:
        line = _line(parts, page)
        if line is not None:
            lines.append(line)
        parts.clear()

    for run in runs:
        for index, piece in enumerate(run.text.split("\n")):
            if index:
                close()
            if not piece or (not parts and not piece.strip()):
                continue
            # A run on another baseline starts a line even where pypdf saw no line break.
            if parts and index == 0 and piece.strip() and _moved(parts[0], run):
                close()
            parts.append(Run(piece, run.x, run.y, run.size, run.bold))
    close()
    return lines


def _moved(first: Run, run: Run) -> bool:
    return abs(run.y - first.y) > 0.5 * max(run.size, first.size)


def _line(parts: Sequence[Run], page: int) -> Line | None:
    text = _tidy("".join(p.text for p in parts))
    if not text:
        return None
    sizes: Counter[float] = Counter()
    bold = total = 0
    for part in parts:
        count = len(part.text.strip())
        sizes[round(part.size, 1)] += count
        total += count
        bold += count if part.bold else 0
    first = next(p for p in parts if p.text.strip())
    return Line(text, first.x, first.y, sizes.most_common(1)[0][0], bold >= 0.8 * total, page)


def _tidy(text: str) -> str:
    text = _CONTROL.sub("", text.translate(_LIGATURES)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def article_text(pages: Sequence[tuple[Sequence[Line], float, float]]) -> str:
    """Markdown-like text of pages given as (lines, bottom, top): '# ' headings, '- ' and
    '1. ' list items, one line per paragraph, blank lines between blocks."""
    lines = _without_furniture(pages)
    if not lines:
        return ""
    style = _Style(lines)
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks and style.continues(blocks[-1], line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return style.render(blocks)


def _without_furniture(pages: Sequence[tuple[Sequence[Line], float, float]]) -> list[Line]:
    """Every line but the page furniture: page numbers, and lines at the top or bottom of
    the page repeated at the same place on at least half the pages (two or more)."""

    def banded(lines: Sequence[Line], bottom: float, top: float) -> list[Line]:
        band = _BAND * (top - bottom)
        return [line for line in lines if line.y > top - band or line.y < bottom + band]

    def key(line: Line) -> tuple[str, int]:
        # "Page 1 of 2" and "Page 2 of 2" are one footer; a footer stays where it is.
        return re.sub(r"\d+", "#", line.text.lower()), round(line.y / 6)

    seen: Counter[tuple[str, int]] = Counter()
    for lines, bottom, top in pages:
        seen.update({key(line) for line in banded(lines, bottom, top)})
    repeated = {k for k, n in seen.items() if n >= 2 and n >= len(pages) / 2}
    kept: list[Line] = []
    for lines, bottom, top in pages:
        furniture = {
            id(line)
            for line in banded(lines, bottom, top)
            if key(line) in repeated or _PAGE_NUMBER.fullmatch(line.text)
        }
        kept += [line for line in lines if id(line) not in furniture]
    return kept


def _item(text: str) -> str | None:
    """A list item's text in Markdown ('- tip', '2. name'), or None for other text."""
    match = _SYMBOL_BULLET.match(text) or _DASH_BULLET.match(text)
    if match:
        return f"- {text[match.end() :]}"
    match = _NUMBERED.match(text)
    return f"{match.group(1)}. {text[match.end() :]}" if match else None


class _Style:
    """What the body text of a document looks like, and the rules read from it."""

    def __init__(self, lines: Sequence[Line]) -> None:
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
        self.size = sizes.most_common(1)[0][0]
        body = [line for line in lines if self.is_body_size(line)]
        self.bold = sum(len(x.text) for x in body if x.bold) > sum(len(x.text) for x in body) / 2
        gaps: Counter[float] = Counter(
            round(a.y - b.y, 1)
            for a, b in itertools.pairwise(body)
            if a.page == b.page and 0 < a.y - b.y < 3 * self.size
        )
        self.spacing = gaps.most_common(1)[0][0] if gaps else 1.2 * self.size
        # The length of a full line: wrapped lines fill the width, the last of each is
        # shorter; the longest tenth allows for the odd overlong line.
        lengths = sorted(len(line.text) for line in body)
        self.full = lengths[math.ceil(0.9 * (len(lengths) - 1))] if lengths else 80

    def is_body_size(self, line: Line) -> bool:
        return abs(line.size - self.size) <= 0.6

    def continues(self, block: Sequence[Line], line: Line) -> bool:
        """Whether `line` goes on the paragraph (or list item) that `block` has begun."""
        last = block[-1]
        if _item(line.text) is not None or line.bold != last.bold:
            return False
        if abs(line.size - last.size) > 0.6:
            return False
        if line.page != last.page:
            # A paragraph carried over a page break leaves its page mid-sentence.
            return not _SENTENCE_END.search(last.text)
        gap = last.y - line.y
        body = self.is_body_size(last)
        if not 0 < gap <= (1.2 * self.spacing + 0.5 if body else 1.75 * last.size):
            return False
        # A short line ends its paragraph, unless the sentence plainly goes on.
        short = body and len(last.text) < 0.75 * self.full
        if short and (_SENTENCE_END.search(last.text) or not line.text[:1].islower()):
            return False
        # A first line set in from the one before starts a new paragraph (in a list item
        # the lines under the first are set in: that is the item going on).
        return not (body and _item(block[0].text) is None and line.x > last.x + 0.8 * last.size)

    def is_heading(self, block: Sequence[Line], text: str) -> bool:
        """Short, not a sentence, and larger than the body or bold where the body is not."""
        first = block[0]
        if len(text.split()) > 15 or re.search(r"[.,;!?]$", text):
            return False
        bolder = first.bold and not self.bold and first.size > self.size - 0.6
        return self.is_larger(first) or bolder

    def is_larger(self, line: Line) -> bool:
        return line.size >= 1.15 * self.size

    def render(self, blocks: Sequence[Sequence[Line]]) -> str:
        """The blocks as Markdown: headings ranked by size ('#' the largest, at most '###')."""
        shown: list[tuple[str, str, tuple[float, bool] | None]] = []  # (kind, text, heading style)
        for block in blocks:
            text = _joined([line.text for line in block])
            item = _item(text)
            # A numbered line set larger than the body is a section's heading ("2. Tips").
            if item is not None and not self.is_larger(block[0]):
                shown.append(("number" if item[0].isdigit() else "bullet", item, None))
            elif self.is_heading(block, text):
                shown.append(("heading", text, (round(block[0].size), block[0].bold)))
            else:
                shown.append(("paragraph", text, None))
        styles = sorted({s for _, _, s in shown if s is not None}, key=lambda s: (-s[0], not s[1]))
        out: list[str] = []
        previous = ""
        for kind, text, style in shown:
            if style is not None:
                text = f"{'#' * min(3, 1 + styles.index(style))} {text}"
            if out:  # a list's items on consecutive lines; a blank line between other blocks
                out.append("\n" if kind == previous and kind in ("number", "bullet") else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out) + "\n"


def _joined(texts: Sequence[str]) -> str:
    """Lines of one paragraph as one line. A word broken at a hyphen stays whole (keeping
    the hyphen: 'arm-length'); a soft hyphen, which only marks the break, goes."""
    parts = [texts[0]]
    for before, text in itertools.pairwise(texts):
        # Only the end of the line before is looked at: a paragraph may be long.
        if before.endswith("\u00ad") or (before[-2:-1].isalpha() and before.endswith("-")):
            parts.append(text)
        else:
            parts.append(" " + text)
    return "".join(parts).replace("\u00ad", "")
