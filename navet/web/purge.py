"""Which cached URLs a change to a page makes stale: the page, every page above it that
lists it (section parents, news index, start page), pages that link to it as their
easy-to-read version, and the site's news feed and sitemap – in every language prefix."""

from django.db import transaction
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


def now_and_after_commit(purge) -> None:
    """Purge at once, and again when the transaction commits: a visitor who asks in between
    gets the old content rendered and cached again, and the second purge clears that."""
    purge(at_commit=False)
    transaction.on_commit(lambda: purge(at_commit=True))


def _purge(pages, urls, *, at_commit: bool) -> None:
    fragments.bump()
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.add_urls(urls)
    # Navet's own cache at once and after the commit; a proxy in front (nginx) only after
    # the commit, when what it fetches next is the new content.
    batch.purge(backends=None if at_commit else ["navet"])


def purge_showing(page) -> None:
    pages, urls = urls_showing(page)
    now_and_after_commit(lambda at_commit: _purge(pages, urls, at_commit=at_commit))


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
        pages, urls = remembered
        instance._navet_purge = None
        own_urls = [url for url in (instance.full_url,) if url]
        others = [page for page in pages if page.pk != instance.pk]
        now_and_after_commit(
            lambda at_commit: _purge(others, [*urls, *own_urls], at_commit=at_commit)
        )


def purge_everything(*, at_commit: bool) -> None:
    """Something every page shows changed (site identity, a sender, the news order):
    Navet's own caches drop everything at once; a proxy in front is purged page by page
    after the commit."""
    from django.conf import settings

    from . import cache as page_cache

    page_cache.forget_everything()
    fragments.bump()
    if not at_commit or set(settings.WAGTAILFRONTENDCACHE) == {"navet"}:
        return
    proxies = [name for name in settings.WAGTAILFRONTENDCACHE if name != "navet"]
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().filter(depth__gt=1).specific())
    for site_root in Page.objects.filter(depth=2):
        _site_id, root_url, _path = site_root.get_url_parts() or (None, None, None)
        if root_url:
            batch.add_urls([root_url + path for path in SITE_WIDE_PATHS])
    batch.purge(backends=proxies)
