"""WCAG 2.1 AA, verified: axe-core (npm) in real headless Chromium over every page type of
both demo sites – search, error pages and forms included – finds no violations, and the W3C
Nu HTML checker (vnu-jar) finds no errors in the same pages."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from navet.web.models import (
    AccessibilityStatementPage,
    ContentPage,
    NewsIndexPage,
    NewsPage,
    SectionPage,
    StartPage,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Where the browser finds axe-core: answered by the test itself (page.route), never by Navet.
AXE_PATH = "/__test-axe-core.js"


def path(page):
    return page.get_url_parts()[2]


def public_paths():
    start = StartPage.main("public")
    sv = {"locale__language_code": "sv"}
    news_index = NewsIndexPage.objects.child_of(start).get()
    english = ContentPage.objects.get(slug="kontakta-kommunen", locale__language_code="en")
    arabic = ContentPage.objects.get(slug="kontakta-kommunen", locale__language_code="ar")
    return {
        "start page": "/",
        "section page": path(SectionPage.objects.child_of(start).get(title="Förskola och skola")),
        "content page with image": path(ContentPage.objects.get(title="Ansök om plats i förskola")),
        "content page with external link": path(
            ContentPage.objects.get(title="Stöd vid våld i nära relationer", **sv)
        ),
        "easy-to-read page": path(ContentPage.objects.get(is_easy_to_read=True)),
        "news index": path(news_index),
        "news page": path(start.top_news),
        "accessibility statement": path(AccessibilityStatementPage.objects.child_of(start).get()),
        "search results": "/sok/?q=skolor",
        "search without results": "/sok/?q=xyzzy",
        "search form": "/sok/",
        "error page": "/finns-inte/",
        "english page": path(english),
        "arabic page (rtl)": path(arabic),
        "arabic start page (rtl)": "/ar/",
    }


def intranet_paths():
    start = StartPage.main("intranet")
    return {
        "intranet start page": "/",
        "intranet section page": path(SectionPage.objects.child_of(start).first()),
        "intranet content page with document": path(
            ContentPage.objects.get(title="Kommunikationsstöd från staben")
        ),
        "intranet news index": path(NewsIndexPage.objects.child_of(start).get()),
        "intranet news page": path(NewsPage.objects.descendant_of(start).first()),
        "intranet statement": path(AccessibilityStatementPage.objects.child_of(start).get()),
        "intranet search results": "/sok/?q=nyheter",
        "intranet error page": "/finns-inte/",
    }


def check_with_axe(page) -> list:
    # A click waits only until the next page is committed: axe needs its styles in.
    page.wait_for_load_state("load")
    # axe-core as a script from the page's own origin (see AXE_PATH): the pages'
    # Content-Security-Policy forbids an inline one, and it stays on here.
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    page.add_script_tag(url=origin + AXE_PATH)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{violation['id']}: {violation['help']} – "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


def visit(page, url, saved: dict, name: str):
    response = page.goto(url)
    assert response is not None
    saved[name] = response.text()
    return response.status


def test_axe_and_html_checker_find_nothing_on_any_page_type(live_server, browser, tmp_path):
    assert AXE.exists() and VNU.exists(), "make test installs axe-core and vnu-jar with npm"
    base = live_server.url
    intranet = base.replace("://localhost", "://intranet.localhost")
    context = browser.new_context(locale="sv-SE")
    context.route(
        "**" + AXE_PATH,
        lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
    )
    page = context.new_page()
    problems, saved = {}, {}

    for name, url in public_paths().items():
        status = visit(page, base + url, saved, name)
        assert status == (404 if "error" in name else 200), name
        problems[name] = check_with_axe(page)

    # The login form on the intranet, then the intranet signed in.
    visit(page, intranet + "/", saved, "intranet login form")
    assert "/logga-in/" in page.url
    problems["intranet login form"] = check_with_axe(page)
    page.fill("#id_username", "medarbetare")
    page.fill("#id_password", settings.NAVET_DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"intranet\.localhost:\d+/$"))
    for name, url in intranet_paths().items():
        status = visit(page, intranet + url, saved, name)
        assert status == (404 if "error" in name else 200), name
        problems[name] = check_with_axe(page)

    # The checkers themselves must be able to fail: a known violation is reported.
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x>')")
    assert any(found.startswith("image-alt") for found in check_with_axe(page))
    saved["deliberately broken"] = "<!doctype html><html><title>x</title><p><div></p>"
    context.close()

    failures = {name: found for name, found in problems.items() if found}
    assert failures == {}, json.dumps(failures, indent=2, ensure_ascii=False)

    files = []
    for number, (name, html) in enumerate(saved.items()):
        file = tmp_path / f"{number:02d}.html"
        file.write_text(html, encoding="utf-8")
        files.append((file, name))
    checked = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *(str(f) for f, _ in files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    names = {f.name: name for f, name in files}
    errors = [
        f"{names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    broken = [error for error in errors if error.startswith("deliberately broken")]
    assert broken, "the HTML checker must report the broken page"
    assert [error for error in errors if error not in broken] == [], "\n".join(errors)
