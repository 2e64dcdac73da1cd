from django.core.management.base import BaseCommand

from navet.archive.services import capture_live
from navet.archive.supervision import live_pages


class Command(BaseCommand):
    help = (
        "Capture the live version of every page not yet archived (W3.7), e.g. when the "
        "archive starts on sites that were published before. One page that fails is "
        "recorded as failed and skipped."
    )

    def handle(self, *args, **options):
        captured = failed = 0
        for page in live_pages():
            try:
                capture_live(obj=page)
                captured += 1
            except Exception as error:
                failed += 1
                self.stderr.write(f"{page.pk} {page.title}: {error}")
        self.stdout.write(f"Captured {captured} pages, {failed} failed.")
