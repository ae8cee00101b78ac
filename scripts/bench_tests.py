"""The test suite's time per test file: python scripts/bench_tests.py [--from FILE] [PYTEST ARGS]

Runs pytest (with any arguments given, e.g. `-m "not slow"` or a file) writing a JUnit
report, then prints each test file's time (its tests' setup, call and teardown, so a
module-wide fixture counts in the file that uses it), slowest first, the sum, and the
wall time of the whole run. `--from report.xml` reads a report an earlier run wrote
(pytest --junitxml=report.xml) instead of running anything.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def per_file(report: Path) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds and test count per test file, from a JUnit report."""
    seconds: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for case in ET.parse(report).iter("testcase"):
        # classname is the module's dotted path, then a class if the test is in one.
        parts = case.get("classname", "").split(".")
        module = next((i for i, part in enumerate(parts) if part.startswith("test_")), None)
        name = "/".join(parts[: module + 1]) + ".py" if module is not None else "(other)"
        seconds[name] += float(case.get("time", 0))
        counts[name] += 1
    return dict(seconds), dict(counts)


def show(seconds: dict[str, float], counts: dict[str, int], wall: float | None) -> None:
    width = max(map(len, seconds), default=10)
    for name, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"{name:<{width}}  {spent:8.1f} s  {counts[name]:5d} tests")
    total = sum(seconds.values())
    print(f"{'total (sum of files)':<{width}}  {total:8.1f} s  {sum(counts.values()):5d} tests")
    if wall is not None:
        print(f"{'wall time of the run':<{width}}  {wall:8.1f} s")
    load = os.getloadavg()
    print(f"load average now: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="report", type=Path, help="read this JUnit report")
    args, pytest_args = parser.parse_known_args()
    if args.report:
        show(*per_file(args.report), wall=None)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as folder:
        report = Path(folder) / "report.xml"
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             f"--junitxml={report}", *pytest_args],
            cwd=ROOT,
        )  # fmt: skip
        wall = time.monotonic() - started
        if not report.exists():
            return done.returncode or 1
        print()
        show(*per_file(report), wall=wall)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
