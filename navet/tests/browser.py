"""Real headless Chromium (Debian's package) driven by Playwright, never a downloaded browser."""

import re
import shutil
import time

import pytest
from django.conf import settings

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


# Nothing may reach the internet: end-to-end tests answer every address but the live
# server's (context.route(EXTERNAL, …)).
EXTERNAL = re.compile(r"^https?://(?!localhost|127\.0\.0\.1|intranet\.localhost)")


def log_in(page, base_url, username):
    """Signs in to the admin as a demo user."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", settings.NAVET_DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def wait_until(found, seconds=30):
    """What `found()` returns once it is true (the database catching up with the browser)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = found()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError("not done in time")


def press_footer_action(page, name):
    """Wagtail's editor footer keeps secondary actions in a dropdown."""
    button = page.locator(f'button[name="{name}"]')
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()
