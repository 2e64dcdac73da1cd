"""Cron: remind who handles a case when its answer-time goal has passed without an answer
(K4), e.g. every fifteen minutes. Each case is reminded of once; the emails go on the task
queue."""

from django.core.management.base import BaseCommand

from navet.cases.services import remind_overdue


class Command(BaseCommand):
    help = "Remind the handlers of cases past their answer-time goal (K4)."

    def handle(self, *args, **options):
        cases = remind_overdue()
        for case in cases:
            self.stdout.write(f"{case.reference} ({case.mailbox.address}): reminder queued")
        self.stdout.write(f"{len(cases)} case(s) past the goal")
