from django.core.management.base import BaseCommand

from navet.crisis.alerts import read_official_alerts


class Command(BaseCommand):
    help = "Read the CAP 1.2 feed of official alerts; suggest events for the municipality."

    def handle(self, *args, **options):
        suggested = read_official_alerts()
        self.stdout.write(f"{len(suggested)} suggested crisis event(s).")
