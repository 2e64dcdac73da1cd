from django.core.management.base import BaseCommand

from navet.crisis.roster import queue_handover_reminders


class Command(BaseCommand):
    help = "Queue the emails before each handover of the on-call communicator (run hourly)."

    def handle(self, *args, **options):
        count = queue_handover_reminders()
        self.stdout.write(f"{count} handover reminder(s) queued.")
