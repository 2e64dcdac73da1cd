"""Signing in with the municipality's identity provider in real headless Chromium, through a
real OpenID Connect provider on loopback (oidc_provider.mjs): first sign-in on the intranet
(W3.2), single sign-on into the admin with a role (W3.7), the session renewed when its time
is up, and signed out once the provider disables the person; a disabled user and a tampered
state are refused."""

import re
from importlib import import_module

import pytest
from django.conf import settings
from django.utils import timezone

from navet.organisation.models import ProviderIdentity, RoleAssignment, Unit
from navet.organisation.roles import Role
from navet.tests.browser import EXTERNAL, wait_until

from .oidc import USERS, callback_urls, running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGN_IN_BUTTON = "Logga in med kommunens inloggning"
SIGN_IN_FAILED = "Inloggningen med kommunens identitetsleverantör lyckades inte"


@pytest.fixture
def provider(live_server, settings):
    intranet = live_server.url.replace("://localhost", "://intranet.localhost")
    with running_provider(callback_urls(live_server.url, intranet)) as running:
        running.configure(settings)
        yield running


def new_page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.route(EXTERNAL, lambda route: route.abort())
    return context.new_page()


def sign_in_at_provider(page, username):
    page.get_by_role("link", name=SIGN_IN_BUTTON).click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/interaction/"))
    page.fill("#username", username)
    page.fill("#password", USERS[username]["password"])
    page.get_by_role("button", name="Logga in").click()


def expire_session(page, host):
    """The renewal time of the session on `host` has passed."""
    cookie = next(
        c for c in page.context.cookies() if c["name"] == "sessionid" and c["domain"] == host
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    store["oidc_id_token_expiration"] = 0
    store.save()


def test_employee_signs_in_once_reaches_intranet_and_admin_and_is_out_when_disabled(
    live_server, browser, provider
):
    base = live_server.url
    intranet = base.replace("://localhost", "://intranet.localhost")
    # A user disabled at the provider, and a tampered state, are refused.
    page = new_page(browser)
    page.goto(f"{intranet}/logga-in/")
    sign_in_at_provider(page, "bo.lind")
    page.wait_for_url(f"{intranet}/logga-in/")
    assert SIGN_IN_FAILED in page.content()
    assert not ProviderIdentity.objects.filter(subject="bo.lind").exists()
    page.context.close()

    page = new_page(browser)

    # The state on its way to the provider is changed; the provider sends it back as is.
    # (On the public site's login page: Playwright's own requests know only localhost.)
    start = re.compile(r".*/logga-in/oidc/(\?.*)?$")

    def tamper(route):
        response = route.fetch(max_redirects=0)
        location = re.sub(r"state=[^&]+", "state=tampered", response.headers["location"])
        route.fulfill(response=response, headers={**response.headers, "location": location})

    page.route(start, tamper)
    page.goto(f"{base}/logga-in/")
    sign_in_at_provider(page, "cecilia.berg")
    page.wait_for_url(f"{base}/logga-in/")
    assert SIGN_IN_FAILED in page.content()
    page.goto(f"{base}/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    assert not ProviderIdentity.objects.filter(subject="cecilia.berg").exists()
    page.context.close()

    page = new_page(browser)

    # First sign-in: the intranet sends her to its login page, which says what to use.
    page.goto(f"{intranet}/")
    page.wait_for_url(re.compile(r"/logga-in/"))
    sign_in_at_provider(page, "anna.ek")
    page.wait_for_url(f"{intranet}/")
    person = wait_until(lambda: ProviderIdentity.objects.filter(subject="anna.ek").first()).person
    assert page.get_by_role("heading", level=1).count()
    assert not RoleAssignment.objects.filter(person=person).exists()

    # With a role, the admin: single sign-on, the provider asks nothing again.
    RoleAssignment.objects.create(
        person=person,
        role=Role.COMMUNICATOR,
        unit=Unit.objects.get(name="Planerad kommunikation"),
        valid_from=timezone.localdate(),
    )
    page.goto(f"{base}/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.get_by_role("link", name=SIGN_IN_BUTTON).click()
    page.wait_for_url(f"{base}/admin/")
    assert page.locator("body.homepage, main").first.is_visible()

    # The renewal time passes: renewed silently at the provider, she stays on the page.
    expire_session(page, "intranet.localhost")
    page.goto(f"{intranet}/")
    page.wait_for_url(f"{intranet}/")
    assert "/logga-in/" not in page.url

    # Disabled at the provider: at the next renewal she is out.
    provider.control("disable", "anna.ek")
    expire_session(page, "intranet.localhost")
    page.goto(f"{intranet}/")
    page.wait_for_url(re.compile(r"/logga-in/"))
    assert SIGN_IN_FAILED in page.content()
    page.goto(f"{intranet}/")
    page.wait_for_url(re.compile(r"/logga-in/\?next="))
    page.context.close()
