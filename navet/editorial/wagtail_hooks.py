from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import checks, services
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
