"""The Content-Security-Policy, tried in real headless Chromium: every page type of both
sites and the admin's main views send the policy (no inline script, no eval, nothing from
another host), the browser reports no violation on any of them, and the pages still work –
the admin's menu, choosers, date pickers, rich-text editor, inline panels and preview.

Violations are collected twice: from the console ("Refused to …", "Content Security
Policy") and from a `securitypolicyviolation` listener installed in every frame before the
page's own scripts. The first step proves that this detector can fail.

It is one test: the live server's database is emptied after it (see the Makefile)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import Error as PlaywrightError
from wagtail.models import Site, Workflow

from navet.tests.test_accessibility import intranet_paths, public_paths
from navet.web.models import NewsPage, SiteIdentity, StartPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
# The admin: a nonce where a response has an inline script of its own, and Wagtail's
# preview, a frame of the admin's own origin.
ADMIN = {
    **SITES,
    "script-src": ["'self'", "'nonce'"],
    "style-src-elem": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
BRAND_COLOUR = "#6b2c8f"

LISTENER = """
window.__navetCspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__navetCspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `in ${event.sourceFile || event.documentURI}:${event.lineNumber} ${event.sample}`
  );
});
"""


def parse_policy(header: str) -> dict:
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        policy[name] = [re.sub(r"^'nonce-[^']+'$", "'nonce'", source) for source in sources]
    return policy


class Watch:
    """What the browser saw in one context: violations, script errors and the policy of
    every HTML response from Navet."""

    def __init__(self, browser, base: str, **options):
        self.origins = (base, base.replace("://localhost", "://intranet.localhost"))
        self.context = browser.new_context(locale="sv-SE", **options)
        self.context.add_init_script(LISTENER)
        self.console, self.errors, self.responses = [], [], []
        self.context.on("console", self._on_console)
        self.context.on("response", self._on_response)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"{self.page.url}: {error}"))

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.console.append(f"{message.page.url if message.page else ''}: {message.text}")

    def _on_response(self, response):
        if response.url.startswith(self.origins) and response.headers.get(
            "content-type", ""
        ).startswith("text/html"):
            self.responses.append((response.url, response.headers.get("content-security-policy")))

    def violations(self) -> list:
        """Everything reported so far in the page's frames, and on the console."""
        found = []
        for frame in self.page.frames:
            try:
                found += frame.evaluate("window.__navetCspViolations || []")
            except PlaywrightError as error:
                # A preview's frame replaced meanwhile: its successor is read instead.
                if not frame.is_detached():
                    found.append(f"{frame.url}: could not be read ({error})")
        return found + self.console

    def visit(self, url: str, expected_status: int = 200):
        response = self.page.goto(url)
        assert response is not None and response.status == expected_status, url
        assert self.page.url.startswith(url), f"{url} went to {self.page.url}"
        return response

    def settle(self) -> list:
        """The violations of the page once it is done loading; then starts afresh."""
        self.page.wait_for_load_state("networkidle")
        found = self.violations()
        self.console.clear()
        self.page.evaluate("window.__navetCspViolations = []")
        return found

    def close(self):
        self.context.close()


def sign_in(watch, url: str, username: str, button: str = "button[type=submit]"):
    watch.visit(url)
    watch.page.fill("#id_username", username)
    watch.page.fill("#id_password", settings.NAVET_DEMO_PASSWORD)
    watch.page.click(button)


def policy_problems(watch) -> list:
    """Responses whose policy is not the one their path should have."""
    problems = []
    for url, header in watch.responses:
        expected = ADMIN if "/admin/" in url else SITES
        if header is None:
            problems.append(f"{url}: no Content-Security-Policy")
            continue
        policy = parse_policy(header)
        if "/admin/" in url and policy.get("script-src") == ["'self'"]:
            policy["script-src"] = ["'self'", "'nonce'"]  # no inline script on this one
        if policy != expected:
            problems.append(f"{url}: {header}")
    return problems


def test_policy_on_every_page_type_and_no_violation_in_chromium(live_server, browser):
    detector_reports_an_inline_script_and_style(live_server, browser)
    both_sites_send_the_policy_and_break_none_of_it(live_server, browser)
    the_admin_sends_its_policy_and_works_under_it(live_server, browser)


def detector_reports_an_inline_script_and_style(live_server, browser):
    watch = Watch(browser, live_server.url)
    real = watch.visit(live_server.url + "/")
    policy = real.headers["content-security-policy"]
    assert parse_policy(policy) == SITES
    assert watch.violations() == []

    planted = live_server.url + "/planterad-sida/"
    watch.page.route(
        planted,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": policy},
            body=(
                '<!doctype html><html lang="sv"><title>orörd</title>'
                '<p style="color: red">x</p><script>document.title = "skriptet körde"</script>'
            ),
        ),
    )
    watch.visit(planted)
    assert watch.page.title() == "orörd"  # the inline script did not run
    found = watch.violations()
    assert any(v.startswith("script-src-elem blocked inline") for v in found), found
    assert any(v.startswith("style-src-attr blocked inline") for v in found), found
    assert any("inline script" in v and "Content Security Policy" in v for v in watch.console)
    watch.close()


def both_sites_send_the_policy_and_break_none_of_it(live_server, browser):
    for site in Site.objects.all():
        identity = SiteIdentity.for_site(site)
        identity.brand_colour = BRAND_COLOUR
        identity.save()
    base = live_server.url
    intranet = base.replace("://localhost", "://intranet.localhost")
    watch = Watch(browser, base)
    problems = {}

    for name, url in public_paths().items():
        watch.visit(base + url, 404 if "error" in name else 200)
        problems[name] = watch.settle()
    # The brand colour comes from a stylesheet the policy allows (no inline <style>).
    header = watch.page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(107, 44, 143)"
    # A second visit comes from the page cache, with the same policy.
    cached = watch.visit(base + "/")
    assert cached.headers.get("x-navet-cache") == "hit"
    assert parse_policy(cached.headers["content-security-policy"]) == SITES

    watch.page.goto(intranet + "/")
    assert "/logga-in/" in watch.page.url
    problems["intranet login form"] = watch.settle()
    watch.page.fill("#id_username", "medarbetare")
    watch.page.fill("#id_password", settings.NAVET_DEMO_PASSWORD)
    watch.page.click("main button[type=submit]")
    watch.page.wait_for_url(re.compile(r"intranet\.localhost:\d+/$"))
    for name, url in intranet_paths().items():
        watch.visit(intranet + url, 404 if "error" in name else 200)
        problems[name] = watch.settle()

    watch.close()
    assert {name: found for name, found in problems.items() if found} == {}
    assert watch.errors == []
    assert len(watch.responses) > 20
    assert policy_problems(watch) == []


def the_admin_sends_its_policy_and_works_under_it(live_server, browser):
    base = live_server.url
    start = StartPage.main("public")
    news = NewsPage.objects.live().descendant_of(start).first()
    # Nobody in the demo edits workflows or submits translations; the infomaster may here, to
    # try an inline panel and wagtail-localize's form.
    get_user_model().objects.get(username="infomaster").user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailcore", codename="change_workflow"),
        Permission.objects.get(codename="submit_translation"),
    )
    problems = {}

    watch = Watch(browser, base, viewport={"width": 1400, "height": 900})
    page = watch.page
    sign_in(watch, base + "/admin/login/", "infomaster")
    page.wait_for_url(re.compile(r"/admin/$"))
    problems["login form and dashboard"] = watch.settle()
    # The sidebar's menu opens its sub-menus.
    page.locator(".sidebar-sub-menu-item > button").first.click()
    page.locator(".sidebar-sub-menu-panel:visible").first.wait_for()
    problems["sidebar menu"] = watch.settle()
    # Signed in, a public page has Wagtail's user bar, which opens.
    watch.visit(base + "/")
    page.locator("#wagtail-userbar-trigger").click()
    page.locator("#wagtail-userbar-items").wait_for()
    problems["public start page with the user bar"] = watch.settle()

    views = {
        "page explorer": f"/admin/pages/{start.pk}/",
        "page create": f"/admin/pages/add/web/contentpage/{start.pk}/",
        "images": "/admin/images/",
        "documents": "/admin/documents/",
        "snippets: units": "/admin/snippets/organisation/unit/",
        "snippets: internal terms": "/admin/snippets/language/jargonterm/",
        "report: pages to review": "/admin/reports/granska/",
        "report: plain language": "/admin/reports/klarsprak/",
        "report: site history": "/admin/reports/site-history/",
        "settings: publishing rules": "/admin/settings/editorial/editorialsettings/",
    }
    for name, url in views.items():
        watch.visit(base + url)
        problems[name] = watch.settle()

    # The page editor: rich text, a chooser and a date picker, started without inline script.
    watch.visit(f"{base}/admin/pages/{news.pk}/edit/")
    page.locator(".Draftail-Editor .public-DraftEditor-content").first.wait_for()
    page.locator("#id_date").click()
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for()
    page.keyboard.press("Escape")
    page.locator("[data-chooser-action-choose]:visible").first.click()
    page.locator(".modal-dialog").wait_for()
    page.locator(".modal-dialog .close").click()
    page.locator(".modal-dialog").wait_for(state="detached")
    # The preview panel shows the page in its frame.
    page.locator('[data-side-panel-toggle="preview"]').click()
    page.frame_locator("#w-preview-iframe").locator("h1", has_text=news.title).wait_for(
        timeout=15_000
    )
    problems["page edit with preview"] = watch.settle()

    # wagtail-localize: the news item sent for translation ("select all" ticks every
    # language, a nonce's inline script), then its translation editor.
    watch.visit(f"{base}/admin/localize/submit/page/{news.pk}/")
    page.locator("[name=select_all]").check()
    assert page.locator("[name=locales]:checked").count() > 1
    page.locator("[name=select_all]").uncheck()
    page.locator("[name=locales]").first.check()
    problems["translation: submit"] = watch.settle()
    page.locator("main form [type=submit]").click()
    page.locator(".js-translation-editor *").first.wait_for()
    problems["translation editor"] = watch.settle()

    # An inline panel (a workflow's tasks) with a task chooser: "add" makes a new child.
    workflow = Workflow.objects.filter(active=True).first()
    watch.visit(f"{base}/admin/workflows/edit/{workflow.pk}/")
    children = page.locator("[id^=inline_child_workflow_tasks]")
    before = children.count()
    page.locator("#id_workflow_tasks-ADD").click()
    children.nth(before).locator("[data-chooser-action-choose]:visible").click()
    page.locator(".modal-dialog").wait_for()
    problems["workflow edit (inline panel)"] = watch.settle()
    watch.close()

    # The webmaster: site settings (an image chooser) and the user accounts.
    site = start.get_site()
    webmaster = Watch(browser, base, viewport={"width": 1400, "height": 900})
    sign_in(webmaster, base + "/admin/login/", "webmaster")
    webmaster.page.wait_for_url(re.compile(r"/admin/$"))
    for name, url in {
        "settings: site identity": f"/admin/settings/web/siteidentity/{site.pk}/",
        "users": "/admin/users/",
        "sites": "/admin/sites/",
    }.items():
        webmaster.visit(base + url)
        problems[f"webmaster {name}"] = webmaster.settle()
    webmaster.close()

    assert {name: found for name, found in problems.items() if found} == {}
    assert watch.errors == webmaster.errors == []
    assert len(watch.responses) > 15
    assert policy_problems(watch) == policy_problems(webmaster) == []
