import datetime

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from navet.governance.domains import expired_exceptions, forget_own_domains

# The day of the last run, so a day cron missed is caught up on the next run.
LAST_RUN_CACHE_KEY = "navet:domain-exceptions-expired-checked"


class Command(BaseCommand):
    help = (
        "Domain exceptions that expired since the last run no longer count as the "
        "municipality's own (rule W3.6): links to them are marked as external again, so "
        "every cached page is purged. Lists them. Run daily from cron, after midnight."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            help=(
                "Look at exceptions whose last day in force was on or after this date "
                "(YYYY-MM-DD). Default: the day of the last run, or yesterday."
            ),
        )

    def handle(self, *args, since=None, **options):
        today = timezone.localdate()
        if since:
            start = parse_date(since)
            if start is None:
                raise CommandError(f"Not a date: {since!r} (write YYYY-MM-DD).")
        else:
            start = cache.get(LAST_RUN_CACHE_KEY) or today - datetime.timedelta(days=1)
        expired = list(expired_exceptions(since=start, today=today))
        if expired:
            forget_own_domains()
            for exception in expired:
                self.stdout.write(
                    f"{exception.domain}: expired after {exception.expires_on:%Y-%m-%d} "
                    f"({exception.owning_unit}; {exception.decision_reference or '-'})"
                )
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(expired)} domain exceptions expired; cached pages purged."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("No domain exception expired."))
        cache.set(LAST_RUN_CACHE_KEY, today, None)
