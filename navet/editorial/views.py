import datetime

import django_filters
from django.db.models import F, OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, PageLogEntry

from navet.organisation.models import Unit

from .selectors import overdue_pages, pages_with_review_dates
from .services import REFUSED

REFUSALS_SHOWN_FOR = datetime.timedelta(days=30)


class OverdueFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.all(),
        method="filter_unit",
        empty_label=gettext_lazy("All units"),
    )

    class Meta:
        model = Page
        fields = []

    def filter_unit(self, queryset, name, value):
        units = [value, *value.descendants()]
        return queryset.filter(owning_unit_id__in=[unit.pk for unit in units])


class OverdueReviewReportView(ReportView):
    """W3.3d: live pages whose review date has passed, per unit, oldest first; CSV and
    Excel export for the web council."""

    page_title = gettext_lazy("Pages due for review")
    header_icon = "time"
    index_url_name = "navet_overdue_pages"
    index_results_url_name = "navet_overdue_pages_results"
    filterset_class = OverdueFilterSet
    model = Page
    columns = [
        TitleColumn("title", label=gettext_lazy("Page"), url_name="wagtailadmin_pages:edit"),
        Column("unit_name", label=gettext_lazy("Unit")),
        DateColumn("review_by", label=gettext_lazy("Review by")),
        DateColumn("last_published_at", label=gettext_lazy("Last published")),
    ]
    list_export = ["title", "unit_name", "review_by", "last_published_at", "url_path"]
    export_headings = {
        "title": gettext_lazy("Page"),
        "unit_name": gettext_lazy("Unit"),
        "review_by": gettext_lazy("Review by"),
        "last_published_at": gettext_lazy("Last published"),
        "url_path": gettext_lazy("Path"),
    }

    def get_queryset(self):
        unit_name = Unit.objects.filter(pk=OuterRef("owning_unit_id")).values("name")[:1]
        return overdue_pages().annotate(unit_name=Subquery(unit_name))

    def get_filename(self):
        return "sidor-att-granska"


class LanguageReportView(ReportView):
    """W3.3e: every page with its LIX and number of findings, worst first; CSV for the web
    council."""

    page_title = gettext_lazy("Plain language")
    header_icon = "doc-full"
    index_url_name = "navet_language_report"
    index_results_url_name = "navet_language_report_results"
    filterset_class = OverdueFilterSet
    model = Page
    columns = [
        TitleColumn("title", label=gettext_lazy("Page"), url_name="wagtailadmin_pages:edit"),
        Column("unit_name", label=gettext_lazy("Unit")),
        Column("review_lix", label=gettext_lazy("LIX")),
        Column("review_errors", label=gettext_lazy("Errors")),
        Column("review_warnings", label=gettext_lazy("Warnings")),
        Column("review_advice", label=gettext_lazy("Advice")),
    ]
    list_export = [
        "title",
        "unit_name",
        "review_lix",
        "review_errors",
        "review_warnings",
        "review_advice",
        "url_path",
    ]
    export_headings = {
        "title": gettext_lazy("Page"),
        "unit_name": gettext_lazy("Unit"),
        "review_lix": gettext_lazy("LIX"),
        "review_errors": gettext_lazy("Errors"),
        "review_warnings": gettext_lazy("Warnings"),
        "review_advice": gettext_lazy("Advice"),
        "url_path": gettext_lazy("Path"),
    }

    def get_queryset(self):
        unit_name = Unit.objects.filter(pk=OuterRef("owning_unit_id")).values("name")[:1]
        return (
            pages_with_review_dates()
            .filter(language_review__isnull=False)
            .annotate(
                unit_name=Subquery(unit_name),
                review_lix=F("language_review__lix"),
                review_errors=F("language_review__errors"),
                review_warnings=F("language_review__warnings"),
                review_advice=F("language_review__advice"),
            )
            .order_by("-review_errors", "-review_warnings", "-review_lix", "title")
        )

    def get_filename(self):
        return "klarsprak"


class ScheduledRefusalFormatter(LogFormatter):
    """The audit log's line for a scheduled revision the rules refused, with the rule ids."""

    label = gettext_lazy("Scheduled publishing refused")

    def format_message(self, log_entry):
        rules = ", ".join(log_entry.data.get("rules", []))
        return _("Scheduled publishing refused (rules %(rules)s)") % {"rules": rules}

    def format_comment(self, log_entry):
        return " ".join(log_entry.data.get("reasons", []))


class ScheduledRefusalsPanel(Component):
    """Dashboard notice for the author and approvers of scheduled revisions that the
    publishing rules refused in the last 30 days."""

    name = "navet_scheduled_refusals"
    order = 50
    template_name = "editorial/scheduled_refusals_panel.html"

    def __init__(self, *, user):
        self.user = user

    def refusals(self) -> list:
        since = timezone.now() - REFUSALS_SHOWN_FOR
        entries = PageLogEntry.objects.filter(action=REFUSED, timestamp__gte=since)
        mine = [entry for entry in entries if self.user.pk in entry.data.get("notified", [])]
        return sorted(mine, key=lambda entry: entry.timestamp, reverse=True)

    def render_html(self, parent_context=None):
        refusals = self.refusals()
        if not refusals:
            return ""
        return render_to_string(self.template_name, {"refusals": refusals})
