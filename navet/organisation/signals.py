"""Keep permissions in step with the organisation the moment it changes (in the same
transaction, so a refused save changes nothing)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, Site

from . import services
from .models import Person, RoleAssignment, Unit


@receiver(pre_save, sender=RoleAssignment)
def remember_previous_person(sender, instance, **kwargs):
    instance._previous_person_id = (
        RoleAssignment.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=RoleAssignment)
@receiver(post_delete, sender=RoleAssignment)
def assignment_changed(sender, instance, **kwargs):
    person_ids = {instance.person_id, getattr(instance, "_previous_person_id", None)} - {None}
    people = Person.objects.filter(pk__in=person_ids, user__isnull=False)
    services.sync_people(people=people.select_related("user"))


@receiver(pre_save, sender=Person)
def remember_previous_user(sender, instance, **kwargs):
    instance._previous_user_id = (
        Person.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Person)
def person_changed(sender, instance, **kwargs):
    previous = getattr(instance, "_previous_user_id", None)
    if previous == instance.user_id:
        return
    for user in get_user_model().objects.filter(pk__in={previous, instance.user_id} - {None}):
        services.sync_role_groups(user=user)


@receiver(post_save, sender=Unit)
def unit_changed(sender, instance, created, **kwargs):
    if not created:
        services.refresh_unit(unit=instance)


@receiver(post_save)
def start_page_created(sender, instance, created, **kwargs):
    """A new start page (a new site or a translation) falls under the site-wide roles."""
    if created and isinstance(instance, Page) and instance.depth == 2:
        services.refresh_site_wide_groups()


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def sites_changed(sender, **kwargs):
    services.refresh_site_wide_groups()
