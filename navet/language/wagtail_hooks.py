from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .views import LanguageReportView, PlainLanguageViewSetGroup

register_snippet(PlainLanguageViewSetGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/klarsprak/", LanguageReportView.as_view(), name="navet_language_report"),
        path(
            "reports/klarsprak/results/",
            LanguageReportView.as_view(results_only=True),
            name="navet_language_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_language_report_menu_item():
    return MenuItem(
        _("Plain language"), reverse("navet_language_report"), icon_name="doc-full", order=60
    )
