from django.conf import settings
from django.db import transaction
from wagtail.models import Site

from .models import SiteIdentity, StartPage


@transaction.atomic
def configure_sites(
    *, public_root: StartPage, intranet_root: StartPage, organisation_name: str
) -> tuple[Site, Site]:
    """Point the public host and the intranet host (NAVET_PUBLIC_HOST, NAVET_INTRANET_HOST)
    at their start pages. Safe to run again after the host names change."""
    port = settings.NAVET_SITE_PORT
    public = (
        Site.objects.filter(root_page=public_root).first()
        or Site.objects.filter(is_default_site=True).first()
        or Site()
    )
    intranet = Site.objects.filter(root_page=intranet_root).first() or Site()
    # Free the host names first so the (hostname, port) constraint never trips mid-way.
    Site.objects.filter(
        hostname__in=[settings.NAVET_PUBLIC_HOST, settings.NAVET_INTRANET_HOST], port=port
    ).exclude(pk__in=[s.pk for s in (public, intranet) if s.pk]).delete()

    for site, hostname, root, is_default, label in (
        (public, settings.NAVET_PUBLIC_HOST, public_root, True, ""),
        (intranet, settings.NAVET_INTRANET_HOST, intranet_root, False, "Intranät"),
    ):
        site.hostname = hostname
        site.port = port
        site.root_page = root
        site.is_default_site = is_default
        site.site_name = f"{organisation_name} {label}".strip()
        site.save()
        identity = SiteIdentity.for_site(site)
        if not identity.site_label and label:
            identity.site_label = label
        identity.organisation_name = organisation_name
        identity.save()
    return public, intranet
