from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from navet.organisation.roles import ROLE_PERMISSIONS_HOOK
from navet.web.menu import MENU_LINKS_HOOK

from . import views
from .models import Case
from .permissions import CasePermissionPolicy
from .request_views import menu_links
from .roles import cases_permissions
from .snippet_views import FunctionMailboxViewSet

register_permission_policy(Case, CasePermissionPolicy(Case))
register_snippet(FunctionMailboxViewSet)
hooks.register(ROLE_PERMISSIONS_HOOK, cases_permissions)
hooks.register(MENU_LINKS_HOOK, menu_links)


@hooks.register("register_admin_urls")
def register_case_urls():
    return [
        path("arenden/", views.CaseQueueView.as_view(), name="navet_cases"),
        path("arenden/<int:pk>/", views.CaseView.as_view(), name="navet_case"),
        path(
            "arenden/statistik/", views.CaseStatisticsView.as_view(), name="navet_case_statistics"
        ),
        path(
            "arenden/bilagor/<int:pk>/",
            views.AttachmentView.as_view(),
            name="navet_case_attachment",
        ),
        path(
            "arenden/karantan/<int:pk>/",
            views.QuarantinedMessageView.as_view(),
            name="navet_quarantined_message",
        ),
    ]


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Case).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return CasesMenuItem(_("Cases"), reverse("navet_cases"), icon_name="mail", order=250)
