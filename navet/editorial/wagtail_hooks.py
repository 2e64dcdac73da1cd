from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import OverdueReviewReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/granska/",
            OverdueReviewReportView.as_view(),
            name="navet_overdue_pages",
        ),
        path(
            "reports/granska/results/",
            OverdueReviewReportView.as_view(results_only=True),
            name="navet_overdue_pages_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_overdue_report_menu_item():
    return MenuItem(
        _("Pages due for review"),
        reverse("navet_overdue_pages"),
        icon_name="time",
        order=50,
    )
