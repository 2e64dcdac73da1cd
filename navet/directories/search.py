"""Directory entries in the site search (Swedish stems, as pages): services, providers and
associations whose directory page is on the site searched, live entries only."""

from django.apps import apps
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from navet.web.search import Hit

from .models import Association, Provider, Service

HITS_PER_KIND = 5


def _summary(entry) -> str:
    return getattr(entry, "summary", "") or getattr(entry, "purpose", "") or entry.assignment


def _kind(entry) -> str:
    if isinstance(entry, Provider):
        return _("Provider of %(service)s") % {"service": entry.service.name.lower()}
    if isinstance(entry, Service):
        return _("Service with a choice of provider")
    return _("Association supported by the municipality")


def directory_hits(*, site, stems: list[str]) -> list[Hit]:
    start = site.localized_start_page
    if start is None:
        return []
    backend = get_search_backend()
    hits = []
    for model in (Service, Provider, Association):
        page_model = apps.get_model(model.directory_page_type)
        page = page_model.objects.live().descendant_of(start).first()
        if page is None:
            continue
        entries = model.objects.filter(live=True)
        if model is Provider:
            live_services = Service.objects.filter(live=True).values_list("pk", flat=True)
            entries = entries.filter(service_id__in=list(live_services)).select_related("service")
        found = backend.search(" ".join(stems), entries, operator="and")[:HITS_PER_KIND]
        hits += [
            Hit(str(entry), page.url + entry.route_path(), _summary(entry), _kind(entry))
            for entry in found
        ]
    return hits
