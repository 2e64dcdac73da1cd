from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from navet.editorial.selectors import REVIEWED_MODELS_HOOK
from navet.organisation.roles import ROLE_PERMISSIONS_HOOK
from navet.web.search import HITS_HOOK

from . import import_views
from .checks import uniform_format_problems
from .models import Association, Provider, Service
from .permissions import CommitteePermissionPolicy
from .roles import directory_permissions
from .search import directory_hits
from .views import DirectoriesViewSetGroup

# Before the viewsets, which would otherwise make the plain model policy theirs.
for entry_model in (Service, Provider, Association):
    register_permission_policy(entry_model, CommitteePermissionPolicy(entry_model))
register_snippet(DirectoriesViewSetGroup)
hooks.register("navet_publishing_checks", uniform_format_problems)
hooks.register(ROLE_PERMISSIONS_HOOK, directory_permissions)
hooks.register(HITS_HOOK, directory_hits)
hooks.register(REVIEWED_MODELS_HOOK, lambda: [Service, Provider, Association])
# The import of evaluation figures (W3.4), under Reports.
hooks.register("register_admin_urls", import_views.admin_urls)
hooks.register("register_reports_menu_item", import_views.menu_item)
hooks.register("register_log_actions", import_views.register_log_actions)
