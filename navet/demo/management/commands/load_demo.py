from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from navet.demo.services import load_demo


class Command(BaseCommand):
    help = "Load the demo municipality (idempotent). Refused in the production profile."

    def handle(self, *args, **options):
        if not settings.NAVET_DEMO_ALLOWED:
            raise CommandError("The demo municipality is never loaded in production.")
        counts = load_demo(password=settings.NAVET_DEMO_PASSWORD)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo loaded: {units} units, {people} people, {pages} pages "
                "({news} news items).".format(**counts)
            )
        )
