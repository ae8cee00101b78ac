"""Headless Chromium for the web page's tests and scripts/web_load.py.

Debian's own Chromium (`apt-get install chromium chromium-driver`, which .ci/run does),
driven by Playwright; never `playwright install`, whose downloads this network refuses.
Every launch gets a fresh profile (Playwright makes a new user-data-dir and removes it at
close). Without the background-networking flags Chromium keeps trying connections the
closed network refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
MISSING = (
    f"no {CHROMIUM} for the browser tests: apt-get install chromium chromium-driver (as root),"
    " or run .ci/run"
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here (one line), or None when they can."""
    if not CHROMIUM.exists():
        return MISSING
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed: it is in the test extra (scripts/test installs it)"
    return None


def launch_options() -> dict[str, Any]:
    """Keyword arguments for `playwright.chromium.launch` (sync or async API)."""
    return {"executable_path": str(CHROMIUM), "args": list(FLAGS), "headless": True}
