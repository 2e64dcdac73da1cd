"""Daily: people disabled or removed at the identity provider leave Navet (leavers.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from navet.organisation import leavers, oidc


class Command(BaseCommand):
    help = (
        "Deactivates the accounts of people disabled or removed at the identity provider, "
        "signs them out and ends their role assignments. Run daily (cron)."
    )

    def handle(self, *args, **options):
        if not oidc.enabled() or not settings.NAVET_OIDC_DIRECTORY_URL:
            raise CommandError(
                _(
                    "Sign-in with the identity provider, or its directory, is not configured "
                    "(NAVET_OIDC_ISSUER, NAVET_OIDC_CLIENT_ID, NAVET_OIDC_DIRECTORY_URL)."
                )
            )
        try:
            result = leavers.reconcile()
        except leavers.DirectoryUnavailable as error:
            raise CommandError(
                _("The identity provider's directory could not be read; nothing was changed: %s")
                % error
            ) from error
        forgotten = leavers.forget_ended_sessions()
        self.stdout.write(
            _(
                "%(checked)d people checked, %(left)d left: %(names)s. "
                "%(sessions)d ended sessions forgotten."
            )
            % {
                "checked": result.checked,
                "left": len(result.left),
                "names": ", ".join(result.left) or "–",
                "sessions": forgotten,
            }
        )
