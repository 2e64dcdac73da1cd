"""Which cached URLs a change to a page makes stale: the page, every page above it that
lists it (section parents, news index, start page), pages that link to it as their
easy-to-read version, and the site's news feed and sitemap – in every language prefix."""

from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from navet.tasks import run_here_or_enqueue

from . import cache as page_cache
from . import fragments, sitemaps
from .cache import OWN_CACHE, proxy_backends
from .tasks import purge_proxies_everything, purge_proxy_urls

SITE_WIDE_PATHS = ("/flode/nyheter/", "/sitemap.xml")


def urls_showing(page) -> tuple[list, list[str]]:
    """The pages whose cached copies show `page`, and extra site-wide URLs."""
    from .models import ContentPage

    page = page.specific
    pages = [page, *page.get_ancestors().filter(depth__gt=1).specific()]
    pages += list(ContentPage.objects.filter(easy_to_read_version_id=page.pk))
    urls = []
    site = page.get_site()
    if site is not None:
        paths = [*SITE_WIDE_PATHS, *sitemaps.file_paths(site)]
        urls = [site.root_url + path for path in paths]
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
    # Navet's own cache in this process, at once and after the commit; the proxies in front
    # only after the commit, on the task queue, when what they fetch next is the new content.
    purge_urls_from_cache_task.call(batch.urls, None, [OWN_CACHE])
    if at_commit and proxy_backends():
        run_here_or_enqueue(purge_proxy_urls, urls=list(batch.urls))


def purge_showing(page) -> None:
    pages, urls = urls_showing(page)
    purge_pages_and_urls(pages=pages, urls=urls)


def purge_pages_and_urls(*, pages, urls) -> None:
    """Purge `pages` (in every language prefix) and `urls`, now and after the commit: for
    content shown on pages that is not a page itself (a directory entry)."""
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
    """Something every page shows changed (site identity, a sender, the news order): every
    cache drops everything in one step – Navet's page cache and fragments by moving their
    generations on, the proxies in front by their own purge-all, after the commit."""
    page_cache.forget_everything()
    fragments.bump()
    if at_commit and proxy_backends():
        purge_proxies_everything.enqueue()
