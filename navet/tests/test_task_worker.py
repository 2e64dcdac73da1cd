"""A real `manage.py db_worker` (the one `make serve-production` supervises) against the test
database: tasks queued after a commit are done, retried or recorded as failed, and Wagtail's
own tasks go through the same queue.

The worker is another process, so the data must be committed (a transactional test), and
emptying the database afterwards leaves nothing of the demo: this file runs in a pytest
session of its own (`make pytest-worker`). PostgreSQL only: CI runs it with DATABASE_URL."""

import os
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django_tasks import TaskResultStatus
from taggit.models import Tag

from navet.tasks import ATTEMPT_KWARG, enqueue_after_commit, navet_task

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="runs a real task worker, which needs PostgreSQL (CI sets DATABASE_URL)",
    ),
]


# The tasks leave tags behind: something the worker writes and the test can see.
@navet_task(retries=2, backoff_seconds=0.2)
def add_tag(name: str) -> str:
    Tag.objects.create(name=name)
    return name


@navet_task(retries=2, backoff_seconds=0.2)
def fails_once(name: str) -> str:
    if not Tag.objects.filter(name=f"{name}-tried").exists():
        Tag.objects.create(name=f"{name}-tried")
        raise ConnectionError("the first attempt fails")
    Tag.objects.create(name=name)
    return name


@navet_task(retries=2, backoff_seconds=0.2)
def always_fails() -> None:
    raise RuntimeError("this task always fails")


def test_database_queue_with_a_real_worker(settings, tmp_path):
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page
    from wagtail.tasks import update_reference_index_task

    from deploy.production_stack import WORKER

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = Page.objects.filter(depth__gt=1).first().specific
    with transaction.atomic():
        enqueue_after_commit(always_fails)
        enqueue_after_commit(add_tag, "done")
        enqueue_after_commit(fails_once, "done-on-retry")
        enqueue_after_commit(
            update_reference_index_task, page._meta.app_label, page._meta.model_name, page.pk
        )
        assert not DBTaskResult.objects.exists()  # nothing before the commit
    assert DBTaskResult.objects.count() == 4

    db = connection.settings_dict
    database_url = (
        f"postgres://{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}"
        f"@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        WORKER,
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "navet.settings.test",
            "NAVET_TASKS_BACKEND": "database",
            "DATABASE_URL": database_url,
            "PYTHONUNBUFFERED": "1",
        },
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        # Retries wait 0.2 and 0.4 s; the worker's start-up takes a few seconds.
        deadline = time.monotonic() + 60
        unfinished = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
        while DBTaskResult.objects.filter(status__in=unfinished).exists():
            assert worker.poll() is None, f"the worker stopped:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the queue was not drained:\n{log.read_text()}"
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    output = log.read_text()

    def attempts(task):
        rows = DBTaskResult.objects.filter(task_path=task.module_path)
        return sorted(rows, key=lambda row: row.args_kwargs["kwargs"].get(ATTEMPT_KWARG, 1))

    # (a) Done, at the first attempt.
    [done] = attempts(add_tag)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "done"
    assert Tag.objects.filter(name="done").exists()

    # (b) The first attempt failed and handed over to a second, which succeeded.
    first, second = attempts(fails_once)
    assert first.status == TaskResultStatus.SUCCESSFUL
    assert first.return_value["retried_as"] == str(second.id)
    assert "the first attempt fails" in first.return_value["error"]
    assert second.args_kwargs == {"args": ["done-on-retry"], "kwargs": {ATTEMPT_KWARG: 2}}
    assert second.status == TaskResultStatus.SUCCESSFUL
    assert Tag.objects.filter(name="done-on-retry").exists()

    # (c) Three attempts (two retries), then recorded as FAILED with its traceback.
    *retried, last = attempts(always_fails)
    assert len(retried) == 2
    assert all(row.status == TaskResultStatus.SUCCESSFUL for row in retried)
    assert last.status == TaskResultStatus.FAILED
    assert last.exception_class_path == "builtins.RuntimeError"
    assert "this task always fails" in last.traceback
    assert "Traceback" in last.traceback
    assert "gave up after 3 attempts" in output

    # Wagtail's own tasks run on the same worker.
    [reference_index] = attempts(update_reference_index_task)
    assert reference_index.status == TaskResultStatus.SUCCESSFUL
    # Everything it was given, nothing left over.
    assert DBTaskResult.objects.count() == 1 + 2 + 3 + 1
    assert worker.returncode == 0, output
