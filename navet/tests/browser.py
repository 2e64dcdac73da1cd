"""Real headless Chromium (Debian's package) driven by Playwright, never a downloaded browser."""

import shutil

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail(
            "Chromium is not installed. `make test` installs Debian's package `chromium`; "
            "run `apt-get install chromium` yourself if that failed."
        )
    return path
