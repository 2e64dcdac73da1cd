"""Wagtail's scheduled publishing, with each object on its own: a revision the publishing
rules refuse is unscheduled and reported (see editorial.services.refuse_scheduled), and one
that fails for any other reason is logged and skipped – the rest are still published."""

import logging

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import DraftStateMixin, Page, Revision

from navet.editorial.services import SCHEDULED

logger = logging.getLogger(__name__)


def _isolated(action, description) -> bool:
    try:
        with transaction.atomic():
            action()
    except Exception:
        logger.exception("Scheduled publishing: %s failed; skipped.", description)
        return False
    return True


class Command(BaseCommand):
    help = "Publish and unpublish what is scheduled; one failing object does not stop the rest."

    def add_arguments(self, parser):
        parser.add_argument("--dryrun", action="store_true", help="Only list what is due.")

    def handle(self, *args, **options):
        if options["dryrun"]:
            return WagtailCommand(stdout=self.stdout, stderr=self.stderr).handle(dryrun=True)
        now = timezone.now()
        models = [Page] + [
            model
            for model in apps.get_models()
            if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
        ]
        failed = 0
        for model in models:
            for obj in list(model.objects.filter(live=True, expire_at__lt=now)):
                failed += not _isolated(
                    lambda obj=obj: obj.unpublish(
                        set_expired=True, log_action="wagtail.unpublish.scheduled"
                    ),
                    f"unpublishing {model.__name__} {obj.pk}",
                )
        due = Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")
        for revision in list(due):
            failed += not _isolated(
                lambda revision=revision: revision.publish(log_action=SCHEDULED),
                f"revision {revision.pk} of {revision.object_str!r}",
            )
        if failed:
            self.stderr.write(f"{failed} scheduled change(s) failed; see the log.")
