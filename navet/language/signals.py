from django.dispatch import receiver
from wagtail.signals import page_published

from . import services


@receiver(page_published)
def review_published_page(sender, instance, **kwargs):
    if hasattr(instance, "owning_unit_id"):
        services.record_review(instance)
