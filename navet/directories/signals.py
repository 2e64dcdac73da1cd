"""A published or unpublished entry makes the directory pages that show it stale."""

from django.apps import apps
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from navet.web.purge import purge_pages_and_urls

from .models import DirectoryEntry


def directory_pages_of(entry) -> list:
    page_model = apps.get_model(entry.directory_page_type)
    return list(page_model.objects.live())


def purge_entry(entry) -> None:
    pages = directory_pages_of(entry)
    urls = [page.full_url + path for page in pages if page.full_url for path in entry.shown_at()]
    purge_pages_and_urls(pages=pages, urls=urls)


@receiver(published)
@receiver(unpublished)
def purge_on_publish(sender, instance, **kwargs):
    if isinstance(instance, DirectoryEntry):
        purge_entry(instance)
