from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from navet.organisation.roles import ROLE_PERMISSIONS_HOOK

from . import reports
from .models import DomainException, SocialMediaAccount
from .permissions import OwnUnitPermissionPolicy
from .roles import governance_permissions
from .views import GovernanceViewSetGroup

# Before the viewsets, which would otherwise make the plain model policy theirs.
for request_model in (SocialMediaAccount, DomainException):
    register_permission_policy(request_model, OwnUnitPermissionPolicy(request_model))
register_snippet(GovernanceViewSetGroup)
hooks.register(ROLE_PERMISSIONS_HOOK, governance_permissions)

# W3.6, K5: the registered domains count as the municipality's own; the registers' reports.
from django.urls import path, reverse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402

from navet.language.domains import OWN_DOMAINS_HOOK  # noqa: E402

from . import domains, register_reports  # noqa: E402

hooks.register(OWN_DOMAINS_HOOK, domains.registered_domains)


@hooks.register("register_admin_urls")
def register_register_report_urls():
    return [
        path(
            "reports/liknande-domaner/",
            register_reports.LookAlikeLinksReportView.as_view(),
            name="navet_look_alike_links",
        ),
        path(
            "reports/liknande-domaner/results/",
            register_reports.LookAlikeLinksReportView.as_view(results_only=True),
            name="navet_look_alike_links_results",
        ),
        path(
            "reports/beslutslogg/",
            register_reports.DecisionLogReportView.as_view(),
            name="navet_register_decisions",
        ),
        path(
            "reports/beslutslogg/results/",
            register_reports.DecisionLogReportView.as_view(results_only=True),
            name="navet_register_decisions_results",
        ),
        path(
            "styrning/kanaler/",
            register_reports.ChannelsDigitalFirstView.as_view(),
            name="navet_channels_digital_first",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_look_alike_links_menu_item():
    return register_reports.RegisterReportMenuItem(
        _("Links to look-alike domains"),
        reverse("navet_look_alike_links"),
        icon_name="link-external",
        order=70,
        policy=register_reports.REGISTER_READERS,
    )


@hooks.register("register_reports_menu_item")
def register_decision_log_menu_item():
    return register_reports.RegisterReportMenuItem(
        _("Decision log of the registers"),
        reverse("navet_register_decisions"),
        icon_name="history",
        order=80,
        policy=register_reports.REGISTER_READERS,
    )


@hooks.register("register_reports_menu_item")
def register_channels_menu_item():
    return register_reports.RegisterReportMenuItem(
        _("Channels – digital first"),
        reverse("navet_channels_digital_first"),
        icon_name="radio-full",
        order=90,
        policy=register_reports.CHANNEL_READERS,
    )


# W4.3: the accounts to look over, and the notice of accounts waiting for approval.
hooks.register("register_admin_urls", reports.admin_urls)
hooks.register("register_reports_menu_item", reports.reports_menu_item)
hooks.register("construct_homepage_panels", reports.add_pending_accounts_panel)
