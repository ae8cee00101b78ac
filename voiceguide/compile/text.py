"""Article text in any of the shapes people paste: plain text, Markdown or HTML -> lines."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK_TAGS = {
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
}
_SKIP_TAGS = {
    "script",
    "style",
    "nav",
    "footer",
    "header",
    "aside",
    "form",
    "button",
    "noscript",
    "svg",
}


class _Flatten(HTMLParser):
    """Keeps the text and the block structure: a heading or list item becomes its own line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.numbers: list[int] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
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
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            if tag in ("ol", "ul") and self.numbers:
                self.numbers.pop()
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|div|li|h[1-6]|ul|ol|br|html|body)\b", text, re.IGNORECASE))


def article_lines(text: str) -> list[str]:
    """Non-empty lines, markup stripped, whitespace tidied."""
    if looks_like_html(text):
        parser = _Flatten()
        parser.feed(text)
        text = "".join(parser.parts)
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
    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        line = re.sub(r"\*\*|__|`", "", line)  # Markdown emphasis
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # Markdown links keep their words
        if not line or re.fullmatch(r"[=\-*_#]{3,}", line):
            continue
        lines.append(line)
    return lines
