from django.core.management.base import BaseCommand

from navet.editorial.services import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email owners and head editors about pages past their review date (rule W3.3d). "
        "Run daily from cron; a page is reminded about again every week until reviewed."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} reminder emails."))
