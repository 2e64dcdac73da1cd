"""No employee data leaves the municipality: no admin or intranet page makes the browser
load anything from a host outside the configured sites – no avatars from Gravatar (which
would get a hash of each employee's email address on every admin page view), no fonts,
scripts or images from elsewhere. Avatars are the photo a person uploads to Navet, or
Wagtail's own default image, both served by Navet."""

import base64
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
from wagtail.models import Site
from wagtail.users.models import UserProfile

from navet.organisation import avatars

pytestmark = pytest.mark.django_db

# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


class _Resources(HTMLParser):
    """Every address the page makes the browser load, and every link target."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "poster", "data", "action", "formaction"):
            if attributes.get(name):
                self.loaded.append(attributes[name])
        if attributes.get("srcset"):
            self.loaded.extend(part.split()[0] for part in attributes["srcset"].split(","))
        if tag == "link" and attributes.get("href"):
            self.loaded.append(attributes["href"])
        if attributes.get("style"):
            self.loaded.extend(CSS_URL.findall(attributes["style"]))

    def handle_data(self, data):
        self.loaded.extend(CSS_URL.findall(data))


def outside_hosts(html: str, *, base: str) -> set[str]:
    allowed = {settings.NAVET_PUBLIC_HOST, settings.NAVET_INTRANET_HOST, "testserver"}
    parser = _Resources()
    parser.feed(html)
    found = set()
    for address in parser.loaded:
        parts = urlsplit(urljoin(base, address.strip()))
        if parts.scheme in ("data", "blob", "about", "javascript"):
            continue
        if parts.hostname not in allowed:
            found.add(address)
    return found


def assert_nothing_from_outside(client, paths, *, host):
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "gravatar" not in html.lower(), path
        assert not outside_hosts(html, base=f"http://{host}{path}"), path


def test_admin_pages_load_nothing_from_outside_the_sites_and_avatars_come_from_navet(
    demo_user,
):
    webmaster = demo_user("webmaster")
    client = Client()
    client.force_login(demo_user("infomaster"))
    intranet_start = Site.objects.get(hostname=settings.NAVET_INTRANET_HOST).root_page
    assert_nothing_from_outside(
        client,
        [
            "/admin/",
            "/admin/account/",
            "/admin/users/",
            reverse("wagtailusers_users:edit", args=[webmaster.pk]),
            f"/admin/pages/{intranet_start.pk}/",
            f"/admin/pages/{intranet_start.pk}/edit/",
            "/admin/snippets/organisation/person/",
            "/admin/reports/site-history/",
        ],
        host=settings.NAVET_PUBLIC_HOST,
    )
    # Without a photo: the person's initials, drawn by Navet.
    infomaster = demo_user("infomaster")
    profile = UserProfile.get_for_user(infomaster)
    assert not profile.avatar
    page = client.get("/admin/").content.decode()
    assert avatars.initials_avatar(infomaster) in page
    # With a photo uploaded on the account page: that photo, from Navet's media.
    profile.avatar = SimpleUploadedFile("anna.png", PNG, content_type="image/png")
    profile.save()
    page = client.get("/admin/").content.decode()
    assert profile.avatar.url in page
    assert avatars.initials_avatar(infomaster) not in page
    assert_nothing_from_outside(client, ["/admin/"], host=settings.NAVET_PUBLIC_HOST)


def test_intranet_pages_load_nothing_from_outside_the_sites(demo_user):
    client = Client(HTTP_HOST=settings.NAVET_INTRANET_HOST)
    assert_nothing_from_outside(client, ["/logga-in/"], host=settings.NAVET_INTRANET_HOST)
    client.force_login(demo_user("infomaster"))
    intranet_start = Site.objects.get(hostname=settings.NAVET_INTRANET_HOST).root_page
    paths = ["/", "/sok/?q=rutiner"]
    for page in intranet_start.get_children().live().specific()[:6]:
        paths.append(page.get_url_parts()[2])
        paths.extend(child.get_url_parts()[2] for child in page.get_children().live()[:2])
    assert_nothing_from_outside(client, paths, host=settings.NAVET_INTRANET_HOST)


def test_the_gravatar_provider_is_switched_off(demo_user):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    user = demo_user("webmaster")
    assert avatar_url(user).startswith("data:image/svg+xml;base64,")
    assert "gravatar" not in avatar_url(get_user_model()(email="anna.ek@linkoping.example"))
