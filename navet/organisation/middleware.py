from django.utils import timezone

from . import services

SESSION_KEY = "navet_roles_synced_on"


class RoleGroupRefreshMiddleware:
    """Assignments start and end by date. The first request of a new day re-derives the
    signed-in user's groups, so an ended assignment stops working that day without any edit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_superuser:
            today = timezone.localdate().isoformat()
            if request.session.get(SESSION_KEY) != today:
                services.sync_role_groups(user=user)
                request.session[SESSION_KEY] = today
        return self.get_response(request)
