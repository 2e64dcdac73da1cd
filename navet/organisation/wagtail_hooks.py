from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .permissions import STRUCTURE_REFUSAL, can_manage_structure
from .views import OrganisationViewSetGroup

register_snippet(OrganisationViewSetGroup)


@hooks.register("before_move_page")
def refuse_move_without_structure_right(request, page_to_move, destination):
    if not can_manage_structure(user=request.user, page=page_to_move):
        messages.error(request, STRUCTURE_REFUSAL)
        return redirect("wagtailadmin_explore", page_to_move.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_move_without_structure_right(request, action_type, objects, action_class):
    if action_type != "move":
        return None
    if all(can_manage_structure(user=request.user, page=page) for page in objects):
        return None
    messages.error(request, STRUCTURE_REFUSAL)
    return redirect("wagtailadmin_explore_root")
