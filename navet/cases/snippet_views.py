"""The function mailboxes in the admin: their address, IMAP reading and decided process."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FunctionMailbox


class FunctionMailboxViewSet(SnippetViewSet):
    model = FunctionMailbox
    icon = "mail"
    menu_label = _("Function mailboxes")
    menu_name = "function_mailboxes"
    add_to_admin_menu = False
    list_display = ["name", "address", "handling_unit", "answer_goal_hours"]
    search_fields = ["name", "address"]
