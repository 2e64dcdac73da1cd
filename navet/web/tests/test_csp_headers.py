"""The Content-Security-Policy header without a browser (navet.web.csp): the sites' policy on
both sites' pages – from the page cache too – the admin's in the admin and its previews,
none on what is not HTML, no inline script in the admin's pages, and none in our templates.
navet/tests/test_content_security_policy.py tries it all in Chromium."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Site, Workflow

from navet.web.csp import deferred_init
from navet.web.models import ContentPage, NewsPage, SiteIdentity, StartPage

pytestmark = pytest.mark.django_db
NAVET = Path(__file__).resolve().parents[2]

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
ADMIN = {
    **SITES,
    "script-src": ["'self'"],  # and the response's nonce, when it has an inline script
    "style-src-elem": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def policy(response) -> dict:
    header = response.headers.get("Content-Security-Policy")
    assert header is not None, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    parsed = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


class Scripts(HTMLParser):
    """The script elements of a page that a browser would run, and any inline style."""

    def __init__(self, html: str):
        super().__init__()
        self.inline, self.deferred, self.styles = [], 0, []
        self._open = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            kind = (attrs.get("type") or "text/javascript").lower()
            if attrs.get("data-controller") == "navet-init":
                self.deferred += 1
            if "src" not in attrs and kind in ("text/javascript", "module"):
                self._open = attrs
        if tag == "style" or "style" in attrs:
            self.styles.append(tag)

    def handle_data(self, data):
        if self._open is not None:
            self.inline.append((self._open.get("nonce"), data.strip()[:80]))

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def test_both_sites_pages_have_the_sites_policy(public_client, intranet_client, demo_user):
    page = ContentPage.objects.live().public().first()
    for url, status in (("/", 200), (page.url, 200), ("/sok/?q=skola", 200), ("/finns-inte/", 404)):
        response = public_client.get(url)
        assert response.status_code == status
        assert policy(response) == SITES, url
    # The intranet's login form, then its pages signed in.
    login = intranet_client.get("/", follow=True)
    assert "/logga-in/" in login.redirect_chain[-1][0]
    assert policy(login) == SITES
    intranet_client.force_login(demo_user("medarbetare"))
    assert policy(intranet_client.get("/")) == SITES


def test_a_page_from_the_page_cache_keeps_its_policy(public_client):
    first = public_client.get("/")
    again = public_client.get("/")
    assert (first["X-Navet-Cache"], again["X-Navet-Cache"]) == ("miss", "hit")
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in again["Content-Security-Policy"]


def test_the_admin_has_its_own_policy(public_client, intranet_client, demo_user):
    assert policy(public_client.get("/admin/login/")) == ADMIN
    public_client.force_login(demo_user("infomaster"))
    assert policy(public_client.get("/admin/")) == ADMIN
    # On the intranet's host name as well.
    assert policy(intranet_client.get("/admin/login/")) == ADMIN


def test_a_preview_can_be_framed_by_the_admin_only(rf, demo_user):
    news = NewsPage.objects.live().first()
    request = rf.get("/admin/", HTTP_HOST="localhost")
    request.user = demo_user("infomaster")
    preview = news.make_preview_request(request)
    assert preview.status_code == 200
    assert policy(preview) == ADMIN


def test_what_is_not_html_has_no_policy(public_client, demo_user):
    for url in ("/flode/nyheter/", "/robots.txt", "/sitemap.xml", "/_util/brand/00508c.css"):
        response = public_client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" not in response, url
    public_client.force_login(demo_user("infomaster"))
    modal = public_client.get("/admin/images/chooser/")
    assert modal["Content-Type"] == "application/json"
    assert "Content-Security-Policy" not in modal


def test_wagtail_widgets_start_without_inline_script(public_client, demo_user):
    """Choosers, date pickers and inline panels: no script a browser would run inline,
    their start-up calls deferred to the navet-init controller."""
    user = demo_user("infomaster")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailcore", codename="change_workflow")
    )
    public_client.force_login(user)
    news = NewsPage.objects.live().descendant_of(StartPage.main("public")).first()
    workflow = Workflow.objects.filter(active=True).first()
    for url in (
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/add/web/newspage/{news.get_parent().pk}/",
        f"/admin/workflows/edit/{workflow.pk}/",
        "/admin/reports/site-history/",
    ):
        response = public_client.get(url)
        assert response.status_code == 200, url
        scripts = Scripts(response.content.decode())
        assert scripts.inline == [], url
        assert scripts.styles == [], url
    assert Scripts(public_client.get(f"/admin/pages/{news.pk}/edit/").content.decode()).deferred


def test_a_full_page_with_an_inline_script_has_a_nonce_of_its_own(public_client, demo_user):
    user = demo_user("infomaster")
    user.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    public_client.force_login(user)
    news = NewsPage.objects.live().first()
    nonces = set()
    for _ in range(2):
        response = public_client.get(f"/admin/localize/submit/page/{news.pk}/")
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        scripts = Scripts(response.content.decode())
        assert scripts.inline and {found for found, _ in scripts.inline} == {nonce}
        nonces.add(nonce)
    assert len(nonces) == 2


def test_deferred_init_calls_only_wagtails_initialisers():
    html = deferred_init("initDateChooser", "id_date", {"dayOfWeekStart": 1, "x": "</script>"})
    assert html == (
        '<script type="application/json" data-controller="navet-init">'
        '{"function": "initDateChooser", "new": false, "args": ["id_date", '
        '{"dayOfWeekStart": 1, "x": "\\u003C/script\\u003E"}]}</script>'
    )
    for name, new in (("alert", False), ("eval", False), ("Function", True)):
        with pytest.raises(ValueError):
            deferred_init(name, "x", new=new)


def test_the_brand_colour_is_a_stylesheet_not_inline_style(public_client, intranet_client):
    for site in Site.objects.all():
        identity = SiteIdentity.for_site(site)
        identity.brand_colour = "#6B2C8F"
        identity.save()
    page = public_client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/_util/brand/6b2c8f.css">' in page
    assert "<style" not in page
    css = public_client.get("/_util/brand/6b2c8f.css")
    assert css["Content-Type"].startswith("text/css")
    assert css.content.decode() == ":root { --brand: #6b2c8f; }\n"
    assert "immutable" in css["Cache-Control"]
    # Before login on the intranet too: its login form uses it.
    assert intranet_client.get("/_util/brand/6b2c8f.css").status_code == 200
    assert public_client.get("/_util/brand/red;}.css").status_code == 404


def test_our_templates_have_no_inline_script_or_style():
    """Navet's own templates: scripts from files (or JSON data, JSON-LD included, which no
    browser runs, or a full page's nonce), styles
    from stylesheets, no event-handler attributes."""
    problems = []
    for template in sorted(NAVET.glob("**/templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        name = template.relative_to(NAVET)
        for tag in re.findall(r"<script\b[^>]*>", text):
            if not re.search(r'\b(src|nonce)=|type="application/(ld\+)?json"', tag):
                problems.append(f"{name}: {tag}")
        problems += [f"{name}: <style>" for _ in re.findall(r"<style\b", text)]
        problems += [f"{name}: {m}" for m in re.findall(r"\s(?:style|on[a-z]+)=", text)]
    assert problems == []
