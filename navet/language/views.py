from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from navet.editorial.selectors import pages_with_review_dates
from navet.editorial.views import OverdueFilterSet
from navet.organisation.models import Unit

from .models import JargonTerm, RuleSeverity


class JargonTermViewSet(SnippetViewSet):
    model = JargonTerm
    icon = "comment"
    menu_label = _("Internal terms")
    list_display = ["term", "explanation"]
    copy_view_enabled = False


class RuleSeverityViewSet(SnippetViewSet):
    model = RuleSeverity
    icon = "warning"
    menu_label = _("Rule severities")
    list_display = ["rule", "severity"]
    copy_view_enabled = False


class PlainLanguageViewSetGroup(SnippetViewSetGroup):
    items = (JargonTermViewSet, RuleSeverityViewSet)
    menu_icon = "doc-full"
    menu_label = _("Plain language")
    menu_name = "plain-language"
    menu_order = 260


class LanguageReportView(ReportView):
    """W3.3e: every page with its LIX and number of findings, worst first; CSV for the web
    council."""

    page_title = _("Plain language")
    header_icon = "doc-full"
    index_url_name = "navet_language_report"
    index_results_url_name = "navet_language_report_results"
    filterset_class = OverdueFilterSet
    model = Page
    columns = [
        TitleColumn("title", label=_("Page"), url_name="wagtailadmin_pages:edit"),
        Column("unit_name", label=_("Unit")),
        Column("review_lix", label=_("LIX")),
        Column("review_errors", label=_("Errors")),
        Column("review_warnings", label=_("Warnings")),
        Column("review_advice", label=_("Advice")),
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
        "title": _("Page"),
        "unit_name": _("Unit"),
        "review_lix": _("LIX"),
        "review_errors": _("Errors"),
        "review_warnings": _("Warnings"),
        "review_advice": _("Advice"),
        "url_path": _("Path"),
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
