from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from navet.organisation.models import Unit
from navet.web.models import StartPage

from . import services


@receiver(post_save, sender=StartPage)
@receiver(page_published, sender=StartPage)
def protect_intranet_start_page(sender, instance, **kwargs):
    if instance.is_intranet:
        services.protect_page_tree(page=instance)


@receiver(post_save, sender=Unit)
def protect_unit_intranet_collection(sender, instance, **kwargs):
    if instance.intranet_collection_id:
        services.protect_collection(collection=instance.intranet_collection)
