from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Site

from navet.editorial.models import EditorialSettings
from navet.organisation.models import Person, Unit

from . import cache as page_cache
from . import (
    fragments,
    purge,  # noqa: F401  (connects the purge signal handlers)
)
from .models import SiteIdentity
from .templatetags.navet_tags import OWN_DOMAINS_CACHE_KEY


@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=SiteIdentity)
def forget_site_wide_settings(sender, **kwargs):
    """The header and footer of every page change: no cached page stays valid."""
    cache.delete(OWN_DOMAINS_CACHE_KEY)
    page_cache.forget_everything()
    fragments.bump()


@receiver([post_save, post_delete], sender=Unit)
@receiver([post_save, post_delete], sender=Person)
@receiver([post_save, post_delete], sender=EditorialSettings)
@receiver([post_save, post_delete], sender=Locale)
def forget_rendered_fragments(sender, **kwargs):
    """Senders' names and contacts, the news order, languages: shown on many pages."""
    page_cache.forget_everything()
    fragments.bump()
