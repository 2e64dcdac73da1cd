from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
