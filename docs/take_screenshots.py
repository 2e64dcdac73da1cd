"""Screenshots of both start pages at 360 px and 1280 px for the README (`make screenshots`).

Starts the development server on a free port with the demo database, drives Debian's
Chromium with Playwright, and writes docs/screenshots/*.png."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from navet.tests.browser import CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"mobil": 360, "dator": 1280}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "navet.settings.dev"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        password = os.environ.get("NAVET_DEMO_PASSWORD", "navet-demo-2026")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for site, host in (("webbplats", "localhost"), ("intranat", "intranet.localhost")):
                for name, width in WIDTHS.items():
                    page = browser.new_page(
                        viewport={"width": width, "height": 900}, locale="sv-SE"
                    )
                    page.goto(f"http://{host}:{port}/")
                    if site == "intranat" and "/logga-in/" in page.url:
                        page.fill("#id_username", "medarbetare")
                        page.fill("#id_password", password)
                        page.click("main button[type=submit]")
                        page.wait_for_load_state("networkidle")
                    path = OUT / f"{site}-{name}.png"
                    page.screenshot(path=str(path), full_page=width < 600)
                    print(path.relative_to(ROOT))
                    page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
