"""Navet's background tasks: django-tasks with retries, and enqueueing after a commit.

The backend comes from the settings (NAVET_TASKS_BACKEND): the database queue in production,
run by `manage.py db_worker`, or at once in the process that asks (make run, the tests).
django-tasks itself never retries: a task that raises is recorded as failed, once. A task
declared with `navet_task` is tried again instead, and only the last attempt fails:

    from navet.tasks import enqueue_after_commit, navet_task

    @navet_task(retries=3, backoff_seconds=30)
    def notify_approvers(page_id: int) -> None: ...

    enqueue_after_commit(notify_approvers, page.pk)

A task's arguments must be JSON values (ids, not model instances)."""

import functools
import logging
from collections.abc import Callable
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

import django_tasks
from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

logger = logging.getLogger(__name__)

# Work a reader is waiting to see (a publish's purges, the public version of news, the
# crisis banner) has a queue of its own, which one worker serves alone: it never waits for
# a worker busy with a search-index update or a capture (deploy/production_stack.py). The
# settings' TASKS name both queues.
VISIBLE_QUEUE = "visible"
# The keyword argument in which a queued retry carries its attempt number (2, 3 ...).
ATTEMPT_KWARG = "navet_attempt"
# Set while a Navet task runs, so that work it causes can follow in the same worker.
_in_task = ContextVar("navet_in_task", default=False)


def navet_task(
    *, retries: int = 5, backoff_seconds: float = 10, **task_options: Any
) -> Callable[[Callable[..., Any]], Task]:
    """Declare a background task that is tried again when it raises, up to `retries` more
    times; every failure is logged with the task's arguments.

    With a backend that can defer (the database queue) the next attempt is queued to run
    `backoff_seconds` later, then twice, four times ... that; the attempt that handed over
    finishes with `{"retried_as": <the next attempt's result id>, "error": ...}`. The
    immediate backend cannot defer: it tries again at once, in the same call. The last
    attempt logs "gave up" and raises, so the task's result is recorded as FAILED (the
    database keeps it, with its traceback). `task_options` go to django-tasks' `task`
    (priority, queue_name, backend)."""

    def declare(function: Callable[..., Any]) -> Task:
        name = f"{function.__module__}.{function.__qualname__}"

        @functools.wraps(function)
        def attempt(*args: Any, **kwargs: Any) -> Any:
            number = kwargs.pop(ATTEMPT_KWARG, 1)
            while True:
                token = _in_task.set(True)
                try:
                    return function(*args, **kwargs)
                except Exception as error:
                    arguments = f"args={args!r} kwargs={kwargs!r}"
                    logger.exception(
                        "Task %s failed (attempt %d of %d) %s", name, number, retries + 1, arguments
                    )
                    if number > retries:
                        logger.error(
                            "Task %s gave up after %d attempts %s", name, number, arguments
                        )
                        raise
                    number += 1
                    if declared.get_backend().supports_defer:
                        delay = backoff_seconds * 2 ** (number - 2)
                        run_after = timezone.now() + timedelta(seconds=delay)
                        retry = declared.using(run_after=run_after).enqueue(
                            *args, **kwargs, **{ATTEMPT_KWARG: number}
                        )
                        logger.warning(
                            "Task %s: attempt %d queued as %s, to run in %g s",
                            name,
                            number,
                            retry.id,
                            delay,
                        )
                        return {"retried_as": retry.id, "error": repr(error)}
                finally:
                    _in_task.reset(token)

        declared = django_tasks.task(attempt, **task_options)
        return declared

    return declare


def enqueue_after_commit(task: Task, /, *args: Any, **kwargs: Any) -> None:
    """Enqueue `task` when the current transaction commits (at once outside one): the
    immediate backend would otherwise run it before the commit, on data that may still roll
    back. (On the database queue a plain `enqueue` is safe too: its row commits or rolls
    back with the transaction.) django-tasks dropped its ENQUEUE_ON_COMMIT option in 0.10,
    hence this helper."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def run_here_or_enqueue(task: Task, /, *args: Any, **kwargs: Any) -> None:
    """What a Navet task causes runs in that task, already off the request, rather than
    waiting another turn in the queue; anywhere else it is queued."""
    if _in_task.get():
        task.call(*args, **kwargs)
    else:
        task.enqueue(*args, **kwargs)


# A task whose worker was stopped this many times while running it is not started again: it
# is what stops the worker (out of memory, say), and would stop it for ever.
MAX_INTERRUPTED_RUNS = 3


class WorkerStoppedDuringTask(Exception):
    pass


def requeue_interrupted(*, worker_id: str) -> tuple[int, int]:
    """Put back in the queue the tasks the worker `worker_id` was running when it was killed
    (django-tasks-db leaves them RUNNING for ever); one it was running too often is recorded
    as failed. Returns (requeued, failed). Only for this worker's own rows: another worker
    may be running its tasks right now."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    requeued = failed = 0
    for row in DBTaskResult.objects.running():
        if row.worker_ids[-1:] != [worker_id]:
            continue
        if len(row.worker_ids) >= MAX_INTERRUPTED_RUNS:
            row.set_failed(
                WorkerStoppedDuringTask(
                    f"the worker was stopped {len(row.worker_ids)} times while running it"
                )
            )
            logger.error("Task %s %s: stopped its worker too often, failed", row.task_path, row.id)
            failed += 1
            continue
        row.status, row.started_at = TaskResultStatus.READY, None
        row.save(update_fields=["status", "started_at"])
        logger.warning("Task %s %s: its worker was stopped, queued again", row.task_path, row.id)
        requeued += 1
    return requeued, failed
