"""The registers' reports in the admin: outbound links to look-alike domains (W3.6), the
channels digital first (K5) and the registers' decision log for the web council."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from .channels import channels_by_audience
from .decisions import action_label, describe, register_content_types, register_log_entries
from .domains import look_alike_links
from .models import Channel, DomainException

# Who may read the registers may read their reports: every role with a part in them.
REGISTER_READERS = ModelPermissionPolicy(DomainException)
CHANNEL_READERS = ModelPermissionPolicy(Channel)


class RegisterReportMenuItem(MenuItem):
    """Shown to those who may read the report."""

    def __init__(self, *args, policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy

    def is_shown(self, request):
        return self.policy.user_has_permission(request.user, "view")


def local_time(value) -> str:
    return format_date(timezone.localtime(value), "Y-m-d H:i") if value else ""


class LocalTimeColumn(Column):
    """A time as 2026-03-14 09:05 in the municipality's time zone."""

    def get_value(self, instance):
        return local_time(super().get_value(instance))


class LookAlikeLinksReportView(ReportView):
    """W3.6: links on the sites' live pages to hosts that look like the municipality's
    domain but are neither registered nor an exception in force – a campaign site set up
    without a decision, or a typo-squatter."""

    page_title = _("Links to look-alike domains")
    header_icon = "link-external"
    index_url_name = "navet_look_alike_links"
    index_results_url_name = "navet_look_alike_links_results"
    permission_policy = REGISTER_READERS
    permission_required = "view"
    columns = [
        TitleColumn("title", label=_("Page"), get_url=lambda row: row.edit_url),
        Column("url", label=_("Link")),
        Column("host", label=_("Host")),
    ]
    list_export = ["title", "edit_url", "url", "host"]
    export_headings = {
        "title": _("Page"),
        "edit_url": _("Edit"),
        "url": _("Link"),
        "host": _("Host"),
    }

    def get_queryset(self):
        return look_alike_links()

    def get_filename(self):
        return "lankar-till-liknande-domaner"


class ChannelsDigitalFirstView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """K5: for each audience its digital channels by priority, then the others that
    complement them, with owner, purpose and the primary channels in a crisis."""

    template_name = "governance/channels_digital_first.html"
    page_title = _("Channels – digital first")
    header_icon = "radio-full"
    permission_policy = CHANNEL_READERS
    permission_required = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = channels_by_audience()
        return context


# Offered in the action filter even before the log has them.
DECISION_ACTIONS = (
    "wagtail.create",
    "wagtail.edit",
    "wagtail.delete",
    "wagtail.publish",
    "wagtail.unpublish",
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.cancel",
)


class DecisionLogFilterSet(WagtailFilterSet):
    register = django_filters.ChoiceFilter(
        label=_("Register"), method="filter_register", empty_label=_("All registers")
    )
    action = django_filters.ChoiceFilter(label=_("Action"), empty_label=_("All actions"))
    timestamp = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    user = django_filters.ModelChoiceFilter(
        label=_("Who"), queryset=get_user_model().objects.none(), empty_label=_("Everyone")
    )

    class Meta:
        model = ModelLogEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["register"].extra["choices"] = [
            (str(content_type.pk), content_type.model_class()._meta.verbose_name_plural)
            for content_type in register_content_types()
        ]
        used = self.queryset.get_actions() | set(DECISION_ACTIONS)
        self.filters["action"].extra["choices"] = sorted(
            ((action, action_label(action)) for action, _label in self.action_choices(used)),
            key=lambda choice: str(choice[1]),
        )
        User = get_user_model()
        self.filters["user"].queryset = User.objects.filter(
            pk__in=self.queryset.get_user_ids()
        ).order_by(User.USERNAME_FIELD)

    @staticmethod
    def action_choices(used):
        return [choice for choice in log_action_registry.get_choices() if choice[0] in used]

    def filter_register(self, queryset, name, value):
        return queryset.filter(content_type_id=value)


class DecisionLogReportView(ReportView):
    """The registers' decision log for the web council: requests, decisions by the
    approval chains' steps with the approvers' comments and the reasons for refusals,
    changes and withdrawals, with the decisions' references."""

    page_title = _("Decision log of the registers")
    header_icon = "history"
    index_url_name = "navet_register_decisions"
    index_results_url_name = "navet_register_decisions_results"
    model = ModelLogEntry
    filterset_class = DecisionLogFilterSet
    permission_policy = REGISTER_READERS
    permission_required = "view"
    columns = [
        LocalTimeColumn("timestamp", label=_("Time")),
        Column("register", label=_("Register")),
        TitleColumn("object_label", label=_("Entry"), get_url=lambda row: row.edit_url),
        Column("action_label", label=_("Action")),
        Column("who", label=_("Who")),
        Column("step", label=_("Step")),
        Column("comment", label=_("Comment or reason")),
        Column("decision_reference", label=_("Decision reference")),
    ]
    list_export = [
        "timestamp",
        "register",
        "object_label",
        "action_label",
        "who",
        "step",
        "comment",
        "decision_reference",
    ]
    export_headings = {
        "timestamp": _("Time"),
        "register": _("Register"),
        "object_label": _("Entry"),
        "action_label": _("Action"),
        "who": _("Who"),
        "step": _("Step"),
        "comment": _("Comment or reason"),
        "decision_reference": _("Decision reference"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "timestamp": {self.FORMAT_CSV: local_time, self.FORMAT_XLSX: local_time},
        }

    @cached_property
    def base_queryset(self):
        return register_log_entries()

    def get_queryset(self):
        return self.base_queryset

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.base_queryset}

    def describe(self, entries):
        return describe(entries, url_finder=AdminURLFinder(self.request.user))

    def get_table(self, object_list):
        # The table is built from the page of log entries before the report decorates it.
        if self.is_export:
            return super().get_table(object_list)  # not rendered
        return super().get_table(self.describe(object_list))

    def decorate_paginated_queryset(self, object_list):
        return self.describe(object_list) if self.is_export else object_list

    def get_filename(self):
        return "beslutslogg-registren-" + timezone.localdate().isoformat()
