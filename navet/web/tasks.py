"""Work for the sites that no reader waits for, run on the task queue after the commit.

What makes a publish visible goes ahead of the rest of the queue (search-index updates,
emails): the public version of news and the purges of the proxies in front."""

from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

from navet.tasks import VISIBLE_QUEUE, navet_task

from .cache import proxy_backends
from .models import NewsPage
from .news import sync_public_version

# django-tasks runs higher priorities first (default 0).
VISIBLE_SOON = 50


@navet_task(retries=5, backoff_seconds=10, priority=VISIBLE_SOON, queue_name=VISIBLE_QUEUE)
def publish_public_version(*, original_id: int, user_id: int | None = None) -> int | None:
    """W3.3b: the public version of news for both audiences, right after the intranet one."""
    original = NewsPage.objects.filter(pk=original_id, live=True).first()
    if original is None or not original.also_public:
        return None
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    public = sync_public_version(original=original, user=user)
    return public.pk if public else None


@navet_task(retries=5, backoff_seconds=2, priority=VISIBLE_SOON, queue_name=VISIBLE_QUEUE)
def purge_proxy_urls(*, urls: list[str]) -> None:
    """Purge pages from the caching proxies in front (nginx, a CDN)."""
    purge_urls_from_cache_task.call(urls, None, list(proxy_backends()))


@navet_task(retries=5, backoff_seconds=2, priority=VISIBLE_SOON, queue_name=VISIBLE_QUEUE)
def refresh_proxy_urls(*, urls: list[str]) -> None:
    """Replace what the caching proxies keep at `urls` in place (the public banner): nginx
    fetches the new answer itself, so there is no moment without one and no rush of
    requests to Navet. A proxy that cannot refresh is purged. The addresses are refreshed
    side by side: each waits for Navet's answer."""
    for backend in proxy_backends().values():
        refresh = getattr(backend, "refresh", None)
        if refresh is None:
            backend.purge_batch(urls)
            continue
        with ThreadPoolExecutor(max_workers=max(len(urls), 1)) as pool:
            list(pool.map(refresh, urls))


@navet_task(retries=5, backoff_seconds=2, priority=VISIBLE_SOON, queue_name=VISIBLE_QUEUE)
def purge_proxies_everything() -> None:
    """Drop every page from the caching proxies in front in one step."""
    for backend in proxy_backends().values():
        backend.purge_everything()
