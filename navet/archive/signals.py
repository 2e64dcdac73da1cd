"""Every publish of a page or of a register entry (a snippet with drafts) is archived."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import published, unpublished

from .services import record_publication, record_withdrawal


@receiver(published)
def capture_on_publish(sender, instance, revision=None, **kwargs):
    if isinstance(instance, Page):
        instance = instance.specific
    elif not isinstance(instance, DraftStateMixin):
        return
    if not instance.live:
        # Wagtail signals a first publication scheduled for later too (an embargo): it is
        # archived when it goes live, not before.
        return
    record_publication(obj=instance, revision=revision)


@receiver(unpublished)
def note_withdrawal(sender, instance, **kwargs):
    record_withdrawal(obj=instance.specific if isinstance(instance, Page) else instance)


@receiver(pre_delete, sender=Page)
def note_deletion(sender, instance, **kwargs):
    """A deleted page's archive stays; its last version is replaced by nothing."""
    record_withdrawal(obj=instance)
