"""Benchmark a programme build: python scripts/bench_programme.py [PROGRAMME] [--jobs N] [--json FILE]

Builds a programme (default: the bundled relief-four-weeks) three times, each in a fresh
process with an empty clip cache of its own at the start: cold (everything spoken and
encoded), again unchanged (every track kept), and after one week's hold is changed in a
copy of the file (only that week's track rebuilt). Reports wall time, CPU time (with child
processes), peak memory, tracks built and kept, phrases spoken, and the audio's length.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# One programme build in a fresh process, reporting its own measurements as JSON.
RUNNER = r"""
import json, resource, sys, time
from pathlib import Path
t0, c0 = time.perf_counter(), time.process_time()
from voiceguide.pipeline.build import OutputSettings
from voiceguide.programme.build import build_programme
from voiceguide.programme.reader import load_programme
from voiceguide.speech.pool import SpeechSettings
path, out, cache, jobs = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
result = build_programme(
    load_programme(path), speech=SpeechSettings(cache_dir=cache),
    output=OutputSettings(out), jobs=jobs,
)
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "wall": time.perf_counter() - t0,
    "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    "peak_mb": me.ru_maxrss / 1024, "child_peak_mb": kids.ru_maxrss / 1024,
    "built": result.rebuilt, "kept": result.kept, "spoken": result.spoken,
    "audio_s": sum(t.result.timeline.seconds for t in result.tracks if t.result),
}))
"""


def run(path: Path, out: Path, cache: Path, jobs: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(path), str(out), str(cache), str(jobs)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_week_changed(source: Path, folder: Path) -> Path:
    """A copy of the programme whose week 2 hold (for every exercise) is 7 s longer."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    progress = data.setdefault("progress", {})
    hold = progress.get("hold")
    if isinstance(hold, dict) and "start" in hold:
        week2 = hold["start"] + hold.get("add", 0)
        hold["week 2"] = week2 + 7 if "up_to" not in hold else min(week2 + 7, hold["up_to"])
    else:
        progress["hold"] = {"week 1": 20, "week 2": 27, "week 3": 20}
    for session in data.get("sessions", []):  # bundled routines stay by name
        if isinstance(session, dict) and str(session.get("routine", "")).endswith(".yaml"):
            session["routine"] = str((source.parent / session["routine"]).resolve())
    changed = folder / source.name
    changed.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("programme", nargs="?", default="relief-four-weeks")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    from voiceguide.library import bundled_programme_paths

    source = bundled_programme_paths().get(args.programme) or Path(args.programme)
    rows = {}
    with tempfile.TemporaryDirectory() as scratch:
        here = Path(scratch)
        out, cache = here / "out", here / "cache"
        rows["cold"] = run(source, out, cache, args.jobs)
        rows["unchanged"] = run(source, out, cache, args.jobs)
        # The changed copy builds into the same folder: its tracks' keys do not name the file.
        rows["one week changed"] = run(with_week_changed(source, here), out, cache, args.jobs)
    print(f"programme {args.programme}, --jobs {args.jobs}")
    print(
        f"{'run':18} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'built':>5} {'kept':>4} {'spoken':>6} {'audio':>8}"
    )
    for name, r in rows.items():
        peak = max(r["peak_mb"], r["child_peak_mb"])
        print(
            f"{name:18} {r['wall']:7.1f} {r['cpu']:7.1f} {peak:8.0f} {r['built']:5d} "
            f"{r['kept']:4d} {r['spoken']:6d} {r['audio_s'] / 60:7.1f}m"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
