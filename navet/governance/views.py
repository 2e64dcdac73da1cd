"""The registers in the admin (Styrning): snippet viewsets; a request of another part of the
organisation cannot be changed (see `permissions`)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import DateColumn
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Channel,
    ChannelAudience,
    DomainException,
    OwnDomain,
    SocialMediaAccount,
)


class OwnRequestOnly:
    instance_permission = "change"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_permission, instance
        ):
            raise PermissionDenied
        return instance


class RequestEditView(OwnRequestOnly, snippets.EditView):
    pass


class RequestDeleteView(OwnRequestOnly, snippets.DeleteView):
    instance_permission = "delete"


class RequestViewSet(SnippetViewSet):
    edit_view_class = RequestEditView
    delete_view_class = RequestDeleteView
    inspect_view_enabled = True

    def get_queryset(self, request):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(request.user, ["view"])


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
