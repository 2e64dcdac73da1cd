from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from navet.organisation.roles import ROLE_PERMISSIONS_HOOK

from .models import DomainException, SocialMediaAccount
from .permissions import OwnUnitPermissionPolicy
from .roles import governance_permissions
from .views import GovernanceViewSetGroup

# Before the viewsets, which would otherwise make the plain model policy theirs.
for request_model in (SocialMediaAccount, DomainException):
    register_permission_policy(request_model, OwnUnitPermissionPolicy(request_model))
register_snippet(GovernanceViewSetGroup)
hooks.register(ROLE_PERMISSIONS_HOOK, governance_permissions)
