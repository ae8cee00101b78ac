"""The test suite's time per test file: python scripts/bench_tests.py [--from FILE] [PYTEST ARGS]

Runs pytest (with any arguments given, e.g. `-m "not slow"` or a file) writing a JUnit
report, then prints each test file's time (its tests' setup, call and teardown, so a
module-wide fixture counts in the file that uses it), slowest first, the sum, and the
wall time of the whole run. Beside each file's wall time stands the CPU time its tests
used, their child processes (ffmpeg, speech workers, the CLI) included: on a shared
machine the wall time follows the load, the CPU time much less. `--from report.xml`
reads a report an earlier run wrote (pytest --junitxml=report.xml) instead.
`--tests N` also lists the N tests that used most CPU.
`-n 3 --dist loadfile --no-loadscope-reorder` times the suite as scripts/test runs it on
two cores (a file's wall time is then its own, the run's wall time the whole).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CPU_REPORT = "BENCH_TESTS_CPU"  # where this module, loaded as a pytest plugin, writes


def _cpu_seconds() -> float:
    """CPU time of this process and of every child it has waited for."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# As a pytest plugin (-p bench_tests): each test's CPU time, setup and teardown included.
_cpu: dict[str, float] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):  # type: ignore[no-untyped-def]
    before = _cpu_seconds()
    try:
        return (yield)
    finally:
        _cpu[item.nodeid] = _cpu_seconds() - before


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    if os.environ.get(CPU_REPORT) and _cpu:
        # One file per process: pytest-xdist's workers (-n 2) each write their own.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        Path(f"{os.environ[CPU_REPORT]}.{worker}").write_text(json.dumps(_cpu))


def cpu_per_file(report: Path) -> dict[str, float]:
    """CPU seconds per test file, from the plugin's reports (one per worker process)."""
    spent: dict[str, float] = defaultdict(float)
    for part in report.parent.glob(report.name + ".*"):
        for nodeid, seconds in json.loads(part.read_text()).items():
            spent[nodeid.split("::")[0]] += seconds
    return dict(spent)


def show_tests(report: Path, count: int) -> None:
    """The `count` tests that used most CPU (setup and teardown included: a module-wide
    fixture counts in the first test that asks for it)."""
    spent: dict[str, float] = {}
    for part in report.parent.glob(report.name + ".*"):
        spent.update(json.loads(part.read_text()))
    print(f"\nthe {count} tests using most CPU:")
    for nodeid, seconds in sorted(spent.items(), key=lambda item: -item[1])[:count]:
        print(f"{seconds:8.1f} s  {nodeid}")


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


def show(
    seconds: dict[str, float],
    counts: dict[str, int],
    wall: float | None,
    cpu: dict[str, float] | None = None,
) -> None:
    width = max(map(len, seconds), default=10)
    cpu = cpu or {}
    print(f"{'test file':<{width}}  {'wall':>8}    {'CPU':>8}  tests")
    for name, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        used = f"{cpu[name]:8.1f} s" if name in cpu else " " * 10
        print(f"{name:<{width}}  {spent:8.1f} s  {used}  {counts[name]:5d}")
    total, used = sum(seconds.values()), sum(cpu.values())
    print(
        f"{'total (sum of files)':<{width}}  {total:8.1f} s  {used:8.1f} s  {sum(counts.values()):5d}"
    )
    if wall is not None:
        print(f"{'wall time of the run':<{width}}  {wall:8.1f} s")
    load = os.getloadavg()
    print(f"load average now: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="report", type=Path, help="read this JUnit report")
    parser.add_argument(
        "--tests", type=int, default=0, metavar="N", help="also list the N tests using most CPU"
    )
    args, pytest_args = parser.parse_known_args()
    if args.report:
        show(*per_file(args.report), wall=None)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as folder:
        report, cpu = Path(folder) / "report.xml", Path(folder) / "cpu.json"
        env = {
            **os.environ,
            CPU_REPORT: str(cpu),
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT / "scripts"), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
        }
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "bench_tests",
             f"--junitxml={report}", *pytest_args],
            cwd=ROOT, env=env,
        )  # fmt: skip
        wall = time.monotonic() - started
        if not report.exists():
            return done.returncode or 1
        print()
        show(*per_file(report), wall=wall, cpu=cpu_per_file(cpu))
        if args.tests:
            show_tests(cpu, args.tests)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
