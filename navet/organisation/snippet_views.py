"""Snippet viewsets whose objects belong to units: Wagtail checks the model permission,
these also ask the model's permission policy about the one object, so that a role held in
one unit gives no access to another unit's entries (the policies are the apps' own)."""

from django.core.exceptions import PermissionDenied
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet


class InstancePermissionRequired:
    """Refuses an object the user may not `instance_permission`, whatever the view does."""

    instance_permission = "change"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_permission, instance
        ):
            raise PermissionDenied
        return instance


class ScopedEditView(InstancePermissionRequired, snippets.EditView):
    pass


class ScopedDeleteView(InstancePermissionRequired, snippets.DeleteView):
    instance_permission = "delete"


class ScopedUnpublishView(InstancePermissionRequired, snippets.UnpublishView):
    instance_permission = "publish"


class ScopedLockView(InstancePermissionRequired, snippets.LockView):
    pass


class ScopedUnlockView(InstancePermissionRequired, snippets.UnlockView):
    pass


class ScopedUnscheduleView(InstancePermissionRequired, snippets.RevisionsUnscheduleView):
    pass


class ScopedSnippetViewSet(SnippetViewSet):
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    unpublish_view_class = ScopedUnpublishView
    lock_view_class = ScopedLockView
    unlock_view_class = ScopedUnlockView
    revisions_unschedule_view_class = ScopedUnscheduleView
    inspect_view_enabled = True
    # The listing shows the objects the user may do this with.
    listed_for = ["change"]

    def get_queryset(self, request):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(request.user, self.listed_for)
