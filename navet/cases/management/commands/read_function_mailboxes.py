"""Cron: read every function mailbox that has an IMAP server into cases (K4), e.g. every
five minutes. A mailbox that cannot be read is reported and the others are read."""

from django.core.management.base import BaseCommand

from navet.cases.imap import read_all_mailboxes


class Command(BaseCommand):
    help = "Read the function mailboxes over IMAP into cases (K4)."

    def handle(self, *args, **options):
        failures = 0
        for address, result in read_all_mailboxes().items():
            if isinstance(result, str):
                failures += 1
                self.stderr.write(f"{address}: {result}")
                continue
            self.stdout.write(
                f"{address}: {result.recorded} read, {result.quarantined} quarantined, "
                f"{result.failed} left for the next run"
            )
        if failures:
            self.stderr.write(f"{failures} mailbox(es) could not be read")
