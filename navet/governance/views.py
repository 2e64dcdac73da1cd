"""The registers in the admin (Styrning): snippet viewsets; a request of another part of the
organisation cannot be changed (see `permissions`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from navet.organisation.snippet_views import ScopedSnippetViewSet

from .models import (
    Channel,
    ChannelAudience,
    DomainException,
    OwnDomain,
    SocialMediaAccount,
)


class RequestViewSet(ScopedSnippetViewSet):
    # Everyone with the register may see every request; changing is one's own part's.
    listed_for = ["view"]


class SocialMediaAccountViewSet(RequestViewSet):
    model = SocialMediaAccount
    icon = "globe"
    menu_label = _("Social media accounts")
    list_display = ["handle", "platform", "owning_unit", "official", DateColumn("review_by")]
    list_filter = ["platform", "official", "live"]
    search_fields = ["handle", "purpose"]


class DomainExceptionViewSet(RequestViewSet):
    model = DomainException
    icon = "link-external"
    menu_label = _("Domain exceptions")
    list_display = ["domain", "owning_unit", "decision_reference", DateColumn("expires_on")]
    list_filter = ["live"]
    search_fields = ["domain", "purpose", "decision_reference"]


class OwnDomainViewSet(SnippetViewSet):
    model = OwnDomain
    icon = "site"
    menu_label = _("Own domains")


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "radio-full"
    menu_label = _("Channels")
    list_display = ["name", "kind", "owning_unit", "is_digital", "primary_in_crisis", "priority"]
    list_filter = ["kind", "is_digital", "primary_in_crisis", "audiences"]


class ChannelAudienceViewSet(SnippetViewSet):
    model = ChannelAudience
    icon = "group"
    menu_label = _("Audiences")


class GovernanceViewSetGroup(SnippetViewSetGroup):
    items = (
        SocialMediaAccountViewSet,
        DomainExceptionViewSet,
        OwnDomainViewSet,
        ChannelViewSet,
        ChannelAudienceViewSet,
    )
    menu_icon = "clipboard-list"
    menu_label = _("Governance")
    menu_name = "governance"
    menu_order = 260
