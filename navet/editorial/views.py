import django_filters
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from navet.organisation.models import Unit

from .selectors import overdue_pages


class OverdueFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"),
        queryset=Unit.objects.all(),
        method="filter_unit",
        empty_label=_("All units"),
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

    page_title = _("Pages due for review")
    header_icon = "time"
    index_url_name = "navet_overdue_pages"
    index_results_url_name = "navet_overdue_pages_results"
    filterset_class = OverdueFilterSet
    model = Page
    columns = [
        TitleColumn("title", label=_("Page"), url_name="wagtailadmin_pages:edit"),
        Column("unit_name", label=_("Unit")),
        DateColumn("review_by", label=_("Review by")),
        DateColumn("last_published_at", label=_("Last published")),
    ]
    list_export = ["title", "unit_name", "review_by", "last_published_at", "url_path"]
    export_headings = {
        "title": _("Page"),
        "unit_name": _("Unit"),
        "review_by": _("Review by"),
        "last_published_at": _("Last published"),
        "url_path": _("Path"),
    }

    def get_queryset(self):
        unit_name = Unit.objects.filter(pk=OuterRef("owning_unit_id")).values("name")[:1]
        return overdue_pages().annotate(unit_name=Subquery(unit_name))

    def get_filename(self):
        return "sidor-att-granska"
