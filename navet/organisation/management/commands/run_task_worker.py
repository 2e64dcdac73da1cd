"""django-tasks-db's worker under a fixed id: a task it was running when it was killed (a
crash, a deploy, the machine rebooting) is run again when it starts, instead of staying
RUNNING for ever. `deploy/production_stack.py` supervises one per id."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from navet.tasks import requeue_interrupted


class Command(BaseCommand):
    help = "Run a task worker with a fixed id, first requeueing what it was killed during."

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", required=True, help="Unique and the same every start")
        parser.add_argument("--interval", type=float, default=0.1)
        parser.add_argument("--queue-name", default="*", help="Queues, comma-separated; * all")

    def handle(self, *, worker_id, interval, queue_name, **options):
        requeued, failed = requeue_interrupted(worker_id=worker_id)
        if requeued or failed:
            self.stdout.write(
                f"{worker_id}: {requeued} interrupted task(s) queued again, {failed} failed"
            )
        call_command(
            "db_worker",
            worker_id=worker_id,
            interval=interval,
            queue_name=queue_name,
            startup_delay=False,
            reload=False,
            verbosity=options["verbosity"],
        )
