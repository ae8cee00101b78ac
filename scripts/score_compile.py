"""Score `compile` against a labelled folder of real texts, per language, layout and text.

Run: .venv/bin/python scripts/score_compile.py [tests/compile_real/frozen ...] [--misses]
The frozen split is scored once, before compile changes for it; see tests/compile_real/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from compile_score import score_folder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every field missed")
    parser.add_argument(
        "--by-position",
        action="store_true",
        help="the older rule: routine by routine, position by position, labels as written",
    )
    args = parser.parse_args()
    for folder in args.folders or [ROOT / "tests/compile_real/frozen"]:
        result = score_folder(folder, aligned=not args.by_position)
        print(f"## {folder}: {result.total}")
        for title, table in (("language", result.by_language), ("layout", result.by_layout)):
            print(f"\n| {title} | fields right |\n|---|---|")
            for key, score in sorted(table.items()):
                print(f"| {key} | {score} |")
        print("\n| text | fields right |\n|---|---|")
        for key, score in sorted(result.by_text.items()):
            print(f"| {key} | {score} |")
        if args.misses:
            print("\n" + "\n".join(result.total.misses))
        print()


if __name__ == "__main__":
    main()
