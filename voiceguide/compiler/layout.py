"""Lines as a page lays them out -> one line per heading, item or paragraph: run-on items
split, decorations and repeated lines taken out, before any line is read for exercises."""

from __future__ import annotations

import re

# "Exercise 2:", "Übung 2", "Ejercicio nº 2", "Exercice n°2": an item of a numbered list.
ITEM_WORDS = (
    r"(?:step|exercise|stretch|move|übung|schritt|ejercicio|estiramiento|paso|exercice|étape)"
)
_WORDED = rf"{ITEM_WORDS}\s*(?:n[°º.]?\s*)?\d{{1,2}}"
ITEM = rf"(?:\d{{1,2}}\.\s*{ITEM_WORDS}\s*:|\d{{1,2}}[.)]|\d{{1,2}}\s*/\s*\d{{1,2}}\.|{_WORDED}\s*[:.)-]?)"
# Where a paragraph runs on into its next item: "... 10 segundos. 2 / 5. Desbloquea ...".
_RUN_ON = re.compile(rf"(?<=[.!?])\s+(?=(?:\d{{1,2}}\s*/\s*\d{{1,2}}\.|{_WORDED}\s*[:.)])\s)", re.I)
# An item numbered "1. Übung:", "2. Exercise:" inside a line, after whatever ran into it
# (a photo's credit: "Arbeitsplatz © Flickr 1. Übung: Schulterrollen").
_ITEM_INSIDE = re.compile(rf"\s+(?=\d{{1,2}}\.\s*{ITEM_WORDS}\s*:)", re.I)
# A stop with no space after it, between words: "10 SECONDS.REPEAT", "relax.Then".
_NO_SPACE = re.compile(r"(?<=[^\W\d_]{2}[.!?])(?=[A-ZÄÖÜÁÉÍÓÚÑÀÂÇÈÊÎÔ][^\W\d_])")
# A page's number glued to its item: "1Cervical Retraction", "2Chin Tuck".
_GLUED = re.compile(r"^(\d{1,2})(?=[A-ZÄÖÜÁÉÍÓÚÑÀÂÇÈÊÎÔ][a-zäöüßáéíóúñàâçèéêîô])")
# An item's number or bullet on a line of its own ("1.", "-"), its text on the next.
_ITEM_ALONE = re.compile(rf"^(?:{ITEM}|[-*])$", re.IGNORECASE)
# The symbols a page decorates a line with, after its bullet if any: "✅ Flexión",
# "- 🔁 Repeticiones" (arrows, dingbats, shapes and emoji).
_DECORATION = re.compile(r"^((?:[-*]\s+)?)[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\s]+")
# A bullet glued to its text: "-Pour terminer" (a page's "•" lost its space).
_GLUED_BULLET = re.compile(r"^-(?=[A-ZÄÖÜÁÉÍÓÚÑÀÂÇÈÊÎÔ][a-zäöüßáéíóúñàâçèéêîô])")
_OF_ALL = re.compile(r"^(\d{1,2})\s*/\s*\d{1,2}\.\s*")  # "1 / 5." -> "1."


def laid_out(lines: list[str]) -> list[str]:
    """The page's lines, each a heading, an item or a paragraph of its own."""
    out: list[str] = []
    for raw in lines:
        parts = _RUN_ON.split(_NO_SPACE.sub(" ", raw))
        for part in (piece for run in parts for piece in _ITEM_INSIDE.split(run)):
            line = _DECORATION.sub(r"\1", _GLUED_BULLET.sub("- ", part.strip()))
            line = _OF_ALL.sub(r"\1. ", _GLUED.sub(r"\1. ", line))
            if line and out and _ITEM_ALONE.match(out[-1]):  # "1." or "-" alone, then its text
                out[-1] = f"{out[-1]} {line}"
            # A page that repeats its heading ("Neck stretches" / "Neck stretches,"): said
            # once, and a heading for that.
            elif out and line.rstrip(",:;.").lower() == out[-1].lstrip("# ").lower():
                out[-1] = out[-1] if out[-1].startswith("#") else f"## {out[-1]}"
            elif line:
                out.append(line)
    return out
