"""Keep permissions in step with the organisation the moment it changes (in the same
transaction, so a refused save changes nothing); log and notify password and email changes
of accounts, whichever way they happen."""

from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import Page, Site

from . import accounts, identities, services
from .models import ClaimRoleMapping, Person, RoleAssignment, Unit


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


@receiver(pre_delete, sender=ClaimRoleMapping)
def end_assignments_of_removed_mapping(sender, instance, **kwargs):
    identities.end_mapped_assignments(mapping=instance, user=get_active_log_context().user)


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


# Accounts. A password is set only by its holder (accounts.py); every time one is set, the
# log says how, and the holder is told by email.

_request_path: ContextVar[str | None] = ContextVar("navet_request_path", default=None)


@receiver(request_started)
def remember_request_path(sender, environ=None, scope=None, **kwargs):
    path = (environ or {}).get("PATH_INFO") if environ is not None else (scope or {}).get("path")
    _request_path.set(path)


@receiver(request_finished)
def forget_request_path(sender, **kwargs):
    _request_path.set(None)


@receiver(pre_save, sender=get_user_model())
def remember_account_secrets(sender, instance, raw=False, update_fields=None, **kwargs):
    # set_password() keeps the raw password in _password until the save; a hash upgrade at
    # login clears it first, so it is not counted as a change.
    instance._navet_password_set = bool(
        instance.pk and not raw and getattr(instance, "_password", None) is not None
    )
    instance._navet_old_email = None
    if raw or not instance.pk or (update_fields is not None and "email" not in update_fields):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("email", flat=True).first()
    if old and old != instance.email:
        instance._navet_old_email = old


@receiver(post_save, sender=get_user_model())
def log_account_secrets(sender, instance, created, raw=False, **kwargs):
    if getattr(instance, "_navet_password_set", False):
        instance._navet_password_set = False
        actor = get_active_log_context().user
        path = _request_path.get() or ""
        if path.startswith(reverse("wagtailadmin_password_reset")):
            action, actor = accounts.PASSWORD_RESET, None
        elif actor is not None and actor.pk == instance.pk:
            action = accounts.PASSWORD_CHANGED
        else:
            action = accounts.PASSWORD_SET
        log(instance=instance, action=action, user=actor)
        accounts.notify_password_changed(target=instance)
    old_address = getattr(instance, "_navet_old_email", None)
    if old_address:
        instance._navet_old_email = None
        accounts.notify_email_changed(target=instance, old_address=old_address)
