"""A real OpenID Connect provider for the tests (oidc_provider.mjs, the npm package
oidc-provider) on a free loopback port, and signing in through it."""

import json
import socket
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "navet"
CLIENT_SECRET = "navet-test-client-secret"

USERS = {
    "anna.ek": {
        "password": "anna-losenord",
        "email": "anna.ek@linkoping.example",
        "given_name": "Anna",
        "family_name": "Ek",
        "groups": ["navet-kommunikatorer"],
    },
    "cecilia.berg": {
        "password": "cecilia-losenord",
        "email": "cecilia.berg@linkoping.example",
        "given_name": "Cecilia",
        "family_name": "Berg",
        "groups": [],
    },
    "bo.lind": {
        "password": "bo-losenord",
        "email": "bo.lind@linkoping.example",
        "given_name": "Bo",
        "family_name": "Lind",
        "groups": [],
        "disabled": True,
    },
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Provider:
    issuer: str

    def control(self, action: str, sub: str) -> None:
        response = requests.post(f"{self.issuer}/_control/{action}/{sub}", timeout=10)
        response.raise_for_status()

    def reset(self) -> None:
        for sub, user in USERS.items():
            self.control("enable", sub)
            if user.get("disabled"):
                self.control("disable", sub)

    def configure(self, settings) -> None:
        settings.NAVET_OIDC_ISSUER = self.issuer
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{self.issuer}/auth"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{self.issuer}/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{self.issuer}/me"
        settings.OIDC_OP_JWKS_ENDPOINT = f"{self.issuer}/jwks"
        settings.NAVET_OIDC_DIRECTORY_URL = f"{self.issuer}/directory/users"
        settings.NAVET_OIDC_DIRECTORY_SCOPE = "directory"


@contextmanager
def running_provider(redirect_uris: list[str]):
    if not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The npm package oidc-provider is missing: run `make node_modules/.installed`.")
    port = free_port()
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "NAVET_OIDC_PORT": str(port),
        "NAVET_OIDC_CLIENT": json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": redirect_uris,
            }
        ),
        "NAVET_OIDC_USERS": json.dumps(USERS),
    }
    process = subprocess.Popen(
        ["node", str(SCRIPT)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("ready "):
                break
        else:
            pytest.fail("The OpenID Connect provider did not start:\n" + "".join(lines))
        yield Provider(issuer=line.split()[1])
    finally:
        process.terminate()
        process.wait(timeout=10)


def callback_urls(*bases: str) -> list[str]:
    return [f"{base.rstrip('/')}/logga-in/oidc/svar/" for base in bases]


def sign_in(client, *, username: str, password: str, next_url: str = "/"):
    """Sign `client` (Django's test client) in through the provider, as a browser would:
    Navet's start page sends it to the provider, the person signs in on the provider's form,
    and the provider sends it back to Navet's callback. The callback's response."""
    start = client.get("/logga-in/oidc/", {"next": next_url})
    assert start.status_code == 302, start
    location = start["Location"]
    browser = requests.Session()
    form = browser.get(location, timeout=10)
    assert form.status_code == 200, form.text
    response = browser.post(
        form.url, data={"username": username, "password": password}, allow_redirects=False
    )
    for _hop in range(10):
        if response.status_code not in (302, 303):
            raise AssertionError(f"The provider did not send the browser back: {response.text}")
        location = response.headers["Location"]
        if "/logga-in/oidc/svar/" in location:
            break
        response = browser.get(location, allow_redirects=False, timeout=10)
    parts = urlsplit(location)
    # The same browser returns to the provider when the session is renewed.
    client.provider_browser = browser
    return client.get(f"{parts.path}?{parts.query}")
