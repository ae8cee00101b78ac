"""Load on the web page: python scripts/web_load.py [--browsers 8] [--routine SLUG|FILE] [--same]

Starts one server (`voiceguide.web.start_server`, in a child process so that its memory is
its own) and N headless Chromium processes at once (Playwright, Debian's /usr/bin/chromium,
see tests/browser.py). Each browser opens the routine's page, sets the first exercise's hold
to a value of its own (the same for all with --same), presses Build, waits for the player
and downloads the MP3. Then the CLI builds each of those settings
(`voiceguide build FILE --set EXERCISE.hold=N`) and every download's audio must be byte-identical
to the CLI's file. Prints the wall time of each build (Build pressed to player shown), the
total, the CLI's time, and the peak memory (PSS) of the server with its build workers and
of the browsers. Exits 1 when a download differs or a build fails.

The clip cache is the usual one (VOICEGUIDE_CACHE, else the user's); --cold gives the run
an empty one, so the builds synthesise every phrase.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser's launch flags live with the tests

from browser import chromium_missing, launch_options  # noqa: E402

BUILD_SECONDS = 600  # a build may wait for every other one before it

# The server, in its own process: prints its address, runs until its stdin closes.
SERVE = r"""
import sys
from pathlib import Path
from voiceguide.web import start_server
server = start_server(routines=Path(sys.argv[1]), output=Path(sys.argv[2]),
                      jobs=int(sys.argv[3]) or None)
print(server.url, flush=True)
sys.stdin.read()
server.stop()
"""


@dataclass
class Run:
    browser: int
    hold: str
    build_seconds: float = 0.0  # Build pressed to player shown
    download_seconds: float = 0.0
    mp3: str = ""
    identical: bool | None = None
    error: str = ""


@dataclass
class Report:
    routine: str
    browsers: int
    runs: list[Run] = field(default_factory=list)
    launch_seconds: float = 0.0  # every browser started
    total_seconds: float = 0.0  # first Build pressed to last download saved
    cli_builds: int = 0  # the settings the browsers used, each built once by the CLI
    cli_seconds: float = 0.0  # the CLI building them, one after another
    server_peak_mb: float = 0.0
    browsers_peak_mb: float = 0.0

    def lines(self) -> list[str]:
        out = [f"{self.browsers} browsers building {self.routine} at once"]
        for run in self.runs:
            same = {True: "identical to the CLI's", False: "DIFFERS from the CLI's"}
            verdict = run.error or same.get(run.identical, "not compared")
            out.append(
                f"  browser {run.browser}: hold {run.hold:>3}  build {run.build_seconds:6.1f} s"
                f"  download {run.download_seconds:4.1f} s  {verdict}"
            )
        builds = [run.build_seconds for run in self.runs] or [0.0]
        out += [
            f"browsers started in {self.launch_seconds:.1f} s",
            f"build wall time: min {min(builds):.1f} s, max {max(builds):.1f} s,"
            f" mean {sum(builds) / len(builds):.1f} s",
            f"total (first Build to last download): {self.total_seconds:.1f} s",
            f"CLI, the same settings ({self.cli_builds} build{'s' * (self.cli_builds != 1)})"
            " one after another:"
            f" {self.cli_seconds:.1f} s",
            f"peak memory (PSS): server with its workers {self.server_peak_mb:.0f} MB,"
            f" browsers {self.browsers_peak_mb:.0f} MB",
        ]
        return out


# --- memory -------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _family(root: int, tree: dict[int, list[int]]) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, []))
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages split between their sharers, so a family of
    Chromium processes is not counted many times over."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemoryPeaks:
    """Samples the PSS of the server's process family and of ours without it (the
    Playwright driver and the browsers) until stopped."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid, self.server_kb, self.browsers_kb = server_pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> MemoryPeaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            tree = _children()
            server = set(_family(self.server_pid, tree))
            ours = set(_family(os.getpid(), tree)) - server - {os.getpid()}
            self.server_kb = max(self.server_kb, sum(_pss_kb(p) for p in server))
            self.browsers_kb = max(self.browsers_kb, sum(_pss_kb(p) for p in ours))


# --- the browsers -------------------------------------------------------------------------


async def _one(browser, url: str, slug: str, exercise: str, run: Run, folder: Path) -> None:
    try:
        await _build_and_download(browser, url, slug, exercise, run, folder)
    except Exception as err:  # one browser's failure is reported with the others' figures
        run.error = f"FAILED: {type(err).__name__}: {str(err).splitlines()[0]}"


async def _build_and_download(
    browser, url: str, slug: str, exercise: str, run: Run, folder: Path
) -> None:
    context = await browser.new_context(accept_downloads=True)
    context.set_default_timeout(60_000)
    page = await context.new_page()
    await page.goto(f"{url}/routine/{slug}")
    await page.locator(f'#settings input[name="hold-{exercise}"]').fill(run.hold)
    started = time.perf_counter()
    await page.locator("#build").click()
    await page.locator("#player, #build-status.failed").first.wait_for(
        state="attached", timeout=BUILD_SECONDS * 1000
    )
    run.build_seconds = time.perf_counter() - started
    status = page.locator("#build-status")
    if "failed" in ((await status.get_attribute("class")) or "").split():
        raise RuntimeError(f"the build failed: {await status.inner_text()}")
    started = time.perf_counter()
    async with page.expect_download() as downloading:
        await page.locator("#download-mp3").click()
    download = await downloading.value
    mp3 = folder / f"browser-{run.browser}.mp3"
    await download.save_as(mp3)
    run.download_seconds, run.mp3 = time.perf_counter() - started, str(mp3)
    await context.close()


async def _browse(url: str, slug: str, exercise: str, report: Report, folder: Path) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        started = time.perf_counter()
        browsers = await asyncio.gather(
            *(playwright.chromium.launch(**launch_options()) for _ in report.runs)
        )
        report.launch_seconds = time.perf_counter() - started
        try:
            started = time.perf_counter()
            await asyncio.gather(
                *(
                    _one(browser, url, slug, exercise, run, folder)
                    for browser, run in zip(browsers, report.runs, strict=True)
                )
            )
            report.total_seconds = time.perf_counter() - started
        finally:
            await asyncio.gather(*(browser.close() for browser in browsers))


# --- the whole run ------------------------------------------------------------------------


def _cli_builds(target: str, slug: str, exercise: str, report: Report, work: Path) -> None:
    """Build every setting with the CLI and compare each download with its file."""
    started = time.perf_counter()
    built: dict[str, Path] = {}
    for hold in dict.fromkeys(run.hold for run in report.runs):
        out = work / f"cli-hold-{hold}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "voiceguide.cli",
                "build",
                target,
                "--set",
                f"{exercise}.hold={hold}",
                "-o",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        built[hold] = out / f"{slug}.mp3"
    report.cli_seconds, report.cli_builds = time.perf_counter() - started, len(built)
    for run in report.runs:
        if run.mp3:
            run.identical = _untagged(Path(run.mp3)) == _untagged(built[run.hold])


def _untagged(mp3: Path) -> bytes:
    """The file's audio, without its ID3 tags: the settings tag says where a value was
    set (on the page, or by --set), which is all that may differ."""
    from mutagen.id3 import ID3

    data = mp3.read_bytes()
    return data[ID3(mp3).size :]


def _serve_routine(routine: str, served: Path) -> tuple[str, str, str]:
    """The routine's slug on the page, what the CLI is given to build the same routine,
    and its first exercise's slug. A bundled routine (by slug or its own file) is served
    as bundled; a file of the user's is copied into the served folder."""
    from voiceguide.library import bundled_paths
    from voiceguide.routine.reader import load_routine

    bundled = bundled_paths()
    source = Path(routine)
    if routine not in bundled and source.stem in bundled:
        if source.resolve() != bundled[source.stem].resolve():
            # The page would list the bundled routine under that slug, not this file.
            raise SystemExit(f"{routine}: a bundled routine is called {source.stem}; rename it")
        routine = source.stem
    if routine in bundled:
        return routine, routine, load_routine(bundled[routine]).exercises[0].slug
    path = served / source.name
    shutil.copy(source, path)
    return path.stem, str(path), load_routine(path).exercises[0].slug


def run(*, browsers: int, routine: str, work: Path, same: bool = False, jobs: int = 0) -> Report:
    """Serve `routine` (a bundled routine's slug, or a file), build it from `browsers`
    browsers at once, and compare every download with the CLI's build."""
    served = work / "routines"
    served.mkdir(parents=True, exist_ok=True)
    slug, target, exercise = _serve_routine(routine, served)
    report = Report(
        routine=slug,
        browsers=browsers,
        runs=[Run(i + 1, "6" if same else str(4 + i)) for i in range(browsers)],
    )
    downloads = work / "downloads"
    downloads.mkdir(exist_ok=True)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(served), str(work / "server-out"), str(jobs)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        if not url:
            raise RuntimeError("the server did not start (its error is above)")
        with MemoryPeaks(server.pid) as peaks:
            asyncio.run(_browse(url, slug, exercise, report, downloads))
        report.server_peak_mb = peaks.server_kb / 1024
        report.browsers_peak_mb = peaks.browsers_kb / 1024
    finally:
        assert server.stdin is not None
        server.stdin.close()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    _cli_builds(target, slug, exercise, report, work)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--browsers", type=int, default=8)
    parser.add_argument(
        "--routine",
        default=str(ROOT / "tests" / "fixtures" / "short.yaml"),
        help="a bundled routine's slug or a routine file (default: tests/fixtures/short.yaml)",
    )
    parser.add_argument("--same", action="store_true", help="every browser the same settings")
    parser.add_argument("--jobs", type=int, default=0, help="the server's builds at once")
    parser.add_argument("--work", type=Path, help="keep the files here (default: a temp folder)")
    parser.add_argument("--cold", action="store_true", help="start with an empty clip cache")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    missing = chromium_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="web-load-") as scratch:
        if args.cold:
            os.environ["VOICEGUIDE_CACHE"] = str(Path(scratch) / "cache")
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        report = run(
            browsers=args.browsers, routine=args.routine, work=work, same=args.same, jobs=args.jobs
        )
    print("\n".join(report.lines()))
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2))
    return 0 if all(run.identical for run in report.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
