"""A real `manage.py db_worker` (the one `make serve-production` supervises) against the test
database: tasks queued after a commit are done, retried or recorded as failed, and Wagtail's
own tasks go through the same queue.

The worker is another process, so the data must be committed (a transactional test), and
emptying the database afterwards leaves nothing of the demo: this file runs in a pytest
session of its own (`make pytest-worker`). PostgreSQL only: CI runs it with DATABASE_URL."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django_tasks import TaskResultStatus
from taggit.models import Tag

from deploy.production_stack import stop, worker_command, worker_queues
from navet.tasks import (
    ATTEMPT_KWARG,
    MAX_INTERRUPTED_RUNS,
    VISIBLE_QUEUE,
    enqueue_after_commit,
    navet_task,
)

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


@navet_task(retries=0)
def interrupted_once(name: str) -> str:
    """Runs long the first time (the test kills its worker then), at once the second."""
    if not Tag.objects.filter(name__startswith=f"{name}-pid-").exists():
        Tag.objects.create(name=f"{name}-pid-{os.getpid()}")
        time.sleep(120)
    Tag.objects.create(name=name)
    return name


@navet_task(retries=0)
def kills_its_worker() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def start_worker(command: list[str], log: Path, **options) -> subprocess.Popen:
    """The worker (or its supervisor) against the test database, its output in `log`."""
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=worker_environment(),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        **options,
    )


def worker_environment() -> dict:
    db = connection.settings_dict
    database_url = (
        f"postgres://{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}"
        f"@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "navet.settings.test",
        "NAVET_TASKS_BACKEND": "database",
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }


def wait_until(condition, *, seconds: float, log: Path, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen:\n{log.read_text()}"
        time.sleep(0.2)


def test_database_queue_with_a_real_worker(settings, tmp_path):
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page
    from wagtail.tasks import update_reference_index_task

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

    log = tmp_path / "worker.log"
    worker = start_worker(worker_command("test-worker"), log)
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


def test_a_task_whose_worker_is_killed_is_run_again_and_never_lost(settings, tmp_path):
    """The supervisor of `make serve-production` restarts a killed worker under the same id;
    the worker then runs again what it was killed during. A task that kills its worker every
    time is given up after a few runs, and the rest of the queue is done."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with transaction.atomic():
        enqueue_after_commit(interrupted_once, "survivor")
        enqueue_after_commit(kills_its_worker)
        enqueue_after_commit(add_tag, "behind")
    log = tmp_path / "supervised-worker.log"
    supervisor = start_worker(
        [sys.executable, "deploy/production_stack.py", "supervise", *worker_command("w-1")],
        log,
        start_new_session=True,
    )
    try:
        started = Tag.objects.filter(name__startswith="survivor-pid-")
        wait_until(started.exists, seconds=60, log=log, what="the long task's start")
        row = DBTaskResult.objects.get(task_path=interrupted_once.module_path)
        assert row.status == TaskResultStatus.RUNNING
        os.kill(int(started.get().name.rsplit("-", 1)[1]), signal.SIGKILL)

        # Restarts wait 1, 2, 4, 8 s; each start of the worker takes a few seconds.
        poison = DBTaskResult.objects.filter(task_path=kills_its_worker.module_path)
        wait_until(
            lambda: (
                poison.filter(status=TaskResultStatus.FAILED).exists()
                and Tag.objects.filter(name="behind").exists()
            ),
            seconds=120,
            log=log,
            what="the queue's end",
        )
    finally:
        stop([supervisor])
    output = log.read_text()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["w-1", "w-1"]  # killed once, then done by the same worker
    assert Tag.objects.filter(name="survivor").count() == 1
    assert "1 interrupted task(s) queued again" in output

    poison = poison.get()
    assert len(poison.worker_ids) == MAX_INTERRUPTED_RUNS
    assert poison.exception_class_path == "navet.tasks.WorkerStoppedDuringTask"
    assert f"stopped {MAX_INTERRUPTED_RUNS} times" in poison.traceback
    assert DBTaskResult.objects.get(task_path=add_tag.module_path).status == (
        TaskResultStatus.SUCCESSFUL
    )


@navet_task(retries=0, queue_name=VISIBLE_QUEUE)
def add_visible_tag(name: str) -> str:
    Tag.objects.create(name=name)
    return name


def test_what_readers_wait_to_see_has_a_worker_of_its_own(settings, tmp_path):
    """The production stack's first worker serves only the queue of what readers wait to
    see (a publish's purges, the public version of news, the crisis banner): a queue full
    of other work never holds it up."""
    from django_tasks_db.models import DBTaskResult

    from navet.web import tasks as web_tasks

    assert worker_queues(1) == VISIBLE_QUEUE and worker_queues(2) == "*"
    for task in (
        web_tasks.publish_public_version,
        web_tasks.purge_proxy_urls,
        web_tasks.refresh_proxy_urls,
        web_tasks.purge_proxies_everything,
    ):
        assert task.queue_name == VISIBLE_QUEUE
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", VISIBLE_QUEUE],
        }
    }
    for number in range(5):
        add_tag.enqueue(f"other-{number}")
    add_visible_tag.enqueue("visible")
    log = tmp_path / "worker.log"
    worker = start_worker(worker_command("visible-worker", queues=worker_queues(1)), log)
    try:
        deadline = time.monotonic() + 60
        while not Tag.objects.filter(name="visible").exists():
            assert worker.poll() is None, f"the worker stopped:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"nothing was done:\n{log.read_text()}"
            time.sleep(0.2)
        time.sleep(1)  # time enough to have taken other work, had it been its own
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert not Tag.objects.filter(name__startswith="other-").exists()
    waiting = DBTaskResult.objects.filter(task_path=add_tag.module_path)
    assert [row.status for row in waiting] == [TaskResultStatus.READY] * 5
