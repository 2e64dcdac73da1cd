from django.core.management.base import BaseCommand

from navet.organisation.services import sync_all_role_groups


class Command(BaseCommand):
    help = (
        "Bring every account's permissions in line with today's role assignments. "
        "Run daily (e.g. just after midnight) so assignments that start or end by date "
        "take effect even for people who are not signed in."
    )

    def handle(self, *args, **options):
        count = sync_all_role_groups()
        self.stdout.write(self.style.SUCCESS(f"Synchronised {count} accounts."))
