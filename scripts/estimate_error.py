"""How far `plan`'s and the page's estimate lands from the built track, for every bundled
routine at several speaking rates.

For each routine and rate it first estimates with an empty cache (nothing spoken yet: every
phrase's length guessed, the worst case a user meets), then builds (speaking what the shared
cache lacks) and compares the built track's length with the estimate. Prints one row each,
then per rate the median and the worst error.
Run: .venv/bin/python scripts/estimate_error.py [--rates 130,160,190] [--level strong]
     [ROUTINE ...]   (bundled slugs or YAML paths; default: every bundled routine)
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from voiceguide.library import all_bundled, find_routines
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.pipeline.estimate import timeline_for
from voiceguide.planning.planner import plan
from voiceguide.settings.options import Options
from voiceguide.speech.engine import Voice
from voiceguide.speech.pool import SpeechSettings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rates", default="130,160,190")
    parser.add_argument("--level", default="standard")
    parser.add_argument("routines", nargs="*")
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    routines = find_routines(args.routines) if args.routines else all_bundled()
    options = Options(level=args.level)
    errors: dict[int, list[tuple[float, float]]] = {rate: [] for rate in rates}
    print(f"{'routine':24} {'rate':>4} {'estimate':>9} {'built':>9} {'error s':>8} {'error %':>8}")
    with tempfile.TemporaryDirectory() as scratch:
        empty, out = Path(scratch) / "empty-cache", Path(scratch) / "out"
        for rate in rates:
            voice = Voice(rate=rate)
            for routine in routines:
                script = plan(routine, options, speaking_rate=rate)
                estimate, _ = timeline_for(script, voice=voice, cache_dir=empty)
                built = build(
                    routine,
                    options=options,
                    output=OutputSettings(out, sidecars=False),
                    speech=SpeechSettings(voice=voice),
                ).timeline
                error = estimate.seconds - built.seconds
                share = 100 * error / built.seconds
                errors[rate].append((error, share))
                print(
                    f"{routine.slug:24} {rate:4d} {estimate.seconds:9.1f} {built.seconds:9.1f}"
                    f" {error:+8.1f} {share:+8.2f}",
                    flush=True,
                )
    print()
    print(f"{'rate':>4} {'median |error|':>22} {'worst error':>22}")
    for rate, found in errors.items():
        median_s = statistics.median(abs(e) for e, _ in found)
        median_pc = statistics.median(abs(p) for _, p in found)
        worst, worst_pc = max(found, key=lambda f: abs(f[0]))
        print(
            f"{rate:4d} {median_s:10.1f} s {median_pc:6.2f} % {worst:+10.1f} s {worst_pc:+6.2f} %"
        )


if __name__ == "__main__":
    main()
