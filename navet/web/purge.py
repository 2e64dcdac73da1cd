"""Which cached URLs a change to a page makes stale: the page, every page above it that
lists it (section parents, news index, start page), pages that link to it as their
easy-to-read version, and the site's news feed and sitemap – in every language prefix."""

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from . import fragments

SITE_WIDE_PATHS = ("/flode/nyheter/", "/sitemap.xml")


def urls_showing(page) -> tuple[list, list[str]]:
    """The pages whose cached copies show `page`, and extra site-wide URLs."""
    from .models import ContentPage

    page = page.specific
    pages = [page, *page.get_ancestors().filter(depth__gt=1).specific()]
    pages += list(ContentPage.objects.filter(easy_to_read_version_id=page.pk))
    urls = []
    _site_id, root_url, _path = page.get_url_parts() or (None, None, None)
    if root_url:
        urls = [root_url + path for path in SITE_WIDE_PATHS]
    return pages, urls


def purge_showing(page) -> None:
    fragments.bump()
    pages, urls = urls_showing(page)
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.add_urls(urls)
    batch.purge()


@receiver(page_published)
@receiver(page_unpublished)
def purge_on_publish(sender, instance, **kwargs):
    purge_showing(instance)


@receiver(pre_page_move)
def purge_before_move(sender, instance, **kwargs):
    """The old place: the page's old URL and its old parents."""
    purge_showing(instance)


@receiver(post_page_move)
def purge_after_move(sender, instance, **kwargs):
    purge_showing(Page.objects.get(pk=instance.pk))


@receiver(pre_delete)
def remember_deleted_page_urls(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live and instance.depth > 1:
        instance._navet_purge = urls_showing(instance)


@receiver(post_delete)
def purge_on_delete(sender, instance, **kwargs):
    remembered = getattr(instance, "_navet_purge", None)
    if remembered:
        fragments.bump()
        pages, urls = remembered
        batch = PurgeBatch()
        batch.add_urls(urls)
        for page in pages:
            if page.pk != instance.pk:
                batch.add_page(page)
        batch.add_urls([url for url in (instance.full_url,) if url])
        batch.purge()
        instance._navet_purge = None
