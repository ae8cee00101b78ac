"""Cold builds, again and again: do they all succeed and give the same bytes?

For each routine: N builds, each into an empty speech cache (alternately with --jobs 1
and --jobs 2, so one or two speech engines), one build from a cache that the other bundled
routines filled first, and one with --no-cache. Prints each file's hash and a verdict;
exits 1 if any build failed or any two files differ. Best run on a busy machine, e.g.
with two `timeout 600 sh -c 'while :; do :; done' &` beside it.

Run: .venv/bin/python scripts/check_reproducible.py [--runs 10] [five-moves stretch-and-strengthen]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from voiceguide.library import bundled_paths


def _build(routines: list[str], out: Path, cache: Path | None, *extra: str) -> tuple[bool, str]:
    env = {**os.environ, "VOICEGUIDE_CACHE": str(cache or out / "unused-cache")}
    done = subprocess.run(
        [sys.executable, "-m", "voiceguide.cli", "build", *routines, "-o", str(out), *extra],
        env=env,
        capture_output=True,
        text=True,
    )
    return done.returncode == 0, done.stderr.strip().splitlines()[-1] if done.stderr else ""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("routines", nargs="*", default=["five-moves", "stretch-and-strengthen"])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="vg-repro-") as scratch:
        root = Path(scratch)
        for routine in args.routines:
            hashes: dict[str, str] = {}
            started = time.perf_counter()
            for run in range(args.runs):
                jobs = "1" if run % 2 == 0 else "2"
                out, cache = root / f"{routine}-{run}", root / f"cache-{routine}-{run}"
                # --jobs applies across routines; the engines per build follow the cores left.
                ok, said = _build([routine], out, cache, "--jobs", jobs)
                label = f"cold #{run + 1} (--jobs {jobs})"
                if not ok:
                    failures += 1
                    print(f"{routine}: {label} FAILED: {said}")
                    continue
                hashes[label] = _digest(out / f"{routine}.mp3")
            others = [slug for slug in bundled_paths() if slug != routine]
            shared = root / f"shared-{routine}"
            _build(others, root / f"others-{routine}", shared)
            ok, said = _build([routine], root / f"after-{routine}", shared)
            if ok:
                hashes["after the others filled the cache"] = _digest(
                    root / f"after-{routine}" / f"{routine}.mp3"
                )
            else:
                failures += 1
                print(f"{routine}: build after the others FAILED: {said}")
            ok, said = _build([routine], root / f"none-{routine}", None, "--no-cache")
            if ok:
                hashes["--no-cache"] = _digest(root / f"none-{routine}" / f"{routine}.mp3")
            else:
                failures += 1
                print(f"{routine}: --no-cache build FAILED: {said}")
            distinct = set(hashes.values())
            seconds = time.perf_counter() - started
            print(
                f"{routine}: {len(hashes)} builds in {seconds:.0f} s, "
                f"{len(distinct)} distinct file(s): {', '.join(sorted(distinct))}"
            )
            if len(distinct) > 1:
                failures += 1
                for label, digest in hashes.items():
                    print(f"   {digest}  {label}")
    print("all identical, no failures" if not failures else f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
