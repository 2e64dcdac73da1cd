from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Site
from wagtail.signals import page_published

from navet.editorial.models import EditorialSettings
from navet.editorial.selectors import is_intranet_page
from navet.language.domains import OWN_DOMAINS_CACHE_KEY
from navet.organisation.models import Person, Unit
from navet.tasks import enqueue_after_commit

from . import purge  # also connects the purge-on-publish handlers
from .models import NewsPage, SiteIdentity
from .tasks import publish_public_version


@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=SiteIdentity)
def forget_site_wide_settings(sender, **kwargs):
    """The header and footer of every page change: no cached page stays valid."""

    def forget(at_commit):
        cache.delete(OWN_DOMAINS_CACHE_KEY)
        purge.purge_everything(at_commit=at_commit)

    purge.now_and_after_commit(forget)


@receiver([post_save, post_delete], sender=Unit)
@receiver([post_save, post_delete], sender=Person)
@receiver([post_save, post_delete], sender=EditorialSettings)
@receiver([post_save, post_delete], sender=Locale)
def forget_rendered_fragments(sender, **kwargs):
    """Senders' names and contacts, the news order, languages: shown on many pages."""

    purge.now_and_after_commit(lambda at_commit: purge.purge_everything(at_commit=at_commit))


@receiver(page_published, sender=NewsPage)
def follow_with_public_version(sender, instance, revision=None, **kwargs):
    """W3.3b: intranet news for external readers too gets its public version right after
    the intranet version is committed, on the task queue."""
    if not (instance.live and instance.also_public and is_intranet_page(instance)):
        return
    publisher = getattr(revision, "published_by", None) or getattr(revision, "user", None)
    user_id = publisher.pk if publisher is not None else None
    enqueue_after_commit(publish_public_version, original_id=instance.pk, user_id=user_id)
