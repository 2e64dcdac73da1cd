from django.core.management.base import BaseCommand

from navet.archive.notifications import head_editors
from navet.archive.tasks import send_compliance_report


class Command(BaseCommand):
    help = "Monthly: email every head editor their administration's compliance (W3.7)."

    def handle(self, *args, **options):
        people = head_editors()
        for person in people:
            send_compliance_report.enqueue(person.pk)
        self.stdout.write(f"{len(people)} reports queued.")
