"""Shared fixtures. The demo municipality is loaded once into the test database; every test
runs in a transaction that is rolled back, so each starts from the same demo."""

import os
import socket

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

PUBLIC_HOST = settings.NAVET_PUBLIC_HOST
INTRANET_HOST = settings.NAVET_INTRANET_HOST


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.db import connection

    from navet.demo.services import load_demo
    from navet.tests import demo_snapshot

    if demo_snapshot.restored:
        return
    with django_db_blocker.unblock():
        load_demo(password=settings.NAVET_DEMO_PASSWORD)
        demo_snapshot.save(connection)


@pytest.fixture
def demo_user(db):
    def get(username):
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def public_client(db):
    return Client(HTTP_HOST=PUBLIC_HOST)


@pytest.fixture
def intranet_client(db):
    return Client(HTTP_HOST=INTRANET_HOST)


@pytest.fixture
def login_as(client, demo_user):
    """Log the test client in as a demo user (keeps the host the client already has)."""

    def login(username):
        client.force_login(demo_user(username))
        return client

    return login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Database changes roll back after each test; cached objects (renditions, sites) must too."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


class _Inbox:
    """Messages received by the local SMTP server, as email.message.Message objects."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if address in m["X-Envelope-To"]]


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server on loopback; Django sends mail to it over SMTP."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from navet.tests.browser import CHROMIUM_ARGS, chromium_path

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # between browser steps are ordinary synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def without_autosave(settings):
    """Wagtail 8's autosave saves on timers of its own: a submission that races it while it
    still creates the object fails on a duplicate slug. An end-to-end test of a workflow turns
    it off, so that the saves are the ones its person makes (the directories' test keeps it)."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
