"""navet.tasks on the immediate backend (make run, the tests): retries happen at once, in the
same call. The database queue and its worker: test_task_worker.py."""

import logging
import os
import subprocess
import sys

import pytest
from django.db import transaction
from django_tasks import TaskResultStatus

from navet.tasks import enqueue_after_commit, navet_task, run_here_or_enqueue

GOOD_KEY = "k3y-" + "x7Qp9vL2mZ8rT4wY6uB1nC5dF0gH3jK" * 2

calls = []


@navet_task(retries=2, backoff_seconds=60)
def fails_twice(name: str) -> str:
    calls.append(name)
    if len(calls) < 3:
        raise ConnectionError(f"attempt {len(calls)} fails")
    return name


@navet_task(retries=2, backoff_seconds=60)
def always_fails(name: str) -> None:
    calls.append(name)
    raise RuntimeError("this task always fails")


@pytest.fixture(autouse=True)
def _no_calls():
    calls.clear()


def test_a_failing_task_is_tried_again_at_once(caplog):
    result = fails_twice.enqueue("mottagare")

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "mottagare"
    assert calls == ["mottagare"] * 3
    failures = [r for r in caplog.records if r.name == "navet.tasks" and r.exc_info]
    assert [r.getMessage().split(" args=")[0] for r in failures] == [
        "Task navet.tests.test_tasks.fails_twice failed (attempt 1 of 3)",
        "Task navet.tests.test_tasks.fails_twice failed (attempt 2 of 3)",
    ]
    assert "args=('mottagare',)" in failures[0].getMessage()


def test_the_last_attempt_gives_up_and_fails(caplog):
    result = always_fails.enqueue("mottagare")

    assert calls == ["mottagare"] * 3
    assert result.status == TaskResultStatus.FAILED
    assert "this task always fails" in result.errors[0].traceback
    [gave_up] = [r for r in caplog.records if "gave up" in r.getMessage()]
    assert gave_up.levelno == logging.ERROR
    assert gave_up.getMessage().startswith(
        "Task navet.tests.test_tasks.always_fails gave up after 3 attempts"
    )


@pytest.mark.django_db
def test_enqueue_after_commit_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_after_commit(fails_twice, "efter commit")
        assert calls == []
    assert calls == ["efter commit"] * 3

    with pytest.raises(ZeroDivisionError), transaction.atomic():
        enqueue_after_commit(fails_twice, "rullas tillbaka")
        1 / 0  # noqa: B018
    assert calls == ["efter commit"] * 3


def tasks_backend(profile: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NAVET_TASKS")}
    environment.update(
        DJANGO_SETTINGS_MODULE=f"navet.settings.{profile}",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
        **env,
    )
    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("profile", "env", "backend"),
    [
        ("dev", {}, "django_tasks.backends.immediate.ImmediateBackend"),
        ("test", {}, "django_tasks.backends.immediate.ImmediateBackend"),
        ("production", {}, "django_tasks_db.DatabaseBackend"),
        ("test", {"NAVET_TASKS_BACKEND": "database"}, "django_tasks_db.DatabaseBackend"),
        (
            "production",
            {"NAVET_TASKS_BACKEND": "immediate"},
            "django_tasks.backends.immediate.ImmediateBackend",
        ),
    ],
)
def test_the_backend_comes_from_navet_tasks_backend(profile, env, backend):
    result = tasks_backend(profile, **env)
    assert result.stdout.strip() == backend, result.stderr


def test_an_unknown_backend_is_refused():
    result = tasks_backend("production", NAVET_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "NAVET_TASKS_BACKEND must be one of immediate, database" in result.stderr


FOLLOWED_UP = []


@navet_task(retries=0)
def follow_up(*, name: str) -> None:
    FOLLOWED_UP.append(name)


@navet_task(retries=0)
def cause() -> None:
    run_here_or_enqueue(follow_up, name="in the task")


def test_what_a_task_causes_runs_in_that_task_and_is_queued_elsewhere(monkeypatch):
    from django_tasks.base import Task

    queued = []
    monkeypatch.setattr(Task, "enqueue", lambda task, **kwargs: queued.append(kwargs["name"]))
    FOLLOWED_UP.clear()
    cause.call()
    run_here_or_enqueue(follow_up, name="from a request")
    assert FOLLOWED_UP == ["in the task"]
    assert queued == ["from a request"]
