from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from navet.organisation.roles import ROLE_PERMISSIONS_HOOK

from . import compliance_views, views
from .retention import decision_for
from .roles import archive_permissions

hooks.register(ROLE_PERMISSIONS_HOOK, archive_permissions)


@hooks.register("register_admin_viewset")
def register_retention_decisions():
    return views.RetentionDecisionViewSet()


@hooks.register("register_admin_urls")
def register_archive_urls():
    return [
        path("arkiv/", views.archive_index, name="navet_archive"),
        path("arkiv/sida/<int:page_id>/", views.page_archive, name="navet_archive_page"),
        path("arkiv/version/<int:capture_id>/", views.capture_detail, name="navet_archive_capture"),
        path("arkiv/version/<int:capture_id>/visa/", views.replay, name="navet_archive_replay"),
        path(
            "arkiv/version/<int:capture_id>/resurs/",
            views.replay_resource,
            name="navet_archive_resource",
        ),
        path("arkiv/datum/", views.site_on_date, name="navet_archive_site_on_date"),
        path("arkiv/export/<int:year>/", views.export_year, name="navet_archive_export"),
        path("arkiv/gallring/", views.culling_report, name="navet_archive_culling"),
        path("arkiv/gallring/gallra/", views.cull_selected, name="navet_archive_cull"),
        path("efterlevnad/", compliance_views.compliance, name="navet_compliance"),
        path("efterlevnad/csv/", compliance_views.compliance_csv, name="navet_compliance_csv"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ArchiveSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("archive.view_capture") or request.user.has_perm(
            "archive.view_compliancesnapshot"
        )


@hooks.register("register_admin_menu_item")
def register_archive_menu():
    items = [
        PermissionMenuItem(
            gettext_lazy("Archived versions"),
            reverse("navet_archive"),
            icon_name="folder-inverse",
            order=10,
            permission="archive.view_capture",
        ),
        PermissionMenuItem(
            gettext_lazy("Due for culling"),
            reverse("navet_archive_culling"),
            icon_name="bin",
            order=20,
            permission="archive.cull_capture",
        ),
        PermissionMenuItem(
            gettext_lazy("Retention decisions"),
            reverse("retention_decisions:index"),
            icon_name="clipboard-list",
            order=30,
            permission="archive.view_retentiondecision",
        ),
        PermissionMenuItem(
            gettext_lazy("Compliance"),
            reverse("navet_compliance"),
            icon_name="tasks",
            order=40,
            permission="archive.view_compliancesnapshot",
        ),
    ]
    return ArchiveSubmenu(
        gettext_lazy("Archive"),
        Menu(items=items),
        icon_name="folder-inverse",
        name="archive",
        order=270,
    )


class PageArchiveButton(PageMenuItem):
    label = gettext_lazy("Archive")
    icon_name = "folder-inverse"
    url_name = "navet_archive_page"
    priority = 66


@hooks.register("register_page_header_buttons")
def page_archive_button(page, user, view_name, next_url=None):
    if page.pk and user.has_perm("archive.view_capture"):
        yield PageArchiveButton(page=page)


@hooks.register("before_edit_page")
def show_retention_decision(request, page):
    """W3.7: the editor sees which retention decision the page is archived under."""
    if request.method != "GET":
        return None
    decision = decision_for(page)
    if decision is None:
        text = _("Archiving (W3.7): no retention decision covers this page; every version is kept.")
    else:
        text = _("Archiving (W3.7): %(title)s, %(reference)s – %(summary)s.") % {
            "title": decision.title,
            "reference": decision.reference,
            "summary": decision.summary,
        }
    messages.info(request, text)
    return None


@hooks.register("register_log_actions")
def register_cull_action(actions):
    actions.register_action(
        "navet_archive.cull",
        gettext_lazy("Culled from the archive"),
        gettext_lazy("Culled from the archive under its retention decision"),
    )


@hooks.register("insert_global_admin_css")
def archive_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("archive/archive.css"))
