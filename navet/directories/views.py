"""The directories in the admin: snippet viewsets whose entries only their own
administration's editors may change (see `permissions`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from navet.organisation.snippet_views import ScopedSnippetViewSet

from .models import (
    Activity,
    Area,
    Association,
    ChangeRequest,
    EvaluationFigure,
    EvaluationReport,
    Measure,
    Profile,
    Provider,
    Service,
    SpokenLanguage,
)


class ServiceViewSet(ScopedSnippetViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    list_display = ["name", "owning_unit", DateColumn("review_by", label=_("Review by"))]
    list_filter = ["owning_unit", "live"]
    search_fields = ["name", "summary"]


class ProviderViewSet(ScopedSnippetViewSet):
    model = Provider
    icon = "group"
    menu_label = _("Providers")
    list_display = [
        "name",
        "service",
        Column("operator", label=_("Operated by"), accessor="get_operator_display"),
        DateColumn("last_published_at", label=_("Last checked")),
        DateColumn("review_by", label=_("Review by")),
    ]
    list_filter = ["service", "operator", "live"]
    search_fields = ["name", "organisation", "organisation_number"]


class AssociationViewSet(ScopedSnippetViewSet):
    model = Association
    icon = "group"
    menu_label = _("Associations")
    list_display = [
        "name",
        "area",
        DateColumn("last_published_at", label=_("Last checked")),
        DateColumn("review_by", label=_("Review by")),
    ]
    list_filter = ["area", "activities", "live"]
    search_fields = ["name", "purpose"]


class ChangeRequestViewSet(SnippetViewSet):
    """What associations asked to change; the proposals themselves wait in the workflow."""

    model = ChangeRequest
    icon = "mail"
    menu_label = _("Change requests")
    list_display = ["association", "submitter_name", "submitter_email", "submitted_at"]
    add_view_enabled = False
    inspect_view_enabled = True


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "table"
    menu_label = _("Measures")
    list_display = ["name", "service", "source"]
    list_filter = ["service"]


class EvaluationFigureViewSet(SnippetViewSet):
    model = EvaluationFigure
    icon = "table"
    menu_label = _("Evaluation figures")
    list_display = ["provider", "measure", "year", "value", "published_on"]
    list_filter = ["measure__service", "year"]


class EvaluationReportViewSet(SnippetViewSet):
    model = EvaluationReport
    icon = "doc-full"
    menu_label = _("Evaluation reports")
    list_display = ["title", "provider", "year", "published_on"]


def _reference(model, icon="tag"):
    return type(f"{model.__name__}ViewSet", (SnippetViewSet,), {"model": model, "icon": icon})


class DirectoriesViewSetGroup(SnippetViewSetGroup):
    items = (
        ServiceViewSet,
        ProviderViewSet,
        MeasureViewSet,
        EvaluationFigureViewSet,
        EvaluationReportViewSet,
        AssociationViewSet,
        ChangeRequestViewSet,
        _reference(Area, "site"),
        _reference(SpokenLanguage),
        _reference(Profile),
        _reference(Activity),
    )
    menu_icon = "list-ul"
    menu_label = _("Directories")
    menu_name = "directories"
    menu_order = 250
