from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from navet.editorial.checks import HOOK as PUBLISHING_CHECKS
from navet.organisation.roles import ROLE_PAGES_HOOK, ROLE_PERMISSIONS_HOOK

from .checks import press_item_problems
from .models import Consent, Delivery, MediaInquiry, Subscriber
from .permissions import InquiryPermissionPolicy, MediaStaffPermissionPolicy
from .roles import press_permissions, press_room_pages
from .views import InquirySummaryView, PressViewSetGroup

# Before the viewsets, which would otherwise make the plain model policy theirs.
register_permission_policy(MediaInquiry, InquiryPermissionPolicy(MediaInquiry))
for personal_data in (Subscriber, Consent, Delivery):
    register_permission_policy(personal_data, MediaStaffPermissionPolicy(personal_data))
register_snippet(PressViewSetGroup)
hooks.register(ROLE_PERMISSIONS_HOOK, press_permissions)
hooks.register(ROLE_PAGES_HOOK, press_room_pages)
hooks.register(PUBLISHING_CHECKS, press_item_problems)


class InquirySummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return InquiryPermissionPolicy(MediaInquiry).user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_inquiry_summary_url():
    return [
        path(
            "reports/medieforfragningar/",
            InquirySummaryView.as_view(),
            name="navet_press_inquiry_summary",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_inquiry_summary_menu_item():
    return InquirySummaryMenuItem(
        _("Media inquiries per month"),
        reverse("navet_press_inquiry_summary"),
        icon_name="help",
        order=100,
    )
