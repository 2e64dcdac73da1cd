from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import AccountCreationForm, AccountEditForm
from .models import Person, RoleAssignment, Unit


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name", "kind", "parent", "email"]
    list_filter = ["kind"]
    ordering = ["name"]
    copy_view_enabled = False


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["full_name", "title", "unit", "email", Column("user", label=_("account"))]
    list_filter = ["unit"]
    copy_view_enabled = False


class RoleAssignmentViewSet(SnippetViewSet):
    model = RoleAssignment
    icon = "key"
    menu_label = _("Role assignments")
    list_display = [
        "person",
        "role",
        "unit",
        "valid_from",
        "valid_to",
        BooleanColumn("is_active", label=_("active")),
    ]
    list_filter = ["role", "unit"]
    copy_view_enabled = False


class OrganisationViewSetGroup(SnippetViewSetGroup):
    items = (UnitViewSet, PersonViewSet, RoleAssignmentViewSet)
    menu_icon = "site"
    menu_label = _("Organisation")
    menu_name = "organisation"
    menu_order = 250


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else AccountCreationForm
