"""Shared fixtures. The demo municipality is loaded once into the test database; every test
runs in a transaction that is rolled back, so each starts from the same demo."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

PUBLIC_HOST = settings.NAVET_PUBLIC_HOST
INTRANET_HOST = settings.NAVET_INTRANET_HOST


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from navet.demo.services import load_demo

    with django_db_blocker.unblock():
        load_demo(password=settings.NAVET_DEMO_PASSWORD)


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
