from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from navet.organisation.models import RoleAssignment
from navet.organisation.roles import Role
from navet.organisation.services import refresh_role_groups
from navet.tasks import enqueue_after_commit
from navet.web.purge import purge_pages_and_urls

from .inquiries import people_to_notify
from .models import MediaInquiry, PressTopic
from .pages import PressInvitationPage, PressReleasePage, PressRoomPage
from .selectors import PRESS_ROLES
from .tasks import distribute_press_item, notify_inquiry


@receiver(page_published, sender=PressReleasePage)
@receiver(page_published, sender=PressInvitationPage)
def distribute_when_live(sender, instance, **kwargs):
    """A release is emailed to its subscribers when it goes live – at the embargo time when
    it was scheduled – after the publish is committed, off the request."""
    enqueue_after_commit(distribute_press_item, page_id=instance.pk)


@receiver(page_published, sender=PressRoomPage)
@receiver(post_delete, sender=PressRoomPage)
def regrant_press_contacts(sender, instance, **kwargs):
    """A room's press contacts are those of the unit that runs it (`roles.press_room_pages`):
    a new room, or one that changed hands, changes whose group may write in it."""
    transaction.on_commit(lambda: refresh_role_groups(role=Role.PRESS_CONTACT))


def purge_press_rooms() -> None:
    rooms = list(PressRoomPage.objects.live())
    if rooms:
        purge_pages_and_urls(pages=rooms, urls=[])


@receiver([post_save, post_delete], sender=RoleAssignment)
def purge_press_contacts(sender, instance, **kwargs):
    """The press rooms list the spokespeople and press contacts from role assignments."""
    if instance.role in PRESS_ROLES:
        purge_press_rooms()


@receiver([post_save, post_delete], sender=PressTopic)
def purge_topics(sender, instance, **kwargs):
    purge_press_rooms()


@receiver(post_save, sender=MediaInquiry)
def notify_about_inquiry(sender, instance, created, **kwargs):
    """K2: a new inquiry, or one given to another spokesperson, is told to the spokesperson
    and the administration's communications lead, after the commit."""
    people = people_to_notify(inquiry=instance, created=created)
    if not people:
        return
    MediaInquiry.objects.filter(pk=instance.pk).update(notified_spokesperson=instance.spokesperson)
    instance.notified_spokesperson = instance.spokesperson
    enqueue_after_commit(notify_inquiry, inquiry_id=instance.pk, person_ids=people)
