from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import SiteIdentity
from .templatetags.navet_tags import OWN_DOMAINS_CACHE_KEY


@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=SiteIdentity)
def forget_own_domains(sender, **kwargs):
    cache.delete(OWN_DOMAINS_CACHE_KEY)
