from django.core.management.base import BaseCommand

from navet.language.services import record_review
from navet.web.models import BasePage


class Command(BaseCommand):
    help = "Review the live content of every page again (after the rules or term list change)."

    def handle(self, *args, **options):
        from wagtail.models import Page

        count = 0
        for page in Page.objects.live().specific():
            if isinstance(page, BasePage):
                record_review(page)
                count += 1
        self.stdout.write(self.style.SUCCESS(f"Reviewed {count} pages."))
