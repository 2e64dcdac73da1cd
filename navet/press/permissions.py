"""Who may see and handle what in media relations. The model permissions come from the roles
(see `roles`); these policies narrow them: subscribers, consents and deliveries – personal
data – to Nyheter och media and the infomaster; each inquiry to those concerned with it."""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from navet.organisation.models import RoleAssignment
from navet.organisation.roles import Role

from .models import MediaInquiry, PressSettings


def _media_unit_ids() -> set[int]:
    unit = PressSettings.load().media_unit
    return {unit.pk, *(child.pk for child in unit.descendants())} if unit else set()


def _assignments(user) -> list:
    return list(RoleAssignment.objects.active().filter(person__user=user).select_related("unit"))


def is_media_staff(user) -> bool:
    """K2: a role in Nyheter och media (the press settings' unit), or the infomaster."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    media_units = _media_unit_ids()
    return any(a.role == Role.INFOMASTER or a.unit_id in media_units for a in _assignments(user))


def inquiries_visible_to(user):
    """Nyheter och media and the infomaster see every inquiry; a communications lead those
    of their administration and the units below it; a spokesperson those assigned to them."""
    everything = MediaInquiry.objects.all()
    if not user.is_active:
        return everything.none()
    if is_media_staff(user):
        return everything
    led = [a.unit for a in _assignments(user) if a.role == Role.COMMUNICATIONS_LEAD]
    units = {unit.pk for lead_unit in led for unit in [lead_unit, *lead_unit.descendants()]}
    return everything.filter(Q(administration__in=units) | Q(spokesperson__user=user))


class InquiryPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return inquiries_visible_to(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return MediaInquiry.objects.none()
        return inquiries_visible_to(user)


class MediaStaffPermissionPolicy(ModelPermissionPolicy):
    """Only Nyheter och media and the infomaster, whatever else a role grants."""

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and is_media_staff(user)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, actions) and is_media_staff(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.all()
