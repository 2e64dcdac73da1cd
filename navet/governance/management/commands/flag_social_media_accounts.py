from django.core.management.base import BaseCommand
from django.utils import timezone

from navet.governance.selectors import accounts_needing_attention, communications_staff
from navet.governance.tasks import send_account_flags
from navet.tasks import enqueue_after_commit


class Command(BaseCommand):
    help = (
        "Email the communications staff the approved social media accounts whose "
        "administrators no longer hold a role or whose review date has passed (rule W4.3). "
        "Run daily from cron; one email per person, on the task queue."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        flagged = accounts_needing_attention(today=today)
        if not flagged:
            self.stdout.write("No accounts need attention.")
            return
        account_ids = [account.pk for account, _reasons in flagged]
        recipients = [user for user in communications_staff() if user.email]
        for recipient in recipients:
            enqueue_after_commit(
                send_account_flags,
                recipient_id=recipient.pk,
                account_ids=account_ids,
                today=today.isoformat(),
            )
        if not recipients:
            self.stderr.write(
                "No communications lead or communicator to tell: set the communications "
                "staff in the governance settings and give it people with those roles."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(flagged)} accounts need attention; {len(recipients)} emails queued."
            )
        )
