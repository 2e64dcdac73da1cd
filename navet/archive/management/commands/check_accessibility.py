from django.conf import settings
from django.core.management.base import BaseCommand

from navet.archive.accessibility import check_public_site


class Command(BaseCommand):
    help = (
        "Run axe-core in headless Chromium over the public website's live pages and keep "
        "the WCAG 2.1 AA violations for the compliance view (W3.7). Scheduled nightly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.WAGTAILADMIN_BASE_URL,
            help="Where the public website answers, e.g. https://www.linkoping.se",
        )
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, base_url, limit=None, **options):
        found = check_public_site(base_url=base_url, limit=limit)
        self.stdout.write(f"{found} accessibility problems found.")
