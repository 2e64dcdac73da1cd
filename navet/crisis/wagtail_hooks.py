from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from navet.organisation.roles import ROLE_PERMISSIONS_HOOK
from navet.web.banner import BANNER_HOOK
from navet.web.menu import MENU_LINKS_HOOK

from . import views
from .banner import crisis_banner
from .roles import crisis_permissions, leads_crisis_communication
from .roster_pages import menu_links

hooks.register(ROLE_PERMISSIONS_HOOK, crisis_permissions)
hooks.register(MENU_LINKS_HOOK, menu_links)
hooks.register(BANNER_HOOK, crisis_banner)


@hooks.register("register_admin_urls")
def register_crisis_urls():
    return [
        path("kris/", views.CrisisDeskView.as_view(), name="crisis_desk"),
        path("kris/jour/", views.RosterView.as_view(), name="crisis_roster"),
        path("kris/<int:pk>/", views.EventView.as_view(), name="crisis_event"),
        path(
            "kris/<int:pk>/<slug:action>/",
            views.EventActionView.as_view(),
            name="crisis_event_action",
        ),
        path(
            "kris/uppdatering/<int:pk>/<slug:action>/",
            views.UpdateActionView.as_view(),
            name="crisis_update_action",
        ),
        path(
            "kris/uppdatering/<int:pk>/oversatt/<str:language>/",
            views.TranslateUpdateView.as_view(),
            name="crisis_translate_update",
        ),
        path("kris/<int:pk>/logg.csv", views.export_log, name="crisis_log_export"),
    ]


class CrisisMenuItem(MenuItem):
    def is_shown(self, request):
        return leads_crisis_communication(request.user)


@hooks.register("register_admin_menu_item")
def register_crisis_menu_item():
    return CrisisMenuItem(
        _("Crisis"), reverse("crisis_desk"), icon_name="warning", name="crisis", order=150
    )
