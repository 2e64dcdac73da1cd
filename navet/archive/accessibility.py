"""The scheduled accessibility check of the public pages (WCAG 2.1 AA, W3.7 supervision):
axe-core in headless Chromium, its violations kept per page for the compliance view."""

import logging
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import AccessibilityProblem

logger = logging.getLogger(__name__)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The pages' Content-Security-Policy forbids inline script: axe-core is handed to the
# browser as a script of the page's own origin at this address, answered by the checker.
AXE_PATH = "/__navet-axe-core.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def axe_script() -> Path:
    configured = getattr(settings, "NAVET_AXE_PATH", "")
    return (
        Path(configured)
        if configured
        else Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
    )


def chromium() -> str:
    configured = getattr(settings, "NAVET_CHROMIUM_PATH", "")
    path = configured or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise FileNotFoundError("Chromium is not installed (apt-get install chromium).")
    return path


def public_pages():
    from navet.web.models import Audience, StartPage

    from .supervision import live_pages

    start = StartPage.main(Audience.PUBLIC)
    if start is None:
        return []
    return [page for page in live_pages() if page.path.startswith(start.path)]


@transaction.atomic
def record_problems(*, page, violations: list) -> None:
    AccessibilityProblem.objects.filter(page=page).delete()
    now = timezone.now()
    AccessibilityProblem.objects.bulk_create(
        AccessibilityProblem(
            page=page,
            rule=violation["id"][:80],
            description=violation["help"][:300],
            elements=len(violation.get("nodes", [])) or 1,
            checked_at=now,
        )
        for violation in violations
    )


def check_pages(*, browser, base_url: str, pages) -> int:
    """Run axe on each page at `base_url`; returns the violations found. A page that cannot
    be checked is logged and skipped."""
    script = axe_script()
    context = browser.new_context(locale="sv-SE")
    context.route(
        "**" + AXE_PATH,
        lambda route: route.fulfill(path=str(script), content_type="text/javascript"),
    )
    # Nothing but the site itself is fetched.
    origin = re.match(r"https?://[^/]+", base_url).group(0)
    context.route(re.compile(rf"^(?!{re.escape(origin)})https?://"), lambda route: route.abort())
    found = 0
    tab = context.new_page()
    try:
        for page in pages:
            path = page.get_url_parts()[2] if page.get_url_parts() else None
            if not path:
                continue
            try:
                tab.goto(origin + path)
                tab.add_script_tag(url=origin + AXE_PATH)
                result = tab.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                    WCAG_TAGS,
                )
                record_problems(page=page, violations=result["violations"])
                found += len(result["violations"])
            except Exception:
                logger.exception("Accessibility check: page %s skipped", page.pk)
    finally:
        context.close()
    return found


def check_public_site(*, base_url: str, limit: int | None = None) -> int:
    from playwright.sync_api import sync_playwright

    pages = public_pages()[:limit] if limit else public_pages()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            return check_pages(browser=browser, base_url=base_url, pages=pages)
        finally:
            browser.close()
