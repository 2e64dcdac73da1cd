from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import checks, crossing, services
from .views import (
    LanguageReportView,
    OverdueReviewReportView,
    ScheduledRefusalFormatter,
    ScheduledRefusalsPanel,
)

hooks.register(checks.HOOK, services.check_editorial_rules, order=-10)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/granska/", OverdueReviewReportView.as_view(), name="navet_overdue_pages"),
        path(
            "reports/granska/results/",
            OverdueReviewReportView.as_view(results_only=True),
            name="navet_overdue_pages_results",
        ),
        path("reports/klarsprak/", LanguageReportView.as_view(), name="navet_language_report"),
        path(
            "reports/klarsprak/results/",
            LanguageReportView.as_view(results_only=True),
            name="navet_language_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_overdue_report_menu_item():
    return MenuItem(
        _("Pages due for review"), reverse("navet_overdue_pages"), icon_name="time", order=50
    )


@hooks.register("register_reports_menu_item")
def register_language_report_menu_item():
    return MenuItem(
        _("Plain language"), reverse("navet_language_report"), icon_name="doc-full", order=60
    )


@hooks.register("register_log_actions")
def register_refusal_log_action(actions):
    actions.register_action(services.REFUSED)(ScheduledRefusalFormatter)


@hooks.register("construct_homepage_panels")
def add_scheduled_refusals_panel(request, panels):
    panels.insert(0, ScheduledRefusalsPanel(user=request.user))


@hooks.register("before_move_page")
def refuse_cross_site_move(request, page_to_move, destination):
    if crossing.crosses_sites(page_to_move, destination):
        messages.error(request, crossing.MOVE_REFUSAL)
        return redirect("wagtailadmin_explore", page_to_move.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_cross_site_bulk_move(request, action_type, objects, action_class):
    destination = crossing.posted_destination(request, "chooser")
    if action_type != "move" or destination is None:
        return None
    if any(crossing.crosses_sites(page, destination) for page in objects):
        messages.error(request, crossing.MOVE_REFUSAL)
        return redirect("wagtailadmin_explore_root")
    return None


@hooks.register("before_copy_page")
def copy_into_the_other_site_only_as_a_draft(request, page):
    destination = crossing.posted_destination(request, "new_parent_page")
    if request.method != "POST" or destination is None:
        return None
    if not crossing.crosses_sites(page, destination):
        return None
    if request.POST.get("alias"):
        messages.error(request, crossing.ALIAS_REFUSAL)
        return redirect("wagtailadmin_pages:copy", page.pk)
    request.POST = request.POST.copy()
    request.POST.pop("publish_copies", None)
    messages.info(request, crossing.COPY_AS_DRAFT)
    return None


@hooks.register("after_copy_page")
def copies_into_the_other_site_never_start_live(request, page, new_page):
    if crossing.crosses_sites(page, new_page.get_parent()):
        crossing.unpublish_copies(new_page)
