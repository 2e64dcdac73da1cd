from django.core.management.base import BaseCommand

from navet.archive.supervision import take_snapshots


class Command(BaseCommand):
    help = "Nightly: record each administration's compliance for the trend (W3.7)."

    def handle(self, *args, **options):
        snapshots = take_snapshots()
        self.stdout.write(f"{len(snapshots)} administrations recorded.")
