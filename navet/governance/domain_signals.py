"""W3.6: a change to what counts as the municipality's own domain changes how links are
marked on every page: the own-domain cache and every cached page go."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from .domains import forget_own_domains
from .models import DomainException, OwnDomain


@receiver([post_save, post_delete], sender=OwnDomain)
def own_domain_changed(sender, **kwargs):
    forget_own_domains()


@receiver([published, unpublished], sender=DomainException)
def domain_exception_decided(sender, instance, **kwargs):
    """Approved (published by the last step of its chain) or withdrawn."""
    forget_own_domains()


@receiver(post_delete, sender=DomainException)
def domain_exception_deleted(sender, instance, **kwargs):
    if instance.live:
        forget_own_domains()
