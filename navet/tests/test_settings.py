"""The production profile refuses to start half-configured, passes Django's deployment
checks, and never loads the demo."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3y-" + "x7Qp9vL2mZ8rT4wY6uB1nC5dF0gH3jK" * 2


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "NAVET_"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="navet.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("key", ["", "too-short"])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = manage(
        "check",
        DJANGO_SECRET_KEY=key,
        DATABASE_URL="postgres://u@127.0.0.1/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_sqlite():
    result = manage("check", DJANGO_SECRET_KEY=GOOD_KEY, DATABASE_URL="sqlite:///tmp/x.db")
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_refuses_to_start_without_redis():
    result = manage(
        "check", DJANGO_SECRET_KEY=GOOD_KEY, DATABASE_URL="postgres://postgres@127.0.0.1/x"
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_production_deploy_check_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/navet",
        REDIS_URL="redis://127.0.0.1:6379/0",
        NAVET_PUBLIC_HOST="www.linkoping.se",
        NAVET_INTRANET_HOST="linweb.linkoping.se",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_never_loads_the_demo():
    result = manage(
        "load_demo",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/navet",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode != 0
    assert "never loaded in production" in result.stderr
