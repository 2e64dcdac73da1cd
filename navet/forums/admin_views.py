"""The forums and the campaign plan in the admin (Forum och nätverk)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Campaign, Forum


class ForumViewSet(SnippetViewSet):
    model = Forum
    icon = "group"
    menu_label = _("Forums and networks")
    list_display = ["name", "frequency", "chair_role", "chair_unit"]
    search_fields = ["name", "purpose"]


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "date"
    menu_label = _("Campaign plan")
    list_display = ["name", "owner", DateColumn("starts_on"), DateColumn("ends_on"), "status"]
    list_filter = ["status", "owner", "channels", "audiences"]
    search_fields = ["name", "description"]


class ForumsViewSetGroup(SnippetViewSetGroup):
    items = (ForumViewSet, CampaignViewSet)
    menu_icon = "group"
    menu_label = _("Forums")
    menu_name = "forums"
    menu_order = 270
