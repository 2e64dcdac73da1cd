"""Send again what the mail server refused or what never got sent (a queue that was lost):
failed deliveries wait again, with their attempts counted from zero, and each release with
waiting deliveries is queued. What was sent, or is being sent, is never touched."""

from django.core.management.base import BaseCommand

from navet.press.distribution import retry_failed_and_waiting


class Command(BaseCommand):
    help = "Queue the press releases whose emails failed or still wait, to send them again."

    def handle(self, *args, **options):
        queued = retry_failed_and_waiting()
        self.stdout.write(f"{queued} release(s) queued for sending.")
