from django.core.management.base import BaseCommand
from wagtail.models import Page

from navet.language.services import record_review


class Command(BaseCommand):
    help = "Review the live content of every page again (after the rules or term list change)."

    def handle(self, *args, **options):
        count = 0
        for page in Page.objects.live().specific().iterator(chunk_size=500):
            if getattr(page, "plain_language_review", False):
                record_review(page)
                count += 1
        self.stdout.write(self.style.SUCCESS(f"Reviewed {count} pages."))
