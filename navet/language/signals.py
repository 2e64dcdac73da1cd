from django.dispatch import receiver
from wagtail.signals import page_published

from . import services


@receiver(page_published)
def review_published_page(sender, instance, **kwargs):
    if getattr(instance, "plain_language_review", False):
        services.record_review(instance)
