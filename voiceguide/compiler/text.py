"""Article text in any of the shapes people paste: plain text, Markdown or HTML -> lines."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import UserError
from ..userfiles import peek_user_file, read_user_file
from .layout import laid_out
from .reflow import reflow

_BLOCK_TAGS = set(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "br",
        "tr",
        "section",
        "article",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)
_SKIP_TAGS = set(
    ["script", "style", "nav", "footer", "header", "aside", "form", "button", "noscript", "svg"]
)

_LINK = re.compile(r"\[([^\[\]]+)\]\([^()]*\)")
# A tag for the fallback reader; no "<" inside, so each try stops at the next one.
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)?[^<>]*>")
_BOLD_LINE = re.compile(r"^(?:[-*]\s+|\d{1,2}[.)]\s+)?(?:\*\*|__)([^*_]{2,80}?)(?:\*\*|__):?$")
# *italic* and _italic_, not a "* " bullet or a snake_case word.
_ITALIC = re.compile(r"(?<![\w*])[*_](?=\S)([^*_\n]{1,200}?)(?<=\S)[*_](?![\w*])")
# The longest of our source articles is 10 kB; 1 MB leaves room for a web page saved with
# all its markup. Past that it is not one article, and drafting it would only take longer.
MAX_ARTICLE_BYTES = 1_000_000


class _Flatten(HTMLParser):
    """Keeps the text and the block structure: a heading or list item becomes its own line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.numbers: list[int] = []
        # The page's <title> is its title only when no <h1> names the article itself.
        self.in_title = False
        self.title: list[str] = []
        self.has_h1 = False

    def handle_starttag(self, tag: str, attrs) -> None:
        self.in_title = tag == "title"
        self.has_h1 = self.has_h1 or tag == "h1"
        if self.in_title:
            return
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif self.skipping:
            return  # a menu's list items are no lines ("-" alone would be the title)
        elif tag in ("td", "th"):
            self.parts.append(" | ")  # a table row is read as cells, as a typed table is
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag == "ol":
                self.numbers.append(0)
            elif tag == "ul":
                self.numbers.append(-1)
            elif tag == "li":
                if self.numbers and self.numbers[-1] >= 0:
                    self.numbers[-1] += 1
                    self.parts.append(f"{self.numbers[-1]}. ")
                else:
                    self.parts.append("- ")
            elif tag.startswith("h"):
                self.parts.append("# ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS and not self.skipping:
            if tag in ("ol", "ul") and self.numbers:
                self.numbers.pop()
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data.replace("\n", " "))


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|li|h[1-6]|ul|ol|br|html|body)\b", text, re.IGNORECASE))


def read_article(path: Path) -> str:
    """The text of an article file, at most MAX_ARTICLE_BYTES, or a one-line UserError."""
    if peek_user_file(path, what="article", size=5) == b"%PDF-":
        from .pdf import read_pdf  # pypdf is loaded for a PDF only

        return read_pdf(path, text_limit=MAX_ARTICLE_BYTES)
    raw = read_user_file(path, what="article", limit=MAX_ARTICLE_BYTES)
    if b"\0" in raw:
        raise UserError(
            f"{path}: binary data, not an article; give a text, Markdown or HTML file saved as UTF-8"
        )
    return raw.decode("utf-8", errors="replace")


def _html_text(text: str) -> str:
    """The text of an HTML page with its block structure as lines."""
    parser = _Flatten()
    try:
        parser.feed(text)
    except AssertionError:
        # html.parser gives up on some malformed declarations ("<![ x") with an
        # AssertionError; the page is still read, as text with its tags taken out.
        return _TAG.sub(lambda m: "\n" if (m[1] or "").lower() in _BLOCK_TAGS else "", text)
    title = "" if parser.has_h1 else " ".join("".join(parser.title).split())
    return (f"# {title}\n" if title else "") + "".join(parser.parts)


def article_lines(text: str) -> list[str]:
    """Non-empty lines, markup stripped, whitespace tidied."""
    if looks_like_html(text):
        text = _html_text(text)
    text = html.unescape(text)
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    text = (
        text.replace("\u2013", "-")
        .replace("\u2014", " - ")
        .replace("\u2022", "-")
        .replace("\u00a0", " ")
    )
    lines = []
    for raw in reflow(text.splitlines()):
        line = re.sub(r"\s+", " ", raw).strip()
        line = re.sub(r"^(?:>\s*)+", "", line)  # a Markdown quote: "> **Safety first:** ..."
        # A line all in bold is a heading ("**Chin tuck**"), as in most Markdown articles.
        line = _BOLD_LINE.sub(r"## \1", line)
        line = re.sub(r"\*\*|__|`", "", line)  # Markdown emphasis
        line = _ITALIC.sub(r"\1", line)
        # Markdown links keep their words. Neither part may hold its own opening bracket:
        # else each "[" scans to the end of the line, and "[[[[..." costs its length squared.
        line = _LINK.sub(r"\1", line)
        if not line or re.fullmatch(r"[=\-*_#]{3,}", line):
            continue
        lines.append(line)
    return laid_out(lines)


def from_title(lines: list[str]) -> list[str]:
    """The lines from a page's first heading on, where all before it are a few short words
    that say nothing (a cookie banner's "Continuer sans accepter", a breadcrumb "Accueil ›
    Forme & sport › Dos", a category link): the heading, not they, is the title."""
    if not lines or lines[0].startswith("#"):
        return lines
    for at, line in enumerate(lines[1:4], start=1):
        if line.startswith("# "):
            before = lines[:at]
            if all(
                len(re.findall(r"[^\W\d_]+", b)) <= 6 and not re.search(r"[.!?:]$|\d", b)
                for b in before
            ):
                return lines[at:]
            break
    return lines
