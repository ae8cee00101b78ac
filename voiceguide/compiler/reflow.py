"""Lines as typed -> lines as meant: a paragraph wrapped by hand joined again, and a table's
rows told as sentences ("- Wall angels: 2 sets. 12 reps."), so each exercise is one line."""

from __future__ import annotations

import re

# Column titles a table of exercises has; two of them make a row of cells a table's header.
_COLUMNS = {
    "name": r"exercises?|stretch(?:es)?|moves?|name|activity",
    "sets": r"sets?|rounds?",
    "reps": r"reps?|repetitions?|times|count",
    "hold": r"hold(?: time)?|duration|time|seconds|secs?",
    "sides": r"sides?|each side",
    "skip": r"rest|frequency|notes?|comments?|equipment|level|day|week|tempo",
}
# The same columns in German, Spanish and French handouts.
_COLUMNS_ABROAD = {
    "name": r"übung(?:en)?|dehnung|ejercicios?|estiramiento|nombre|exercices?|étirement|nom",
    "sets": r"sätze|satz|serien|durchgänge|series|séries",
    "reps": r"wdh\.?|wiederholungen|mal|repeticiones|rep\.?|veces|répétitions|rép\.?|fois",
    "hold": r"halten|haltezeit|dauer|sekunden|sek\.?|mantener|duración|segundos|seg\.?"
    r"|tenir|maintien|durée|secondes",
    "sides": r"seiten?|pro seite|lados?|por lado|côtés?|par côté",
    "skip": r"pause|häufigkeit|hinweise?|descanso|frecuencia|notas?|repos|fréquence|remarques?",
}
_COLUMNS = {kind: f"{words}|{_COLUMNS_ABROAD[kind]}" for kind, words in _COLUMNS.items()}
# One column for a count or a time, as these handouts have it ("Repeticiones / tiempo"):
# a cell with a unit is a hold, else its first number is the reps.
# Either way round: "Tiempo / repeticiones" too.
_COUNT = r"wiederholungen|wdh\.?|repeticiones|répétitions"
_TIME = r"zeit|dauer|tiempo|temps|durée"
_COLUMNS["count"] = rf"(?:{_COUNT})\s*/\s*(?:{_TIME})|(?:{_TIME})\s*/\s*(?:{_COUNT})"
_UNIT_FIRST = re.compile(
    r"^\d+(?:\s*-\s*\d+)?\s*(?:s|sek\.?|seg\.?|sec\.?|min\.?|\w*sekunden|segundos|secondes|minut\w*)\b",
    re.I,
)
_EMPTY = {"", "-", "--", "—", "n/a", "na", "x"}
_SEPARATOR = re.compile(r"^[\s|:+=_-]+$")
_ENDS_SENTENCE = re.compile(r"[.!?:;]\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•+]\s|\d{1,2}[.)]\s|#)")


def reflow(lines: list[str]) -> list[str]:
    """The lines of an article with hand-wrapped paragraphs joined and tables told as lines."""
    return _join_wrapped(_tables(lines))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _header(line: str) -> list[str] | None:
    """The kind of each column, if the line is a table's header ('Exercise | Sets | Reps')."""
    if line.count("|") < 2:
        return None
    kinds = []
    for cell in _cells(line):
        kind = next(
            (
                k
                for k, pattern in _COLUMNS.items()
                if re.fullmatch(pattern, cell, re.IGNORECASE)
                or (k == "name" and re.match(rf"(?:{pattern})\b", cell, re.IGNORECASE))
            ),
            "other",
        )
        kinds.append(kind)
    known = [k for k in kinds if k in ("sets", "reps", "hold", "sides", "count")]
    # A page's table names its exercise and gives one column of numbers ("Ejercicio | Cómo
    # hacerlo | Tiempo / repeticiones"), said in words in each row.
    return kinds if len(known) >= 2 or ("name" in kinds and "count" in kinds) else None


def _told(name: str, kinds: list[str], cells: list[str]) -> str:
    """One row as a lead and sentences: '- Wall angels: 2 sets. 12 reps. Hold 5 sec.'"""
    said = []
    for kind, cell in zip(kinds, cells, strict=False):
        if cell.lower() in _EMPTY or kind in ("name", "skip"):
            continue
        if kind == "sets":
            said.append(f"{cell} sets.")
        elif kind == "reps":
            said.append(f"{cell} reps.")
        elif (
            kind == "count"
            and re.search(r"\d\s*[^\W\d_]{3,}", cell)
            and not _UNIT_FIRST.match(cell)
        ):
            said.append(cell.rstrip(".") + ".")  # "2 series de 10": words say what the numbers are
        elif kind == "count" and not _UNIT_FIRST.match(cell):
            said.append(re.sub(r"^(\d+(?:\s*-\s*\d+)?)", r"\1 reps", cell).rstrip(".") + ".")
        elif kind in ("hold", "count"):
            unit = "" if re.search(r"[a-z]", cell, re.IGNORECASE) else " seconds"
            said.append(f"Hold for {cell}{unit}.")
        elif kind == "sides" and re.search(
            r"\b(?:yes|both|each|l\s*\+\s*r|left and right|ja|beide|sí|ambos|oui|les deux)\b",
            cell,
            re.I,
        ):
            said.append("On each side.")
        elif kind == "other":
            said.append(cell if _ENDS_SENTENCE.search(cell) else f"{cell}.")
    name = re.sub(r"^\d{1,2}[.)]\s*", "", name).strip()
    name = name[:1].upper() + name[1:]
    return f"- {name}: {' '.join(said)}" if said else f"- {name}"


def _piped(line: str) -> str:
    """A plain-text table's row, its columns set apart by tabs or runs of spaces, as cells
    between bars ("Chin tuck     3     10" -> "Chin tuck | 3 | 10"); any other line as is."""
    if "|" in line:
        return line
    cells = [cell for cell in re.split(r"\t+|\s{2,}", line.strip()) if cell]
    return " | ".join(cells) if len(cells) >= 2 else line


def _tables(lines: list[str]) -> list[str]:
    out: list[str] = []
    kinds: list[str] | None = None
    rows: list[list[str]] = []  # [name, *cells] of the table being read

    def finish() -> None:
        assert kinds is not None
        where = kinds.index("name") if "name" in kinds else 0
        for row in rows:
            out.append(_told(row[where], kinds, row))

    for line in lines:
        if kinds is None:
            kinds = _header(_piped(line))
            if kinds is None:
                out.append(line)
            continue
        line = _piped(line)
        if _SEPARATOR.match(line) or not line.strip():
            continue  # a page's rows come with empty lines between them
        if "|" not in line:
            finish()
            kinds, rows = None, []
            out.append(line)
            continue
        cells = _cells(line)
        where = kinds.index("name") if "name" in kinds else 0
        others = [c for i, c in enumerate(cells) if i != where and c.lower() not in _EMPTY]
        if rows and not others and where < len(cells) and cells[where]:
            rows[-1][where] += " " + cells[where]  # the name wrapped onto a second row
        elif any(cells):
            rows.append(cells + [""] * (len(kinds) - len(cells)))
    if kinds is not None:
        finish()
    return out


def _join_wrapped(lines: list[str]) -> list[str]:
    """A line that goes on in lower case after one that ends mid-sentence is the same line,
    as text wrapped at a fixed width has it ('Squeeze shoulder blades back and' / 'down')."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        previous = out[-1].strip() if out else ""
        if (
            previous
            and stripped[:1].islower()
            and not _ENDS_SENTENCE.search(previous)
            and not previous.startswith("#")
            and "|" not in previous
            and not _LIST_ITEM.match(line)
        ):
            out[-1] = f"{out[-1].rstrip()} {stripped}"
        else:
            out.append(line)
    return out
