"""The social media accounts in the admin beyond their snippet views (W4.3): the report of
approved accounts that need attention, and the dashboard notice of accounts waiting in
their approval chain for the head editors and the communications staff."""

from django.contrib.admin.utils import quote
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from .models import SocialMediaAccount
from .selectors import accounts_needing_attention, pending_accounts_for

URL_NAMESPACE = "wagtailsnippets_governance_socialmediaaccount"


def account_admin_url(account, user) -> str:
    """Where `user` opens the account in the admin: its editor when they may change it,
    otherwise the read-only view."""
    return AdminURLFinder(user).get_edit_url(account) or reverse(
        f"{URL_NAMESPACE}:inspect", args=[quote(account.pk)]
    )


class AccountsNeedingAttentionReportView(ReportView):
    """W4.3: approved accounts whose administrators no longer hold a role, or whose review
    date has passed – for the communications staff, with CSV and Excel export."""

    page_title = _("Accounts to look over")
    header_icon = "globe"
    index_url_name = "navet_accounts_needing_attention"
    index_results_url_name = "navet_accounts_needing_attention_results"
    model = SocialMediaAccount
    any_permission_required = ["view"]
    list_export = ["title", "unit_name", "review_by", "reasons_text", "url"]
    export_headings = {
        "title": _("Account"),
        "unit_name": _("Owning unit"),
        "review_by": _("Review by"),
        "reasons_text": _("Why"),
        "url": _("Address"),
    }

    @cached_property
    def columns(self):
        user = self.request.user
        return [
            TitleColumn(
                "title",
                label=_("Account"),
                get_url=lambda account: account_admin_url(account, user),
            ),
            Column("unit_name", label=_("Owning unit")),
            DateColumn("review_by", label=_("Review by")),
            Column("reasons_text", label=_("Why")),
        ]

    @cached_property
    def flagged(self) -> dict:
        return {account.pk: reasons for account, reasons in accounts_needing_attention()}

    def get_queryset(self):
        return (
            SocialMediaAccount.objects.filter(pk__in=list(self.flagged))
            .select_related("owning_unit")
            .order_by("platform", "handle", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        accounts = list(object_list)
        for account in accounts:
            account.unit_name = account.owning_unit.name
            account.reasons_text = " ".join(self.flagged.get(account.pk, []))
        return accounts

    def get_filename(self):
        return "konton-att-se-over"


class AccountsReportMenuItem(MenuItem):
    def is_shown(self, request):
        policy = policy_registry.get_by_type(SocialMediaAccount)
        return policy.user_has_any_permission(request.user, ["view"])


class PendingAccountsPanel(Component):
    """W4.3: the notice to the head editor and the communications staff – the accounts of
    their part of the organisation that wait in their approval chain."""

    name = "navet_pending_accounts"
    order = 60
    template_name = "governance/pending_accounts_panel.html"

    def __init__(self, *, user):
        self.user = user

    def items(self) -> list[dict]:
        items = []
        for account in pending_accounts_for(self.user):
            state = account.current_workflow_state
            task_state = account.current_workflow_task_state
            items.append(
                {
                    "account": account,
                    "url": account_admin_url(account, self.user),
                    "step": task_state.task.name if task_state else "",
                    "requested_by": state.requested_by if state else None,
                    "since": state.created_at if state else None,
                }
            )
        return items

    def render_html(self, parent_context=None):
        items = self.items()
        if not items:
            return ""
        return render_to_string(self.template_name, {"items": items})


def admin_urls():
    view = AccountsNeedingAttentionReportView
    return [
        path("reports/konton/", view.as_view(), name="navet_accounts_needing_attention"),
        path(
            "reports/konton/results/",
            view.as_view(results_only=True),
            name="navet_accounts_needing_attention_results",
        ),
    ]


def reports_menu_item():
    return AccountsReportMenuItem(
        _("Accounts to look over"),
        reverse("navet_accounts_needing_attention"),
        icon_name="globe",
        order=65,
    )


def add_pending_accounts_panel(request, panels):
    panels.append(PendingAccountsPanel(user=request.user))
