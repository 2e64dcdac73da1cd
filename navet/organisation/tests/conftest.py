import pytest

from .oidc import callback_urls, running_provider


@pytest.fixture(scope="session")
def _oidc_server():
    """One provider for the test-client tests (their hosts: testserver and the sites')."""
    with running_provider(
        callback_urls("http://testserver", "http://localhost", "http://intranet.localhost")
    ) as provider:
        yield provider


@pytest.fixture
def oidc_provider(_oidc_server, settings):
    """Sign-in with the provider switched on, its users as USERS describes them."""
    _oidc_server.reset()
    _oidc_server.configure(settings)
    return _oidc_server
